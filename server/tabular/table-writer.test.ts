import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createWriteStream, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { writeTable } from './table-writer.ts';
import type { TableColumn } from './table-writer.ts';
import { tempDir } from './xlsx-test-fixtures.ts';

const dir = tempDir('writer');

const COLUMNS: TableColumn[] = [
  { key: 'name', title: 'Họ và tên', width: 30 },
  { key: 'birth', title: 'Ngày sinh', type: 'date' },
  { key: 'members', title: 'Số đoàn viên', type: 'integer' },
  { key: 'rate', title: 'Tỷ lệ', type: 'percent' },
  { key: 'note', title: 'Ghi chú' },
];

const ROWS = [
  { name: 'Nguyễn Văn Ản'.normalize('NFD'), birth: '1990-02-28', members: 1250, rate: 0.256, note: '=HYPERLINK("http://x","bấm")' },
  { name: 'Trần, "Bé"', birth: new Date(Date.UTC(2001, 11, 31)), members: '42', rate: null, note: 'dòng 1\ndòng 2' },
  { name: '@SUM(A1)', birth: 'không rõ', members: undefined, rate: 1, note: '-5' },
];

async function writeFile(format: 'xlsx' | 'csv', name: string): Promise<string> {
  const path = join(dir, name);
  const out = createWriteStream(path);
  const result = await writeTable(out, { format, sheetName: 'Đoàn viên: 2025/01', columns: COLUMNS, rows: ROWS });
  out.end();
  await finished(out);
  expect(result.rowsWritten).toBe(3);
  return path;
}

describe('writeTable xlsx', () => {
  it('writes a frozen bold header, widths, real dates, numbers, and neutralised text that is never a formula', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await writeFile('xlsx', 'out.xlsx'));
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('Đoàn viên  2025 01');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).value).toBe('Họ và tên');
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBe(30);
    const r2 = ws.getRow(2);
    expect(r2.getCell(1).value).toBe('Nguyễn Văn Ản'.normalize('NFC'));
    expect(r2.getCell(2).value).toEqual(new Date(Date.UTC(1990, 1, 28)));
    expect(r2.getCell(2).numFmt).toBe('dd/mm/yyyy');
    expect(r2.getCell(3).value).toBe(1250);
    expect(r2.getCell(4).value).toBe(0.256);
    expect(r2.getCell(4).numFmt).toBe('0.0%');
    expect(r2.getCell(5).type).toBe(ExcelJS.ValueType.String);
    expect(r2.getCell(5).value).toBe('\'=HYPERLINK("http://x","bấm")');
    expect(ws.getRow(3).getCell(3).value).toBe(42);
    expect(ws.getRow(4).getCell(1).value).toBe("'@SUM(A1)");
    expect(ws.getRow(4).getCell(2).value).toBe('không rõ'); // not a date: kept as text, not dropped
    expect(ws.getRow(4).getCell(5).value).toBe('-5');
  });
});

describe('writeTable csv', () => {
  it('writes a UTF-8 BOM, CRLF, RFC 4180 quoting, dd/mm/yyyy dates and apostrophe-neutralised formulas', async () => {
    const text = readFileSync(await writeFile('csv', 'out.csv'), 'utf8');
    expect(text.startsWith('\ufeffHọ và tên,Ngày sinh,Số đoàn viên,Tỷ lệ,Ghi chú\r\n')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[1]).toBe('Nguyễn Văn Ản,28/02/1990,1250,25.6%,"\'=HYPERLINK(""http://x"",""bấm"")"');
    expect(lines[2]).toBe('"Trần, ""Bé""",31/12/2001,42,,"dòng 1\ndòng 2"');
    expect(lines[3]).toBe("'@SUM(A1),không rõ,,100%,-5");
    expect(lines[4]).toBe('');
  });

  it('waits for a slow destination instead of buffering (back-pressure)', async () => {
    let written = 0;
    let maxPending = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        written += chunk.length;
        maxPending = Math.max(maxPending, slow.writableLength);
        setTimeout(done, 1);
      },
    });
    const rows = (function* () {
      for (let i = 0; i < 20_000; i++) yield { name: `Đoàn viên ${i}`, members: i };
    })();
    await writeTable(slow, { format: 'csv', sheetName: 'x', columns: COLUMNS, rows });
    expect(written).toBeGreaterThan(400_000);
    expect(maxPending).toBeLessThan(200 * 1024);
  });
});
