/**
 * The trend chart's data, built without ECharts so it can be tested: the actual points, the
 * target as a horizontal line across the whole range, and the forecast as a dashed segment from
 * the last actual point to the deadline (or the end of the judged year).
 */
import type { TargetProgress } from '../../api/progress.api.ts';

export type ChartPoint = [date: string, value: number];

export interface TrendChartData {
  actual: ChartPoint[];
  target: ChartPoint[];
  forecast: ChartPoint[];
  unit: string;
}

export function forecastEnd(timing: TargetProgress['timing']): string {
  return timing.kind === 'deadline' ? timing.deadline : `${timing.year}-12-31`;
}

export function trendChartData(
  points: readonly { date: string; value: number }[],
  t: Pick<TargetProgress, 'targetValue' | 'timing' | 'progress' | 'indicator'>,
): TrendChartData {
  const actual = [...points].sort((a, b) => a.date.localeCompare(b.date)).map((p): ChartPoint => [p.date, p.value]);
  const end = forecastEnd(t.timing);
  const last = actual.at(-1);
  const forecast: ChartPoint[] = [];
  const f = t.progress.forecast;
  if (f && last && last[0] < end) forecast.push(last, [end, f.projectedValue]);
  const first = actual[0]?.[0] ?? end;
  const lastDate = [end, last?.[0] ?? end].sort().at(-1)!;
  return {
    actual,
    target: [
      [first, t.targetValue],
      [lastDate, t.targetValue],
    ],
    forecast,
    unit: t.indicator.unit,
  };
}
