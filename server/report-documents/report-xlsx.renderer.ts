/**
 * The same tables as the DOCX, one sheet each, for the staff who rework figures in Excel: figures
 * are numbers (not text) with number formats, percentages stored as fractions with a % format,
 * so Excel and LibreOffice show them with the user's own separators and they still add up.
 * Headers are frozen; column widths follow the longest text.
 */
import ExcelJS from 'exceljs';
import type { Figure, ReportContent } from '../../domain/report-documents/report-content.ts';

type Cell = string | number | Figure | null;
const FORMATS: Record<Figure['format'], string> = { count: '#,##0', percent: '0.0%', ratio: '0.00' };
const TITLE_ROWS = 2;
const MAX_WIDTH = 60;

const isFigure = (c: Cell): c is Figure => typeof c === 'object' && c !== null;

function addSheet(book: ExcelJS.Workbook, name: string, title: string, subtitle: string, columns: string[], rows: Cell[][]) {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: TITLE_ROWS + 1, xSplit: 0 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  sheet.addRow([subtitle]).font = { italic: true };
  const header = sheet.addRow(columns);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const widths = columns.map((c) => c.length + 2);
  for (const cells of rows) {
    const row = sheet.addRow(
      cells.map((c) => {
        if (!isFigure(c)) return c ?? null;
        if (c.value === null) return null;
        return c.format === 'percent' ? c.value / 100 : c.value;
      }),
    );
    cells.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (isFigure(c)) {
        cell.numFmt = FORMATS[c.format];
        cell.alignment = { horizontal: 'right' };
      } else if (typeof c === 'string' && c.length > MAX_WIDTH) {
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
      const shown = isFigure(c) ? c.text : String(c ?? '');
      widths[i] = Math.max(widths[i]!, Math.min(MAX_WIDTH, shown.length + 2));
    });
  }
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.autoFilter = { from: { row: TITLE_ROWS + 1, column: 1 }, to: { row: TITLE_ROWS + 1, column: columns.length } };
}

export async function renderReportXlsx(c: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Tiến Độ';
  book.title = `${c.title} ${c.subtitle} ${c.periodLine}`;
  const about = `${c.header.unitName} — ${c.periodLine} — ${c.asOfNote}`;
  addSheet(
    book,
    'Chỉ tiêu',
    `${c.subtitle} ${c.periodLine}`,
    about,
    c.targetColumns,
    c.targets.map((t) => [t.no, t.label, t.plan, t.actual, t.share, t.assessment]),
  );
  // Every unit of every target, in the children table's order (lagging first): the Word document lists the first of them.
  addSheet(
    book,
    'Theo đơn vị',
    'Kết quả theo đơn vị trực thuộc',
    about,
    ['STT', 'Chỉ tiêu', ...c.unitColumns.slice(1)],
    c.units.flatMap((g) => g.rows.map((r) => [r.no, `${g.no}. ${g.label}`, r.unit, r.allocationValue, r.actual, r.share, r.assessment])),
  );
  addSheet(
    book,
    'Tình hình báo cáo',
    'Tình hình báo cáo của các đơn vị',
    about,
    c.completenessColumns,
    c.completeness.map((l) => [l.templateName, ...l.figures]),
  );
  addSheet(
    book,
    'Nhiệm vụ',
    'Việc thực hiện các nhiệm vụ, giải pháp',
    about,
    [...c.taskColumns, ...c.taskCountColumns],
    c.tasks.map((t) => [t.no, t.text, t.lead, t.status, t.share, t.evidence, t.assignees, t.completed, t.overdue, t.files]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
