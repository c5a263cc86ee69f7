/**
 * Data elements and indicators the unions define themselves (issue 19, docs/custom-measures.md).
 * The request bodies are the server's own schemas (type-only imports: nothing of the server
 * reaches the bundle); the answers' shapes follow the contract there.
 */
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { DerivedDefinition, DerivedMeasure, DerivedRegistry } from '../../domain/measures/derived-definition.ts';
import type { Sector } from '../../domain/org/org-unit.ts';
import type {
  CreateElementBody,
  CreateIndicatorBody,
  UpdateElementBody,
  UpdateIndicatorBody,
} from '../../server/measures/measures.schema.ts';
import { api } from './api-client.ts';

export type { DerivedDefinition, DerivedMeasure, DerivedRegistry };

export type ElementUnit = 'count' | 'percent' | 'money';
export type IndicatorUnit = 'count' | 'percent' | 'ratio' | 'money';
export type ElementSource = 'derived' | 'reported';

/** What uses an element or indicator: listed with a 409 MEASURE_IN_USE and on every item ('data': figures already reported). */
export interface UsageRef {
  kind: 'indicator' | 'target' | 'form' | 'data';
  code?: string;
  id?: number;
  label: string;
}

interface MeasureCommon {
  code: string;
  name: string;
  description: string | null;
  builtin: boolean;
  /** null: the whole tree (the built-in catalogue, or one owned at the root). */
  owner: { id: number; name: string } | null;
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  usedBy: UsageRef[];
  /** The server's verdict for this caller (subtree, built-ins at the root only). */
  canEdit: boolean;
}

export interface ElementItem extends MeasureCommon {
  unit: ElementUnit;
  source: ElementSource;
  definition: DerivedDefinition | null;
  definitionText: string | null;
}

export interface IndicatorItem extends MeasureCommon {
  unit: IndicatorUnit;
  numerator: string;
  denominator: string | null;
  keywords: string[];
}

export interface DerivedOptions {
  registries: { code: DerivedRegistry; label: string }[];
  measures: DerivedMeasure[];
  sectors: { code: Sector; label: string }[];
}

export type NewElement = Static<typeof CreateElementBody>;

export type ElementPatch = Static<typeof UpdateElementBody>;

export type NewIndicator = Static<typeof CreateIndicatorBody>;

export type IndicatorPatch = Static<typeof UpdateIndicatorBody>;

/** A check that failed (domain/measures/indicator-checks.ts); `field` says which input it belongs under. */
export interface IndicatorProblem {
  code: string;
  field?: string | null;
  message: string;
  position?: number;
}

export interface PreviewBody {
  unit: IndicatorUnit;
  numerator: string;
  denominator: string | null;
  unitId: number;
  date: string;
}

export interface PreviewResult {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  elements: Record<string, number | null>;
  problems: IndicatorProblem[];
}

export interface MeasureVersion {
  version: number;
  snapshot: Record<string, unknown>;
  changedAt: string;
  changedBy: string | null;
  reason: string | null;
}

export const measureKeys = {
  all: ['measures'] as const,
  elements: ['measures', 'elements'] as const,
  indicators: ['measures', 'indicators'] as const,
  derivedOptions: ['measures', 'derived-options'] as const,
  preview: (body: PreviewBody) => ['measures', 'preview', body] as const,
  versions: (kind: 'elements' | 'indicators', code: string) => ['measures', kind, code, 'versions'] as const,
};

export const elementsQuery = () =>
  queryOptions({
    queryKey: measureKeys.elements,
    queryFn: ({ signal }) => api.get<{ items: ElementItem[] }>('/api/measures/elements', { signal }),
    staleTime: 60_000,
  });

export const indicatorsQuery = () =>
  queryOptions({
    queryKey: measureKeys.indicators,
    queryFn: ({ signal }) => api.get<{ items: IndicatorItem[] }>('/api/measures/indicators', { signal }),
    staleTime: 60_000,
  });

export const derivedOptionsQuery = () =>
  queryOptions({
    queryKey: measureKeys.derivedOptions,
    queryFn: ({ signal }) => api.get<DerivedOptions>('/api/measures/derived-options', { signal }),
    staleTime: 10 * 60_000,
  });

export const indicatorPreviewQuery = (body: PreviewBody) =>
  queryOptions({
    queryKey: measureKeys.preview(body),
    // A read: the expression goes in the query string (buildUrl leaves out an absent denominator).
    queryFn: ({ signal }) => api.get<PreviewResult>('/api/measures/indicators/preview', { query: { ...body }, signal }),
    // The last figure stays on screen while the next expression is computed, instead of flashing empty.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const measureVersionsQuery = (kind: 'elements' | 'indicators', code: string) =>
  queryOptions({
    queryKey: measureKeys.versions(kind, code),
    queryFn: ({ signal }) => api.get<{ items: MeasureVersion[] }>(`/api/measures/${kind}/${encodeURIComponent(code)}/versions`, { signal }),
  });

const path = (kind: 'elements' | 'indicators', code: string) => `/api/measures/${kind}/${encodeURIComponent(code)}`;

export const createElement = (body: NewElement) => api.post<ElementItem>('/api/measures/elements', body);
export const updateElement = (code: string, body: ElementPatch) => api.patch<ElementItem>(path('elements', code), body);
export const deleteElement = (code: string) => api.delete<void>(path('elements', code));

export const createIndicator = (body: NewIndicator) => api.post<IndicatorItem>('/api/measures/indicators', body);
export const updateIndicator = (code: string, body: IndicatorPatch) => api.patch<IndicatorItem>(path('indicators', code), body);
export const deleteIndicator = (code: string) => api.delete<void>(path('indicators', code));

/** Error codes the measure screens answer specially. */
export const MEASURE_IN_USE = 'MEASURE_IN_USE';
export const MEASURE_INVALID = 'MEASURE_INVALID';
export const MEASURE_CODE_TAKEN = 'MEASURE_CODE_TAKEN';
/** The name gave no free code automatically: the user must type one (the code field shows it). */
export const MEASURE_CODE_REQUIRED = 'MEASURE_CODE_REQUIRED';
