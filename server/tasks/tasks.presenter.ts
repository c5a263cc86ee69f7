// Rows → wire shapes of server/tasks/tasks.schema.ts (never a row to the client).
import { parsePeriod } from '../../domain/periods/period.ts';
import { rollUpLabel, share } from '../../domain/tasks/task-rollup.ts';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../domain/tasks/task-status.ts';
import { dueState, timingLabel, type TaskTiming } from '../../domain/tasks/task-timing.ts';
import type { TaskTimingKind } from '../db/schema.ts';
import type { ListRow } from './task-list.repository.ts';
import type { AssignmentRow, StatusRow, TaskRow } from './tasks.repository.ts';

export const NO_STATUS_LABEL = 'Chưa báo cáo';
export const statusLabel = (s: TaskStatus | null) => (s ? TASK_STATUS_LABELS[s] : NO_STATUS_LABEL);
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function timingOf(r: { timingKind: TaskTimingKind; dueOn: string | null; timingYear: number | null }): TaskTiming {
  switch (r.timingKind) {
    case 'deadline':
      return { kind: 'deadline', deadline: r.dueOn! };
    case 'year':
      return { kind: 'year', year: r.timingYear! };
    default:
      return { kind: r.timingKind };
  }
}

export function presentTiming(r: { timingKind: TaskTimingKind; dueOn: string | null; timingYear: number | null }) {
  const t = timingOf(r);
  return {
    kind: t.kind,
    deadline: t.kind === 'deadline' ? t.deadline : t.kind === 'year' ? r.dueOn : null,
    year: t.kind === 'year' ? t.year : null,
    label: timingLabel(t),
  };
}

export function counts(c: { assignees: number; completed: number; overdue: number }) {
  const completedShare = share(c.completed, c.assignees);
  return { ...c, completedShare, label: rollUpLabel({ ...c, completedShare }) };
}

export function periodLabel(code: string): string {
  try {
    return parsePeriod(code).label;
  } catch {
    return code;
  }
}

export function presentListRow(r: ListRow, today: string) {
  const due = dueState(timingOf(r), { startsOn: r.startsOn, settledThrough: r.settledThrough }, today);
  return {
    taskId: r.taskId,
    assignmentId: r.assignmentId,
    title: r.title,
    owner: { id: r.ownerUnitId, name: r.ownerUnitName },
    isOwn: r.depth === 0,
    assignedFrom: r.assignedFrom,
    document: r.documentId === null ? null : { id: r.documentId, symbol: r.documentSymbol, title: r.documentTitle ?? '' },
    lead:
      r.leadUnitId !== null ? { unitId: r.leadUnitId, name: r.leadUnitName ?? '' } : r.leadName ? { unitId: null, name: r.leadName } : null,
    partners: r.partners,
    timing: presentTiming(r),
    status: r.lastStatus,
    statusLabel: statusLabel(r.lastStatus),
    statusPeriod: r.lastStatusPeriod,
    statusAt: iso(r.lastStatusAt),
    overdue: r.overdue,
    dueSoon: r.dueSoon,
    dueOn: due.dueOn,
    withdrawn: r.withdrawnAt !== null,
    direct: counts(r.direct),
    below: counts(r.below),
  };
}

export function presentStatus(
  s: StatusRow,
  evidence: { id: number; statusId: number; fileName: string; mimeType: string; sizeBytes: number; uploadedBy: string; uploadedAt: Date }[],
) {
  return {
    id: s.id,
    periodCode: s.periodCode,
    periodLabel: periodLabel(s.periodCode),
    status: s.status,
    statusLabel: TASK_STATUS_LABELS[s.status],
    comment: s.comment,
    isCurrent: s.isCurrent,
    reportState: s.reportState,
    setBy: s.setBy,
    setAt: iso(s.setAt)!,
    evidence: evidence
      .filter((e) => e.statusId === s.id)
      .map((e) => ({ ...e, uploadedAt: iso(e.uploadedAt)!, downloadUrl: `/api/task-evidence/${e.id}/file` })),
  };
}

export function presentAssignmentHead(a: AssignmentRow, task: Pick<TaskRow, 'timingKind' | 'dueOn' | 'timingYear'>, today: string) {
  const due = dueState(timingOf(task), a, today);
  return {
    id: a.id,
    taskId: a.taskId,
    unit: { id: a.unitId, name: a.unitName },
    parentAssignmentId: a.parentId,
    depth: a.depth,
    startsOn: a.startsOn,
    assignedBy: a.assignedBy,
    assignedAt: iso(a.assignedAt)!,
    withdrawn: a.withdrawnAt !== null,
    status: a.lastStatus,
    statusLabel: statusLabel(a.lastStatus),
    statusPeriod: a.lastStatusPeriod,
    overdue: due.overdue,
    dueSoon: due.dueSoon,
    dueOn: due.dueOn,
  };
}

export function presentTaskHead(t: TaskRow) {
  return {
    id: t.id,
    version: t.version,
    title: t.title,
    owner: { id: t.unitId, name: t.unitName },
    document: t.documentId === null ? null : { id: t.documentId, symbol: t.documentSymbol, title: t.documentTitle ?? '' },
    source:
      t.quote === null && t.section === null
        ? null
        : { section: t.section, quote: t.quote, start: t.quoteStart, end: t.quoteEnd, items: t.sourceItems ?? [] },
    lead:
      t.leadUnitId !== null ? { unitId: t.leadUnitId, name: t.leadUnitName ?? '' } : t.leadName ? { unitId: null, name: t.leadName } : null,
    timing: presentTiming(t),
    withdrawn: t.withdrawnAt ? { at: iso(t.withdrawnAt)!, reason: t.withdrawnReason ?? '' } : null,
    createdBy: t.createdBy,
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
  };
}
