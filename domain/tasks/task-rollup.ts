import { TASK_STATUSES, type TaskStatus } from './task-status.ts';

/**
 * A task's progress over the units it was given to is counted, never averaged: the share of
 * assignees whose status is "hoàn thành", the number overdue, and how many are in each status
 * (those that have reported nothing yet under `none`). A unit is one assignee however large it is.
 */
export interface AssigneeState {
  status: TaskStatus | null;
  overdue: boolean;
}

export interface RollUp {
  assignees: number;
  completed: number;
  /** completed / assignees, 0–1; null when nobody was given the task. */
  completedShare: number | null;
  overdue: number;
  byStatus: Record<TaskStatus | 'none', number>;
}

export const emptyByStatus = (): RollUp['byStatus'] =>
  ({ none: 0, ...Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) }) as RollUp['byStatus'];

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function rollUp(assignees: readonly AssigneeState[]): RollUp {
  const byStatus = emptyByStatus();
  let overdue = 0;
  for (const a of assignees) {
    byStatus[a.status ?? 'none'] += 1;
    if (a.overdue) overdue += 1;
  }
  return {
    assignees: assignees.length,
    completed: byStatus.done,
    completedShare: share(byStatus.done, assignees.length),
    overdue,
    byStatus,
  };
}

/** "1/3 hoàn thành (33,3%)", as the list and the report say it. */
export function rollUpLabel(r: Pick<RollUp, 'assignees' | 'completed' | 'completedShare'>): string {
  if (r.assignees === 0) return 'Chưa giao cho đơn vị nào';
  const pct = (r.completedShare! * 100).toFixed(1).replace(/\.0$/, '').replace('.', ',');
  return `${r.completed}/${r.assignees} hoàn thành (${pct}%)`;
}
