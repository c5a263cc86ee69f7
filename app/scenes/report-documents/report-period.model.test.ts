import { describe, expect, it } from 'vitest';
import { defaultReportPeriod, reportPeriodOptions } from './report-period.model.ts';

describe('report periods offered', () => {
  it('offers the year and both halves already begun, newest first, and the year before', () => {
    expect(reportPeriodOptions(2026, '2026-03-10').map((o) => o.label)).toEqual([
      'Năm 2026',
      '6 tháng đầu năm 2026',
      'Năm 2025',
      '6 tháng cuối năm 2025',
      '6 tháng đầu năm 2025',
    ]);
    expect(reportPeriodOptions(2026, '2026-11-30').map((o) => o.value)).toEqual([
      '2026',
      '2026-H2',
      '2026-H1',
      '2025',
      '2025-H2',
      '2025-H1',
    ]);
  });

  it('picks the first six months before July, the year after, and a past year whole', () => {
    expect(defaultReportPeriod(2026, '2026-05-20')).toBe('2026-H1');
    expect(defaultReportPeriod(2026, '2026-11-30')).toBe('2026');
    expect(defaultReportPeriod(2025, '2026-03-01')).toBe('2025');
  });
});
