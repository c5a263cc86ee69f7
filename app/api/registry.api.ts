import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  AgreementCount,
  AgreementItem,
  AgreementList,
  CreateAgreementBody,
  RenewAgreementBody,
  UpdateAgreementBody,
} from '../../server/agreements/agreements.schema.ts';
import type { CreateEmployerBody, EmployerItem, EmployerList, UpdateEmployerBody } from '../../server/employers/employers.schema.ts';
import type { ImportRegistry } from '../../server/imports/import-registries.ts';
import { ApiError, api, buildUrl, createApiClient, toApiError, NETWORK_ERROR_MESSAGE, readBody, type QueryValue } from './api-client.ts';
import { currentCsrfToken, goToLogin } from './auth.api.ts';

export type {
  AgreementItem,
  CreateAgreementBody,
  CreateEmployerBody,
  EmployerItem,
  ImportRegistry,
  RenewAgreementBody,
  UpdateEmployerBody,
};
export type AgreementListResult = Static<typeof AgreementList>;
export type EmployerListResult = Static<typeof EmployerList>;
export type AgreementCountResult = Static<typeof AgreementCount>;
export type UpdateAgreement = Static<typeof UpdateAgreementBody>;

// api-client.ts has no PATCH verb yet; like users.api.ts, this client sends its "PUT" as PATCH
// with the same CSRF header and 401 handling. Remove it once the shared client grows a `patch`.
const patchClient = createApiClient({
  fetch: (input, init) => globalThis.fetch(input, { ...init, method: 'PATCH' }),
  prepareRequest: (headers) => {
    const token = currentCsrfToken();
    if (token) headers.set('x-csrf-token', token);
  },
  onUnauthenticated: () => goToLogin(),
});

export const patch = <T>(path: string, body: unknown) => patchClient.put<T>(path, body);

/** Sends one file as multipart field "file" (the JSON client cannot), with the CSRF header and the same errors. */
export async function uploadFile<T>(method: 'POST' | 'PUT', path: string, file: File, query?: Record<string, QueryValue>): Promise<T> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers = new Headers({ accept: 'application/json' });
  const token = currentCsrfToken();
  if (token) headers.set('x-csrf-token', token);
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { method, headers, body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
  }
  const body = await readBody(response);
  if (!response.ok) {
    if (response.status === 401) goToLogin();
    throw toApiError(response.status, body);
  }
  return body as T;
}

/** One page of a cursor-paged list: the filter plus the cursor of the page asked for. */
export interface Paged<F> {
  filter: F;
  after?: string;
  limit: number;
}

/**
 * The query of one page of a cursor-paged list (`GET path?…filter&after&limit`): under the list's
 * key, so that a save refreshes every page, and keeping the page on screen while the next one
 * loads instead of flashing an empty table.
 */
export const pagedListQuery =
  <F extends object, R>(key: readonly string[], path: string) =>
  ({ filter, after, limit }: Paged<F>) =>
    queryOptions({
      queryKey: [...key, 'list', filter, after ?? null, limit] as const,
      queryFn: ({ signal }) => api.get<R>(path, { query: { ...filter, after, limit }, signal }),
      placeholderData: keepPreviousData,
    });

export interface GrassrootsItem {
  id: number;
  code: string;
  name: string;
  sector: string | null;
  sectorLabel: string | null;
  parent: { id: number; name: string };
  employer: { id: number; taxCode: string; name: string; workers: number | null } | null;
  foundingDecision: string | null;
  foundedOn: string | null;
  chairName: string | null;
  status: string;
  statusLabel: string;
  dissolvedOn: string | null;
  members: number;
}

export interface GrassrootsFilter {
  q?: string;
  unitId?: number;
  sector?: string;
  status?: 'active' | 'dissolved';
  /** name (default): A→Z without accents; founded: newest founding date first. */
  sort?: 'name' | 'founded';
}

export interface GrassrootsPatch {
  employerId?: number | null;
  foundingDecision?: string | null;
  foundedOn?: string | null;
  chairName?: string | null;
  dissolvedOn?: string | null;
}

export interface EmployerFilter {
  q?: string;
  unitId?: number;
  sector?: string;
  hasCdcs?: boolean;
  minWorkers?: number;
  /** name (default): A→Z without accents; workers: largest first. */
  sort?: 'name' | 'workers';
}

export interface AgreementFilter {
  unitId?: number;
  inForceOn?: string;
  minQuality?: 'A' | 'B' | 'C' | 'D';
  betterThanLaw?: boolean;
  /** recent (default): latest entered first; expiry: soonest last day first. */
  sort?: 'recent' | 'expiry';
}

export const registryKeys = {
  grassroots: ['grassroots'] as const,
  employers: ['employers'] as const,
  agreements: ['agreements'] as const,
};

export const grassrootsQuery = pagedListQuery<GrassrootsFilter, { items: GrassrootsItem[]; nextCursor: string | null }>(
  registryKeys.grassroots,
  '/api/grassroots',
);

export const grassrootsOneQuery = (id: number) =>
  queryOptions({
    queryKey: [...registryKeys.grassroots, 'one', id] as const,
    queryFn: ({ signal }) => api.get<GrassrootsItem>(`/api/grassroots/${id}`, { signal }),
  });

export const updateGrassroots = (id: number, body: GrassrootsPatch) => patch<GrassrootsItem>(`/api/grassroots/${id}`, body);

export const employersQuery = pagedListQuery<EmployerFilter, EmployerListResult>(registryKeys.employers, '/api/employers');

export const createEmployer = (body: CreateEmployerBody) => api.post<EmployerItem>('/api/employers', body);
export const updateEmployer = (id: number, body: UpdateEmployerBody) => patch<EmployerItem>(`/api/employers/${id}`, body);

export const agreementsQuery = pagedListQuery<AgreementFilter, AgreementListResult>(registryKeys.agreements, '/api/agreements');

export const agreementCountQuery = (unitId: number | undefined, date: string) =>
  queryOptions({
    queryKey: [...registryKeys.agreements, 'count', unitId ?? null, date] as const,
    queryFn: ({ signal }) => api.get<AgreementCountResult>('/api/agreements/count', { query: { unitId, date }, signal }),
  });

export const createAgreement = (body: CreateAgreementBody) => api.post<AgreementItem>('/api/agreements', body);
export const renewAgreement = (id: number, body: RenewAgreementBody) => api.post<AgreementItem>(`/api/agreements/${id}/renew`, body);
export const updateAgreement = (id: number, body: UpdateAgreement) => patch<AgreementItem>(`/api/agreements/${id}`, body);
export const attachAgreementFile = (id: number, file: File) => uploadFile<AgreementItem>('PUT', `/api/agreements/${id}/file`, file);
export const agreementFileUrl = (id: number) => `/api/agreements/${id}/file`;

/** Exports are plain GETs the browser downloads itself (streamed by the server, in the list's filter and order). */
export const employerExportUrl = (format: 'xlsx' | 'csv', filter: EmployerFilter) =>
  buildUrl('/api/employers/export', { format, ...filter });
export const grassrootsExportUrl = (format: 'xlsx' | 'csv', filter: GrassrootsFilter) =>
  buildUrl('/api/grassroots/export', { format, ...filter });
export const agreementExportUrl = (format: 'xlsx' | 'csv', filter: AgreementFilter) =>
  buildUrl('/api/agreements/export', { format, ...filter });

// ── Imports from Excel (every registry through the same pipeline and screen) ──

export interface ImportRejection {
  rowNumber: number;
  /** The row's value in the status's `nameColumn` (Họ và tên, Tên đơn vị…). */
  name: string | null;
  column: string | null;
  reason: string;
}

export interface ImportStatus {
  id: number;
  registry: string;
  fileName: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  message: string | null;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rejected rows counted but not stored (each import keeps at most 1,000). */
  rejectionsNotStored: number;
  /** The stored rejected rows were deleted (kept 30 days). */
  rejectionsExpired: boolean;
  /** CCCD and phone in the rejected-rows file are masked for this reader. */
  personalDataMasked: boolean;
  startedAt: string;
  finishedAt: string | null;
  /** Title of the column that names a rejected row; null when the file has none. */
  nameColumn: string | null;
  rejections: ImportRejection[];
}

/** A column a registry's file may have, as the server's import definition declares it. */
export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  synonyms: string[];
}

export interface ImportFields {
  registry: ImportRegistry;
  noun: string;
  unitHint: string;
  identity: string;
  fields: ImportField[];
}

export type ColumnMapping = Record<number, string | null>;

export const importFieldsQuery = (registry: ImportRegistry) =>
  queryOptions({
    queryKey: ['imports', 'fields', registry] as const,
    queryFn: ({ signal }) => api.get<ImportFields>(`/api/imports/fields/${registry}`, { signal }),
    staleTime: Infinity, // the columns change only with a new server version
  });

export const startImport = (registry: ImportRegistry, file: File, unitId: number, dryRun: boolean, mapping?: ColumnMapping) =>
  uploadFile<ImportStatus>('POST', `/api/imports/${registry}`, file, {
    unitId,
    dryRun,
    mapping: mapping ? JSON.stringify(mapping) : undefined,
  });

export const importStatus = (id: number) => api.get<ImportStatus>(`/api/imports/${id}`);
/** Tải tệp mẫu: an XLSX the browser downloads itself (header row, one example row, a notes sheet). */
export const importTemplateUrl = (registry: ImportRegistry) => `/api/imports/template/${registry}`;
export const importRejectionsUrl = (id: number, format: 'xlsx' | 'csv' = 'xlsx') => buildUrl(`/api/imports/${id}/rejections`, { format });
