import { infiniteQueryOptions } from '@tanstack/react-query';
import type { AuditNames } from '../../server/audit/audit-names.ts';
import { api } from './api-client.ts';

/** One row of the audit log as GET /api/audit returns it (before/after/detail are free-form JSON). */
export interface AuditItem {
  id: number;
  at: string;
  action: string;
  actorUserId: number | null;
  actor: string;
  actorName: string | null;
  unit: { id: number; name: string } | null;
  entityType: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  ip: string | null;
}

/** Names the server looked up for a page: each row's object, and the units, figures and forms its data mentions. */
export type { AuditNames };

export interface AuditPage {
  items: AuditItem[];
  names: AuditNames;
  nextBeforeId: number | null;
}

export interface AuditFilter {
  userId?: number;
  unitId?: number;
  /** An action code, or a prefix such as "auth." for a whole kind. */
  action?: string;
  from?: string;
  to?: string;
}

export const AUDIT_PAGE_SIZE = 50;

// Keyset paging: each page asks for rows older than the last one seen, so new rows arriving
// meanwhile never shift or duplicate what is already on screen.
export const auditQuery = (filter: AuditFilter) =>
  infiniteQueryOptions({
    queryKey: ['audit', filter] as const,
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>('/api/audit', { query: { ...filter, beforeId: pageParam, limit: AUDIT_PAGE_SIZE }, signal }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBeforeId ?? undefined,
  });
