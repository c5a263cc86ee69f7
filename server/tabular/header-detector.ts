// Finds the header row of a Vietnamese spreadsheet and maps its columns to the fields a caller
// expects. Titles are compared folded (no accents, case or punctuation), so "HỌ VÀ TÊN",
// "Ho ten" and "Họ và tên:" all match; hints in parentheses ("Ngày sinh (dd/mm/yyyy)") are
// ignored. The header is the row among the first ones matching the most fields; a group title
// row above it (merged cells) is combined with it when that matches more.
import { looseKey } from './text-normalizer.ts';
import { tableErrors } from './table-errors.ts';
import type { TableRow } from './table-types.ts';

export interface FieldSpec {
  key: string;
  /** Vietnamese title, also used as a synonym. */
  label: string;
  synonyms: string[];
  required?: boolean;
}

export interface HeaderColumn {
  index: number;
  title: string;
}

export interface HeaderDetection {
  /** The last header row; data starts below it. 0 when nothing matched. */
  headerRowNumber: number;
  /** All header rows (two when a group title row above was used). */
  headerRowNumbers: number[];
  mapping: Record<string, number>;
  unmappedColumns: HeaderColumn[];
  missingRequired: string[];
  /** Every titled column, for a mapping screen. */
  columns: HeaderColumn[];
}

const SCAN_ROWS = 15;
/** Words that carry no meaning in a title: "Số CCCD" = "CCCD", "Họ và tên" = "Họ tên". */
const FILLER_WORDS = new Set(['va', 'cua', 'so', 'stt cua']);

export function detectHeader(firstRows: TableRow[], fields: FieldSpec[]): HeaderDetection {
  const rows = firstRows.slice(0, SCAN_ROWS);
  const matchers = fields.map(compileField);
  let best: Candidate | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const single = candidateFrom([row], matchers);
    const candidates = [single];
    const above = rows[i - 1];
    // A two-row header is a group-title row above the real titles: the lower row must itself be
    // a title row, at least as title-like as the one above. Otherwise "header + first data row"
    // could win when a data cell happens to read like a title (e.g. an error text "Số CCCD: …").
    if (above && above.rowNumber === row.rowNumber - 1 && single.matched >= candidateFrom([above], matchers).matched) {
      candidates.push(candidateFrom([above, row], matchers));
    }
    for (const candidate of candidates) if (!best || candidate.score > best.score) best = candidate;
  }
  if (!best || best.matched === 0) return finish([], {}, [], fields);
  return finish(
    best.rows.map((r) => r.rowNumber),
    best.mapping,
    best.columns,
    fields,
  );
}

/** Overrides the detection with the user's choices: column index → field key, or null to ignore. */
export function applyMapping(detection: HeaderDetection, explicit: Record<number, string | null>, fields: FieldSpec[]): HeaderDetection {
  const known = new Set(fields.map((f) => f.key));
  const mapping = { ...detection.mapping };
  for (const [indexText, key] of Object.entries(explicit)) {
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 0) throw tableErrors.badColumn(index);
    for (const [k, i] of Object.entries(mapping)) if (i === index) delete mapping[k];
    if (key === null) continue;
    if (!known.has(key)) throw tableErrors.unknownField(key);
    mapping[key] = index;
  }
  return finish(detection.headerRowNumbers, mapping, detection.columns, fields);
}

function finish(headerRows: number[], mapping: Record<string, number>, columns: HeaderColumn[], fields: FieldSpec[]): HeaderDetection {
  const used = new Set(Object.values(mapping));
  return {
    headerRowNumber: headerRows[headerRows.length - 1] ?? 0,
    headerRowNumbers: headerRows,
    mapping,
    unmappedColumns: columns.filter((c) => !used.has(c.index)),
    missingRequired: fields.filter((f) => f.required && mapping[f.key] === undefined).map((f) => f.key),
    columns,
  };
}

interface FieldMatcher {
  key: string;
  keys: string[];
}

function compileField(field: FieldSpec): FieldMatcher {
  const keys = [field.label, field.key, ...field.synonyms].map(titleKey).filter((k) => k !== '');
  return { key: field.key, keys: [...new Set(keys)] };
}

/** Folded title without parenthesised hints and filler words. */
export function titleKey(title: string): string {
  const withoutHints = title.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ');
  const key = looseKey(withoutHints) || looseKey(title);
  return key
    .split(' ')
    .filter((w) => !FILLER_WORDS.has(w))
    .join(' ');
}

/** 3 = same title; 2 = title is the synonym plus extra words; 0 = no match. */
function matchScore(title: string, keys: string[]): number {
  let score = 0;
  const padded = ` ${title} `;
  for (const key of keys) {
    if (key === title) return 3;
    if (padded.includes(` ${key} `)) score = Math.max(score, key.includes(' ') || key.length >= 4 ? 2 : 1);
  }
  return score;
}

interface Candidate {
  rows: TableRow[];
  mapping: Record<string, number>;
  columns: HeaderColumn[];
  matched: number;
  score: number;
}

function candidateFrom(rows: TableRow[], matchers: FieldMatcher[]): Candidate {
  const columns = combinedTitles(rows);
  const pairs: { field: string; column: number; score: number }[] = [];
  for (const column of columns) {
    const variants = column.variants.map(titleKey);
    for (const m of matchers) {
      const score = Math.max(...variants.map((v) => matchScore(v, m.keys)));
      if (score > 0) pairs.push({ field: m.key, column: column.index, score });
    }
  }
  // Greedy by score, then left to right: each field takes one column and each column one field.
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: Record<string, number> = {};
  const usedColumns = new Set<number>();
  let total = 0;
  for (const p of pairs) {
    if (mapping[p.field] !== undefined || usedColumns.has(p.column)) continue;
    mapping[p.field] = p.column;
    usedColumns.add(p.column);
    total += p.score;
  }
  const matched = usedColumns.size;
  // A second header row must earn its place: prefer one row on ties.
  const score = matched * 100 + total * 10 - (rows.length - 1) * 5;
  return { rows, mapping, columns: columns.map(({ index, title }) => ({ index, title })), matched, score };
}

interface CombinedColumn extends HeaderColumn {
  variants: string[];
}

/** For two rows, a column's group title is the nearest title to its left in the upper row (merged across). */
function combinedTitles(rows: TableRow[]): CombinedColumn[] {
  const lower = rows[rows.length - 1]!.cells;
  const upper = rows.length > 1 ? rows[0]!.cells : [];
  const width = Math.max(lower.length, upper.length);
  const out: CombinedColumn[] = [];
  let group: string | null = null;
  for (let i = 0; i < width; i++) {
    const top = upper[i] ?? null;
    if (top !== null) group = top;
    const sub = lower[i] ?? null;
    if (rows.length > 1 && top === null && sub === null) group = null;
    const variants = variantsFor(sub, top, group);
    if (variants.length === 0) continue;
    out.push({ index: i, title: displayTitle(sub, top, group), variants });
  }
  return out;
}

function variantsFor(sub: string | null, top: string | null, group: string | null): string[] {
  if (sub !== null && group !== null) return [sub, `${group} ${sub}`];
  if (sub !== null) return [sub];
  // Merged vertically: the title sits in the upper row only.
  if (top !== null) return [top];
  return [];
}

function displayTitle(sub: string | null, top: string | null, group: string | null): string {
  if (sub !== null && group !== null && top === null) return `${group} / ${sub}`;
  if (sub !== null && top !== null) return `${top} / ${sub}`;
  return sub ?? top ?? '';
}
