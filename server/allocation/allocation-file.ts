// An allocation typed in Excel: one row per child unit, its code and the value given to it.
// Read with the tabular readers (header titles found anywhere in the first rows, Vietnamese
// synonyms); every row that cannot be used is reported with its number, and the file is used
// only when none is.
import { detectHeader, mappedRows, parseIntegerCell, readFirstRows, type FieldSpec } from '../tabular/tabular-api.ts';
import type { ChildUnit } from './allocation.repository.ts';

export const ALLOCATION_FIELDS: FieldSpec[] = [
  { key: 'code', label: 'Mã đơn vị', synonyms: ['Mã', 'Mã CĐ', 'Mã công đoàn'], required: true },
  { key: 'name', label: 'Tên đơn vị', synonyms: ['Đơn vị', 'Tên công đoàn'] },
  { key: 'value', label: 'Chỉ tiêu giao', synonyms: ['Chỉ tiêu', 'Giá trị', 'Số giao', 'Mức giao'], required: true },
];

const MAX_ROWS = 20_000;

export interface FileProblem {
  row: number | null;
  message: string;
}

export async function readAllocationFile(
  path: string,
  children: readonly ChildUnit[],
  ratio: boolean,
): Promise<{ shares: { unitId: number; value: number; row: number }[]; problems: FileProblem[] }> {
  const header = detectHeader(await readFirstRows({ path }, 15), ALLOCATION_FIELDS);
  if (header.headerRowNumber === 0 || header.missingRequired.length > 0) {
    return {
      shares: [],
      problems: [
        {
          row: null,
          message: `Tệp thiếu cột ${ALLOCATION_FIELDS.filter((f) => f.required)
            .map((f) => `"${f.label}"`)
            .join(' và ')}.`,
        },
      ],
    };
  }
  const byCode = new Map(children.map((c) => [c.code.toUpperCase(), c]));
  const shares: { unitId: number; value: number; row: number }[] = [];
  const problems: FileProblem[] = [];
  for await (const row of mappedRows({ path }, header, { maxRows: MAX_ROWS })) {
    const code = row.cell('code');
    const text = row.cell('value');
    if (!code && !text) continue;
    const child = code ? byCode.get(code.toUpperCase()) : undefined;
    if (!child) {
      problems.push({
        row: row.rowNumber,
        message: `Dòng ${row.rowNumber}: ${code ? `mã "${code}" không phải đơn vị trực thuộc của đơn vị giao chỉ tiêu` : 'thiếu mã đơn vị'}.`,
      });
      continue;
    }
    const value = ratio ? parseDecimal(text) : parseIntegerCell(text);
    if (!value.ok) {
      problems.push({ row: row.rowNumber, message: `Dòng ${row.rowNumber} (${child.name}), cột "Chỉ tiêu giao": ${value.reason}` });
      continue;
    }
    shares.push({ unitId: child.id, value: value.value, row: row.rowNumber });
  }
  return { shares, problems };
}

/** A share or ratio as Vietnamese write it: "72,5", "72.5" or "72,5%". */
function parseDecimal(text: string | null): { ok: true; value: number } | { ok: false; reason: string } {
  const s = (text ?? '').trim().replace(/%$/, '').replace(',', '.');
  if (s === '') return { ok: false, reason: 'Thiếu số.' };
  const value = Number(s);
  return /^\d+(\.\d+)?$/.test(s) && Number.isFinite(value) ? { ok: true, value } : { ok: false, reason: `"${text}" không phải số.` };
}
