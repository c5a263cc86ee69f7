/**
 * Section IV of a báo cáo kết quả thực hiện: what became of each task (nhiệm vụ) of the programme
 * the unit carries — its own tasks and those given to it — in the report's period. Pure: the
 * server hands over each task's statuses and the statuses of the units it gave the task to; the
 * rules of overdue and of the roll-up are those of domain/tasks (counting units, never averaging).
 */
import type { Period } from '../periods/period.ts';
import { rollUp, type RollUp } from '../tasks/task-rollup.ts';
import { TASK_STATUS_LABELS, type TaskStatus } from '../tasks/task-status.ts';
import { dueState, isRecurring, latestStatus, settledThrough, type StatusInPeriod, type TaskTiming } from '../tasks/task-timing.ts';
import { formatCount } from './report-wording.ts';

/** What a task with no status for the period shows. */
export const NO_TASK_DATA = 'Chưa có số liệu';
/** A task's text in the report's table: longer texts are shortened at a word, with "…". */
export const MAX_TASK_CHARS = 600;
/** An evidence file's name in the summary, extension included. */
export const MAX_FILE_NAME_CHARS = 32;
/** How many evidence files the summary names; the rest are counted. */
const NAMED_FILES = 2;

/** A status an assignment holds for one reporting period (the current one of that period), with its evidence files' names. */
export interface ReportedStatus extends StatusInPeriod {
  evidence: string[];
}

/** One unit's assignment of a task: since when it carries it, and its statuses. */
export interface AssignmentHistory {
  startsOn: string;
  statuses: ReportedStatus[];
}

export interface ReportTask {
  title: string;
  lead: string | null;
  timing: TaskTiming;
  /** The unit owns the task (its assignment is the root of the task's tree). */
  owned: boolean;
  /** The unit's own assignment. */
  self: AssignmentHistory;
  /** The units it gave the task to, directly. */
  assignees: AssignmentHistory[];
}

/** A task as section IV states it. */
export interface TaskOutcome {
  /** "Hoàn thành", "Đang thực hiện (quá hạn)", "2/3 đơn vị hoàn thành, 1 quá hạn", "Chưa có số liệu"… */
  status: string;
  /** The units it gave the task to, counted in the period (null: it gave it to nobody). */
  rollUp: RollUp | null;
  /** Some assignee reported for the period (a share of 0 completed then means something). */
  assigneesReported: boolean;
  /** The evidence files of the statuses shown (the unit's own, then its assignees'). */
  evidence: string[];
}

/**
 * A status "in" a report period is one of a reporting period that ends within it (a CĐCS's
 * "2026-H1" and "2026" both answer the report of year 2026), the latest if several. A one-off
 * task keeps its last earlier status (done last year is still done); a yearly or quarterly one
 * answers each period anew.
 */
export function statusInPeriod<S extends StatusInPeriod>(
  statuses: readonly S[],
  period: Pick<Period, 'start' | 'end'>,
  timing: TaskTiming,
): S | null {
  const within = latestStatus(statuses.filter((s) => s.periodEnd >= period.start && s.periodEnd <= period.end));
  if (within || isRecurring(timing)) return within;
  return latestStatus(statuses.filter((s) => s.periodEnd < period.start));
}

/** Overdue on `asOf` by the statuses up to the period's end (the rule of the task list, domain/tasks/task-timing.ts). */
export function overdueOn(timing: TaskTiming, a: AssignmentHistory, period: Pick<Period, 'end'>, asOf: string): boolean {
  const known = a.statuses.filter((s) => s.periodEnd <= period.end);
  return dueState(timing, { startsOn: a.startsOn, settledThrough: settledThrough(timing, known) }, asOf).overdue;
}

/** "Hoàn thành", "Đang thực hiện (quá hạn)", "Chưa có số liệu". */
export function ownStatusPhrase(status: TaskStatus | null, overdue: boolean): string {
  const label = status ? TASK_STATUS_LABELS[status] : NO_TASK_DATA;
  return overdue ? `${label} (quá hạn)` : label;
}

/**
 * The roll-up of the units a task was given to, by counting them: "2/3 đơn vị hoàn thành, 1 quá
 * hạn"; when none of them has reported, "Chưa có số liệu (3 đơn vị được giao, 3 quá hạn)".
 */
export function rollUpPhrase(r: Pick<RollUp, 'assignees' | 'completed' | 'overdue' | 'byStatus'>): string {
  const overdue = r.overdue > 0 ? `, ${formatCount(r.overdue)} quá hạn` : '';
  if (r.byStatus.none === r.assignees) return `${NO_TASK_DATA} (${formatCount(r.assignees)} đơn vị được giao${overdue})`;
  return `${formatCount(r.completed)}/${formatCount(r.assignees)} đơn vị hoàn thành${overdue}`;
}

/** The status cell: the unit's own status (an assignee, or an owner that kept the task), then the count of the units it gave the task to. */
export function taskOutcome(task: ReportTask, period: Pick<Period, 'start' | 'end'>, asOf: string): TaskOutcome {
  const own = statusInPeriod(task.self.statuses, period, task.timing);
  const states = task.assignees.map((a) => ({
    status: statusInPeriod(a.statuses, period, task.timing),
    overdue: overdueOn(task.timing, a, period, asOf),
  }));
  const counted = states.length ? rollUp(states.map((s) => ({ status: s.status?.status ?? null, overdue: s.overdue }))) : null;
  const parts: string[] = [];
  // An owner that gave the task away answers through its assignees, unless it also reported itself.
  if (!task.owned || !counted || own) parts.push(ownStatusPhrase(own?.status ?? null, overdueOn(task.timing, task.self, period, asOf)));
  if (counted) parts.push(rollUpPhrase(counted));
  return {
    status: parts.join('; '),
    rollUp: counted,
    assigneesReported: counted !== null && counted.byStatus.none < counted.assignees,
    evidence: [own, ...states.map((s) => s.status)].flatMap((s) => s?.evidence ?? []),
  };
}

/**
 * `text` in at most `max` characters, cut only where `boundary` allows (white space for words),
 * with "…" — never inside a word: a first word longer than `max` is kept whole.
 */
export function shortenAtWord(text: string, max: number, boundary: RegExp = /\s+/g): string {
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let cut = -1;
  let first = -1;
  for (const m of t.matchAll(new RegExp(boundary.source, 'gu'))) {
    if (m.index === 0) continue;
    if (first < 0) first = m.index;
    if (m.index <= max - 1) cut = m.index;
    else break;
  }
  const head = cut > 0 ? t.slice(0, cut) : first > 0 ? t.slice(0, first) : t;
  if (head === t) return t;
  // "…, các cấp công đoàn;" reads as "…, các cấp công đoàn…", not "…đoàn;…".
  return `${head.replace(/[\s,;:.\-–—(]+$/u, '')}…`;
}

/** "Biên bản hội nghị quán triệt Nghị quyết.pdf" → "Biên bản hội nghị quán….pdf": the extension kept, the name cut between words. */
export function shortenFileName(name: string, max: number = MAX_FILE_NAME_CHARS): string {
  const n = name.normalize('NFC').trim();
  if (n.length <= max) return n;
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(n)?.[0] ?? '';
  return `${shortenAtWord(n.slice(0, n.length - ext.length), Math.max(1, max - ext.length), /[\s_.-]+/g)}${ext}`;
}

/** "3 tệp: Biên bản hội nghị….pdf, Ảnh.jpg và 1 tệp khác"; "Chưa có" when there is none. */
export function evidenceSummary(names: readonly string[]): string {
  if (names.length === 0) return 'Chưa có';
  const named = names
    .slice(0, NAMED_FILES)
    .map((n) => shortenFileName(n))
    .join(', ');
  const rest = names.length - NAMED_FILES;
  return `${formatCount(names.length)} tệp: ${named}${rest > 0 ? ` và ${formatCount(rest)} tệp khác` : ''}`;
}
