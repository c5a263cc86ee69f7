/**
 * How far a target is along, judged on a date: the status officers read on the dashboard and the
 * forecast of whether it will be met. Pure arithmetic on values the caller computed.
 *
 * Statuses: met (đã đạt), on_track (đúng tiến độ), behind (chậm tiến độ), missed (không đạt, the
 * deadline passed), no_data (chưa có số liệu — never shown as zero).
 */
export type Comparator = '>' | '>=' | '=' | '<=' | '<';
export type ProgressStatus = 'met' | 'on_track' | 'behind' | 'missed' | 'no_data';

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  met: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

export interface Observation {
  date: string;
  value: number;
}

export interface TargetSpec {
  comparator: Comparator;
  value: number;
  /** The day by which it must hold (for an annual target: the end of the year being judged). */
  deadline: string;
  /** Where the unit stood when the target was set (or at the start of the judged year). */
  baseline?: Observation | null;
  /** When the judged span starts, if no baseline: the expected path starts there at 0 … or at the first observation. */
  start: string;
}

export interface Forecast {
  /** Projected value on the deadline at the current pace. */
  projectedValue: number;
  /** The day the target would be met at that pace (null if the pace never gets there). */
  metOn: string | null;
  willBeMet: boolean;
}

export interface Progress {
  status: ProgressStatus;
  statusLabel: string;
  actual: number | null;
  /** Share of the way to the target, in percent (may exceed 100); null without data. */
  shareAchieved: number | null;
  /** Where the unit should be today on a straight path from its start to the target. */
  expectedNow: number | null;
  forecast: Forecast | null;
}

const DAY = 86400_000;
const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (days: number) => new Date(Math.round(days) * DAY).toISOString().slice(0, 10);

/** Downward targets are met by going down ("≤ 3% of disputes without the union"). */
export function isDownward(comparator: Comparator): boolean {
  return comparator === '<' || comparator === '<=';
}

/** "= X" in a plan means "reach X" (DOMAIN.md §3): at least X when going up. */
export function meets(actual: number, comparator: Comparator, target: number): boolean {
  switch (comparator) {
    case '>':
      return actual > target;
    case '>=':
    case '=':
      return actual >= target;
    case '<=':
      return actual <= target;
    case '<':
      return actual < target;
  }
}

/** Least-squares line through the observations; null with fewer than two distinct days. */
export function trend(points: Observation[]): { slopePerDay: number; at(day: number): number } | null {
  const xs = points.map((p) => t(p.date));
  if (new Set(xs).size < 2) return null;
  const n = points.length;
  const mx = xs.reduce((s, x) => s + x, 0) / n;
  const my = points.reduce((s, p) => s + p.value, 0) / n;
  let sxy = 0;
  let sxx = 0;
  points.forEach((p, i) => {
    sxy += (xs[i]! - mx) * (p.value - my);
    sxx += (xs[i]! - mx) ** 2;
  });
  const slope = sxy / sxx;
  return { slopePerDay: slope, at: (day) => my + slope * (day - mx) };
}

export function forecast(target: TargetSpec, history: Observation[]): Forecast | null {
  const points = [...(target.baseline ? [target.baseline] : []), ...history].sort((a, b) => a.date.localeCompare(b.date));
  const line = trend(points);
  if (!line) return null;
  const projectedValue = line.at(t(target.deadline));
  const last = points.at(-1)!;
  let metOn: string | null = null;
  if (meets(last.value, target.comparator, target.value)) metOn = last.date;
  else if (line.slopePerDay !== 0 && (line.slopePerDay > 0) !== isDownward(target.comparator)) {
    // The day the line crosses the target value.
    const day = t(last.date) + (target.value - line.at(t(last.date))) / line.slopePerDay;
    metOn = isoOf(Math.max(day, t(last.date)));
  }
  return { projectedValue, metOn, willBeMet: meets(projectedValue, target.comparator, target.value) };
}

export function judge(target: TargetSpec, actual: number | null, asOf: string, history: Observation[] = []): Progress {
  if (actual === null) {
    return { status: 'no_data', statusLabel: STATUS_LABELS.no_data, actual: null, shareAchieved: null, expectedNow: null, forecast: null };
  }
  const down = isDownward(target.comparator);
  const from = target.baseline ?? { date: target.start, value: down ? actual : 0 };
  let shareAchieved: number;
  if (!down) shareAchieved = target.value === 0 ? 100 : (100 * actual) / target.value;
  else shareAchieved = from.value === target.value ? (meets(actual, target.comparator, target.value) ? 100 : 0) : (100 * (from.value - actual)) / (from.value - target.value);

  const span = t(target.deadline) - t(from.date);
  const elapsed = Math.min(1, Math.max(0, span <= 0 ? 1 : (t(asOf) - t(from.date)) / span));
  const expectedNow = from.value + (target.value - from.value) * elapsed;
  const projection = forecast(target, history.length ? history : [{ date: asOf, value: actual }]);

  let status: ProgressStatus;
  if (meets(actual, target.comparator, target.value)) status = 'met';
  else if (asOf >= target.deadline) status = 'missed';
  else if (projection) {
    // With a history, the pace decides: the dashboard's status and its forecast never disagree.
    status = projection.willBeMet ? 'on_track' : 'behind';
  } else {
    // A single value: judge it against the straight path from the start to the target.
    status = (down ? actual <= expectedNow : actual >= expectedNow) ? 'on_track' : 'behind';
  }
  return { status, statusLabel: STATUS_LABELS[status], actual, shareAchieved, expectedNow, forecast: projection };
}
