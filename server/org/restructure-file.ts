import { parseOperationKind, parseUnitKind, type PlanProblem, type PlanRow } from '../../domain/org/restructure-plan.ts';
import { detectHeader, openTable, parseDateCell, readFirstRows, type FieldSpec } from '../tabular/tabular-api.ts';

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
    const missing = PLAN_FIELDS.filter((f) => header.missingRequired.includes(f.key) || header.headerRowNumber === 0 && f.required).map((f) => `"${f.label}"`);
    return { rows: [], problems: [{ row: null, code: null, message: `Tệp kế hoạch thiếu cột ${missing.join(', ')}. Các cột cần có: ${PLAN_FIELDS.map((f) => f.label).join(', ')}.` }] };
  }
  const rows: PlanRow[] = [];
  const problems: PlanProblem[] = [];
  const cell = (cells: (string | null)[], key: string) => {
    const index = header.mapping[key];
    const value = index === undefined ? null : cells[index] ?? null;
    return value === null || value.trim() === '' ? null : value.trim();
  };
  for await (const row of openTable({ path }, { maxRows: MAX_PLAN_ROWS })) {
    if (row.rowNumber <= header.headerRowNumber) continue;
    const opText = cell(row.cells, 'operation');
    const oldCode = cell(row.cells, 'oldCode');
    const newCode = cell(row.cells, 'newCode');
    if (!opText && !oldCode && !newCode) continue;
    const operation = opText ? parseOperationKind(opText) : null;
    if (!operation) {
      problems.push({ row: row.rowNumber, code: oldCode ?? newCode, message: `Dòng ${row.rowNumber}: thao tác "${opText ?? ''}" không hợp lệ (Thành lập, Đổi tên, Chuyển, Sáp nhập, Chia tách, Giải thể).` });
      continue;
    }
    const date = parseDateCell(cell(row.cells, 'effectiveOn'));
    if (!date.ok) {
      problems.push({ row: row.rowNumber, code: oldCode ?? newCode, message: `Dòng ${row.rowNumber}, cột "Ngày hiệu lực": ${date.reason}` });
      continue;
    }
    const kindText = cell(row.cells, 'newKind');
    const newKind = kindText ? parseUnitKind(kindText) : null;
    if (kindText && !newKind) {
      problems.push({ row: row.rowNumber, code: newCode, message: `Dòng ${row.rowNumber}: loại đơn vị "${kindText}" không hợp lệ.` });
      continue;
    }
    rows.push({ row: row.rowNumber, operation, oldCode, newCode, newName: cell(row.cells, 'newName'), newKind, newParentCode: cell(row.cells, 'newParentCode'), effectiveOn: date.value });
  }
  return { rows, problems };
}
