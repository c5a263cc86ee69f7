/**
 * What the task screens say and choose, kept free of React so the rules are unit-tested: the
 * status words and colours, the period a status is set for by default, the tab an officer lands
 * on, and the timing form's value ⇄ the API's timing.
 */
import { TASK_STATUSES, TASK_STATUS_LABELS } from '../../../domain/tasks/task-status.ts';
import { foldForSearch } from '../../../domain/text/vietnamese-normalize.ts';
import type { TaskPeriods, TaskStatusCode, TaskTiming } from '../../api/tasks.api.ts';

export const STATUS_OPTIONS = TASK_STATUSES.map((value) => ({ value, label: TASK_STATUS_LABELS[value] }));

export const STATUS_COLORS: Record<TaskStatusCode, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  late: 'warning',
  dropped: 'default',
};

export const statusColor = (status: TaskStatusCode | null) => (status ? STATUS_COLORS[status] : 'default');

export const TIMING_OPTIONS: { value: TaskTiming['kind']; label: string }[] = [
  { value: 'deadline', label: 'Có hạn (ngày)' },
  { value: 'year', label: 'Trong năm' },
  { value: 'yearly', label: 'Hằng năm' },
  { value: 'quarterly', label: 'Hằng quý' },
  { value: 'ongoing', label: 'Thường xuyên' },
];

/** The timing as the form holds it: a kind, and the day or year it needs (kept while another kind is tried). */
export interface TimingValue {
  kind: TaskTiming['kind'];
  deadline?: string | null;
  year?: number | null;
}

/** What the API takes, or the Vietnamese reason it cannot be sent yet. */
export function timingForApi(t: TimingValue): TaskTiming | string {
  if (t.kind === 'deadline') return t.deadline ? { kind: 'deadline', deadline: t.deadline } : 'Chọn ngày hết hạn của nhiệm vụ.';
  if (t.kind === 'year') return t.year ? { kind: 'year', year: t.year } : 'Nhập năm phải hoàn thành nhiệm vụ.';
  return { kind: t.kind };
}

/**
 * The period a status is set for when the form opens: the open period holding the task's due
 * day (a deadline of 31/10 is answered in the year it falls in), else the latest open one.
 */
export function defaultPeriod(periods: TaskPeriods['items'], dueOn: string | null): string | undefined {
  const open = periods.filter((p) => !p.closedReason);
  const holding = dueOn ? open.find((p) => p.start <= dueOn && dueOn <= p.end) : undefined;
  return (holding ?? open[0])?.code;
}

/** Unions that mostly carry tasks given from above land on them ("Nhiệm vụ của đơn vị"); provinces and above on the whole list. */
const LIST_FIRST_KINDS = new Set(['national', 'province', 'central_sector', 'corporation']);
export const defaultTasksTab = (unitKind: string | undefined) => (unitKind && LIST_FIRST_KINDS.has(unitKind) ? 'danh-sach' : 'cua-don-vi');

/** "12,5 KB", "1,2 MB": a file's size the way the evidence list shows it. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} KB`;
  return `${(bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
}

/** Accept list of the evidence picker; the server judges the content anyway (and says why it refuses). */
export const EVIDENCE_ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** A select's options found the way officers type: without accents, any part of the name. */
export const accentFreeFilter = (input: string, option?: { label?: unknown }) =>
  foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input.normalize('NFC').trim()));
