import { queryOptions } from '@tanstack/react-query';
import type { TemplateDefinition } from '../../domain/reporting/report-template.ts';
import { api } from './api-client.ts';

/**
 * Forms (biểu mẫu) as versions (issue 19, docs/custom-measures.md "Forms"): the versions of a
 * form, its one draft per owner (create, edit, delete) and publishing a draft from a period on.
 * Shapes typed here from the contract; the reported data elements a field is chosen from come
 * from GET /api/measures/elements, typed locally with only what the forms editor reads.
 */
export type FormDefinition = Pick<TemplateDefinition, 'sections' | 'rules'>;

export interface TemplateVersionItem {
  id: number;
  version: number;
  name: string;
  status: 'draft' | 'published';
  /** A period code of the form's calendar ("2027-H1", "2027"), "từ trước" for the versions older than periods; null for a draft. */
  fromPeriod: string | null;
  /** ISO date the version applies from (2000-01-01 for the versions older than periods); null for a draft. */
  fromPeriodStart?: string | null;
  basedOn?: number | null;
  /** null: the whole tree (the built-in forms). */
  owner: { id: number; name: string } | null;
  /** How many reports were opened with this version. */
  reports: number;
  createdAt: string;
  createdBy: string;
  publishedAt: string | null;
  definition: FormDefinition & Partial<TemplateDefinition>;
  /** Vietnamese lines against the version it was based on. */
  changes: string[];
  /** The caller's own draft, and they manage forms. */
  canEdit?: boolean;
}

export interface FormElement {
  code: string;
  name: string;
  unit: 'count' | 'percent' | 'money';
  source: 'derived' | 'reported';
  description: string | null;
  builtin: boolean;
  owner: { id: number; name: string } | null;
}

export const reportTemplateKeys = {
  all: ['report-templates'] as const,
  versions: (code: string) => ['report-templates', code, 'versions'] as const,
  // Under the measures screens' prefix, so their invalidation after a new element refreshes this list too.
  elements: ['measures', 'elements', 'for-forms'] as const,
};

const versionsPath = (code: string) => `/api/report-templates/${encodeURIComponent(code)}/versions`;

export const templateVersionsQuery = (code: string) =>
  queryOptions({
    queryKey: reportTemplateKeys.versions(code),
    queryFn: ({ signal }) => api.get<{ items: TemplateVersionItem[] }>(versionsPath(code), { signal }),
  });

export const formElementsQuery = () =>
  queryOptions({
    queryKey: reportTemplateKeys.elements,
    queryFn: ({ signal }) => api.get<{ items: FormElement[] }>('/api/measures/elements', { signal }),
    staleTime: 60_000,
  });

/** A new draft, usually a copy of the version in force (`basedOn`: its version number). 409 TEMPLATE_DRAFT_EXISTS when the owner already has one. */
export const createTemplateDraft = (code: string, body: { definition: FormDefinition; basedOn?: number }) =>
  api.post<TemplateVersionItem>(versionsPath(code), body);

export const updateTemplateDraft = (code: string, version: number, definition: FormDefinition) =>
  api.put<TemplateVersionItem>(`${versionsPath(code)}/${version}`, { definition });

export const deleteTemplateDraft = (code: string, version: number) => api.delete<void>(`${versionsPath(code)}/${version}`);

/** 409 TEMPLATE_PERIOD_HAS_REPORTS, 400 TEMPLATE_PERIOD_TOO_EARLY: their messages are shown as they come. */
export const publishTemplateVersion = (code: string, version: number, fromPeriod: string) =>
  api.post<TemplateVersionItem>(`${versionsPath(code)}/${version}/publish`, { fromPeriod });
