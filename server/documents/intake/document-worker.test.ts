// The document worker pool: the same result as reading and extracting inline, IntakeErrors passed
// through, limits (time, text, items, queue) answered with a Vietnamese AppError.
import { afterAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../../domain/errors/app-error.ts';
import { extractDocument } from '../../../domain/extraction/extract-document.ts';
import { DEFAULT_DOCUMENT_WORK_LIMITS, DocumentWorkPool } from './document-worker.ts';
import { IntakeError } from './intake-error.ts';
import { buildDocx } from './intake-test-fixtures.ts';
import { readDocument } from './read-document.ts';

const PLAN = `CÔNG ĐOÀN PHƯỜNG HÒA BÌNH
KẾ HOẠCH
thực hiện nhiệm vụ năm 2026

II. CHỈ TIÊU
1. Phấn đấu đến năm 2026 kết nạp 320 đoàn viên mới.
2. Hằng năm có trên 85% công đoàn cơ sở tổ chức hội nghị người lao động.
`;

const SLOW_START = new URL('./slow-start-test.worker.mjs', import.meta.url);

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (error) {
    return error as Error & { code?: string; kind?: string };
  }
  throw new Error('expected a refusal');
}

describe('DocumentWorkPool', () => {
  const pool = new DocumentWorkPool();
  afterAll(() => pool.close());

  it('reads and extracts in a worker exactly as inline', { timeout: 60_000 }, async () => {
    const docx = await buildDocx(PLAN);
    const inline = await readDocument(docx, 'ke-hoach.docx');
    const result = await pool.run(docx, 'ke-hoach.docx');
    expect(result.intake).toEqual(inline);
    expect(result.extraction).toEqual(extractDocument(inline.text));
    expect(result.extraction.targets.map((t) => t.value)).toEqual([320, 85]);
    expect(pool.stats()).toMatchObject({ running: 0, waiting: 0, idle: 1 });
  });

  it('passes intake errors through as IntakeError', { timeout: 60_000 }, async () => {
    const error = await refusal(pool.run(new Uint8Array(0), 'rong.txt'));
    expect(error).toBeInstanceOf(IntakeError);
    expect(error.code).toBe('EMPTY_FILE');
  });

  it('terminates a job at the time limit and says so in Vietnamese', { timeout: 60_000 }, async () => {
    const killed = pool.stats().killed;
    pool.configure({ timeLimitMs: 1 });
    const error = await refusal(pool.run(Buffer.from(PLAN), 'ke-hoach.txt'));
    pool.configure({});
    expect(isAppError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'DOCUMENT_TOO_COMPLEX', kind: 'too_large' });
    expect(error.message).toBe(
      'Văn bản quá dài hoặc quá phức tạp để xử lý tự động (quá 0,001 giây); hãy tách văn bản thành các phần nhỏ hơn rồi tải lên lại.',
    );
    expect(pool.stats()).toMatchObject({ running: 0, killed: killed + 1 });
  });

  it("does not count a new thread's start-up in the job's time limit", { timeout: 60_000 }, async () => {
    // The thread needs longer to start than the job's whole limit (the production one, 8 s): were start-up
    // counted, the job could not succeed. A tighter limit (0.7 s) also timed out the job itself on a
    // machine busy with two CPU hogs, the thread running at nice 10.
    const slow = new DocumentWorkPool({}, SLOW_START);
    const result = await slow.run(Buffer.from(PLAN), 'ke-hoach.txt');
    expect(result.extraction.targets.map((t) => t.value)).toEqual([320, 85]);
    expect(slow.stats()).toMatchObject({ running: 0, idle: 1, killed: 0 });
    expect(slow.stats().lastStartMs).toBeGreaterThan(DEFAULT_DOCUMENT_WORK_LIMITS.timeLimitMs);
    await slow.close();
  });

  it('answers "busy" when a new thread does not start in time, and frees its slot', { timeout: 60_000 }, async () => {
    const slow = new DocumentWorkPool({ startLimitMs: 200, concurrency: 1 }, SLOW_START);
    const error = await refusal(slow.run(Buffer.from(PLAN), 'ke-hoach.txt'));
    expect(error).toMatchObject({ code: 'DOCUMENTS_BUSY', kind: 'unavailable' });
    expect(error.message).toBe('Máy chủ đang bận xử lý các văn bản khác; hãy thử tải lên lại sau ít phút.');
    expect(slow.stats()).toMatchObject({ running: 0, waiting: 0, idle: 0 });
  });

  it('refuses a text over the length limit and a result with too many items', { timeout: 60_000 }, async () => {
    pool.configure({ maxTextChars: 50 });
    const long = await refusal(pool.run(Buffer.from(PLAN), 'ke-hoach.txt'));
    pool.configure({ maxItems: 1 });
    const many = await refusal(pool.run(Buffer.from(PLAN), 'ke-hoach.txt'));
    pool.configure({});
    expect(long).toMatchObject({ code: 'DOCUMENT_TEXT_TOO_LONG', kind: 'too_large' });
    expect(long.message).toMatch(/^Văn bản quá dài \(\d+ ký tự; giới hạn 50 ký tự\); hãy tách văn bản/);
    expect(many).toMatchObject({ code: 'DOCUMENT_TOO_MANY_ITEMS', kind: 'too_large' });
    expect(many.message).toMatch(/^Văn bản có quá nhiều mục để rà soát \(2 mục; giới hạn 1\)/);
  });

  it('runs at most `concurrency` jobs, queues a few and answers "busy" beyond', { timeout: 60_000 }, async () => {
    const small = new DocumentWorkPool({ concurrency: 1, maxWaiting: 1 });
    const jobs = [0, 1, 2].map((i) =>
      small.run(Buffer.from(`${PLAN}\n${i}`), `${i}.txt`).then(
        () => 'ok',
        (e: Error & { code?: string }) => e.code,
      ),
    );
    expect(small.stats()).toMatchObject({ running: 1, waiting: 1 });
    expect(await Promise.all(jobs)).toEqual(['ok', 'ok', 'DOCUMENTS_BUSY']);
    expect(small.stats()).toMatchObject({ running: 0, waiting: 0, idle: 1 });
    await small.close();
    expect(small.stats().idle).toBe(0);
  });
});
