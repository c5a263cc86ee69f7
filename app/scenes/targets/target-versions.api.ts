import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { ReviseBody, TargetVersions } from './target-revise.model.ts';

export const targetVersionKeys = {
  all: ['target-versions'] as const,
  one: (targetId: number, unitId: number | undefined) => ['target-versions', targetId, unitId ?? null] as const,
};

/** A target's history; `unitId` when it is seen from a unit below its own (its dashboard). */
export const targetVersionsQuery = (targetId: number, unitId?: number) =>
  queryOptions({
    queryKey: targetVersionKeys.one(targetId, unitId),
    queryFn: ({ signal }) => api.get<TargetVersions>(`/api/targets/${targetId}/versions`, { query: { unitId }, signal }),
  });

export const reviseTarget = (targetId: number, body: ReviseBody) => api.patch<TargetVersions>(`/api/targets/${targetId}`, body);
export const withdrawTarget = (targetId: number, body: { reason: string; on?: string }) =>
  api.post<TargetVersions>(`/api/targets/${targetId}/withdraw`, body);
