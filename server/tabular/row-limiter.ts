// The bounds both readers share: a long run of empty rows ends the data (a sheet "used" down to
// row 1,048,576 by a stray format, or a hostile file with millions of blank rows), and a row
// number beyond the limit is refused.
import { tableErrors } from './table-errors.ts';
import type { ResolvedTableOptions, TableSummary } from './table-types.ts';

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
