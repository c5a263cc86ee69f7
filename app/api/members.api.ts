import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  CreateMemberBody,
  DuplicateGroups,
  MemberCount,
  MemberHistory,
  MemberItem,
  MemberList,
  UpdateMemberBody,
} from '../../server/members/members.schema.ts';
import { api, buildUrl } from './api-client.ts';
import { pagedListQuery, patch } from './registry.api.ts';

export type { CreateMemberBody, MemberItem, UpdateMemberBody };
export type MemberListResult = Static<typeof MemberList>;
export type MemberHistoryItem = Static<typeof MemberHistory>['items'][number];
export type DuplicateGroup = Static<typeof DuplicateGroups>['items'][number];
export type MemberCountResult = Static<typeof MemberCount>;

export interface MemberFilter {
  q?: string;
  unitId?: number;
  status?: 'active' | 'left';
  sector?: string;
}

export const memberKeys = { all: ['members'] as const };

export const membersQuery = pagedListQuery<MemberFilter, MemberListResult>(memberKeys.all, '/api/members');

export const memberQuery = (id: number) =>
  queryOptions({
    queryKey: ['members', 'one', id] as const,
    queryFn: ({ signal }) => api.get<MemberItem>(`/api/members/${id}`, { signal }),
  });

export const memberHistoryQuery = (id: number) =>
  queryOptions({
    queryKey: ['members', 'history', id] as const,
    queryFn: ({ signal }) => api.get<{ items: MemberHistoryItem[] }>(`/api/members/${id}/history`, { signal }),
  });

export const memberCountQuery = (unitId: number | undefined, date: string) =>
  queryOptions({
    queryKey: ['members', 'count', unitId ?? null, date] as const,
    queryFn: ({ signal }) => api.get<MemberCountResult>('/api/members/count', { query: { unitId, date }, signal }),
  });

export const duplicatesQuery = () =>
  queryOptions({
    queryKey: ['members', 'duplicates'] as const,
    queryFn: ({ signal }) => api.get<{ items: DuplicateGroup[] }>('/api/members/duplicates', { signal }),
  });

export const createMember = (body: CreateMemberBody) => api.post<MemberItem>('/api/members', body);
export const updateMember = (id: number, body: UpdateMemberBody) => patch<MemberItem>(`/api/members/${id}`, body);
export const transferMember = (id: number, body: { toUnitId: number; date: string; note?: string }) =>
  api.post<MemberItem>(`/api/members/${id}/transfer`, body);
export const leaveMember = (id: number, body: { date: string; reason: string }) => api.post<MemberItem>(`/api/members/${id}/leave`, body);
export const mergeMembers = (keepId: number, dropId: number) => api.post<MemberItem>('/api/members/merge', { keepId, dropId });

/** The export is a plain GET the browser downloads itself (streamed by the server, never held in memory here). */
export const memberExportUrl = (format: 'xlsx' | 'csv', filter: MemberFilter) => buildUrl('/api/members/export', { format, ...filter });

// The import screen is shared by every registry: its API lives in registry.api.ts.
export type { ColumnMapping, ImportRejection, ImportStatus } from './registry.api.ts';
export { importRejectionsUrl, importStatus } from './registry.api.ts';
