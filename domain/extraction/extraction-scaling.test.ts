// The extractor on long, target-dense text. Every number re-scanned its whole sentence (and
// every timing in it again up to the number), so one long enumerating paragraph was quadratic
// to cubic: 40,000 characters took over 20 s. The timeouts fail a slow version.
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';

const NOUNS = ['đoàn viên mới', 'công đoàn cơ sở', 'lớp tập huấn cho cán bộ', 'mái ấm công đoàn'];

/** "phấn đấu đến năm 2027 kết nạp 1.507 đoàn viên mới" with the year, number and noun varying. */
function clause(i: number): string {
  const year = 2026 + (i % 5);
  const value = (1000 + i * 7).toLocaleString('de-DE'); // 1.007, 1.014…: Vietnamese thousands
  return `phấn đấu đến năm ${year} kết nạp ${value} ${NOUNS[i % NOUNS.length]}`;
}

/** One paragraph chaining `count` targets with commas, as long plans enumerate them. */
function denseParagraph(count: number): string {
  return `Ban Chấp hành Công đoàn huyện Đông Sơn đề ra mục tiêu: ${Array.from({ length: count }, (_, i) => clause(i)).join(', ')}.`;
}

function planWith(body: string): string {
  return `CÔNG ĐOÀN HUYỆN ĐÔNG SƠN\n\nKẾ HOẠCH\nthực hiện nhiệm vụ công đoàn nhiệm kỳ 2025 - 2030\n\nI. TÌNH HÌNH CHUNG\n\nCông đoàn huyện có nhiều cơ sở.\n\nII. NHIỆM VỤ TRỌNG TÂM\n\n${body}\n`;
}

describe('extractDocument on long target-dense text', () => {
  it('reads 800 targets chained in one 40,000-character paragraph', { timeout: 6_000 }, async () => {
    const text = planWith(denseParagraph(800));
    expect(text.length).toBeGreaterThan(40_000);
    await Promise.resolve(); // let vitest arm the timeout before the extraction runs
    const result = extractDocument(text);
    expect(result.targets).toHaveLength(800);
    result.targets.forEach((t, i) => {
      expect(t.value).toBe(1000 + i * 7);
      expect(t.deadlineYear).toBe(2026 + (i % 5));
      expect(t.timingSource).toBe('clause');
      expect(text.slice(t.valueStart, t.valueEnd)).toBe((1000 + i * 7).toLocaleString('de-DE'));
    });
  });

  it('reads 1,000 targets written one sentence per line', { timeout: 6_000 }, async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `- ${clause(i).replace(/^p/, 'P')}.`);
    const text = planWith(lines.join('\n'));
    await Promise.resolve();
    const result = extractDocument(text);
    expect(result.targets).toHaveLength(1000);
    expect(result.targets.map((t) => t.deadlineYear)).toEqual(lines.map((_, i) => 2026 + (i % 5)));
  });
});
