import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  BreakdownItem as BreakdownItemSchema,
  BreakdownResult as BreakdownResultSchema,
  CreateDocumentBody,
  CreateTargetBody,
  DocumentItem,
  ProgressList,
  TargetProgressItem,
} from '../../server/progress/progress.schema.ts';
import { api } from './api-client.ts';

export type TargetProgress = Static<typeof TargetProgressItem>;
export type ProgressResult = Static<typeof ProgressList>;
export type PlanDocument = Static<typeof DocumentItem>;
export type NewDocument = Static<typeof CreateDocumentBody>;
export type NewTarget = Static<typeof CreateTargetBody>;
export type ProgressStatus = TargetProgress['progress']['status'];

/** One child unit of a target in the children table: judged by the same ratio, its allocation or its contribution (docs/progress-rules.md §5). */
export type BreakdownItem = Static<typeof BreakdownItemSchema>;
export type BreakdownResult = Static<typeof BreakdownResultSchema>;

export interface SeriesResult {
  points: { date: string; value: number }[];
}

export interface ProgressFilter {
  unitId?: number;
  asOf: string;
  documentId?: number;
  includeSubmitted?: boolean;
}

export const progressKeys = {
  all: ['progress'] as const,
  list: (f: ProgressFilter) => ['progress', 'list', f] as const,
  breakdown: (targetId: number, unitId: number | undefined, asOf: string, includeSubmitted: boolean) =>
    ['progress', 'breakdown', targetId, unitId ?? null, asOf, includeSubmitted] as const,
  series: (targetId: number, unitId: number | undefined, asOf: string, includeSubmitted: boolean) =>
    ['progress', 'series', targetId, unitId ?? null, asOf, includeSubmitted] as const,
  documents: (unitId: number | undefined) => ['progress', 'documents', unitId ?? null] as const,
};

// Progress is computed live from the registries, so a short cache only spares re-renders.
const LIVE_STALE_MS = 30_000;

export const progressQuery = (f: ProgressFilter) =>
  queryOptions({
    queryKey: progressKeys.list(f),
    queryFn: ({ signal }) =>
      api.get<ProgressResult>('/api/progress', {
        query: { unitId: f.unitId, asOf: f.asOf, documentId: f.documentId, includeSubmitted: f.includeSubmitted || undefined },
        signal,
      }),
    staleTime: LIVE_STALE_MS,
    placeholderData: keepPreviousData,
  });

/** One target seen from a unit on a day: its children table or its curve, asked and cached alike. */
const targetViewQuery =
  <R>(view: 'breakdown' | 'series') =>
  (targetId: number, unitId: number | undefined, asOf: string, includeSubmitted = false) =>
    queryOptions({
      queryKey: progressKeys[view](targetId, unitId, asOf, includeSubmitted),
      queryFn: ({ signal }) =>
        api.get<R>(`/api/targets/${targetId}/${view}`, {
          query: { unitId, asOf, includeSubmitted: includeSubmitted || undefined },
          signal,
        }),
      staleTime: LIVE_STALE_MS,
    });

export const breakdownQuery = targetViewQuery<BreakdownResult>('breakdown');
export const seriesQuery = targetViewQuery<SeriesResult>('series');

export const documentsQuery = (unitId: number | undefined) =>
  queryOptions({
    queryKey: progressKeys.documents(unitId),
    queryFn: ({ signal }) => api.get<{ items: PlanDocument[] }>('/api/documents', { query: { unitId }, signal }),
    staleTime: LIVE_STALE_MS,
  });

export const createDocument = (body: NewDocument) => api.post<PlanDocument>('/api/documents', body);
export const createTarget = (body: NewTarget) => api.post<TargetProgress>('/api/targets', body);
