// Giao chỉ tiêu: a unit's target shared out to its children. Pure rules: how a proposal is
// computed (in proportion to a base, or equally) and when an allocation honours the parent's
// target. A count or money target is honoured by the sum of the shares; a ratio applies to every
// child, which may set a stricter one but never a looser one.

export type Comparator = '>' | '>=' | '=' | '<=' | '<';
export type AllocationMethod = 'proportional' | 'equal' | 'manual';
export type ValueKind = 'count' | 'money' | 'ratio';

export interface ChildBase {
  unitId: number;
  /** The base the proposal is proportional to (current members, last year's figure…); null = unknown. */
  base: number | null;
}

export interface Share {
  unitId: number;
  value: number;
}

/** "At least" targets (reach N, more than N) against "at most" targets (under N). */
export const isUpperBound = (c: Comparator) => c === '<' || c === '<=';

/**
 * Whole shares that add up to exactly `total`: each child gets its proportional part rounded
 * down, and the units left go to the largest remainders (Hamilton's method), so no rounding
 * leaves the parent's target short. Children with an unknown or zero base get 0 unless every
 * base is unknown or zero, in which case the split is equal.
 */
export function proportionalShares(total: number, children: readonly ChildBase[], integers = true): Share[] {
  const weights = children.map((c) => (c.base !== null && c.base > 0 ? c.base : 0));
  const sum = weights.reduce((s, w) => s + w, 0);
  if (children.length === 0) return [];
  if (sum === 0)
    return equalShares(
      total,
      children.map((c) => c.unitId),
      integers,
    );
  const exact = weights.map((w) => (total * w) / sum);
  if (!integers) return children.map((c, i) => ({ unitId: c.unitId, value: round2(exact[i]!) }));
  return largestRemainder(
    total,
    children.map((c) => c.unitId),
    exact,
  );
}

export function equalShares(total: number, unitIds: readonly number[], integers = true): Share[] {
  if (unitIds.length === 0) return [];
  const exact = unitIds.map(() => total / unitIds.length);
  if (!integers) return unitIds.map((unitId, i) => ({ unitId, value: round2(exact[i]!) }));
  return largestRemainder(total, unitIds, exact);
}

function largestRemainder(total: number, unitIds: readonly number[], exact: readonly number[]): Share[] {
  const floors = exact.map((x) => Math.floor(x));
  let left = Math.round(total) - floors.reduce((s, f) => s + f, 0);
  // Ties go to the earlier child (the list's order: by name), so the proposal is stable.
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left--;
  }
  return unitIds.map((unitId, i) => ({ unitId, value: floors[i]! }));
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export interface AllocationProblem {
  unitId: number | null;
  code: 'NEGATIVE' | 'NOT_WHOLE' | 'SUM_TOO_LOW' | 'SUM_ABOVE_PARENT' | 'SUM_TOO_HIGH' | 'RATIO_LOOSER' | 'NOT_A_CHILD' | 'DUPLICATE';
  message: string;
}

export interface AllocationCheck {
  sum: number;
  /** Parent value − sum: what is still to be given out (negative: given out beyond the parent's). */
  remainder: number;
  problems: AllocationProblem[];
}

const fmt = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });

/**
 * Whether the shares honour the parent target. Counts and money: every share a whole number ≥ 0
 * (money may have no unit smaller than one đồng), the sum at least the parent's value for an
 * "at least" target (and not above it unless the caller allows it) and at most it for an "at
 * most" one — refused with the numbers otherwise.
 * Ratios: each child's value at least as strict as the parent's.
 */
export function checkAllocation(
  parent: { value: number; comparator: Comparator; kind: ValueKind },
  shares: readonly Share[],
  children: ReadonlyMap<number, string>,
  options: { allowOver?: boolean } = {},
): AllocationCheck {
  const problems: AllocationProblem[] = [];
  const seen = new Set<number>();
  for (const s of shares) {
    const name = children.get(s.unitId);
    if (name === undefined) {
      problems.push({
        unitId: s.unitId,
        code: 'NOT_A_CHILD',
        message: `Đơn vị #${s.unitId} không phải đơn vị trực thuộc của đơn vị giao chỉ tiêu.`,
      });
      continue;
    }
    if (seen.has(s.unitId)) problems.push({ unitId: s.unitId, code: 'DUPLICATE', message: `${name}: được giao hai lần.` });
    seen.add(s.unitId);
    if (!Number.isFinite(s.value) || s.value < 0)
      problems.push({ unitId: s.unitId, code: 'NEGATIVE', message: `${name}: chỉ tiêu giao phải là số không âm.` });
    else if (parent.kind !== 'ratio' && !Number.isInteger(s.value))
      problems.push({ unitId: s.unitId, code: 'NOT_WHOLE', message: `${name}: chỉ tiêu giao phải là số nguyên (${fmt(s.value)}).` });
  }
  const sum = shares.reduce((t, s) => t + (Number.isFinite(s.value) ? s.value : 0), 0);
  if (parent.kind === 'ratio') {
    for (const s of shares) {
      const name = children.get(s.unitId);
      const looser = isUpperBound(parent.comparator) ? s.value > parent.value : s.value < parent.value;
      if (name !== undefined && looser) {
        const side = isUpperBound(parent.comparator) ? 'cao hơn' : 'thấp hơn';
        problems.push({
          unitId: s.unitId,
          code: 'RATIO_LOOSER',
          message: `${name}: tỷ lệ giao (${fmt(s.value)}) ${side} mức của đơn vị giao (${fmt(parent.value)}); đơn vị trực thuộc chỉ nhận mức bằng hoặc chặt hơn.`,
        });
      }
    }
    return { sum, remainder: 0, problems };
  }
  const remainder = parent.value - sum;
  if (!isUpperBound(parent.comparator) && sum < parent.value) {
    problems.push({
      unitId: null,
      code: 'SUM_TOO_LOW',
      message: `Tổng chỉ tiêu giao cho các đơn vị (${fmt(sum)}) thấp hơn chỉ tiêu của đơn vị (${fmt(parent.value)}): còn thiếu ${fmt(remainder)}.`,
    });
  }
  // Giving out more than an "at least" target asks is a deliberate choice (a margin), never a slip.
  if (!isUpperBound(parent.comparator) && sum > parent.value && !options.allowOver) {
    problems.push({
      unitId: null,
      code: 'SUM_ABOVE_PARENT',
      message: `Tổng chỉ tiêu giao cho các đơn vị (${fmt(sum)}) vượt chỉ tiêu của đơn vị (${fmt(parent.value)}) ${fmt(-remainder)}; nếu muốn giao vượt, hãy chọn "Cho phép giao vượt".`,
    });
  }
  if (isUpperBound(parent.comparator) && sum > parent.value) {
    problems.push({
      unitId: null,
      code: 'SUM_TOO_HIGH',
      message: `Tổng chỉ tiêu giao cho các đơn vị (${fmt(sum)}) vượt mức tối đa của đơn vị (${fmt(parent.value)}): vượt ${fmt(-remainder)}.`,
    });
  }
  return { sum, remainder, problems };
}
