import ExcelJS from 'exceljs';
import { reportingErrors } from './reporting.errors.ts';
import type { TemplateDefinition } from '../../domain/reporting/report-template.ts';
import type { ReportValues } from '../../domain/reporting/report-validation.ts';
import { openTable } from '../tabular/tabular-api.ts';

/**
 * The offline form: one visible sheet laid out like the screen (sections, labels, the figures
 * column the only editable cells, whole numbers ≥ 0 enforced by data validation, structure
 * protected), and a very hidden sheet holding who and what the file is for — report, unit,
 * period, template version, report version and the row layout. On upload the layout and the
 * identity must match the report exactly: a moved row, another unit's or another period's file
 * is refused rather than read into the wrong place.
 */
export const FORM_SHEET = 'Báo cáo';
export const IDENTITY_SHEET = 'tiendo_dinh_danh';
const FIRST_ROW = 7;
const CODE_COLUMN = 2; // B: the element code of each row (narrow, locked)
const VALUE_COLUMN = 5; // E: the only editable column

export interface WorkbookIdentity {
  reportId: number;
  unitId: number;
  unitName: string;
  periodCode: string;
  periodLabel: string;
  templateCode: string;
  templateVersion: number;
  reportVersion: number;
}

export async function writeReportWorkbook(
  identity: WorkbookIdentity,
  template: Pick<TemplateDefinition, 'name' | 'sections'>,
  values: ReportValues,
  dueOn: string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tiến Độ';
  const ws = wb.addWorksheet(FORM_SHEET, { views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }] });
  ws.columns = [{ width: 6 }, { width: 4 }, { width: 70 }, { width: 12 }, { width: 20 }];
  ws.getColumn(CODE_COLUMN).hidden = true;
  ws.getCell('A1').value = template.name.toUpperCase();
  ws.getCell('A1').font = { bold: true, size: 13, name: 'Times New Roman' };
  ws.getCell('A2').value = `Đơn vị: ${identity.unitName}`;
  ws.getCell('A3').value = `Kỳ báo cáo: ${identity.periodLabel} — hạn gửi ${dueOn.slice(8, 10)}/${dueOn.slice(5, 7)}/${dueOn.slice(0, 4)}`;
  ws.getCell('A4').value =
    'Chỉ nhập số vào cột "Số liệu" (số nguyên, không âm). Không thêm, xóa hay di chuyển dòng: hệ thống sẽ từ chối tệp đã bị đổi cấu trúc.';
  ws.getCell('A4').font = { italic: true, size: 10 };
  const header = ws.getRow(FIRST_ROW - 1);
  header.values = ['STT', 'Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Số liệu'];
  header.font = { bold: true };
  let row = FIRST_ROW;
  let n = 0;
  const layout: string[] = [];
  for (const section of template.sections) {
    ws.getCell(row, 3).value = section.title;
    ws.getCell(row, 3).font = { bold: true };
    layout.push('');
    row++;
    for (const field of section.fields) {
      n++;
      const r = ws.getRow(row);
      r.getCell(1).value = n;
      r.getCell(CODE_COLUMN).value = field.element;
      r.getCell(3).value = field.label;
      r.getCell(4).value = field.hint ?? '';
      const cell = r.getCell(VALUE_COLUMN);
      const v = values[field.element];
      cell.value = typeof v === 'number' ? v : null;
      cell.numFmt = '#,##0';
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
      cell.dataValidation = {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        formulae: [0],
        allowBlank: true,
        showErrorMessage: true,
        errorTitle: 'Số liệu không hợp lệ',
        error: 'Chỉ nhập số nguyên không âm.',
      };
      layout.push(field.element);
      row++;
    }
  }
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    insertRows: false,
    deleteRows: false,
    sort: false,
  });

  const id = wb.addWorksheet(IDENTITY_SHEET, { state: 'veryHidden' });
  const entries: [string, string | number][] = [
    ['report_id', identity.reportId],
    ['unit_id', identity.unitId],
    ['period_code', identity.periodCode],
    ['template_code', identity.templateCode],
    ['template_version', identity.templateVersion],
    ['report_version', identity.reportVersion],
    ['layout', layout.join('|')],
  ];
  entries.forEach(([k, v], i) => (id.getRow(i + 1).values = [k, String(v)]));
  await id.protect('', {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ReadWorkbook {
  identity: Record<string, string>;
  /** Element code of each form row in file order ('' for section titles). */
  layout: string[];
  values: ReportValues;
  problems: { path: string; message: string }[];
}

const refuse = reportingErrors.workbookInvalid;

/** Reads a form file with the project's own XLSX reader (no formula is ever evaluated). */
export async function readReportWorkbook(filePath: string): Promise<ReadWorkbook> {
  const identity: Record<string, string> = {};
  try {
    for await (const row of openTable({ path: filePath }, { sheetName: IDENTITY_SHEET, maxRows: 100 })) {
      const [key, value] = row.cells;
      if (key) identity[key] = value ?? '';
    }
  } catch {
    throw refuse(
      'Tệp không phải biểu mẫu báo cáo tải từ Tiến Độ (không có phần định danh). Hãy tải biểu mẫu của báo cáo rồi nhập số liệu vào đó.',
    );
  }
  if (!identity.report_id || !identity.layout) throw refuse('Tệp không phải biểu mẫu báo cáo tải từ Tiến Độ (phần định danh bị thiếu).');
  const expected = identity.layout.split('|');
  const layout: string[] = [];
  const values: ReportValues = {};
  const problems: ReadWorkbook['problems'] = [];
  for await (const row of openTable({ path: filePath }, { sheetName: FORM_SHEET, maxRows: 1000 })) {
    if (row.rowNumber < FIRST_ROW) continue;
    const code = row.cells[CODE_COLUMN - 1] ?? '';
    const label = row.cells[2] ?? '';
    if (!code && !label) continue;
    layout.push(code);
    if (!code) continue;
    const raw = row.cells[VALUE_COLUMN - 1];
    if (row.formulaCells?.includes(VALUE_COLUMN - 1)) {
      problems.push({ path: code, message: `Dòng ${row.rowNumber} («${label}»): ô số liệu chứa công thức; hãy nhập con số.` });
      continue;
    }
    if (raw === null || raw === undefined || raw.trim() === '') {
      values[code] = null;
      continue;
    }
    const parsed = parseFigure(raw);
    if (parsed === null)
      problems.push({ path: code, message: `Dòng ${row.rowNumber} («${label}»): "${raw}" không phải số nguyên không âm.` });
    else values[code] = parsed;
  }
  if (layout.join('|') !== expected.join('|')) {
    throw refuse(
      'Cấu trúc biểu mẫu đã bị thay đổi (dòng bị thêm, xóa hoặc di chuyển). Hãy tải lại biểu mẫu gốc và chỉ nhập số vào cột "Số liệu".',
    );
  }
  return { identity, layout, values, problems };
}

/** "1234", "1.234" (vi-VN thousands), "1234.0" from a spreadsheet's number cell. */
function parseFigure(raw: string): number | null {
  const s = raw.trim().replace(/\s/g, '');
  if (/^\d+(\.0+)?$/.test(s)) return Number(s);
  if (/^\d{1,3}(\.\d{3})+$/.test(s)) return Number(s.replace(/\./g, ''));
  if (/^\d+(\.\d+)?[eE]\+?\d+$/.test(s) && Number.isInteger(Number(s))) return Number(s);
  return null;
}

/** The file must be this report's, at its current version; otherwise a clear refusal. */
export function checkIdentity(
  file: Record<string, string>,
  report: {
    id: number;
    unitId: number;
    unitName: string;
    periodCode: string;
    templateCode: string;
    templateVersion: number;
    version: number;
  },
  fileUnitName: string | null,
): void {
  if (file.template_code !== report.templateCode || Number(file.template_version) !== report.templateVersion) {
    throw refuse(
      `Tệp dùng biểu mẫu khác (${file.template_code} phiên bản ${file.template_version}); báo cáo này dùng ${report.templateCode} phiên bản ${report.templateVersion}. Hãy tải biểu mẫu mới.`,
    );
  }
  if (Number(file.unit_id) !== report.unitId) {
    throw refuse(`Tệp là báo cáo của ${fileUnitName ?? 'một đơn vị khác'}, không phải của ${report.unitName}. Hãy kiểm tra lại tệp.`);
  }
  if (file.period_code !== report.periodCode) {
    throw refuse(`Tệp là báo cáo kỳ ${file.period_code}, không phải kỳ ${report.periodCode}. Hãy kiểm tra lại tệp.`);
  }
  if (Number(file.report_id) !== report.id) throw refuse('Tệp thuộc về một báo cáo khác. Hãy tải biểu mẫu của báo cáo này.');
  if (Number(file.report_version) !== report.version) {
    throw reportingErrors.workbookOutdated();
  }
}
