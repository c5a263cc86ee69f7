import { queryOptions } from '@tanstack/react-query';
import type { OrgSearchResult, OrgUnitDetail, OrgUnitList } from '../../server/org/org.schema.ts';
import type { PlanReport, UnitHistory } from '../../server/org/org-operations.schema.ts';
import { api } from './api-client.ts';
import { uploadFile } from './registry.api.ts';

/** Query keys and fetchers for the organisation tree; every call is for one "as of" date. */
export const orgKeys = {
  all: ['org'] as const,
  roots: (asOf: string) => ['org', 'roots', asOf] as const,
  children: (id: number, asOf: string) => ['org', 'children', id, asOf] as const,
  unit: (id: number, asOf: string) => ['org', 'unit', id, asOf] as const,
  search: (q: string, asOf: string, under?: number) => ['org', 'search', q, asOf, under ?? null] as const,
};

// The tree changes only through restructuring decisions, so a few minutes of cache is safe.
const TREE_STALE_MS = 5 * 60_000;

export const rootsQuery = (asOf: string) =>
  queryOptions({
    queryKey: orgKeys.roots(asOf),
    queryFn: ({ signal }) => api.get<OrgUnitList>('/api/org/roots', { query: { asOf }, signal }),
    staleTime: TREE_STALE_MS,
  });

export const childrenQuery = (id: number, asOf: string) =>
  queryOptions({
    queryKey: orgKeys.children(id, asOf),
    queryFn: ({ signal }) => api.get<OrgUnitList>(`/api/org/units/${id}/children`, { query: { asOf }, signal }),
    staleTime: TREE_STALE_MS,
  });

export const unitQuery = (id: number, asOf: string) =>
  queryOptions({
    queryKey: orgKeys.unit(id, asOf),
    queryFn: ({ signal }) => api.get<OrgUnitDetail>(`/api/org/units/${id}`, { query: { asOf }, signal }),
    staleTime: TREE_STALE_MS,
  });

export const SEARCH_MIN_LENGTH = 2;

export const searchQuery = (q: string, asOf: string, under?: number) =>
  queryOptions({
    queryKey: orgKeys.search(q, asOf, under),
    queryFn: ({ signal }) => api.get<OrgSearchResult>('/api/org/search', { query: { q, asOf, under, limit: 20 }, signal }),
    staleTime: 60_000,
    enabled: q.trim().length >= SEARCH_MIN_LENGTH,
  });

// ---- History and restructuring (issue 7) ----

export type { PlanReport, UnitHistory };

export const historyQuery = (id: number) =>
  queryOptions({
    queryKey: ['org', 'history', id] as const,
    queryFn: ({ signal }) => api.get<UnitHistory>(`/api/org/units/${id}/history`, { signal }),
    staleTime: TREE_STALE_MS,
  });

/** The same file twice: first as a dry run (the preview), then for real (all or nothing). */
/** Tải tệp mẫu: the plan template, an XLSX the browser downloads itself (columns, an example row, notes). */
export const PLAN_TEMPLATE_URL = '/api/org/restructure-plans/template';
export const previewPlan = (file: File) => uploadFile<PlanReport>('POST', '/api/org/restructure-plans', file, { dryRun: true });
export const applyPlan = (file: File) => uploadFile<PlanReport>('POST', '/api/org/restructure-plans', file);
