/**
 * How far a target is along, judged on a date: the status officers read on the dashboard and the
 * forecast of whether it will be met. Pure arithmetic on values the caller computed. The one rule
 * every screen uses is written out in docs/progress-rules.md; this file is its only implementation.
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

/** What the forecast line says when there is no projection to show. */
export const FORECAST_NOTES = {
  noData: 'Chưa có số liệu để dự báo',
  notEnoughHistory: 'Chưa đủ số liệu để dự báo',
  deadlinePassed: 'Đã hết hạn, không đạt',
} as const;

/**
 * When the pace is a forecast worth showing: the path's start is an observation at least half a
 * year old, and the deadline is no further ahead than three times the time since (the history
 * covers at least a quarter of the way from its first day to the deadline). One year of figures
 * says little about 2045: such a line once read "287%" for a CĐCS at 0%.
 */
export const FORECAST_MIN_SPAN_DAYS = 180;
export const FORECAST_MAX_HORIZON_FACTOR = 3;

export interface Observation {
  date: string;
  value: number;
}

/** The values an indicator can take: a share stays within 0–100%, a count is never negative. */
export interface ValueRange {
  min: number;
  max: number;
}
export const PERCENT_RANGE: ValueRange = { min: 0, max: 100 };
export const NON_NEGATIVE: ValueRange = { min: 0, max: Infinity };

/** The range of an indicator by its unit ('percent', 'count', 'ratio'). */
export function rangeOf(indicatorUnit: string): ValueRange {
  return indicatorUnit === 'percent' ? PERCENT_RANGE : NON_NEGATIVE;
}

export interface TargetSpec {
  comparator: Comparator;
  value: number;
  /** The day by which it must hold (for an annual target: the end of the year being judged). */
  deadline: string;
  /** Where the unit stood when the target was set, as the plan states it. */
  baseline?: Observation | null;
  /** When the judged span starts (the plan's start, or 1 January of the judged year). */
  start: string;
  /** The indicator's possible values; a projection is cut at them. Default: never negative. */
  range?: ValueRange;
}

export interface Forecast {
  /** Projected value on the deadline at the current pace (within the indicator's range). */
  projectedValue: number;
  /** The day the target would be met at that pace (null if the pace never gets there); once met, the day measured. */
  metOn: string | null;
  willBeMet: boolean;
}

export interface Progress {
  status: ProgressStatus;
  statusLabel: string;
  actual: number | null;
  /** Share of the way to the target, in percent (may exceed 100); null without data. */
  shareAchieved: number | null;
  /** Where the unit should be today on the straight path from its start point to the target. */
  expectedNow: number | null;
  /** Where that path starts (the baseline, the first observation, or 0 on the start day). */
  pathStart: Observation | null;
  forecast: Forecast | null;
  /** Why there is no forecast ("Chưa đủ số liệu để dự báo"…); null when there is one. */
  forecastNote: string | null;
}

const DAY = 86400_000;
/** Days since 1970 of an ISO date (read by hand: a children table judges thousands of dates). */
const t = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const isoOf = (days: number) => new Date(Math.round(days) * DAY).toISOString().slice(0, 10);
const clamp = (x: number, range: ValueRange) => Math.min(range.max, Math.max(range.min, x));

/** Downward targets are met by going down ("≤ 3% of disputes without the union"). */
export function isDownward(comparator: Comparator): boolean {
  return comparator === '<' || comparator === '<=';
}

/** "= X" in a plan means "reach X" (docs/domain.md §3): at least X when going up. */
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

/** The stated baseline and the measured history, in date order. */
function observations(target: TargetSpec, history: Observation[]): Observation[] {
  // ISO dates sort as strings; localeCompare would cost a collation per comparison.
  return [...(target.baseline ? [target.baseline] : []), ...history].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Whether a pace measured from `first` to `last` can carry a forecast to the deadline (see
 * FORECAST_MIN_SPAN_DAYS).
 */
export function canForecast(first: string, last: string, deadline: string): boolean {
  const span = t(last) - t(first);
  return span >= FORECAST_MIN_SPAN_DAYS && t(deadline) - t(last) <= FORECAST_MAX_HORIZON_FACTOR * span;
}

/**
 * The pace from the path's start to the last observation, carried on to the deadline: where the
 * unit will be if it keeps going as it has since the start. Anchored where the expected path is,
 * it meets the target exactly when the last value is on or past the path (the projection and the
 * path are the same straight line through the start), so status and forecast cannot disagree.
 * Null when the start is not an observation or is too recent (canForecast).
 */
function project(target: TargetSpec, from: Observation, last: Observation): Forecast | null {
  if (!canForecast(from.date, last.date, target.deadline)) return null;
  const slopePerDay = (last.value - from.value) / (t(last.date) - t(from.date));
  // A straight line leaves what is possible (a share above 100%, a negative count): cut it there.
  const projectedValue = clamp(last.value + slopePerDay * (t(target.deadline) - t(last.date)), target.range ?? NON_NEGATIVE);
  let metOn: string | null = null;
  if (meets(last.value, target.comparator, target.value)) metOn = last.date;
  else if (slopePerDay !== 0 && slopePerDay > 0 !== isDownward(target.comparator)) {
    // The day the line crosses the target value.
    metOn = isoOf(t(last.date) + (target.value - last.value) / slopePerDay);
  }
  return { projectedValue, metOn, willBeMet: meets(projectedValue, target.comparator, target.value) };
}

/** The forecast from the baseline and a history ending with today's value (null without enough history). */
export function forecast(target: TargetSpec, history: Observation[]): Forecast | null {
  const points = observations(target, history);
  return points.length < 2 ? null : project(target, points[0]!, points.at(-1)!);
}

/**
 * Where the expected path starts: the stated baseline; else the first measured value before today
 * (the plan's start day when the registries reach back to it); else, knowing nothing earlier, 0
 * on the start day for a target met by going up, today's value for one met by going down.
 */
export function pathStart(target: TargetSpec, points: Observation[], asOf: string, actual: number): Observation {
  if (target.baseline) return target.baseline;
  const first = points.find((p) => p.date < asOf);
  if (first) return first;
  return { date: target.start, value: isDownward(target.comparator) ? actual : 0 };
}

/**
 * The one status rule: no data; met when the value meets the target; missed once the deadline
 * has passed; otherwise on track when the value is on or past the straight path from its start
 * to the target. The forecast is that path's pace carried on: shown only with enough history,
 * and when shown it decides the status — the same verdict, by construction — so the two are
 * never told apart by a rounding.
 */
export function judge(target: TargetSpec, actual: number | null, asOf: string, history: Observation[] = []): Progress {
  if (actual === null) {
    return {
      status: 'no_data',
      statusLabel: STATUS_LABELS.no_data,
      actual: null,
      shareAchieved: null,
      expectedNow: null,
      pathStart: null,
      forecast: null,
      forecastNote: FORECAST_NOTES.noData,
    };
  }
  const down = isDownward(target.comparator);
  const measured = history.some((p) => p.date === asOf) ? history : [...history, { date: asOf, value: actual }];
  const points = observations(target, measured);
  const from = pathStart(target, points, asOf, actual);
  let shareAchieved: number;
  if (!down) shareAchieved = target.value === 0 ? 100 : (100 * actual) / target.value;
  else
    shareAchieved =
      from.value === target.value
        ? meets(actual, target.comparator, target.value)
          ? 100
          : 0
        : (100 * (from.value - actual)) / (from.value - target.value);

  const span = t(target.deadline) - t(from.date);
  const elapsed = Math.min(1, Math.max(0, span <= 0 ? 1 : (t(asOf) - t(from.date)) / span));
  const expectedNow = from.value + (target.value - from.value) * elapsed;
  const base = { actual, shareAchieved, expectedNow, pathStart: from };

  if (meets(actual, target.comparator, target.value)) {
    // Met: nothing left to project; the forecast says it was met on the day measured.
    return {
      ...base,
      status: 'met',
      statusLabel: STATUS_LABELS.met,
      forecast: { projectedValue: actual, metOn: asOf, willBeMet: true },
      forecastNote: null,
    };
  }
  if (asOf >= target.deadline) {
    return { ...base, status: 'missed', statusLabel: STATUS_LABELS.missed, forecast: null, forecastNote: FORECAST_NOTES.deadlinePassed };
  }
  // Only a measured (or stated) start carries a pace: 0 on the start day is an assumption.
  const projection = points.includes(from) ? project(target, from, { date: asOf, value: actual }) : null;
  const status: ProgressStatus = projection
    ? projection.willBeMet
      ? 'on_track'
      : 'behind'
    : (down ? actual <= expectedNow : actual >= expectedNow)
      ? 'on_track'
      : 'behind';
  return {
    ...base,
    status,
    statusLabel: STATUS_LABELS[status],
    forecast: projection,
    forecastNote: projection ? null : FORECAST_NOTES.notEnoughHistory,
  };
}
