// RFC 4180 record parser fed with decoded text chunks: quoted fields may hold delimiters,
// doubled quotes and line breaks; CRLF, LF and lone CR all end a record. Field text is capped
// at the cell length limit while parsing, so an unterminated quote cannot eat memory.
import { cleanCellText } from './text-normalizer.ts';
import { EXCEL_MAX_COLUMNS } from './table-types.ts';

export interface CsvRecord {
  recordNumber: number;
  cells: (string | null)[];
  truncatedCells?: number[];
  empty: boolean;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvParser {
  private field = '';
  private fieldTruncated = false;
  private cells: (string | null)[] = [];
  private truncated: number[] | undefined;
  private inQuotes = false;
  private quoteJustClosed = false;
  private afterCr = false;
  private recordNumber = 0;
  private readonly delimiter: number;

  constructor(
    delimiter: string,
    private readonly maxCellLength: number,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /**
   * Parses `text`, calling `onRecord` per complete record; returns false if it asked to stop.
   * The caller never ends a chunk on a quote (see holdBackQuote), so a doubled quote is never split.
   */
  feed(text: string, onRecord: (record: CsvRecord) => boolean): boolean {
    let start = 0; // start of the run of plain characters not yet appended to `field`
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.afterCr) {
        this.afterCr = false;
        if (c === LF) {
          start = i + 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (c !== QUOTE) continue;
        this.append(text, start, i);
        if (text.charCodeAt(i + 1) === QUOTE) {
          this.append('"', 0, 1);
          i++;
        } else {
          this.inQuotes = false;
          this.quoteJustClosed = true;
        }
        start = i + 1;
        continue;
      }
      if (c === this.delimiter) {
        this.append(text, start, i);
        this.endField();
        start = i + 1;
      } else if (c === LF || c === CR) {
        this.append(text, start, i);
        this.endField();
        start = i + 1;
        this.afterCr = c === CR;
        if (!this.endRecord(onRecord)) return false;
      } else if (c === QUOTE && this.field === '' && !this.quoteJustClosed && start === i) {
        this.inQuotes = true;
        start = i + 1;
      }
    }
    this.append(text, start, text.length);
    return true;
  }

  /** Flushes a last record without a final line break. */
  end(onRecord: (record: CsvRecord) => boolean): void {
    if (this.field !== '' || this.cells.length > 0 || this.quoteJustClosed) {
      this.endField();
      this.endRecord(onRecord);
    }
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from || this.fieldTruncated) return;
    this.field += text.slice(from, to);
    if (this.field.length > this.maxCellLength) {
      this.field = this.field.slice(0, this.maxCellLength);
      this.fieldTruncated = true;
    }
  }

  private endField(): void {
    if (this.cells.length < EXCEL_MAX_COLUMNS) {
      if (this.fieldTruncated) (this.truncated ??= []).push(this.cells.length);
      this.cells.push(this.field === '' ? null : cleanCellText(this.field));
    }
    this.field = '';
    this.fieldTruncated = false;
    this.quoteJustClosed = false;
  }

  private endRecord(onRecord: (record: CsvRecord) => boolean): boolean {
    const cells = this.cells;
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    const record: CsvRecord = { recordNumber: ++this.recordNumber, cells, empty: cells.length === 0 };
    if (this.truncated) record.truncatedCells = this.truncated;
    this.cells = [];
    this.truncated = undefined;
    return onRecord(record);
  }
}

/** Splits off a trailing quote so it is parsed with the next chunk, where its partner may be. */
export function holdBackQuote(text: string): [string, string] {
  return text.endsWith('"') ? [text.slice(0, -1), '"'] : [text, ''];
}

/** The delimiter among `,` `;` tab that splits the first lines most consistently. */
export function sniffDelimiter(sample: string): ',' | ';' | '\t' {
  const lines = splitSampleLines(sample).slice(0, 20);
  let best: ',' | ';' | '\t' = ',';
  let bestScore = 0;
  for (const candidate of [',', ';', '\t'] as const) {
    const counts = lines.map((line) => line.split(candidate).length - 1);
    const mode = modeOf(counts.filter((n) => n > 0));
    if (mode === 0) continue;
    const score = counts.filter((n) => n === mode).length * 1000 + mode;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Lines of the sample with quoted parts removed (their delimiters do not count). */
function splitSampleLines(sample: string): string[] {
  const unquoted = sample.replace(/"(?:[^"]|"")*"/g, '""');
  return unquoted.split(/\r\n|\n|\r/).filter((line) => line.trim() !== '');
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let mode = 0;
  let best = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > best || (f === best && v > mode)) {
      mode = v;
      best = f;
    }
  }
  return mode;
}
