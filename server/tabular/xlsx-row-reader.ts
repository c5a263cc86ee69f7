// Streams the rows of one worksheet of an XLSX file with bounded memory: directory checks first
// (zip bomb), then shared strings and date styles, then the sheet XML chunk by chunk.
import { StringDecoder } from 'node:string_decoder';
import { findEntry, openEntryStream, readZipDirectory } from './zip-file-reader.ts';
import type { ZipFileEntry } from './zip-file-reader.ts';
import { readDateStyles, readWorkbookLayout } from './workbook-parts-reader.ts';
import { loadSharedStrings } from './shared-strings-store.ts';
import type { SharedStringsStore } from './shared-strings-store.ts';
import { scanRows, tagsFor } from './xlsx-sheet-scanner.ts';
import type { ScannedRow, SheetContext } from './xlsx-sheet-scanner.ts';
import { detectPrefix } from './xml-text.ts';
import { tableErrors } from './table-errors.ts';
import type { ResolvedTableOptions, TableRow, TableSummary } from './table-types.ts';
import { RowBatch } from './row-limiter.ts';

/** A row still unfinished after this many characters is hostile (Excel's own max is far below). */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

export async function* readXlsxRows(path: string, options: ResolvedTableOptions, summary: TableSummary): AsyncGenerator<TableRow> {
  const entries = await readZipDirectory(path);
  const layout = await readWorkbookLayout(path, entries, options.sheetName);
  const sheetEntry = findEntry(entries, layout.sheetPath);
  if (!sheetEntry) throw tableErrors.corrupt('thiếu trang tính');
  if (sheetEntry.uncompressedSize > options.maxSheetBytes) throw tableErrors.tooLarge('trang tính');
  const sharedEntry = layout.sharedStringsPath ? findEntry(entries, layout.sharedStringsPath) : undefined;
  if (sharedEntry && sharedEntry.uncompressedSize > options.maxSharedStringsBytes) throw tableErrors.tooLarge('bảng chuỗi dùng chung');
  summary.format = 'xlsx';
  summary.sheetName = layout.sheetName;
  const ctx: SheetContext = {
    prefix: '',
    tags: tagsFor(''),
    sharedStrings: await loadShared(path, sharedEntry, options),
    dateStyles: await readDateStyles(path, entries, layout.stylesPath),
    date1904: layout.date1904,
    maxCellLength: options.maxCellLength,
  };
  yield* streamSheet(path, sheetEntry, ctx, options, summary);
}

async function loadShared(
  path: string,
  entry: ZipFileEntry | undefined,
  options: ResolvedTableOptions,
): Promise<SharedStringsStore | null> {
  if (!entry) return null;
  const stream = await openEntryStream(path, entry, options.maxSharedStringsBytes, 'bảng chuỗi dùng chung');
  try {
    return await loadSharedStrings(stream, options.maxCellLength, Math.min(entry.uncompressedSize, options.maxSharedStringsBytes));
  } finally {
    stream.destroy();
  }
}

async function* streamSheet(
  path: string,
  entry: ZipFileEntry,
  ctx: SheetContext,
  options: ResolvedTableOptions,
  summary: TableSummary,
): AsyncGenerator<TableRow> {
  const stream = await openEntryStream(path, entry, options.maxSheetBytes, 'trang tính');
  const rows = new RowBatch<ScannedRow>(options, summary, { numberOf: (r) => r.rowNumber, toRow: (r) => toTableRow(r, summary) });
  const decoder = new StringDecoder('utf8');
  const state = { lastRow: 0 };
  let pending = '';
  let prefixKnown = false;
  try {
    for await (const chunk of stream) {
      pending += decoder.write(chunk as Buffer);
      if (!prefixKnown && pending.length > 4096) {
        setPrefix(ctx, detectPrefix(pending, 'worksheet'));
        prefixKnown = true;
      }
      if (!prefixKnown) continue;
      const { rest, stopped } = scanRows(pending, ctx, state, rows.offer);
      pending = pending.slice(rest);
      if (pending.length > MAX_PENDING_CHARS) throw tableErrors.rowTooLarge(state.lastRow + 1);
      yield* rows.take();
      if (stopped) return;
    }
    pending += decoder.end();
    if (!prefixKnown) setPrefix(ctx, detectPrefix(pending, 'worksheet'));
    scanRows(pending, ctx, state, rows.offer);
    yield* rows.take();
  } finally {
    stream.destroy();
  }
}

function setPrefix(ctx: SheetContext, prefix: string): void {
  ctx.prefix = prefix;
  ctx.tags = tagsFor(prefix);
}

function toTableRow(row: ScannedRow, summary: TableSummary): TableRow {
  const out: TableRow = { rowNumber: row.rowNumber, cells: row.cells };
  if (row.formulaCells) {
    out.formulaCells = row.formulaCells;
    summary.formulaCellCount += row.formulaCells.length;
  }
  if (row.truncatedCells) {
    out.truncatedCells = row.truncatedCells;
    summary.truncatedCellCount += row.truncatedCells.length;
  }
  return out;
}
