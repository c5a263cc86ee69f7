import { parseOperationKind, parseUnitKind, type PlanProblem, type PlanRow } from '../../domain/org/restructure-plan.ts';
import { detectHeader, mappedRows, parseDateCell, readFirstRows, type FieldSpec } from '../tabular/tabular-api.ts';
import { templateWorkbook, type TemplateColumn } from '../tabular/template-workbook.ts';

/** Columns of a restructuring plan file, found by their Vietnamese titles (accents optional). */
export const PLAN_FIELDS: FieldSpec[] = [
  { key: 'operation', label: 'Thao tác', synonyms: ['Hình thức', 'Loại thay đổi', 'Hình thức sắp xếp'], required: true },
  { key: 'oldCode', label: 'Mã đơn vị cũ', synonyms: ['Mã cũ', 'Đơn vị cũ'] },
  { key: 'newCode', label: 'Mã đơn vị mới', synonyms: ['Mã mới', 'Đơn vị mới', 'Mã đơn vị kế thừa'] },
  { key: 'newName', label: 'Tên đơn vị mới', synonyms: ['Tên mới'] },
  { key: 'newKind', label: 'Loại đơn vị', synonyms: ['Loại đơn vị mới', 'Loại'] },
  { key: 'newParentCode', label: 'Mã đơn vị cấp trên mới', synonyms: ['Mã cấp trên mới', 'Cấp trên mới', 'Đơn vị cấp trên mới'] },
  { key: 'effectiveOn', label: 'Ngày hiệu lực', synonyms: ['Từ ngày', 'Ngày'], required: true },
];

const MAX_PLAN_ROWS = 50_000;

/**
 * Reads a plan file (XLSX or CSV) into plan rows. A row that cannot be read (unknown operation,
 * date or kind) is a problem of the plan like any other: the whole plan is then refused.
 */
export async function readPlanFile(path: string): Promise<{ rows: PlanRow[]; problems: PlanProblem[] }> {
  const first = await readFirstRows({ path }, 15);
  const header = detectHeader(first, PLAN_FIELDS);
  if (header.headerRowNumber === 0 || header.missingRequired.length > 0) {
    const missing = PLAN_FIELDS.filter((f) => header.missingRequired.includes(f.key) || (header.headerRowNumber === 0 && f.required)).map(
      (f) => `"${f.label}"`,
    );
    return {
      rows: [],
      problems: [
        {
          row: null,
          code: null,
          message: `Tệp kế hoạch thiếu cột ${missing.join(', ')}. Các cột cần có: ${PLAN_FIELDS.map((f) => f.label).join(', ')}.`,
        },
      ],
    };
  }
  const rows: PlanRow[] = [];
  const problems: PlanProblem[] = [];
  for await (const row of mappedRows({ path }, header, { maxRows: MAX_PLAN_ROWS })) {
    const opText = row.cell('operation');
    const oldCode = row.cell('oldCode');
    const newCode = row.cell('newCode');
    if (!opText && !oldCode && !newCode) continue;
    const operation = opText ? parseOperationKind(opText) : null;
    if (!operation) {
      problems.push({
        row: row.rowNumber,
        code: oldCode ?? newCode,
        message: `Dòng ${row.rowNumber}: thao tác "${opText ?? ''}" không hợp lệ (Thành lập, Đổi tên, Chuyển, Sáp nhập, Chia tách, Giải thể).`,
      });
      continue;
    }
    const date = parseDateCell(row.cell('effectiveOn'));
    if (!date.ok) {
      problems.push({
        row: row.rowNumber,
        code: oldCode ?? newCode,
        message: `Dòng ${row.rowNumber}, cột "Ngày hiệu lực": ${date.reason}`,
      });
      continue;
    }
    const kindText = row.cell('newKind');
    const newKind = kindText ? parseUnitKind(kindText) : null;
    if (kindText && !newKind) {
      problems.push({ row: row.rowNumber, code: newCode, message: `Dòng ${row.rowNumber}: loại đơn vị "${kindText}" không hợp lệ.` });
      continue;
    }
    rows.push({
      row: row.rowNumber,
      operation,
      oldCode,
      newCode,
      newName: row.cell('newName'),
      newKind,
      newParentCode: row.cell('newParentCode'),
      effectiveOn: date.value,
    });
  }
  return { rows, problems };
}

/**
 * Every problem of a file plan names its row: the preview lists messages only, and "Mã X đã được
 * dùng" means little until the person knows which of 200 rows to fix. Messages that already
 * start with their row are left as they are; problems of the plan as a whole (no rows, the
 * caller's unit missing on the date) have none to name.
 */
export function namingRows(problems: readonly PlanProblem[]): PlanProblem[] {
  return problems.map((p) => (p.row !== null && !/^Dòng \d+/.test(p.message) ? { ...p, message: `Dòng ${p.row}: ${p.message}` } : p));
}

/** Tải tệp mẫu of the restructuring screen: the columns readPlanFile recognises, an example, the notes. */
const PLAN_HELP: Record<string, Pick<TemplateColumn, 'example' | 'howTo' | 'text'>> = {
  operation: { example: 'Sáp nhập', howTo: 'Thành lập, Đổi tên, Chuyển, Sáp nhập, Chia tách hoặc Giải thể.' },
  oldCode: {
    example: 'TNI-P02',
    howTo: 'Mã đơn vị đang có (Đổi tên, Chuyển, Sáp nhập, Chia tách, Giải thể). Bỏ trống khi Thành lập.',
    text: true,
  },
  newCode: {
    example: 'TNI-P01',
    howTo:
      'Thành lập: mã của đơn vị mới. Sáp nhập, Chia tách: mã đơn vị kế thừa (một dòng cho mỗi phần khi chia tách). Giải thể: mã đơn vị nhận các đơn vị trực thuộc.',
    text: true,
  },
  newName: { example: '', howTo: 'Tên của đơn vị mới (Thành lập) hoặc tên mới (Đổi tên).' },
  newKind: {
    example: '',
    howTo: 'Loại của đơn vị mới khi Thành lập, ví dụ: Công đoàn xã, phường; Công đoàn cơ sở; Công đoàn khu công nghiệp.',
  },
  newParentCode: { example: '', howTo: 'Mã đơn vị cấp trên mới (Thành lập, Chuyển).', text: true },
  effectiveOn: { example: '01/07/2026', howTo: 'Ngày/tháng/năm (dd/mm/yyyy). Mọi dòng của một kế hoạch có cùng một ngày hiệu lực.' },
};

export const PLAN_TEMPLATE_FILE_NAME = 'mau-ke-hoach-sap-xep.xlsx';

export function planTemplate(): Promise<Buffer> {
  return templateWorkbook({
    sheetName: 'Kế hoạch',
    columns: PLAN_FIELDS.map((f) => ({ title: f.label, required: f.required ?? false, synonyms: f.synonyms, ...PLAN_HELP[f.key]! })),
    notes: [
      'Mẫu kế hoạch sắp xếp tổ chức của Tiến Độ: mỗi dòng là một thao tác, cả kế hoạch được áp dụng trong một lần vào Ngày hiệu lực.',
      'Trang "Kế hoạch": giữ nguyên dòng tiêu đề; dòng 2 là ví dụ (sáp nhập đơn vị TNI-P02 vào TNI-P01), hãy xóa hoặc ghi đè.',
      'Thành lập: Mã đơn vị mới, Tên đơn vị mới, Loại đơn vị, Mã đơn vị cấp trên mới. Đổi tên: Mã đơn vị cũ, Tên đơn vị mới. Chuyển: Mã đơn vị cũ, Mã đơn vị cấp trên mới.',
      'Sáp nhập: Mã đơn vị cũ và Mã đơn vị mới (đơn vị kế thừa); các đơn vị trực thuộc đi theo đơn vị kế thừa trừ khi có dòng Chuyển.',
      'Chia tách: một dòng cho mỗi phần (Mã đơn vị cũ, Mã đơn vị mới), và một dòng Chuyển cho mỗi đơn vị trực thuộc. Giải thể: Mã đơn vị cũ và đơn vị nhận các đơn vị trực thuộc (Mã đơn vị mới).',
      'Bấm Xem trước trước khi áp dụng: không có gì được ghi, và kế hoạch có lỗi được trả lại với từng lỗi kèm số dòng.',
    ],
  });
}
