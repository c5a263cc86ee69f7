// The one entry point for reading a spreadsheet: `openTable` sniffs the content (XLSX or CSV)
// and yields rows; `summary` fills in as the rows are read and is final once iteration ends.
import { sniffFile } from './file-sniffer.ts';
import { readCsvRows } from './csv-row-reader.ts';
import { readXlsxRows } from './xlsx-row-reader.ts';
import { emptySummary, resolveTableOptions } from './table-types.ts';
import type { HeaderDetection } from './header-detector.ts';
import type { OpenTableOptions, TableRow, TableSource, TableSummary } from './table-types.ts';

export interface TableStream extends AsyncIterable<TableRow> {
  readonly summary: TableSummary;
}

/**
 * Nothing is read until iteration starts; bad input (not a spreadsheet, zip bomb, wrong
 * encoding, too many rows) surfaces as an AppError from the iterator.
 */
export function openTable(source: TableSource, options: OpenTableOptions = {}): TableStream {
  const summary = emptySummary();
  const resolved = resolveTableOptions(options);
  return {
    summary,
    async *[Symbol.asyncIterator]() {
      Object.assign(summary, emptySummary()); // a second pass starts a fresh count
      const kind = await sniffFile(source.path);
      if (kind.kind === 'xlsx') yield* readXlsxRows(source.path, resolved, summary);
      else yield* readCsvRows(source.path, kind.encoding, kind.bomLength, resolved, summary);
    },
  };
}

/** The first `count` non-empty rows, for header detection and previews. */
export async function readFirstRows(source: TableSource, count: number, options: OpenTableOptions = {}): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  if (count <= 0) return rows;
  for await (const row of openTable(source, options)) {
    rows.push(row);
    if (rows.length >= count) break;
  }
  return rows;
}

/** A data row below a detected header: its number, and a mapped field's text, trimmed (null when the column is absent or the cell blank). */
export interface MappedRow {
  rowNumber: number;
  cell(key: string): string | null;
}

/** The rows of `source` below the header `header` found in it, read through its mapping. */
export async function* mappedRows(source: TableSource, header: HeaderDetection, options: OpenTableOptions = {}): AsyncGenerator<MappedRow> {
  for await (const row of openTable(source, options)) {
    if (row.rowNumber <= header.headerRowNumber) continue;
    yield {
      rowNumber: row.rowNumber,
      cell(key) {
        const index = header.mapping[key];
        const value = index === undefined ? null : (row.cells[index] ?? null);
        return value === null || value.trim() === '' ? null : value.trim();
      },
    };
  }
}
