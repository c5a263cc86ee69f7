import { describe, expect, it } from 'vitest';
import { forecast, judge, meets, type TargetSpec } from './progress.ts';

const members: TargetSpec = {
  comparator: '>',
  value: 140_000,
  deadline: '2028-12-31',
  start: '2024-01-18',
  baseline: { date: '2024-01-18', value: 120_000 },
};

describe('target progress', () => {
  it('says "no data" when there is none, never zero', () => {
    expect(judge(members, null, '2026-06-30')).toMatchObject({ status: 'no_data', statusLabel: 'Chưa có số liệu', shareAchieved: null });
  });

  it('is on track when ahead of the straight path from the baseline, behind when not', () => {
    // Halfway through (mid-2026) the path is at ~130,000.
    expect(judge(members, 131_000, '2026-07-01').status).toBe('on_track');
    expect(
      judge(members, 124_000, '2026-07-01', [
        { date: '2025-06-30', value: 123_000 },
        { date: '2026-07-01', value: 124_000 },
      ]).status,
    ).toBe('behind');
    expect(judge(members, 140_001, '2026-07-01').status).toBe('met');
    expect(judge(members, 139_000, '2029-01-01').status).toBe('missed');
  });

  it('lets the pace decide once there is a history, so status and forecast agree', () => {
    // Far ahead of the straight path from the plan's start (~71,000 expected), but flat for a year: behind.
    const flat = judge({ ...members, baseline: null }, 131_000, '2026-07-01', [
      { date: '2025-07-01', value: 131_000 },
      { date: '2026-07-01', value: 131_000 },
    ]);
    expect(flat.forecast?.willBeMet).toBe(false);
    expect(flat.status).toBe('behind');
  });

  it('is met by going down for a "≤" target, and judges the share from the baseline', () => {
    const disputes: TargetSpec = {
      comparator: '<=',
      value: 3,
      deadline: '2026-12-31',
      start: '2026-01-01',
      baseline: { date: '2026-01-01', value: 9 },
    };
    expect(judge(disputes, 3, '2026-06-30').status).toBe('met');
    const half = judge(disputes, 6, '2026-07-02');
    expect(half.shareAchieved).toBeCloseTo(50, 5);
    expect(half.status).toBe('on_track');
    expect(judge(disputes, 8, '2026-10-01').status).toBe('behind');
    expect(meets(2.9, '<', 3)).toBe(true);
  });

  it('reads "= X" as "reach X"', () => {
    expect(meets(100, '=', 100)).toBe(true);
    expect(meets(101, '=', 100)).toBe(true);
    expect(meets(99.5, '=', 100)).toBe(false);
  });

  it('forecasts on a constructed history: the value at the deadline and the day it will be met', () => {
    // +5,000 members a year (365-day years) from 125,000 on 2025-01-01: 140,000 on 2028-01-01.
    const history = [2025, 2026, 2027].map((y, i) => ({ date: `${y}-01-01`, value: 125_000 + 5_000 * i }));
    const f = forecast({ ...members, comparator: '>=', baseline: null }, history)!;
    expect(f.projectedValue).toBeGreaterThan(144_950); // 2028-12-31 is a year on: ~145,000
    expect(f.projectedValue).toBeLessThan(145_050);
    expect(f.metOn).toBe('2028-01-01');
    expect(f.willBeMet).toBe(true);
    const flat = forecast({ ...members, baseline: null }, [
      { date: '2025-01-01', value: 121_000 },
      { date: '2026-01-01', value: 121_000 },
    ])!;
    expect(flat.willBeMet).toBe(false);
    expect(flat.metOn).toBeNull();
  });

  it('judges an annual target against the end of the year being judged', () => {
    const annual: TargetSpec = { comparator: '>=', value: 85, deadline: '2026-12-31', start: '2026-01-01' };
    expect(judge(annual, 80, '2026-12-31').status).toBe('missed');
    expect(judge(annual, 86, '2026-12-31').status).toBe('met');
    expect(judge({ ...annual, deadline: '2027-12-31', start: '2027-01-01' }, 50, '2027-06-30').status).toBe('on_track');
  });
});
