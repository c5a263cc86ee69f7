// Streams the records of a CSV file: decoded strictly (bytes that are not valid UTF-8 or UTF-16
// are refused, never guessed), delimiter sniffed from the first lines unless given.
import { createReadStream } from 'node:fs';
import { CsvParser, holdBackQuote, sniffDelimiter } from './csv-parser.ts';
import type { CsvRecord } from './csv-parser.ts';
import { RowBatch } from './row-limiter.ts';
import { tableErrors } from './table-errors.ts';
import type { ResolvedTableOptions, TableRow, TableSummary } from './table-types.ts';

const SNIFF_CHARS = 64 * 1024;

export async function* readCsvRows(
  path: string,
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be',
  bomLength: number,
  options: ResolvedTableOptions,
  summary: TableSummary,
): AsyncGenerator<TableRow> {
  summary.format = 'csv';
  summary.encoding = encoding;
  const stream = createReadStream(path, { start: bomLength, highWaterMark: 1024 * 1024 });
  const decoder = new TextDecoder(encoding, { fatal: true });
  const rows = new RowBatch<CsvRecord>(options, summary, { numberOf: (r) => r.recordNumber, toRow: (r) => toTableRow(r, summary) });
  let parser: CsvParser | null = null;
  let carry = '';
  try {
    for await (const chunk of stream) {
      carry += decodeStrict(decoder, chunk as Buffer, true);
      if (!parser && carry.length < SNIFF_CHARS) continue;
      parser ??= makeParser(carry, options, summary);
      const [text, held] = holdBackQuote(carry);
      carry = held;
      const goOn = parser.feed(text, rows.offer);
      yield* rows.take();
      if (!goOn) return;
    }
    carry += decodeStrict(decoder, undefined, false);
    parser ??= makeParser(carry, options, summary);
    if (parser.feed(carry, rows.offer)) parser.end(rows.offer);
    yield* rows.take();
  } finally {
    stream.destroy();
  }
}

function makeParser(sample: string, options: ResolvedTableOptions, summary: TableSummary): CsvParser {
  const delimiter = options.delimiter ?? sniffDelimiter(sample.slice(0, SNIFF_CHARS));
  summary.delimiter = delimiter;
  return new CsvParser(delimiter, options.maxCellLength);
}

function decodeStrict(decoder: TextDecoder, chunk: Buffer | undefined, stream: boolean): string {
  try {
    return decoder.decode(chunk, { stream });
  } catch {
    throw tableErrors.encoding();
  }
}

function toTableRow(record: CsvRecord, summary: TableSummary): TableRow {
  const row: TableRow = { rowNumber: record.recordNumber, cells: record.cells };
  if (record.truncatedCells) {
    row.truncatedCells = record.truncatedCells;
    summary.truncatedCellCount += record.truncatedCells.length;
  }
  return row;
}
