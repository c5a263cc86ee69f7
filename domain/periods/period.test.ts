import { describe, expect, it } from 'vitest';
import { contains, parsePeriod, periodContaining, PeriodError, UNION_STATISTICS_CALENDAR } from './period.ts';

describe('periods', () => {
  it('labels every kind in Vietnamese', () => {
    expect(parsePeriod('2026').label).toBe('Năm 2026');
    expect(parsePeriod('2026-H1').label).toBe('6 tháng đầu năm 2026');
    expect(parsePeriod('2026-H2').label).toBe('6 tháng cuối năm 2026');
    expect(parsePeriod('2026-Q3').label).toBe('Quý III năm 2026');
    expect(parsePeriod('2026-05').label).toBe('Tháng 5 năm 2026');
    expect(parsePeriod('NK2023-2028').label).toBe('Nhiệm kỳ 2023–2028');
  });

  it('gives exact day ranges, leap years included', () => {
    expect(parsePeriod('2024-Q1')).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29' });
    expect(parsePeriod('2026-H2')).toMatchObject({ start: '2026-07-01', end: '2026-12-31' });
  });

  it('follows the union statistics calendar with its late-May and late-November cut-offs', () => {
    const h1 = parsePeriod('2026-H1', UNION_STATISTICS_CALENDAR);
    expect(h1).toMatchObject({ start: '2025-12-01', end: '2026-05-31' });
    expect(parsePeriod('2026', UNION_STATISTICS_CALENDAR)).toMatchObject({ start: '2025-12-01', end: '2026-11-30' });
    expect(periodContaining('year', '2026-12-15', UNION_STATISTICS_CALENDAR).code).toBe('2027');
    expect(periodContaining('half', '2026-06-10', UNION_STATISTICS_CALENDAR).code).toBe('2026-H2');
    expect(contains(h1, '2025-12-01')).toBe(true);
    expect(contains(h1, '2026-06-01')).toBe(false);
  });

  it('refuses a code it does not know, saying which forms it takes', () => {
    expect(() => parsePeriod('2026-H3')).toThrow(PeriodError);
    expect(() => parsePeriod('NK2028-2023')).toThrow(/Dùng dạng 2026, 2026-H1/);
  });
});
