// Export → import: 20,000 rows through writeTable and back through openTable + detectHeader give
// the same values in XLSX and CSV, with dangerous text neutralised the same way in both.
import { describe, expect, it } from 'vitest';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { join } from 'node:path';
import { writeTable } from './table-writer.ts';
import type { TableColumn } from './table-writer.ts';
import { openTable, readFirstRows } from './table-reader.ts';
import { applyMapping, detectHeader } from './header-detector.ts';
import type { FieldSpec } from './header-detector.ts';
import { parseDateCell, parseIntegerCell } from './cell-parsers.ts';
import { neutraliseFormula, stripFormulaGuard } from './formula-guard.ts';
import { tempDir } from './xlsx-test-fixtures.ts';

const COUNT = 20_000;
const dir = tempDir('roundtrip');

const COLUMNS: TableColumn[] = [
  { key: 'stt', title: 'STT', type: 'integer' },
  { key: 'name', title: 'Họ và tên' },
  { key: 'birth', title: 'Ngày sinh', type: 'date' },
  { key: 'cccd', title: 'Số CCCD' },
  { key: 'card', title: 'Mã thẻ' },
  { key: 'members', title: 'Số người', type: 'integer' },
  { key: 'note', title: 'Ghi chú' },
];

const FIELDS: FieldSpec[] = [
  { key: 'name', label: 'Họ và tên', synonyms: ['Họ tên'], required: true },
  { key: 'birth', label: 'Ngày sinh', synonyms: [] },
  { key: 'cccd', label: 'Số CCCD', synonyms: ['CMND/CCCD'] },
  { key: 'members', label: 'Số người', synonyms: [] },
  { key: 'note', label: 'Ghi chú', synonyms: [] },
];

const DANGEROUS = ['=cmd|" /C calc"!A0', '+SUM(A1:A9)', '-2+3+cmd|x', '@SUM(1)', '=1+1'];
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Đặng'];

interface Member {
  stt: number;
  name: string;
  birth: string;
  cccd: string;
  card: string;
  members: number;
  note: string | null;
}

function member(i: number): Member {
  return {
    stt: i + 1,
    name: `${FAMILY[i % 6]} Thị Ngọc Ánh ${i}`,
    birth: `${1960 + (i % 45)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    cccd: String(1_000_000 + i * 37).padStart(12, '0'),
    card: String(i).padStart(6, '0'),
    members: i * 1000,
    note:
      i % 7 === 0
        ? DANGEROUS[i % DANGEROUS.length]!
        : i % 5 === 0
          ? `Ghi chú "số" ${i}, dòng 1\ndòng 2`
          : i % 3 === 0
            ? null
            : 'Bình thường',
  };
}

async function exportTo(format: 'xlsx' | 'csv'): Promise<string> {
  const path = join(dir, `members.${format}`);
  const out = createWriteStream(path);
  const rows = (async function* () {
    for (let i = 0; i < COUNT; i++) yield member(i) as unknown as Record<string, unknown>;
  })();
  await writeTable(out, { format, sheetName: 'Đoàn viên', columns: COLUMNS, rows });
  out.end();
  await finished(out);
  return path;
}

async function importFrom(path: string): Promise<Member[]> {
  const detected = detectHeader(await readFirstRows({ path }, 15), FIELDS);
  expect(detected.headerRowNumber).toBe(1);
  expect(detected.unmappedColumns.map((c) => c.title)).toEqual(['STT', 'Mã thẻ']);
  // The user maps the two columns detection does not know.
  const { mapping } = applyMapping(detected, { 0: null }, FIELDS);
  const cardColumn = 4;
  const members: Member[] = [];
  for await (const row of openTable({ path })) {
    if (row.rowNumber <= detected.headerRowNumber) continue;
    const cell = (index: number | undefined) => (index === undefined ? null : (row.cells[index] ?? null));
    const birth = parseDateCell(cell(mapping.birth));
    const count = parseIntegerCell(cell(mapping.members));
    members.push({
      stt: row.rowNumber - 1,
      name: cell(mapping.name)!,
      birth: birth.ok ? birth.value : `bad: ${birth.reason}`,
      cccd: cell(mapping.cccd)!,
      card: cell(cardColumn)!,
      members: count.ok ? count.value : NaN,
      note: cell(mapping.note),
    });
  }
  return members;
}

describe('round trip of 20,000 members', () => {
  const expected = Array.from({ length: COUNT }, (_, i) => {
    const m = member(i);
    return { ...m, note: m.note === null ? null : neutraliseFormula(m.note) };
  });

  it.each(['xlsx', 'csv'] as const)(
    '%s gives back identical values, formulas neutralised',
    async (format) => {
      const read = await importFrom(await exportTo(format));
      expect(read.length).toBe(COUNT);
      expect(read).toEqual(expected);
      const neutralised = read.filter((m) => m.note?.startsWith("'"));
      expect(neutralised.length).toBe(Math.ceil(COUNT / 7));
      expect(neutralised.every((m) => DANGEROUS.includes(stripFormulaGuard(m.note!)))).toBe(true);
    },
    30_000,
  );
});
