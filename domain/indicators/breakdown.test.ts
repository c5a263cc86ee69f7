import { describe, expect, it } from 'vitest';
import { breakdownRuleSentence, rankChildren, ruleOf, weighContributions } from './breakdown.ts';

describe('children of a count target without allocations: contribution against an expected share', () => {
  // A province of 120.000 members on 31/12/2025 grew by 2.000; three of its children.
  const children = [
    { unitId: 1, value: 60_900, change: 900, base: 60_000 }, // half the members, 45% of the increase: lags
    { unitId: 2, value: 58_980, change: 1_080, base: 57_900 }, // 48,25% of the members, 54% of the increase
    { unitId: 3, value: 2_120, change: 20, base: 2_100 }, // Công đoàn Thuế tỉnh: 1,75% of the members, 1% of the increase
  ];

  it("weighs each child by its share of the base, never against the parent's whole target", () => {
    const v = weighContributions(children, '>');
    expect(v.get(1)).toMatchObject({
      status: 'behind',
      statusLabel: 'Thấp hơn mức chung',
      figures: { value: 900, share: 45, expectedShare: 50 },
    });
    expect(v.get(2)).toMatchObject({ status: 'on_track', statusLabel: 'Bằng hoặc cao hơn mức chung' });
    expect(v.get(2)!.figures.share).toBeCloseTo(54, 9);
    // The smallest unit is judged by its own growth (1,0% against the group's 1,7%), not by its size.
    expect(v.get(3)!.status).toBe('behind');
    expect(v.get(3)!.figures.index).toBeCloseTo((100 * (20 / 2_100)) / (2_000 / 120_000), 9);
    // Ranked by their own rate: the tax union (57% of the group's rate) before the big commune (90%).
    const ranked = rankChildren(
      children.map((c) => ({
        unit: { name: String(c.unitId) },
        status: v.get(c.unitId)!.status,
        achievement: v.get(c.unitId)!.figures.index,
      })),
    );
    expect(ranked.map((r) => r.unit.name)).toEqual(['3', '1', '2']);
  });

  it('flips for a "≤" target, and has nothing to weigh without a base or a figure', () => {
    const v = weighContributions(
      [
        { unitId: 1, value: 12, change: 12, base: 1_000 }, // 12 disputes per 1.000 members: above the group's
        { unitId: 2, value: 3, change: 3, base: 1_000 },
        { unitId: 3, value: 5, change: 5, base: null },
        { unitId: 4, value: null, change: null, base: 800 },
      ],
      '<=',
    );
    expect(v.get(1)!.status).toBe('behind');
    expect(v.get(2)!.status).toBe('on_track');
    expect(v.get(3)).toMatchObject({
      status: 'no_data',
      statusLabel: 'Chưa có số liệu đầu kỳ để so sánh',
      figures: { value: 5, expectedShare: null },
    });
    expect(v.get(4)).toMatchObject({ status: 'no_data', statusLabel: 'Chưa có số liệu' });
  });
});

describe('the rule said above the table', () => {
  it('names the rule the rows were judged by, and the base of a contribution', () => {
    expect(ruleOf(['ratio', 'ratio'], 'percent')).toBe('same_ratio');
    expect(ruleOf(['allocation'], 'count')).toBe('allocations');
    expect(ruleOf(['contribution'], 'count')).toBe('contributions');
    expect(ruleOf(['allocation', 'contribution'], 'count')).toBe('allocations_and_contributions');
    expect(breakdownRuleSentence('same_ratio', null)).toMatch(/^Mỗi đơn vị được đánh giá theo cùng tỷ lệ của chỉ tiêu/);
    expect(breakdownRuleSentence('contributions', { base: 'value_on_reference', date: '2025-12-31' })).toBe(
      'Đơn vị chưa được giao chỉ tiêu không được đánh giá theo tổng chỉ tiêu của cấp trên: phần tăng từ ngày 31/12/2025 của đơn vị được so với tỷ trọng của đơn vị trong tổng số ngày đó; tăng chậm hơn mức chung đứng trước.',
    );
    expect(breakdownRuleSentence('allocations_and_contributions', { base: 'members', date: '2026-11-15' })).toMatch(
      /^Đơn vị đã được giao chỉ tiêu .* tỷ trọng đoàn viên hiện nay/,
    );
  });
});
