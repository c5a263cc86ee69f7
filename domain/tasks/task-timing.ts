import { AppError } from '../errors/app-error.ts';
import { isSettled, type TaskStatus } from './task-status.ts';
import { periodContaining, UNION_STATISTICS_CALENDAR, type ReportingCalendar } from '../periods/period.ts';

/**
 * When a task is due (docs/architecture.md, "Tasks"):
 * - `deadline`: on a day; `year`: by the end of a calendar year (31/12);
 * - `yearly` (hằng năm): every reporting year, due on the year's cut-off day (30/11 on the union
 *   statistics calendar: the day the annual report is cut off, so the annual report answers it);
 * - `quarterly` (hằng quý): at the end of every calendar quarter;
 * - `ongoing` (thường xuyên): never due, never overdue.
 * Recurring tasks fall due only from the day a unit was given them (`startsOn`).
 */
export type TaskTiming =
  | { kind: 'deadline'; deadline: string }
  | { kind: 'year'; year: number }
  | { kind: 'yearly' }
  | { kind: 'quarterly' }
  | { kind: 'ongoing' };

export type TaskTimingKind = TaskTiming['kind'];

/** The calendar recurring yearly tasks follow (the reporting calendar of every shipped template). */
export const TASK_CALENDAR: ReportingCalendar = UNION_STATISTICS_CALENDAR;

/** A one-off task settled by its latest status is settled for good: this day stands for "always". */
export const SETTLED_FOREVER = '9999-12-31';

const DUE_SOON_DAYS = 30;

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function timingLabel(t: TaskTiming): string {
  switch (t.kind) {
    case 'deadline':
      return `Hạn ${t.deadline.slice(8, 10)}/${t.deadline.slice(5, 7)}/${t.deadline.slice(0, 4)}`;
    case 'year':
      return `Trong năm ${t.year}`;
    case 'yearly':
      return 'Hằng năm';
    case 'quarterly':
      return 'Hằng quý';
    case 'ongoing':
      return 'Thường xuyên';
  }
}

/** The one due day of a one-off task (null for recurring and ongoing tasks). */
export function oneOffDue(t: TaskTiming): string | null {
  if (t.kind === 'deadline') return t.deadline;
  if (t.kind === 'year') return `${t.year}-12-31`;
  return null;
}

export const isRecurring = (t: TaskTiming | TaskTimingKind) => {
  const kind = typeof t === 'string' ? t : t.kind;
  return kind === 'yearly' || kind === 'quarterly';
};

/** The occurrence of a recurring task that contains `date`: its due day. */
function dueOfOccurrence(kind: 'yearly' | 'quarterly', date: string, calendar: ReportingCalendar): string {
  if (kind === 'yearly') return periodContaining('year', date, calendar).end;
  const y = Number(date.slice(0, 4));
  const endMonth = Math.ceil(Number(date.slice(5, 7)) / 3) * 3;
  return `${y}-${pad(endMonth)}-${pad(lastDayOfMonth(y, endMonth))}`;
}

/** The last due day strictly before `today` (null when none: not due yet, or never). */
export function lastDueBefore(t: TaskTiming, today: string, calendar: ReportingCalendar = TASK_CALENDAR): string | null {
  const once = oneOffDue(t);
  if (once !== null) return once < today ? once : null;
  if (t.kind !== 'yearly' && t.kind !== 'quarterly') return null;
  const current = dueOfOccurrence(t.kind, today, calendar);
  // The occurrence containing today ends today or later; the one before it ended the day before it began.
  if (current < today) return current;
  const previousStart =
    t.kind === 'yearly'
      ? periodContaining('year', today, calendar).start
      : `${today.slice(0, 5)}${pad(Math.ceil(Number(today.slice(5, 7)) / 3) * 3 - 2)}-01`;
  return addDays(previousStart, -1);
}

/** The first due day on or after `today` (null when none). */
export function nextDueFrom(t: TaskTiming, today: string, calendar: ReportingCalendar = TASK_CALENDAR): string | null {
  const once = oneOffDue(t);
  if (once !== null) return once >= today ? once : null;
  if (t.kind !== 'yearly' && t.kind !== 'quarterly') return null;
  return dueOfOccurrence(t.kind, today, calendar);
}

/** What the writer keeps on an assignment: the last status (by period, then time) and how far it is settled. */
export interface StatusInPeriod {
  periodEnd: string;
  status: TaskStatus;
  setAt: Date | string;
}

/**
 * The day through which a unit's occurrences of the task are settled, from its current status in
 * each period: a one-off task is settled (for ever) when its latest status is done or dropped; a
 * recurring task through the end of the last period whose status is done or dropped (every
 * occurrence due by then is answered). Null: nothing settled.
 */
export function settledThrough(t: TaskTiming | TaskTimingKind, statuses: readonly StatusInPeriod[]): string | null {
  if (statuses.length === 0) return null;
  if (!isRecurring(t)) {
    const latest = latestStatus(statuses)!;
    return isSettled(latest.status) ? SETTLED_FOREVER : null;
  }
  let through: string | null = null;
  for (const s of statuses) if (isSettled(s.status) && (through === null || s.periodEnd > through)) through = s.periodEnd;
  return through;
}

/** The latest status: of the latest period, then the latest set. */
export function latestStatus<S extends StatusInPeriod>(statuses: readonly S[]): S | null {
  let best: S | null = null;
  const time = (s: S) => new Date(s.setAt).getTime();
  for (const s of statuses) {
    if (!best || s.periodEnd > best.periodEnd || (s.periodEnd === best.periodEnd && time(s) > time(best))) best = s;
  }
  return best;
}

export interface DueState {
  overdue: boolean;
  dueSoon: boolean;
  /** The day the unit has to answer next (or the passed due day it missed, when overdue). */
  dueOn: string | null;
}

/**
 * Overdue: a due day has passed (on or after the day the unit was given the task) and it is not
 * settled through that day. Due soon: the next due day is within 30 days and not settled yet.
 */
export function dueState(
  t: TaskTiming,
  assignment: { startsOn: string; settledThrough: string | null },
  today: string,
  calendar: ReportingCalendar = TASK_CALENDAR,
): DueState {
  const settled = assignment.settledThrough ?? '0001-01-01';
  const recurring = isRecurring(t);
  const last = lastDueBefore(t, today, calendar);
  const overdue = last !== null && (!recurring || last >= assignment.startsOn) && settled < last;
  const next = nextDueFrom(t, today, calendar);
  const dueSoon = !overdue && next !== null && next <= addDays(today, DUE_SOON_DAYS) && settled < next;
  return { overdue, dueSoon, dueOn: overdue ? last : next };
}

/** The bounds of "due soon" and the recurring due days, as the list query needs them for `today`. */
export function dueParameters(today: string, calendar: ReportingCalendar = TASK_CALENDAR) {
  return {
    today,
    soonUntil: addDays(today, DUE_SOON_DAYS),
    lastYearly: lastDueBefore({ kind: 'yearly' }, today, calendar)!,
    nextYearly: nextDueFrom({ kind: 'yearly' }, today, calendar)!,
    lastQuarterly: lastDueBefore({ kind: 'quarterly' }, today, calendar)!,
    nextQuarterly: nextDueFrom({ kind: 'quarterly' }, today, calendar)!,
  };
}

/** A timing as the wire sends it, checked: a real day, a year in range. */
export function checkTiming(t: { kind: TaskTimingKind; deadline?: string | null; year?: number | null }): TaskTiming {
  const invalid = (message: string, path: string) => new AppError('TASK_TIMING_INVALID', 'bad_request', message, [{ path, message }]);
  switch (t.kind) {
    case 'deadline': {
      const d = t.deadline ?? '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d)
        throw invalid('Nhiệm vụ có thời hạn cần ngày hết hạn hợp lệ (ví dụ 2026-06-30).', 'timing.deadline');
      return { kind: 'deadline', deadline: d };
    }
    case 'year': {
      if (!Number.isInteger(t.year) || t.year! < 2000 || t.year! > 2100)
        throw invalid('Nhiệm vụ trong năm cần năm từ 2000 đến 2100.', 'timing.year');
      return { kind: 'year', year: t.year! };
    }
    default:
      return { kind: t.kind };
  }
}
