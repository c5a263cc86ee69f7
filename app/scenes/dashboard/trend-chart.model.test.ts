import { describe, expect, it } from 'vitest';
import { trendChartData } from './trend-chart.model.ts';

const points = [
  { date: '2026-06-30', value: 47655 },
  { date: '2025-12-31', value: 44445 },
  { date: '2026-11-22', value: 49984 },
];
const base = { targetValue: 140000, indicator: { code: 'members', name: 'Số đoàn viên', unit: 'count' } };
const progress = {
  status: 'behind' as const,
  statusLabel: 'Chậm tiến độ',
  actual: 49984,
  shareAchieved: 35.7,
  expectedNow: 82291,
  pathStart: { date: '2025-12-31', value: 40000 },
  forecast: { projectedValue: 63067, metOn: null, willBeMet: false },
  forecastNote: null,
};

describe('trend chart data', () => {
  it('sorts the actual points, draws the target across the range and the forecast to the deadline', () => {
    const data = trendChartData(points, { ...base, timing: { kind: 'deadline', deadline: '2028-12-31' }, progress });
    expect(data.actual.map((p) => p[0])).toEqual(['2025-12-31', '2026-06-30', '2026-11-22']);
    expect(data.target).toEqual([
      ['2025-12-31', 140000],
      ['2028-12-31', 140000],
    ]);
    expect(data.forecast).toEqual([
      ['2026-11-22', 49984],
      ['2028-12-31', 63067],
    ]);
  });

  it("ends an annual target's forecast at the end of the judged year, and draws none without a forecast", () => {
    const annual = { kind: 'annual' as const, year: 2026, from: 2023, to: 2028 };
    expect(trendChartData(points, { ...base, timing: annual, progress }).forecast.at(-1)).toEqual(['2026-12-31', 63067]);
    expect(trendChartData(points, { ...base, timing: annual, progress: { ...progress, forecast: null } }).forecast).toEqual([]);
  });
});
