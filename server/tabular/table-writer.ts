// Streaming export to XLSX or CSV. Rows are pulled from an async iterable and written one by one,
// so a million-row export keeps flat memory: the XLSX path commits each row to exceljs's
// streaming writer (no shared strings table, which would hold every string until the end) and
// yields to the event loop so the zip compressor keeps up; the CSV path honours back-pressure.
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { neutraliseFormula } from './formula-guard.ts';

export type ColumnType = 'text' | 'integer' | 'date' | 'percent';

export interface TableColumn {
  key: string;
  title: string;
  /** Excel column width in characters. */
  width?: number;
  type?: ColumnType;
}

export interface WriteTableOptions {
  format: 'xlsx' | 'csv';
  sheetName: string;
  columns: TableColumn[];
  rows: AsyncIterable<Record<string, unknown>> | Iterable<Record<string, unknown>>;
  /** CSV only; default ",". */
  delimiter?: ',' | ';' | '\t';
}

export interface WriteTableResult {
  rowsWritten: number;
}

const NUM_FORMATS: Partial<Record<ColumnType, string>> = { date: 'dd/mm/yyyy', percent: '0.0%', integer: '0' };
const YIELD_EVERY = 500;

export async function writeTable(output: NodeJS.WritableStream, options: WriteTableOptions): Promise<WriteTableResult> {
  return options.format === 'xlsx' ? writeXlsx(output, options) : writeCsv(output, options);
}

async function writeXlsx(output: NodeJS.WritableStream, options: WriteTableOptions): Promise<WriteTableResult> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output as Writable, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet(safeSheetName(options.sheetName), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = options.columns.map((c) => ({
    key: c.key,
    width: c.width ?? 16,
    style: NUM_FORMATS[c.type ?? 'text'] ? { numFmt: NUM_FORMATS[c.type ?? 'text'] } : {},
  }));
  const header = sheet.addRow(options.columns.map((c) => c.title.normalize('NFC')));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const record of options.rows) {
    sheet.addRow(options.columns.map((c) => xlsxValue(record[c.key], c.type ?? 'text'))).commit();
    if (++count % YIELD_EVERY === 0) await letStreamsFlow(output, sheet);
  }
  sheet.commit();
  await workbook.commit();
  return { rowsWritten: count };
}

/**
 * Back-pressure exceljs does not give: committed rows go into a PassThrough feeding the zip
 * compressor, whose buffer grows without limit when rows come faster than deflate takes them
 * (measured: +0.5 KB per row, ~680 MB for a million rows). We wait while more than a few MB are
 * queued there (an exceljs internal, read defensively), and for the destination's own 'drain'.
 */
async function letStreamsFlow(output: NodeJS.WritableStream, sheet: ExcelJS.Worksheet): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (queuedSheetBytes(sheet) > MAX_QUEUED_BYTES) await new Promise((resolve) => setTimeout(resolve, 1));
  if ((output as Writable).writableNeedDrain) await once(output as Writable, 'drain');
}

const MAX_QUEUED_BYTES = 4 * 1024 * 1024;

interface ExcelJsSheetInternals {
  stream?: { pipes?: { _writableState?: { length?: number } }[] };
}

function queuedSheetBytes(sheet: ExcelJS.Worksheet): number {
  const pipes = (sheet as unknown as ExcelJsSheetInternals).stream?.pipes ?? [];
  return pipes.reduce((sum, pipe) => sum + (pipe._writableState?.length ?? 0), 0);
}

function xlsxValue(value: unknown, type: ColumnType): string | number | Date | null {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'date': {
      const date = toDate(value);
      return date ?? textValue(value);
    }
    case 'integer':
    case 'percent': {
      const n = toNumber(value);
      return n ?? textValue(value);
    }
    default:
      return textValue(value);
  }
}

function textValue(value: unknown): string {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
  return neutraliseFormula(text.normalize('NFC'));
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

/** Calendar dates become UTC midnight, which exceljs turns into the right serial. */
function toDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    const date = new Date(value.slice(0, 10) + 'T00:00:00Z');
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** Excel: at most 31 characters, none of : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[:\\/?*[\]]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned === '' ? 'Sheet1' : cleaned;
}

async function writeCsv(output: NodeJS.WritableStream, options: WriteTableOptions): Promise<WriteTableResult> {
  const delimiter = options.delimiter ?? ',';
  // The BOM is what makes Excel read the file as UTF-8 instead of the Windows code page.
  await writeChunk(
    output,
    '\ufeff' +
      csvLine(
        options.columns.map((c) => c.title.normalize('NFC')),
        delimiter,
      ),
  );
  let count = 0;
  let buffer = '';
  for await (const record of options.rows) {
    buffer += csvLine(
      options.columns.map((c) => csvValue(record[c.key], c.type ?? 'text')),
      delimiter,
    );
    count++;
    if (buffer.length > 64 * 1024) {
      await writeChunk(output, buffer);
      buffer = '';
    }
  }
  if (buffer !== '') await writeChunk(output, buffer);
  return { rowsWritten: count };
}

async function writeChunk(output: NodeJS.WritableStream, text: string): Promise<void> {
  if (!output.write(text, 'utf8')) await once(output as Writable, 'drain');
}

function csvValue(value: unknown, type: ColumnType): string {
  const cell = xlsxValue(value, type);
  if (cell === null) return '';
  if (cell instanceof Date) return formatDdMmYyyy(cell);
  if (typeof cell === 'number') return type === 'percent' ? `${Number((cell * 100).toFixed(4))}%` : String(cell);
  return cell;
}

function formatDdMmYyyy(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function csvLine(cells: string[], delimiter: string): string {
  return cells.map((c) => quoteCsv(c, delimiter)).join(delimiter) + '\r\n';
}

function quoteCsv(cell: string, delimiter: string): string {
  const needsQuotes = cell.includes(delimiter) || /["\r\n]/.test(cell) || cell !== cell.trim();
  return needsQuotes ? `"${cell.replace(/"/g, '""')}"` : cell;
}
