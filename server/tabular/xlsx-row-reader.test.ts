import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { buildXlsx, buildZip, errorCode, readAll, tempDir, writeTemp } from './xlsx-test-fixtures.ts';

const dir = tempDir('xlsx');

describe('XLSX reader on a workbook written by exceljs (shared strings, styles, merges)', () => {
  it('yields text, exact ID digits, ISO dates, booleans, rich text, cached formula results', async () => {
    const path = join(dir, 'exceljs.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh sách');
    ws.addRow(['DANH SÁCH ĐOÀN VIÊN']);
    ws.mergeCells('A1:D1');
    ws.addRow(['Họ và tên', 'Số CCCD', 'Ngày sinh', 'Đã đóng phí', 'Tổng']);
    const nfd = 'Nguyễn Văn Ản'.normalize('NFD');
    const row = ws.addRow([`  ${nfd}  `, 1234567890123, new Date(Date.UTC(1990, 1, 28)), true, { formula: 'B3*2', result: 42 }]);
    row.getCell(3).numFmt = 'dd/mm/yyyy';
    ws.addRow([
      { richText: [{ text: 'Trần ' }, { font: { bold: true }, text: 'Thị Bé' }] },
      '079190001234',
      null,
      false,
      { formula: 'NOW()' },
    ]);
    await wb.xlsx.writeFile(path);

    const { rows, summary } = await readAll(path);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.cells).toEqual(['DANH SÁCH ĐOÀN VIÊN']);
    expect(rows[2]!.cells).toEqual(['Nguyễn Văn Ản'.normalize('NFC'), '1234567890123', '1990-02-28', 'TRUE', '42']);
    expect(rows[2]!.formulaCells).toEqual([4]);
    // Trailing empty cells are not padded: a formula without a cached value reads as absent.
    expect(rows[3]!.cells).toEqual(['Trần Thị Bé', '079190001234', null, 'FALSE']);
    expect(rows[3]!.formulaCells).toEqual([4]);
    expect(summary).toMatchObject({
      format: 'xlsx',
      sheetName: 'Danh sách',
      rowsYielded: 4,
      formulaCellCount: 2,
      stoppedAtEmptyRun: false,
    });
  });

  it('reads a named worksheet and refuses an unknown one', async () => {
    const path = join(dir, 'two-sheets.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hướng dẫn').addRow(['Điền từ dòng 2']);
    wb.addWorksheet('Đoàn viên').addRow(['Lê Văn B']);
    await wb.xlsx.writeFile(path);
    expect((await readAll(path)).rows[0]!.cells).toEqual(['Điền từ dòng 2']);
    expect((await readAll(path, { sheetName: 'đoàn viên' })).rows[0]!.cells).toEqual(['Lê Văn B']);
    expect(await errorCode(readAll(path, { sheetName: 'Không có' }))).toBe('TABLE_SHEET_NOT_FOUND');
  });
});

describe('XLSX reader on hand-crafted sheets', () => {
  it('handles inline strings, str/e/b/d types, exponents, float noise and missing cached formula values', async () => {
    const path = writeTemp(
      dir,
      'crafted.xlsx',
      buildXlsx({
        sheetData:
          '<row r="2"><c r="A2" t="inlineStr"><is><t> Hà  Nội </t></is></c><c r="C2" t="str"><f>A2</f><v>Hà Nội</v></c>' +
          '<c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="d"><v>2024-05-01T00:00:00</v></c></row>' +
          '<row r="3"><c r="A3"><v>1.23456789012E+11</v></c><c r="B3"><v>0.30000000000000004</v></c><c r="C3"><f>SUM(A1:A2)</f></c><c r="D3"><v>-12</v></c></row>' +
          '<row r="4"><c r="B4" t="inlineStr"><is><r><t>Công </t></r><r><rPr><b/></rPr><t>đoàn</t></r><rPh><t>ignored</t></rPh></is></c><c r="C4" t="inlineStr"><is><t>A &amp; B &lt;C&gt;_x000D_</t></is></c></row>',
      }),
    );
    const { rows } = await readAll(path);
    expect(rows[0]).toEqual({ rowNumber: 2, cells: ['Hà  Nội', null, 'Hà Nội', '#N/A', 'TRUE', '2024-05-01'], formulaCells: [2] });
    expect(rows[1]).toEqual({ rowNumber: 3, cells: ['123456789012', '0.3', null, '-12'], formulaCells: [2] });
    expect(rows[2]!.cells).toEqual([null, 'Công đoàn', 'A & B <C>']);
  });

  it('turns date-formatted numbers into ISO dates (built-in 14, custom dd/mm/yyyy, 1904 system) and leaves others as numbers', async () => {
    const sheetData =
      '<row r="1"><c r="A1" s="1"><v>32933</v></c><c r="B1" s="2"><v>45292</v></c><c r="C1" s="3"><v>45292</v></c><c r="D1" s="4"><v>0.5</v></c><c r="E1" s="2"><v>45292.75</v></c></row>';
    const styles: [number, string?][] = [[0], [14], [164, 'dd/mm/yyyy'], [165, '#,##0'], [20]];
    const path = writeTemp(dir, 'dates.xlsx', buildXlsx({ sheetData, styles }));
    expect((await readAll(path)).rows[0]!.cells).toEqual(['1990-03-01', '2024-01-01', '45292', '0.5', '2024-01-01T18:00:00']);
    const path1904 = writeTemp(
      dir,
      'dates1904.xlsx',
      buildXlsx({ sheetData: '<row r="1"><c r="A1" s="1"><v>0</v></c></row>', styles, date1904: true }),
    );
    expect((await readAll(path1904)).rows[0]!.cells).toEqual(['1904-01-01']);
  });

  it('reads shared strings with rich runs and phonetic runs, and truncates cells over 32,767 characters with a flag', async () => {
    const long = 'x'.repeat(40_000);
    const path = writeTemp(
      dir,
      'shared.xlsx',
      buildXlsx({
        sharedStrings: ['Họ và tên', '<r><t>Nguyễn </t></r><r><t>Văn A</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh>', long, '   '],
        sheetData:
          '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="inlineStr"><is><t>' +
          long +
          '</t></is></c></row>',
      }),
    );
    const { rows, summary } = await readAll(path);
    const cells = rows[0]!.cells;
    expect(cells.slice(0, 2)).toEqual(['Họ và tên', 'Nguyễn Văn A']);
    expect(cells[2]!.length).toBe(32_767);
    expect(cells[3]).toBeNull();
    expect(cells[4]!.length).toBe(32_767);
    expect(rows[0]!.truncatedCells).toEqual([2, 4]);
    expect(summary.truncatedCellCount).toBe(2);
  });

  it('understands namespace-prefixed sheets (x:row, x:c) and cells without r attributes', async () => {
    const xml =
      '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
      '<x:row><x:c t="inlineStr"><x:is><x:t>Mã</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row><x:row r="3"><x:c r="B3"><x:v>8</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    const path = writeTemp(dir, 'prefixed.xlsx', buildXlsxWithSheet(xml));
    const { rows } = await readAll(path);
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['Mã', '7'] },
      { rowNumber: 3, cells: [null, '8'] },
    ]);
  });

  it('gives merged areas their value in the top-left cell and null elsewhere', async () => {
    const path = join(dir, 'merged.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['Họ và tên', 'Thông tin cá nhân', null, 'Ghi chú']);
    ws.addRow([null, 'Ngày sinh', 'Giới tính', null]);
    ws.mergeCells('A1:A2');
    ws.mergeCells('B1:C1');
    ws.mergeCells('D1:D2');
    await wb.xlsx.writeFile(path);
    const { rows } = await readAll(path);
    expect(rows[0]!.cells).toEqual(['Họ và tên', 'Thông tin cá nhân', null, 'Ghi chú']);
    expect(rows[1]!.cells).toEqual([null, 'Ngày sinh', 'Giới tính']);
  });
});

/** A package with a prefixed worksheet at an absolute relationship target, no styles or shared strings. */
function buildXlsxWithSheet(sheetXml: string): Buffer {
  return buildZip([
    { name: 'xl/workbook.xml', data: '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>' },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: '<Relationships><Relationship Id="rId1" Type="t/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>',
    },
    { name: 'xl/worksheets/data.xml', data: sheetXml },
  ]);
}
