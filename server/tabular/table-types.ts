// Shared shapes of the tabular I/O module: what a reader yields and what it reports at the end.

export interface TableRow {
  /** 1-based, as Excel shows it in the row gutter (CSV: the record number). */
  rowNumber: number;
  /** Cell texts, trimmed and NFC-normalised; empty cells are null. Trailing nulls may be omitted. */
  cells: (string | null)[];
  /** Column indexes whose cell held a formula (cached result used, never evaluated). */
  formulaCells?: number[];
  /** Column indexes whose text was longer than Excel's 32,767 characters and got truncated. */
  truncatedCells?: number[];
}

export type TableFormat = 'xlsx' | 'csv';

export interface TableSummary {
  format: TableFormat | null;
  sheetName: string | null;
  /** Non-empty rows handed to the caller. */
  rowsYielded: number;
  /** Row number of the last non-empty row seen. */
  lastRowNumber: number;
  /** True when reading stopped at a run of `maxEmptyRun` empty rows, taken as the end of the data. */
  stoppedAtEmptyRun: boolean;
  formulaCellCount: number;
  truncatedCellCount: number;
  /** CSV only. */
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  delimiter: string | null;
}

export interface OpenTableOptions {
  /** XLSX: read this worksheet instead of the first one. */
  sheetName?: string;
  /** Consecutive empty rows taken as the end of the data (default 10,000). */
  maxEmptyRun?: number;
  /** Rows beyond this number are refused (default Excel's 1,048,576). */
  maxRows?: number;
  /** Longest cell text kept; longer ones are truncated and flagged (default 32,767). */
  maxCellLength?: number;
  /** XLSX: refuse a worksheet whose XML is larger than this (default 1 GiB). */
  maxSheetBytes?: number;
  /**
   * XLSX: refuse shared strings larger than this (default 400 MiB). Excel puts every text cell
   * there: a million members with five distinct texts each make ~250-320 MiB of XML.
   */
  maxSharedStringsBytes?: number;
  /** CSV: force the delimiter instead of sniffing it. */
  delimiter?: ',' | ';' | '\t';
}

export interface TableSource {
  path: string;
}

export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_CELL_LENGTH = 32_767;

export interface ResolvedTableOptions {
  sheetName: string | undefined;
  maxEmptyRun: number;
  maxRows: number;
  maxCellLength: number;
  maxSheetBytes: number;
  maxSharedStringsBytes: number;
  delimiter: ',' | ';' | '\t' | undefined;
}

export function resolveTableOptions(options: OpenTableOptions = {}): ResolvedTableOptions {
  return {
    sheetName: options.sheetName,
    maxEmptyRun: options.maxEmptyRun ?? 10_000,
    maxRows: options.maxRows ?? EXCEL_MAX_ROWS,
    maxCellLength: options.maxCellLength ?? EXCEL_MAX_CELL_LENGTH,
    maxSheetBytes: options.maxSheetBytes ?? 1024 ** 3,
    maxSharedStringsBytes: options.maxSharedStringsBytes ?? 400 * 1024 ** 2,
    delimiter: options.delimiter,
  };
}

export function emptySummary(): TableSummary {
  return {
    format: null,
    sheetName: null,
    rowsYielded: 0,
    lastRowNumber: 0,
    stoppedAtEmptyRun: false,
    formulaCellCount: 0,
    truncatedCellCount: 0,
    encoding: null,
    delimiter: null,
  };
}
