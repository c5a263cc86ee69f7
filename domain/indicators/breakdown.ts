/**
 * The children table of a target ("who lags"): which rule judges each child, what a child without
 * an allocation contributed, and the order of the rows. Pure; the server gathers the figures
 * (server/progress/progress.service.ts) and docs/progress-rules.md states the rules.
 *
 * - A ratio target holds for every unit below: each child is judged against the same ratio over
 *   its own subtree, by the same status rule as its own card (progress.ts).
 * - A count target is the whole unit's ("140.000 đoàn viên" for the province). A child is judged
 *   against its own allocation where it has one; otherwise it gets no status against a target —
 *   its contribution is weighed against its expected share, never against the parent's total.
 */
import { formatVietnameseDate } from '../time/calendar-date.ts';
import { isDownward, type Comparator, type ProgressStatus } from './progress.ts';

/** How one row was judged. */
export type ChildBasis = 'ratio' | 'allocation' | 'contribution';
/** How the whole table was judged (said above the table). */
export type BreakdownRule = 'same_ratio' | 'allocations' | 'contributions' | 'allocations_and_contributions';
/**
 * What a contribution is weighed against: a stock (members, CĐCS) by the child's share of the
 * indicator on the reference date; a flow (admissions, reported figures of the period) by the
 * child's share of today's members.
 */
export type ContributionBase = 'value_on_reference' | 'members';

export interface ContributionInput {
  unitId: number;
  /** Its figure today (null: no data). */
  value: number | null;
  /** The child's part: its change since the reference date (a stock) or its figure for the period (a flow). */
  change: number | null;
  /** Its weight: the value on the reference date (a stock) or today's members (a flow). */
  base: number | null;
}

export interface ContributionFigures {
  value: number | null;
  /** Its share of all the children's contributions, in percent (null when they add up to nothing). */
  share: number | null;
  /** Its expected share: its share of the base, in percent. */
  expectedShare: number | null;
  /** Its rate: contribution per 100 of base (a stock's growth in percent; a flow per 100 members). */
  rate: number | null;
  /** The same rate for all the children together (the "mức chung"). */
  groupRate: number | null;
  /** Its rate against the group's, 100 = as the group; lower is worse. */
  index: number | null;
}

export interface ContributionVerdict {
  figures: ContributionFigures;
  status: Extract<ProgressStatus, 'behind' | 'on_track' | 'no_data'>;
  statusLabel: string;
}

export const CONTRIBUTION_LABELS = {
  behind: 'Thấp hơn mức chung',
  on_track: 'Bằng hoặc cao hơn mức chung',
  no_data: 'Chưa có số liệu',
  no_base: 'Chưa có số liệu đầu kỳ để so sánh',
} as const;

/**
 * Weighs each child's contribution against its expected share. Rates rather than shares decide
 * (contribution ÷ base against the group's total contribution ÷ total base): the same verdict as
 * "share of the increase below share of the base" when the group grew, and still meaningful when
 * it shrank. Only children with both figures form the group, so the shares add up to 100%.
 */
export function weighContributions(children: readonly ContributionInput[], comparator: Comparator): Map<number, ContributionVerdict> {
  const down = isDownward(comparator);
  const inGroup = children.filter((c) => c.change !== null && c.base !== null && c.base > 0);
  const totalChange = inGroup.reduce((s, c) => s + c.change!, 0);
  const totalBase = inGroup.reduce((s, c) => s + c.base!, 0);
  const groupRate = totalBase > 0 ? totalChange / totalBase : null;
  const out = new Map<number, ContributionVerdict>();
  for (const c of children) {
    if (c.value === null) {
      out.set(c.unitId, {
        figures: { value: null, share: null, expectedShare: null, rate: null, groupRate: null, index: null },
        status: 'no_data',
        statusLabel: CONTRIBUTION_LABELS.no_data,
      });
      continue;
    }
    if (c.change === null || c.base === null || c.base <= 0 || groupRate === null) {
      // A unit that did not exist (or had nothing) on the reference date has no expected share.
      out.set(c.unitId, {
        figures: {
          value: c.change,
          share: null,
          expectedShare: c.base === null ? null : 0,
          rate: null,
          groupRate: groupRate === null ? null : 100 * groupRate,
          index: null,
        },
        status: 'no_data',
        statusLabel: CONTRIBUTION_LABELS.no_base,
      });
      continue;
    }
    const share = totalChange !== 0 ? (100 * c.change) / totalChange : null;
    const rate = c.change / c.base;
    const lags = down ? rate > groupRate : rate < groupRate;
    // 100 × rate ÷ group rate when the group grew; measured from the group's rate otherwise, so a
    // shrinking group still ranks its children. Flipped for "≤" targets, where more is worse.
    const index = groupRate === 0 ? null : 100 * (1 + ((down ? -1 : 1) * (rate - groupRate)) / Math.abs(groupRate));
    out.set(c.unitId, {
      figures: { value: c.change, share, expectedShare: (100 * c.base) / totalBase, rate: 100 * rate, groupRate: 100 * groupRate, index },
      status: lags ? 'behind' : 'on_track',
      statusLabel: lags ? CONTRIBUTION_LABELS.behind : CONTRIBUTION_LABELS.on_track,
    });
  }
  return out;
}

export interface RankedRow {
  unit: { name: string };
  status: ProgressStatus;
  /** The row's own achievement, lower is worse: share of its own target, or its contribution index. */
  achievement: number | null;
}

/** Vietnamese name order, one collator for every comparison (a children table sorts hundreds of names). */
const byName = new Intl.Collator('vi').compare;
const lagging = (s: ProgressStatus) => s === 'missed' || s === 'behind';
const group = (r: RankedRow) => (lagging(r.status) ? 0 : r.status === 'no_data' ? 2 : 1);

/**
 * Lagging children first, each group by its own achievement (weakest first), never by size; rows
 * without data last. Ties by name, so the order is stable.
 */
export function rankChildren<T extends RankedRow>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) => group(a) - group(b) || (a.achievement ?? Infinity) - (b.achievement ?? Infinity) || byName(a.unit.name, b.unit.name),
  );
}

/** The table's rule from its rows' bases. */
export function ruleOf(bases: readonly ChildBasis[], indicatorUnit: string): BreakdownRule {
  if (indicatorUnit !== 'count') return 'same_ratio';
  const allocated = bases.includes('allocation');
  const weighed = bases.includes('contribution');
  if (allocated && weighed) return 'allocations_and_contributions';
  return allocated ? 'allocations' : 'contributions';
}

export interface ContributionReference {
  base: ContributionBase;
  /** The reference date of a stock's contribution (its change is counted from it). */
  date: string | null;
}

/** The line above the table that says how its rows were judged. */
export function breakdownRuleSentence(rule: BreakdownRule, reference: ContributionReference | null): string {
  const ratio =
    'Mỗi đơn vị được đánh giá theo cùng tỷ lệ của chỉ tiêu, tính trên số liệu của chính đơn vị (cộng tử số và mẫu số, không lấy bình quân các tỷ lệ), theo cùng quy tắc tiến độ với thẻ chỉ tiêu.';
  const allocation = 'Đơn vị đã được giao chỉ tiêu được đánh giá theo chỉ tiêu được giao.';
  const contribution = !reference
    ? 'Đơn vị chưa được giao chỉ tiêu không được đánh giá theo tổng chỉ tiêu của cấp trên.'
    : reference.base === 'members'
      ? 'Đơn vị chưa được giao chỉ tiêu không được đánh giá theo tổng chỉ tiêu của cấp trên: phần đóng góp của đơn vị được so với tỷ trọng đoàn viên hiện nay của đơn vị; đóng góp thấp hơn mức chung đứng trước.'
      : reference.date
        ? `Đơn vị chưa được giao chỉ tiêu không được đánh giá theo tổng chỉ tiêu của cấp trên: phần tăng từ ngày ${formatVietnameseDate(reference.date)} của đơn vị được so với tỷ trọng của đơn vị trong tổng số ngày đó; tăng chậm hơn mức chung đứng trước.`
        : 'Đơn vị chưa được giao chỉ tiêu không được đánh giá theo tổng chỉ tiêu của cấp trên; chưa có số liệu đầu kỳ để so sánh phần đóng góp.';
  switch (rule) {
    case 'same_ratio':
      return ratio;
    case 'allocations':
      return allocation;
    case 'contributions':
      return contribution;
    case 'allocations_and_contributions':
      return `${allocation} ${contribution}`;
  }
}
