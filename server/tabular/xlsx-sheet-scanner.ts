// A small streaming scanner for worksheet XML. It only understands what a data table needs:
// <row r>, <c r t s>, <v>, <f> (noted, never evaluated) and inline <is><t>. Text arrives in
// chunks; complete <row> elements are cut out and turned into TableRows, the rest waits for
// the next chunk. Working with indexOf on strings is what makes a million rows take seconds.
import type { SharedStringsStore } from './shared-strings-store.ts';
import { collectTextRuns, decodeXmlText, getAttr } from './xml-text.ts';
import { cleanCellText } from './text-normalizer.ts';
import { excelSerialToIso } from './excel-dates.ts';
import { EXCEL_MAX_COLUMNS } from './table-types.ts';
import type { TableRow } from './table-types.ts';

export interface SheetContext {
  prefix: string;
  /** Tag strings for `prefix`, built once (see tagsFor) rather than per cell. */
  tags: SheetTags;
  sharedStrings: SharedStringsStore | null;
  dateStyles: boolean[];
  date1904: boolean;
  maxCellLength: number;
}

export interface SheetTags {
  rowOpen: string;
  rowClose: string;
  cellOpen: string;
  cellClose: string;
  formula: string;
  valueOpen: string;
  valueClose: string;
}

export function tagsFor(prefix: string): SheetTags {
  return {
    rowOpen: `<${prefix}row`,
    rowClose: `</${prefix}row>`,
    cellOpen: `<${prefix}c`,
    cellClose: `</${prefix}c>`,
    formula: `<${prefix}f`,
    valueOpen: `<${prefix}v>`,
    valueClose: `</${prefix}v>`,
  };
}

/** A row as scanned; `empty` rows (no value in any cell) are counted but not yielded. */
export interface ScannedRow extends TableRow {
  empty: boolean;
}

/**
 * Cuts complete rows out of `text` starting at `from`; returns the index where unconsumed text
 * begins. `onRow` may return false to stop early.
 */
export function scanRows(
  text: string,
  ctx: SheetContext,
  state: { lastRow: number },
  onRow: (row: ScannedRow) => boolean,
): { rest: number; stopped: boolean } {
  const open = ctx.tags.rowOpen;
  const close = ctx.tags.rowClose;
  let p = 0;
  for (;;) {
    const at = text.indexOf(open, p);
    if (at < 0) return { rest: Math.max(p, text.length - open.length - 1), stopped: false };
    const tagEnd = text.indexOf('>', at);
    if (tagEnd < 0) return { rest: at, stopped: false };
    const next = text.charCodeAt(at + open.length);
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
      p = at + 1; // <rowBreaks> and friends
      continue;
    }
    const startTag = text.slice(at, tagEnd);
    const rowNumber = Number(getAttr(startTag, 'r')) || state.lastRow + 1;
    let body = '';
    if (text.charCodeAt(tagEnd - 1) === 47) {
      p = tagEnd + 1;
    } else {
      const end = text.indexOf(close, tagEnd);
      if (end < 0) return { rest: at, stopped: false };
      body = text.slice(tagEnd + 1, end);
      p = end + close.length;
    }
    state.lastRow = rowNumber;
    if (!onRow(parseRowBody(rowNumber, body, ctx))) return { rest: p, stopped: true };
  }
}

function parseRowBody(rowNumber: number, body: string, ctx: SheetContext): ScannedRow {
  const row: ScannedRow = { rowNumber, cells: [], empty: true };
  const open = ctx.tags.cellOpen;
  const close = ctx.tags.cellClose;
  let p = 0;
  let column = -1;
  for (;;) {
    const at = body.indexOf(open, p);
    if (at < 0) break;
    const next = body.charCodeAt(at + open.length);
    if (next !== 32 && next !== 62 && next !== 47) {
      p = at + 1;
      continue;
    }
    const tagEnd = body.indexOf('>', at);
    if (tagEnd < 0) break;
    const tag = body.slice(at, tagEnd);
    const ref = getAttr(tag, 'r');
    column = ref ? columnIndex(ref) : column + 1;
    let content = '';
    if (body.charCodeAt(tagEnd - 1) === 47) p = tagEnd + 1;
    else {
      const end = body.indexOf(close, tagEnd);
      content = body.slice(tagEnd + 1, end < 0 ? body.length : end);
      p = end < 0 ? body.length : end + close.length;
    }
    if (column < 0 || column >= EXCEL_MAX_COLUMNS || content === '') continue;
    placeCell(row, column, tag, content, ctx);
  }
  return row;
}

function placeCell(row: ScannedRow, column: number, tag: string, content: string, ctx: SheetContext): void {
  const hasFormula = content.indexOf(ctx.tags.formula) >= 0;
  if (hasFormula) (row.formulaCells ??= []).push(column);
  const read = cellValue(tag, content, ctx);
  let value = read.value;
  if (value !== null && value.length > ctx.maxCellLength) {
    value = value.slice(0, ctx.maxCellLength);
    read.truncated = true;
  }
  if (read.truncated) (row.truncatedCells ??= []).push(column);
  if (value === null) return;
  const cells = row.cells;
  while (cells.length < column) cells.push(null);
  cells[column] = value;
  row.empty = false;
}

function cellValue(tag: string, content: string, ctx: SheetContext): { value: string | null; truncated: boolean } {
  const type = getAttr(tag, 't');
  if (type === 'inlineStr') return { value: cleanCellText(collectTextRuns(content, ctx.prefix)), truncated: false };
  const raw = elementText(content, ctx.tags.valueOpen, ctx.tags.valueClose);
  if (raw === null) return { value: null, truncated: false };
  switch (type) {
    case 's': {
      const index = Number(raw);
      const text = ctx.sharedStrings?.get(index) ?? null;
      return { value: text, truncated: ctx.sharedStrings?.truncated.has(index) ?? false };
    }
    case 'str':
    case 'e':
      return { value: cleanCellText(decodeXmlText(raw)), truncated: false };
    case 'b':
      return { value: raw.trim() === '1' ? 'TRUE' : 'FALSE', truncated: false };
    case 'd':
      return { value: cleanCellText(raw.slice(0, raw.endsWith('T00:00:00') ? 10 : 19)), truncated: false };
    default:
      return { value: numericValue(raw.trim(), getAttr(tag, 's'), ctx), truncated: false };
  }
}

function elementText(content: string, open: string, close: string): string | null {
  const at = content.indexOf(open);
  if (at < 0) return null;
  const end = content.indexOf(close, at);
  return end < 0 ? null : content.slice(at + open.length, end);
}

function numericValue(raw: string, style: string | undefined, ctx: SheetContext): string | null {
  if (raw === '') return null;
  if (style !== undefined && ctx.dateStyles[Number(style)]) {
    const iso = excelSerialToIso(Number(raw), ctx.date1904);
    if (iso !== null) return iso;
  }
  return numberText(raw);
}

const PLAIN_INTEGER = /^-?\d+$/;

/**
 * The digits Excel shows. Integers keep their exact text (a 12-digit CCCD stored as a number
 * stays 12 digits); exponent forms are expanded; binary noise beyond Excel's 15 significant
 * digits is rounded away (0.30000000000000004 → 0.3).
 */
export function numberText(raw: string): string {
  if (PLAIN_INTEGER.test(raw)) return raw;
  const n = Number(raw);
  if (!Number.isFinite(n)) return raw;
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

/** "AB12" → 27. */
export function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}
