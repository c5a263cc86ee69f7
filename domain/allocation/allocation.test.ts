import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAllocation, equalShares, proportionalShares } from './allocation.ts';

const names = (ids: number[]) => new Map(ids.map((id) => [id, `Công đoàn xã ${id}`]));
/** The values given to units 1, 2, … in that order. */
const given = (...values: number[]) => values.map((value, i) => ({ unitId: i + 1, value }));

describe('allocation (giao chỉ tiêu)', () => {
  it('shares a count in proportion to the base, whole numbers adding up to exactly the parent value', () => {
    const shares = proportionalShares(10_000, [
      { unitId: 1, base: 3_000 },
      { unitId: 2, base: 5_000 },
      { unitId: 3, base: 2_000 },
    ]);
    expect(shares).toEqual([
      { unitId: 1, value: 3_000 },
      { unitId: 2, value: 5_000 },
      { unitId: 3, value: 2_000 },
    ]);
    const uneven = proportionalShares(100, [
      { unitId: 1, base: 1 },
      { unitId: 2, base: 1 },
      { unitId: 3, base: 1 },
    ]);
    expect(uneven.map((s) => s.value)).toEqual([34, 33, 33]);
  });

  it('gives nothing to a child with no base, and splits equally when no child has one', () => {
    expect(
      proportionalShares(10, [
        { unitId: 1, base: 0 },
        { unitId: 2, base: 4 },
      ]).map((s) => s.value),
    ).toEqual([0, 10]);
    expect(
      proportionalShares(10, [
        { unitId: 1, base: null },
        { unitId: 2, base: 0 },
      ]).map((s) => s.value),
    ).toEqual([5, 5]);
    expect(equalShares(7, [1, 2, 3]).map((s) => s.value)).toEqual([3, 2, 2]);
  });

  it('always sums to the parent value, every share within one of its exact part (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 60 }),
        (total, bases) => {
          const children = bases.map((base, i) => ({ unitId: i + 1, base }));
          const shares = proportionalShares(total, children);
          const sum = bases.reduce((s, b) => s + b, 0);
          expect(shares.reduce((s, x) => s + x.value, 0)).toBe(total);
          shares.forEach((s, i) => {
            const exact = sum === 0 ? total / bases.length : (total * bases[i]!) / sum;
            expect(Math.abs(s.value - exact)).toBeLessThan(1);
            expect(Number.isInteger(s.value)).toBe(true);
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses an over- or under-allocation with the numbers, by the direction of the target', () => {
    const kids = names([1, 2]);
    const low = checkAllocation({ value: 10_000, comparator: '>=', kind: 'count' }, given(4_000, 5_500), kids);
    expect(low.problems.map((p) => p.message)).toEqual([
      'Tổng chỉ tiêu giao cho các đơn vị (9.500) thấp hơn chỉ tiêu của đơn vị (10.000): còn thiếu 500.',
    ]);
    expect(low.remainder).toBe(500);
    const over = checkAllocation({ value: 50, comparator: '<=', kind: 'count' }, given(30, 25), kids);
    expect(over.problems[0]!.code).toBe('SUM_TOO_HIGH');
    expect(over.problems[0]!.message).toContain('vượt 5');
    // Giving out more than an "at least" target asks is refused unless allowed (a deliberate margin).
    const above = checkAllocation({ value: 100, comparator: '>', kind: 'count' }, given(60, 60), kids);
    expect(above.problems.map((p) => p.message)).toEqual([
      'Tổng chỉ tiêu giao cho các đơn vị (120) vượt chỉ tiêu của đơn vị (100) 20; nếu muốn giao vượt, hãy chọn "Cho phép giao vượt".',
    ]);
    expect(checkAllocation({ value: 100, comparator: '>', kind: 'count' }, given(60, 60), kids, { allowOver: true }).problems).toEqual([]);
    expect(checkAllocation({ value: 100, comparator: '<', kind: 'count' }, given(10, 0), kids).problems).toEqual([]);
  });

  it('refuses negative, fractional, unknown and repeated shares; a ratio child may be stricter, never looser', () => {
    const kids = names([1, 2]);
    const bad = checkAllocation(
      { value: 10, comparator: '>=', kind: 'count' },
      [
        { unitId: 1, value: -1 },
        { unitId: 2, value: 2.5 },
        { unitId: 9, value: 3 },
        { unitId: 2, value: 1 },
      ],
      kids,
    );
    expect(bad.problems.map((p) => p.code).sort()).toEqual(['DUPLICATE', 'NEGATIVE', 'NOT_A_CHILD', 'NOT_WHOLE', 'SUM_TOO_LOW']);
    const ratio = checkAllocation({ value: 0.7, comparator: '>=', kind: 'ratio' }, given(0.8, 0.6), kids);
    expect(ratio.problems.map((p) => [p.unitId, p.code])).toEqual([[2, 'RATIO_LOOSER']]);
    expect(ratio.problems[0]!.message).toBe(
      'Công đoàn xã 2: tỷ lệ giao (0,6) thấp hơn mức của đơn vị giao (0,7); đơn vị trực thuộc chỉ nhận mức bằng hoặc chặt hơn.',
    );
    const under = checkAllocation({ value: 0.05, comparator: '<=', kind: 'ratio' }, given(0.04, 0.06), kids);
    expect(under.problems.map((p) => p.unitId)).toEqual([2]);
  });
});
