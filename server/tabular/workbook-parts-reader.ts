// The small parts of an XLSX needed before streaming a worksheet: which sheet (workbook.xml and
// its relationships), which styles are dates (styles.xml), and whether dates count from 1904.
import { findEntry, readEntryText } from './zip-file-reader.ts';
import type { ZipFileEntry } from './zip-file-reader.ts';
import { tableErrors } from './table-errors.ts';
import { decodeXmlText, detectPrefix, getAttr } from './xml-text.ts';

const SMALL_PART_LIMIT = 64 * 1024 * 1024;

export interface WorkbookLayout {
  sheetName: string;
  sheetPath: string;
  sharedStringsPath: string | null;
  stylesPath: string | null;
  date1904: boolean;
}

export async function readWorkbookLayout(path: string, entries: ZipFileEntry[], wantedSheet: string | undefined): Promise<WorkbookLayout> {
  const workbookEntry = findEntry(entries, 'xl/workbook.xml');
  if (!workbookEntry) throw tableErrors.notSpreadsheet();
  const workbook = await readEntryText(path, workbookEntry, SMALL_PART_LIMIT, 'workbook.xml');
  const relsEntry = findEntry(entries, 'xl/_rels/workbook.xml.rels');
  const rels = relsEntry ? parseRelationships(await readEntryText(path, relsEntry, SMALL_PART_LIMIT, 'rels')) : [];
  const sheets = listSheets(workbook);
  const sheet = wantedSheet === undefined ? sheets[0] : sheets.find((s) => sameName(s.name, wantedSheet));
  if (!sheet) throw wantedSheet === undefined ? tableErrors.corrupt('không có trang tính') : tableErrors.sheetNotFound(wantedSheet);
  const target = rels.find((r) => r.id === sheet.relId)?.target;
  const byType = (suffix: string) => rels.find((r) => r.type.endsWith(suffix))?.target;
  return {
    sheetName: sheet.name,
    sheetPath: target ? resolveTarget(target) : `xl/worksheets/sheet${sheet.index + 1}.xml`,
    sharedStringsPath: resolveOptional(byType('/sharedStrings'), 'xl/sharedStrings.xml', entries),
    stylesPath: resolveOptional(byType('/styles'), 'xl/styles.xml', entries),
    date1904: /date1904\s*=\s*["'](1|true)["']/.test(workbook),
  };
}

function sameName(a: string, b: string): boolean {
  return a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();
}

interface SheetRef {
  name: string;
  relId: string;
  index: number;
}

function listSheets(workbook: string): SheetRef[] {
  const prefix = detectPrefix(workbook, 'workbook');
  const sheets: SheetRef[] = [];
  const re = new RegExp(`<${prefix}sheet\\s[^>]*>`, 'g');
  for (const match of workbook.matchAll(re)) {
    const tag = match[0];
    const relId = getAttr(tag, 'r:id') ?? relIdWithAnyPrefix(tag);
    sheets.push({ name: decodeXmlText(getAttr(tag, 'name') ?? ''), relId: relId ?? '', index: sheets.length });
  }
  return sheets;
}

function relIdWithAnyPrefix(tag: string): string | undefined {
  return /\s[\w]+:id\s*=\s*["']([^"']*)["']/.exec(tag)?.[1];
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function parseRelationships(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  for (const match of xml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)) {
    const tag = match[0];
    rels.push({ id: getAttr(tag, 'Id') ?? '', type: getAttr(tag, 'Type') ?? '', target: decodeXmlText(getAttr(tag, 'Target') ?? '') });
  }
  return rels;
}

/** Relationship targets are relative to xl/ unless absolute. */
function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ['xl'];
  for (const part of target.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

function resolveOptional(target: string | undefined, fallback: string, entries: ZipFileEntry[]): string | null {
  const path = target ? resolveTarget(target) : fallback;
  return findEntry(entries, path) ? path : null;
}

/** Built-in number formats that show a date (ECMA-376 18.8.30 plus East Asian locale ids); time-only ones (18-21, 45-47) stay numbers. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** For each cell style index (the `s` attribute), whether its number format shows a date. */
export async function readDateStyles(path: string, entries: ZipFileEntry[], stylesPath: string | null): Promise<boolean[]> {
  const entry = stylesPath ? findEntry(entries, stylesPath) : undefined;
  if (!entry) return [];
  const xml = await readEntryText(path, entry, SMALL_PART_LIMIT, 'styles.xml');
  const prefix = detectPrefix(xml, 'styleSheet');
  const customDates = new Set<number>();
  for (const match of xml.matchAll(new RegExp(`<${prefix}numFmt\\s[^>]*>`, 'g'))) {
    const id = Number(getAttr(match[0], 'numFmtId'));
    if (isDateFormatCode(decodeXmlText(getAttr(match[0], 'formatCode') ?? ''))) customDates.add(id);
  }
  const cellXfs = new RegExp(`<${prefix}cellXfs[\\s>][\\s\\S]*?</${prefix}cellXfs>`).exec(xml)?.[0] ?? '';
  const result: boolean[] = [];
  for (const match of cellXfs.matchAll(new RegExp(`<${prefix}xf[\\s>/][^>]*>`, 'g'))) {
    const id = Number(getAttr(match[0], 'numFmtId') ?? 0);
    result.push(BUILTIN_DATE_FORMATS.has(id) || customDates.has(id));
  }
  return result;
}

/** A format shows a date when it has d, m or y outside quotes, escapes and [colour] brackets. */
export function isDateFormatCode(code: string): boolean {
  const bare =
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\\./g, '')
      .replace(/\[[^\]]*\]/g, '')
      .split(';')[0] ?? '';
  return /[dy]/i.test(bare) || (/m/i.test(bare) && !/[hs]/i.test(bare));
}
