import ExcelJS from 'exceljs';
import { neutraliseFormula } from './formula-guard.ts';

/**
 * A file to fill in (an import list, a restructuring plan): the first sheet has the header row
 * with the exact titles the reader recognises and one example row; the second explains each
 * column. Small, so written in memory (exceljs's plain Workbook), not streamed.
 */
export interface TemplateColumn {
  title: string;
  required: boolean;
  /** The example row's value, written as text the way a person would type it. */
  example: string;
  /** How to fill the column (format, accepted values). */
  howTo: string;
  /** Other titles the reader also recognises for this column. */
  synonyms?: readonly string[];
  /** Codes and numbers with leading zeros (CCCD, tax code, phone): the column is formatted as text. */
  text?: boolean;
  width?: number;
}

export interface TemplateWorkbook {
  sheetName: string;
  columns: readonly TemplateColumn[];
  /** Sentences above the column table on the notes sheet. */
  notes: readonly string[];
}

export const TEMPLATE_NOTES_SHEET = 'Hướng dẫn';
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE68A' } };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };

export async function templateWorkbook(template: TemplateWorkbook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiến Độ';
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = template.columns.map((c) => ({
    width: c.width ?? Math.max(14, Math.min(40, c.title.length + 4)),
    style: c.text ? { numFmt: '@' } : {},
  }));
  const header = sheet.addRow(template.columns.map((c) => c.title.normalize('NFC')));
  header.font = { bold: true };
  header.eachCell((cell, i) => {
    const column = template.columns[i - 1]!;
    // Required columns stand out; the note says why, where the person is looking.
    if (column.required) cell.fill = REQUIRED_FILL;
    cell.note = `${column.required ? 'Bắt buộc. ' : ''}${column.howTo}`;
  });
  sheet.addRow(template.columns.map((c) => neutraliseFormula(c.example.normalize('NFC'))));

  const notes = workbook.addWorksheet(TEMPLATE_NOTES_SHEET);
  notes.columns = [{ width: 30 }, { width: 12 }, { width: 70 }, { width: 24 }, { width: 40 }];
  for (const line of template.notes) notes.addRow([line.normalize('NFC')]);
  notes.addRow([]);
  const tableHeader = notes.addRow(['Cột', 'Bắt buộc', 'Cách ghi', 'Ví dụ', 'Tiêu đề khác cũng được nhận ra']);
  tableHeader.font = { bold: true };
  tableHeader.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  for (const c of template.columns) {
    const row = notes.addRow(
      [c.title, c.required ? 'Có' : 'Không', c.howTo, c.example, (c.synonyms ?? []).join('; ')].map((v) =>
        neutraliseFormula(v.normalize('NFC')),
      ),
    );
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
