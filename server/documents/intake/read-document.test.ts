// Intake: formats, encodings, and hostile files (each refused with a clear Vietnamese message in
// under 10 s and 300 MB, measured in a child process).
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildDocx, buildPdf, buildZipBomb } from './intake-test-fixtures.ts';
import { IntakeError } from './intake-error.ts';
import { readDocument } from './read-document.ts';

const SAMPLE = 'KẾ HOẠCH\nPhấn đấu đến năm 2025 có 23.000 đoàn viên công đoàn.\n';

async function intakeError(p: Promise<unknown>): Promise<IntakeError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(IntakeError);
    return e as IntakeError;
  }
  throw new Error('expected an IntakeError');
}

describe('readDocument: text files', () => {
  it('reads UTF-8 with and without BOM, normalised to NFC', async () => {
    const nfd = SAMPLE.normalize('NFD');
    for (const buf of [Buffer.from(nfd), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(nfd)])]) {
      const r = await readDocument(buf, 'a.txt');
      expect(r.format).toBe('txt');
      expect(r.text).toBe(SAMPLE);
      expect(r.text.normalize('NFC')).toBe(r.text);
    }
  });

  it('reads UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1] as number, be[i] as number];
    expect((await readDocument(le, 'a.txt')).text).toBe(SAMPLE);
    expect((await readDocument(be, 'a.txt')).text).toBe(SAMPLE);
  });

  it('detects TCVN3 (ABC) bytes and converts them, with a warning naming the encoding', async () => {
    // "Cộng hòa xã hội chủ nghĩa Việt Nam" as TCVN3 bytes.
    const tcvn3 = Buffer.from(
      [
        ...'C',
        0xe9,
        ...'ng h',
        0xdf,
        ...'a x',
        0xb7,
        ...' h',
        0xe9,
        ...'i ch',
        0xf1,
        ...' ngh',
        0xdc,
        ...'a Vi',
        0xd6,
        ...'t Nam. C',
        0xe1 - 0xe1 + 0xf4,
        ...'ng ',
        0xae,
        0xdf,
        0xb5,
        ...'n vi',
        0xd5,
        ...'n c',
        0xf1,
        0xa8,
        ...' t',
        0xdd,
        ...'nh',
      ].map((c) => (typeof c === 'string' ? c.charCodeAt(0) : c)),
    );
    const r = await readDocument(tcvn3, 'cu.txt');
    expect(r.legacyEncoding).toBe('tcvn3');
    expect(r.text.startsWith('Cộng hòa xã hội chủ nghĩa Việt Nam')).toBe(true);
    expect(r.warnings.join(' ')).toContain('TCVN3');
  });

  it('detects VNI text pasted as Latin-1 and converts it', async () => {
    const r = await readDocument(Buffer.from('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoaøn vieân coâng ñoaøn cuûa tænh.'), 'vni.txt');
    expect(r.legacyEncoding).toBe('vni');
    expect(r.text).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam. Đoàn viên công đoàn của tỉnh.');
  });

  it('re-joins combining marks split off by PDF extraction', async () => {
    const split = 'Co\u0302\u0323 ng ho\u0300a: đoa \u0300n vie\u0302n';
    expect((await readDocument(Buffer.from(split), 'x.txt')).text).toBe('Cộ ng hòa: đoàn viên');
  });
});

describe('readDocument: .docx', () => {
  it('reads paragraphs of a generated Word file', async () => {
    const r = await readDocument(await buildDocx('KẾ HOẠCH\n- Hàng năm, 100% chủ tịch công đoàn cơ sở được tập huấn.'), 'k.docx');
    expect(r.format).toBe('docx');
    expect(r.text).toContain('KẾ HOẠCH\n\n- Hàng năm, 100% chủ tịch công đoàn cơ sở được tập huấn.');
  });
});

const PROBE = fileURLToPath(new URL('./intake-probe.script.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

async function probe(name: string, content: Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'tiendo-hostile-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  const started = Date.now();
  const { stdout } = await promisify(execFile)(TSX, [PROBE, file], { timeout: 30_000 });
  const result = JSON.parse(stdout) as { code: string; message: string; ms: number; maxRssMb: number; pdfChildRssMb: number };
  const wallMs = Date.now() - started;
  console.log(
    `hostile ${name.padEnd(18)} → ${result.code.padEnd(15)} intake ${String(result.ms).padStart(5)} ms, process ${String(wallMs).padStart(5)} ms, peak RSS ${result.maxRssMb} MB (pdf reader ${result.pdfChildRssMb} MB): ${result.message}`,
  );
  return { ...result, wallMs };
}

describe('readDocument: hostile files end with a clear message in < 10 s and < 300 MB', () => {
  const cases: [string, string, () => Buffer][] = [
    ['empty file', 'empty.docx', () => Buffer.alloc(0)],
    ['zip bomb .docx (512 MB of XML)', 'bomb.docx', () => buildZipBomb(512)],
    ['500-page PDF', 'long.pdf', () => buildPdf(500, true)],
    ['scanned PDF without text', 'scan.pdf', () => buildPdf(3, false)],
    ['binary garbage as .docx', 'garbage.docx', () => randomBytes(2 * 1024 * 1024)],
    ['binary garbage as .pdf', 'garbage.pdf', () => randomBytes(2 * 1024 * 1024)],
    ['binary garbage as .txt', 'garbage.txt', () => randomBytes(2 * 1024 * 1024)],
  ];
  const expected: Record<string, string> = {
    'empty.docx': 'EMPTY_FILE',
    'bomb.docx': 'TOO_LARGE',
    'long.pdf': 'TOO_MANY_PAGES',
    'scan.pdf': 'SCANNED_PDF',
    'garbage.docx': 'CORRUPT_FILE',
    'garbage.pdf': 'CORRUPT_FILE',
    'garbage.txt': 'CORRUPT_FILE',
  };
  for (const [label, name, build] of cases) {
    it(
      label,
      async () => {
        const r = await probe(name, build());
        expect(r.code).toBe(expected[name]);
        expect(r.message).toMatch(/[àáảãạăâđèéêìíòóôơùúưỳý]/u); // Vietnamese, with diacritics
        expect(r.ms).toBeLessThan(10_000);
        expect(r.maxRssMb).toBeLessThan(300);
        expect(r.pdfChildRssMb).toBeLessThan(300);
      },
      30_000,
    );
  }

  it('names the scanned-PDF case in words a user understands', async () => {
    const e = await intakeError(readDocument(buildPdf(2, false), 'scan.pdf'));
    expect(e.code).toBe('SCANNED_PDF');
    expect(e.message).toContain('PDF không có lớp văn bản (bản scan)');
  }, 20_000);
});
