import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { ReportingService } from '../../server/reporting/reporting.service.ts';
import type { ReportFilesService } from '../../server/reporting/report-files.service.ts';
import { api, ApiError, buildUrl, NETWORK_ERROR_MESSAGE, toApiError } from './api-client.ts';
import { currentCsrfToken } from './auth.api.ts';
import { withDeviceCopy } from '../offline/device-copy.ts';

export type MyReports = Awaited<ReturnType<ReportingService['myReports']>>;
export type ReportView = Awaited<ReturnType<ReportingService['view']>>;
export type ReportSummary = Awaited<ReturnType<ReportingService['save']>>;
export type ReportList = Awaited<ReturnType<ReportingService['list']>>;
export type Completeness = Awaited<ReturnType<ReportingService['completeness']>>;
export type TemplateList = { items: Awaited<ReturnType<ReportingService['templates']>> };
export type BulkUploadResult = Awaited<ReturnType<ReportFilesService['uploadMany']>>;
export type ReportStatus = ReportView['status'];
export type ReportValues = Record<string, number | null>;

export const reportingKeys = {
  all: ['reporting'] as const,
  mine: (unitId: number | undefined) => ['reporting', 'mine', unitId ?? null] as const,
  report: (id: number) => ['reporting', 'report', id] as const,
  list: (f: ReportListFilter) => ['reporting', 'list', f] as const,
  completeness: (f: CompletenessFilter) => ['reporting', 'completeness', f] as const,
  templates: ['reporting', 'templates'] as const,
};

// An officer's own reports and each report they open are kept on the device as they arrive, and
// read from there when there is no network (docs/offline.md).
export const myReportsQuery = (unitId?: number) =>
  queryOptions({
    queryKey: reportingKeys.mine(unitId),
    queryFn: ({ signal }) =>
      withDeviceCopy(buildUrl('/api/reports/mine', { unitId }), () =>
        api.get<MyReports>('/api/reports/mine', { query: { unitId }, signal }),
      ),
    // Run even when the browser says offline (TanStack would pause): the device copy answers then.
    networkMode: 'offlineFirst',
  });

// The form holds unsaved edits: refetch only when an action asks for it (never on window focus).
export const reportQuery = (id: number) =>
  queryOptions({
    queryKey: reportingKeys.report(id),
    queryFn: ({ signal }) => withDeviceCopy(`/api/reports/${id}`, () => api.get<ReportView>(`/api/reports/${id}`, { signal })),
    networkMode: 'offlineFirst',
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const templatesQuery = () =>
  queryOptions({
    queryKey: reportingKeys.templates,
    queryFn: ({ signal }) => api.get<TemplateList>('/api/report-templates', { signal }),
    staleTime: 5 * 60_000,
  });

export interface ReportListFilter {
  unitId?: number;
  status?: string;
  templateCode?: string;
  periodCode?: string;
  offset: number;
}

export const reportListQuery = (f: ReportListFilter) =>
  queryOptions({
    queryKey: reportingKeys.list(f),
    queryFn: ({ signal }) => api.get<ReportList>('/api/reports', { query: { ...f, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });

export interface CompletenessFilter {
  unitId?: number;
  templateCode: string;
  periodCode: string;
  includeSubmitted: boolean;
}

export const completenessQuery = (f: CompletenessFilter) =>
  queryOptions({
    queryKey: reportingKeys.completeness(f),
    queryFn: ({ signal }) =>
      api.get<Completeness>('/api/reports/completeness', { query: { ...f, includeSubmitted: f.includeSubmitted || undefined }, signal }),
    placeholderData: keepPreviousData,
  });

export const openReport = (templateCode: string, unitId: number, periodCode: string) =>
  api.post<ReportView>('/api/reports', { templateCode, unitId, periodCode });
export const saveReport = (id: number, body: { version: number; values?: ReportValues; explanations?: Record<string, string> }) =>
  api.put<ReportSummary>(`/api/reports/${id}`, body);
export const submitReport = (
  id: number,
  body: { version: number; values?: ReportValues; explanations?: Record<string, string>; note?: string },
) => api.post<ReportSummary>(`/api/reports/${id}/submit`, body);
export const reviewReport = (id: number, action: 'accept' | 'return' | 'reopen', body: { version: number; reason?: string }) =>
  api.post<ReportSummary>(`/api/reports/${id}/${action}`, body);
export const bulkAccept = (ids: number[]) =>
  api.post<{ accepted: number; results: { id: number; ok: boolean; message: string }[] }>('/api/reports/accept-bulk', { ids });

/** Multipart uploads go around the JSON client (same CSRF header, same error shape). */
export async function uploadFiles<T>(url: string, files: File[]): Promise<T> {
  const csrfToken = currentCsrfToken();
  const form = new FormData();
  for (const f of files) form.append('file', f, f.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: csrfToken ? { 'x-csrf-token': csrfToken } : {},
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}
