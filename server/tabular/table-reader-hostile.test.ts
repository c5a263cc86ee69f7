import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { buildXlsx, buildZip, errorCode, readAll, tempDir, writeTemp } from './xlsx-test-fixtures.ts';

const dir = tempDir('hostile');

describe('files that are not spreadsheets', () => {
  it.each([
    ['empty file', Buffer.alloc(0), 'TABLE_EMPTY'],
    ['only a BOM and blank lines', '\ufeff\r\n  \r\n', 'TABLE_EMPTY'],
    ['random bytes', randomBytes(100_000), 'TABLE_NOT_SPREADSHEET'],
    ['a PDF', '%PDF-1.7\n1 0 obj << /Type /Catalog >>\nstream\n\u0000\u0001\u0002binary\nendstream', 'TABLE_NOT_SPREADSHEET'],
    ['HTML saved as .xls', '<html><body><table><tr><td>a</td></tr></table></body></html>', 'TABLE_NOT_SPREADSHEET'],
    ['a legacy .xls (OLE2)', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...randomBytes(500)]), 'TABLE_LEGACY_XLS'],
    ['a .docx (zip without a workbook)', buildZip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'TABLE_NOT_SPREADSHEET'],
    ['a truncated zip', buildXlsx({ sheetData: '' }).subarray(0, 200), 'TABLE_CORRUPT'],
  ])('%s → %s', async (_name, data, code) => {
    const path = writeTemp(dir, `bad-${code}-${Math.random()}.xlsx`, data);
    expect(await errorCode(readAll(path))).toBe(code);
  });

  it('names the legacy .xls problem and tells the user to save as .xlsx', async () => {
    const path = writeTemp(dir, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(readAll(path)).rejects.toThrow(/\.xls.*\.xlsx/);
  });
});

describe('zip bombs', () => {
  it('refuses a sheet whose declared size is beyond the limit before inflating anything', async () => {
    const path = writeTemp(
      dir,
      'bomb-declared.xlsx',
      buildXlsx({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row>', sheetDeclaredSize: 2 ** 31 }),
    );
    expect(await errorCode(readAll(path))).toBe('TABLE_TOO_LARGE');
  });

  it('refuses shared strings declared larger than the limit', async () => {
    const path = writeTemp(
      dir,
      'bomb-shared.xlsx',
      buildXlsx({ sheetData: '', sharedStrings: ['a'], sharedDeclaredSize: 500 * 1024 * 1024 }),
    );
    expect(await errorCode(readAll(path))).toBe('TABLE_TOO_LARGE');
  });

  it('stops inflating when the directory lies about the size', async () => {
    // 20 MB of one repeated row compresses to ~20 KB; the directory claims 100 bytes.
    const rows = '<row><c t="inlineStr"><is><t>a</t></is></c></row>'.repeat(400_000);
    const path = writeTemp(dir, 'bomb-lying.xlsx', buildXlsx({ sheetData: rows, sheetDeclaredSize: 100 }));
    expect(await errorCode(readAll(path, { maxSheetBytes: 1024 * 1024, maxEmptyRun: 10 }))).toBe('TABLE_TOO_LARGE');
  });
});

describe('runaway row counts', () => {
  it('stops after 10,000 consecutive empty rows in an XLSX with 2 million styled empty rows, in seconds', async () => {
    const parts: string[] = [
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ tên</t></is></c></row>',
      '<row r="2"><c r="A2" t="inlineStr"><is><t>An</t></is></c></row>',
    ];
    for (let r = 3; r <= 2_000_002; r++) parts.push(`<row r="${r}"><c r="A${r}" s="0"/></row>`);
    parts.push('<row r="2000003"><c r="A2000003" t="inlineStr"><is><t>sau khoảng trống</t></is></c></row>');
    const path = writeTemp(dir, 'empty-rows.xlsx', buildXlsx({ sheetData: Buffer.from(parts.join('')) }));
    const started = Date.now();
    const { rows, summary } = await readAll(path);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(rows.map((r) => r.cells[0])).toEqual(['Họ tên', 'An']);
    expect(summary.stoppedAtEmptyRun).toBe(true);
  }, 20_000);

  it('treats rows absent from the XML (a gap in row numbers) as empty too', async () => {
    const path = writeTemp(
      dir,
      'gap.xlsx',
      buildXlsx({ sheetData: '<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>2</v></c></row>' }),
    );
    const { rows, summary } = await readAll(path);
    expect(rows.length).toBe(1);
    expect(summary.stoppedAtEmptyRun).toBe(true);
  });

  it('stops on 2 million empty CSV lines too', async () => {
    const path = writeTemp(dir, 'empty-lines.csv', 'Họ tên,Mã\r\nAn,1\r\n' + ',,\r\n'.repeat(2_000_000) + 'B,2\r\n');
    const started = Date.now();
    const { rows, summary } = await readAll(path);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(rows.length).toBe(2);
    expect(summary.stoppedAtEmptyRun).toBe(true);
  });

  it("refuses rows beyond Excel's 1,048,576 (XLSX) and beyond maxRows (CSV)", async () => {
    const xlsx = writeTemp(
      dir,
      'beyond.xlsx',
      buildXlsx({ sheetData: '<row r="1048576"><c r="A1048576"><v>1</v></c></row><row r="1048577"><c r="A1048577"><v>2</v></c></row>' }),
    );
    expect(await errorCode(readAll(xlsx, { maxEmptyRun: 2_000_000 }))).toBe('TABLE_TOO_MANY_ROWS');
    const csv = writeTemp(dir, 'beyond.csv', 'a\r\n'.repeat(101));
    expect(await errorCode(readAll(csv, { maxRows: 100 }))).toBe('TABLE_TOO_MANY_ROWS');
    expect((await readAll(csv, { maxRows: 101 })).rows.length).toBe(101);
  });
});

describe('oversized cells', () => {
  it('truncates a CSV cell beyond 32,767 characters and flags it; an unterminated quote stays bounded', async () => {
    const path = writeTemp(dir, 'long.csv', `a,b\r\n1,${'y'.repeat(50_000)}\r\n2,"${'z'.repeat(3_000_000)}`);
    const { rows, summary } = await readAll(path);
    expect(rows[1]!.cells[1]!.length).toBe(32_767);
    expect(rows[1]!.truncatedCells).toEqual([1]);
    expect(rows[2]!.cells[1]!.length).toBe(32_767);
    expect(summary.truncatedCellCount).toBe(2);
  });

  it('refuses an XLSX row that never ends (20 M characters)', async () => {
    const body = Buffer.alloc(20 * 1024 * 1024, 'a');
    const path = writeTemp(
      dir,
      'endless-row.xlsx',
      buildXlsx({ sheetData: Buffer.concat([Buffer.from('<row r="1"><c r="A1" t="inlineStr"><is><t>'), body]) }),
    );
    expect(await errorCode(readAll(path))).toBe('TABLE_ROW_TOO_LARGE');
  }, 20_000);
});
