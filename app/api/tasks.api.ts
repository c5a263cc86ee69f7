import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  AssignmentView,
  AssignResult,
  ConfirmResult,
  ConfirmTasksBody,
  CreateTaskBody,
  EvidenceItem as EvidenceItemSchema,
  ListQuery,
  PeriodsView,
  ReportTasksView,
  ReviewTasksView,
  RollUpView,
  SetStatusBody,
  TaskDetail as TaskDetailSchema,
  TaskList as TaskListSchema,
  TaskStatusCode as TaskStatusCodeSchema,
  TaskTimingInput,
  UpdateTaskBody,
} from '../../server/tasks/tasks.schema.ts';
import { api, buildUrl } from './api-client.ts';
import { uploadFile } from './registry.api.ts';
import { withDeviceCopy } from '../offline/device-copy.ts';

export type TaskStatusCode = Static<typeof TaskStatusCodeSchema>;
export type TaskTiming = Static<typeof TaskTimingInput>;
export type TaskListResult = Static<typeof TaskListSchema>;
export type TaskListItem = TaskListResult['items'][number];
export type TaskDetail = Static<typeof TaskDetailSchema>;
export type TaskAssignment = Static<typeof AssignmentView>;
export type TaskStatusEntry = TaskAssignment['statuses'][number];
export type EvidenceItem = Static<typeof EvidenceItemSchema>;
export type RollUp = Static<typeof RollUpView>;
export type RollUpItem = RollUp['items'][number];
export type TaskPeriods = Static<typeof PeriodsView>;
export type ReviewTasks = Static<typeof ReviewTasksView>;
export type ReviewTaskItem = ReviewTasks['items'][number];
export type ReportTasks = Static<typeof ReportTasksView>;
export type ReportTaskItem = ReportTasks['items'][number];
export type NewTask = Static<typeof CreateTaskBody>;
export type TaskChanges = Static<typeof UpdateTaskBody>;
export type ConfirmTasks = Static<typeof ConfirmTasksBody>;
export type TaskFilter = Omit<Static<typeof ListQuery>, 'limit' | 'offset' | 'includeWithdrawn'>;

export const taskKeys = {
  all: ['tasks'] as const,
  list: (f: TaskFilter, offset: number, limit: number) => ['tasks', 'list', f, offset, limit] as const,
  detail: (id: number, unitId: number | undefined) => ['tasks', 'detail', id, unitId ?? null] as const,
  rollUp: (id: number, unitId: number | undefined, level: 'direct' | 'all') => ['tasks', 'rollup', id, unitId ?? null, level] as const,
  assignment: (id: number) => ['tasks', 'assignment', id] as const,
  periods: (unitId: number | undefined) => ['tasks', 'periods', unitId ?? null] as const,
  review: (documentId: number) => ['tasks', 'review', documentId] as const,
};

export const taskListQuery = (f: TaskFilter, offset: number, limit: number) =>
  queryOptions({
    queryKey: taskKeys.list(f, offset, limit),
    queryFn: ({ signal }) => api.get<TaskListResult>('/api/tasks', { query: { ...f, offset, limit }, signal }),
    placeholderData: keepPreviousData,
  });

/** The task seen as `unitId` (its owner or a unit it was given to); without it, as its owner. */
export const taskQuery = (id: number, unitId: number | undefined) =>
  queryOptions({
    queryKey: taskKeys.detail(id, unitId),
    queryFn: ({ signal }) => api.get<TaskDetail>(`/api/tasks/${id}`, { query: { unitId }, signal }),
  });

export const rollUpQuery = (id: number, unitId: number | undefined, level: 'direct' | 'all') =>
  queryOptions({
    queryKey: taskKeys.rollUp(id, unitId, level),
    queryFn: ({ signal }) => api.get<RollUp>(`/api/tasks/${id}/rollup`, { query: { unitId, level }, signal }),
    placeholderData: keepPreviousData,
  });

export const assignmentQuery = (id: number) =>
  queryOptions({
    queryKey: taskKeys.assignment(id),
    queryFn: ({ signal }) => api.get<TaskAssignment>(`/api/task-assignments/${id}`, { signal }),
  });

export const taskPeriodsQuery = (unitId: number | undefined) =>
  queryOptions({
    queryKey: taskKeys.periods(unitId),
    queryFn: ({ signal }) => api.get<TaskPeriods>('/api/tasks/periods', { query: { unitId }, signal }),
  });

export const reviewTasksQuery = (documentId: number) =>
  queryOptions({
    queryKey: taskKeys.review(documentId),
    queryFn: ({ signal }) => api.get<ReviewTasks>(`/api/documents/${documentId}/tasks`, { signal }),
  });

/** Under the report's own key: whatever refreshes the report (submit, return, accept) refreshes its tasks. */
// Shown inside an assigned report: kept on the device with it (read-only offline: a status needs the network).
export const reportTasksQuery = (reportId: number) =>
  queryOptions({
    queryKey: ['reporting', 'report', reportId, 'tasks'] as const,
    queryFn: ({ signal }) =>
      withDeviceCopy(`/api/reports/${reportId}/tasks`, () => api.get<ReportTasks>(`/api/reports/${reportId}/tasks`, { signal })),
    networkMode: 'offlineFirst',
  });

/** A plain GET the browser downloads itself, in the list's filter and order. */
export const taskExportUrl = (format: 'xlsx' | 'csv', f: TaskFilter) => buildUrl('/api/tasks/export', { format, ...f });

export const createTask = (body: NewTask) => api.post<TaskDetail>('/api/tasks', body);
export const updateTask = (id: number, body: TaskChanges) => api.patch<TaskDetail>(`/api/tasks/${id}`, body);
export const withdrawTask = (id: number, reason: string) => api.post<TaskDetail>(`/api/tasks/${id}/withdraw`, { reason });
export const assignTask = (id: number, fromUnitId: number, assigneeUnitIds: number[]) =>
  api.post<Static<typeof AssignResult>>(`/api/tasks/${id}/assignments`, { assigneeUnitIds }, { query: { unitId: fromUnitId } });
export const unassignTask = (assignmentId: number) => api.delete<{ ok: boolean }>(`/api/task-assignments/${assignmentId}`);
export const setTaskStatus = (assignmentId: number, body: Static<typeof SetStatusBody>) =>
  api.post<TaskAssignment>(`/api/task-assignments/${assignmentId}/statuses`, body);
export const uploadEvidence = (statusId: number, file: File) =>
  uploadFile<EvidenceItem>('POST', `/api/task-statuses/${statusId}/evidence`, file);
export const deleteEvidence = (evidenceId: number) => api.delete<{ ok: boolean }>(`/api/task-evidence/${evidenceId}`);
export const confirmReviewTasks = (documentId: number, body: ConfirmTasks) =>
  api.post<Static<typeof ConfirmResult>>(`/api/documents/${documentId}/tasks/confirm`, body);

/** Where a task opens, seen as the unit it was listed for. */
export const taskPath = (taskId: number, unitId?: number) => (unitId ? `/nhiem-vu/${taskId}?donVi=${unitId}` : `/nhiem-vu/${taskId}`);
