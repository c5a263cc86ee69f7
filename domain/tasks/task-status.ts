/**
 * The status an assignee reports for a task in a reporting period. "Settled" statuses close the
 * task (or, for a recurring one, the occurrences due up to that period): it is done, or it was
 * decided not to do it. Only they stop a task from being overdue.
 */
export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'late', 'dropped'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa triển khai',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  late: 'Chậm',
  dropped: 'Không thực hiện',
};

export const isSettled = (status: TaskStatus | null | undefined): boolean => status === 'done' || status === 'dropped';

/** Bounds of what a user types, shared by the wire schema and the service. */
export const TASK_LIMITS = { title: 2000, comment: 4000, name: 300, partners: 30, targets: 50, assignees: 2000, reason: 2000 } as const;
