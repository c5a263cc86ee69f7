/**
 * Section II of a report, "Kết quả theo đơn vị trực thuộc": for each target, who lags. The rows
 * are the children table of Tổng quan (docs/progress-rules.md §5) in its order — lagging units
 * first, each judged against its own allocation, the same ratio, or its contribution, weakest
 * first — so the Word document lists the units a reader has to act on and stops there: at most
 * MAX_UNIT_ROWS rows with figures per target (a page), the rest counted in one line. The
 * spreadsheet has every row.
 */
import type { Comparator, ProgressStatus } from '../indicators/progress.ts';
import { formatCount, formatIndicatorValue, formatShare, targetValuePhrase } from './report-wording.ts';

/** Rows a target's table shows in the Word document: with its heading, well within an A4 page at 13 pt even when names wrap. */
export const MAX_UNIT_ROWS = 15;

export interface ChildFigures {
  unit: { id: number; name: string };
  value: number | null;
  status: ProgressStatus;
  statusLabel: string;
  shareAchieved: number | null;
  /** How the row was judged: its own allocation, the target's ratio over its subtree, or its contribution (no allocation). */
  basis: 'allocation' | 'ratio' | 'contribution';
  allocation: { comparator: Comparator; targetValue: number } | null;
}

/** A number as shown (`text`) and as stored in a spreadsheet (`value`, `format`). Percent values are in %, not fractions. */
export interface Figure {
  text: string;
  value: number | null;
  format: 'count' | 'percent' | 'ratio';
}

export interface UnitRow {
  /** Rank in the children table (1 = lags most). */
  no: number;
  unit: string;
  /** "Trên 3.200", the unit's allocation as a phrase; empty when it has none. */
  allocation: string;
  allocationValue: Figure;
  actual: Figure;
  share: Figure;
  assessment: string;
}

export interface UnitGroup {
  no: number;
  label: string;
  /** How the units were judged and how many stand where: one sentence. */
  summary: string;
  /** Every child, ranked (the spreadsheet's rows). */
  rows: UnitRow[];
  /** How many of `rows` the Word document lists. */
  shown: number;
  /** The line after the shown rows, counting the others; null when all are shown. */
  rest: string | null;
  hasAllocation: boolean;
  hasShare: boolean;
}

export const figureOf = (value: number | null, unit: string): Figure => ({
  text: formatIndicatorValue(value, unit),
  value: value ?? null,
  format: unit === 'percent' ? 'percent' : unit === 'ratio' ? 'ratio' : 'count',
});
const shareOf = (share: number | null): Figure => ({ text: formatShare(share), value: share ?? null, format: 'percent' });

/** "25 chậm tiến độ, 12 đúng tiến độ, 6 chưa có số liệu", in the table's order. */
function tally(rows: readonly { assessment: string }[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.assessment, (counts.get(r.assessment) ?? 0) + 1);
  return [...counts].map(([label, n]) => `${formatCount(n)} ${label.charAt(0).toLocaleLowerCase('vi-VN')}${label.slice(1)}`).join(', ');
}

function basisPhrase(children: readonly ChildFigures[], unit: string, comparator: Comparator, targetValue: number): string {
  const n = children.length;
  const allocated = children.filter((c) => c.basis === 'allocation').length;
  if (children.every((c) => c.basis === 'ratio'))
    return `${formatCount(n)} đơn vị, mỗi đơn vị đánh giá theo cùng mức ${targetValuePhrase(comparator, targetValue, unit).toLocaleLowerCase('vi-VN')} trên số liệu của đơn vị`;
  if (allocated === n) return `Chỉ tiêu đã giao cho ${formatCount(n)} đơn vị, mỗi đơn vị đánh giá theo chỉ tiêu được giao`;
  if (allocated === 0) return `Chỉ tiêu chưa giao cho ${formatCount(n)} đơn vị; phần đóng góp của mỗi đơn vị được so với mức chung`;
  return `Chỉ tiêu đã giao cho ${formatCount(allocated)}/${formatCount(n)} đơn vị; đơn vị chưa được giao được so với mức chung`;
}

export function buildUnitGroup(
  no: number,
  label: string,
  target: { unit: string; comparator: Comparator; targetValue: number },
  children: readonly ChildFigures[],
): UnitGroup {
  const rows: UnitRow[] = children.map((c, i) => ({
    no: i + 1,
    unit: c.unit.name,
    allocation: c.allocation ? targetValuePhrase(c.allocation.comparator, c.allocation.targetValue, target.unit) : '',
    allocationValue: figureOf(c.allocation?.targetValue ?? null, target.unit),
    actual: figureOf(c.value, target.unit),
    share: shareOf(c.shareAchieved),
    assessment: c.statusLabel,
  }));
  const withData = children.filter((c) => c.status !== 'no_data' || c.value !== null).length;
  // Ranked lagging-first with no-data rows last, so the rows with figures come first.
  const shown = Math.min(MAX_UNIT_ROWS, withData);
  const hidden = rows.slice(shown);
  const summary =
    withData === 0
      ? `Chưa có số liệu của ${formatCount(rows.length)} đơn vị trực thuộc.`
      : `${basisPhrase(children, target.unit, target.comparator, target.targetValue)}: ${tally(rows)}.`;
  return {
    no,
    label,
    summary,
    rows,
    shown,
    rest:
      shown === 0 || hidden.length === 0
        ? null
        : `Còn ${formatCount(hidden.length)} đơn vị khác (${tally(hidden)}); danh sách đầy đủ ở trang “Theo đơn vị” của tệp Excel kèm báo cáo.`,
    hasAllocation: children.some((c) => c.allocation !== null),
    hasShare: children.some((c) => c.shareAchieved !== null),
  };
}
