// The bounds both readers share: a long run of empty rows ends the data (a sheet "used" down to
// row 1,048,576 by a stray format, or a hostile file with millions of blank rows), and a row
// number beyond the limit is refused.
import { tableErrors } from './table-errors.ts';
import type { ResolvedTableOptions, TableRow, TableSummary } from './table-types.ts';

export type RowVerdict = 'keep' | 'skip' | 'stop';

export class RowLimiter {
  private lastNonEmpty = 0;

  constructor(
    private readonly options: ResolvedTableOptions,
    private readonly summary: TableSummary,
  ) {}

  /** Rows absent from the file (gaps in row numbers) count as empty too. */
  accept(rowNumber: number, isEmpty: boolean): RowVerdict {
    const emptyBefore = rowNumber - this.lastNonEmpty - 1;
    if (emptyBefore + (isEmpty ? 1 : 0) >= this.options.maxEmptyRun) {
      this.summary.stoppedAtEmptyRun = true;
      return 'stop';
    }
    if (isEmpty) return 'skip';
    if (rowNumber > this.options.maxRows) throw tableErrors.tooManyRows(this.options.maxRows);
    this.lastNonEmpty = rowNumber;
    this.summary.lastRowNumber = rowNumber;
    this.summary.rowsYielded++;
    return 'keep';
  }
}

/**
 * The rows a parser hands over while it reads a chunk, kept through a RowLimiter until the reader
 * yields them: `offer` is the parser's callback (false: read no further), `take` empties the batch.
 */
export class RowBatch<R extends { empty: boolean }> {
  private readonly limiter: RowLimiter;
  private ready: TableRow[] = [];

  constructor(
    options: ResolvedTableOptions,
    summary: TableSummary,
    private readonly read: { numberOf: (record: R) => number; toRow: (record: R) => TableRow },
  ) {
    this.limiter = new RowLimiter(options, summary);
  }

  readonly offer = (record: R): boolean => {
    const verdict = this.limiter.accept(this.read.numberOf(record), record.empty);
    if (verdict === 'keep') this.ready.push(this.read.toRow(record));
    return verdict !== 'stop';
  };

  take(): TableRow[] {
    const batch = this.ready;
    this.ready = [];
    return batch;
  }
}
