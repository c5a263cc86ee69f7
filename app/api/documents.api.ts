import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type {
  Cascade,
  CascadeEntry,
  DocumentDetail,
  DocumentReview,
  DocumentSummary,
  DuplicateDetails,
  LinkItem,
  ReviewDraft,
  ReviewItem,
  SaveDraftBody,
  SaveReviewBody,
  TargetDecision,
  TargetProposal,
} from '../../server/documents/documents.schema.ts';
import { api } from './api-client.ts';
import { uploadFile } from './registry.api.ts';

export type DocumentSummaryItem = Static<typeof DocumentSummary>;
export type DocumentDetailItem = Static<typeof DocumentDetail>;
export type ReviewResult = Static<typeof DocumentReview>;
export type Proposal = Static<typeof TargetProposal>;
export type Decision = Static<typeof TargetDecision>;
export type ReviewTextItem = Static<typeof ReviewItem>;
export type SaveReview = Static<typeof SaveReviewBody>;
export type SaveReviewDraft = Static<typeof SaveDraftBody>;
export type SavedDraft = Omit<Static<typeof ReviewDraft>, 'metadata'>;
/** `ApiError.details` of DOCUMENT_DUPLICATE (same file) and DOCUMENT_SAME_SYMBOL (same symbol and issuer). */
export type DuplicateDocument = Static<typeof DuplicateDetails>;
export const DUPLICATE_CODES = ['DOCUMENT_DUPLICATE', 'DOCUMENT_SAME_SYMBOL'] as const;
export type CascadeResult = Static<typeof Cascade>;
export type CascadeNode = Static<typeof CascadeEntry>;
export type DocumentLink = Static<typeof LinkItem>;

export interface DocumentSearch {
  unitId?: number;
  q?: string;
  status?: 'review' | 'confirmed';
  includeAbove?: boolean;
}

export const documentKeys = {
  all: ['documents'] as const,
  search: (s: DocumentSearch) => ['documents', 'search', s] as const,
  detail: (id: number) => ['documents', 'detail', id] as const,
  review: (id: number) => ['documents', 'review', id] as const,
  cascade: (id: number) => ['documents', 'cascade', id] as const,
};

export const documentSearchQuery = (s: DocumentSearch) =>
  queryOptions({
    queryKey: documentKeys.search(s),
    queryFn: ({ signal }) => api.get<{ items: DocumentSummaryItem[] }>('/api/documents/search', { query: { ...s }, signal }),
    staleTime: 10_000,
  });

export const documentDetailQuery = (id: number) =>
  queryOptions({
    queryKey: documentKeys.detail(id),
    queryFn: ({ signal }) => api.get<DocumentDetailItem>(`/api/documents/${id}`, { signal }),
  });

// Not kept fresh in the cache: a review left and resumed must show what was saved since, here or in another browser.
export const documentReviewQuery = (id: number) =>
  queryOptions({
    queryKey: documentKeys.review(id),
    queryFn: ({ signal }) => api.get<ReviewResult>(`/api/documents/${id}/review`, { signal }),
  });

export const cascadeQuery = (id: number) =>
  queryOptions({
    queryKey: documentKeys.cascade(id),
    queryFn: ({ signal }) => api.get<CascadeResult>(`/api/documents/${id}/cascade`, { signal }),
  });

export const uploadDocument = (file: File, unitId: number, acceptSameSymbol = false) =>
  uploadFile<ReviewResult>('POST', '/api/documents/upload', file, { unitId, acceptSameSymbol: acceptSameSymbol || undefined });
export const saveReview = (id: number, body: SaveReview) => api.put<ReviewResult>(`/api/documents/${id}/review`, body);
export const saveReviewDraft = (id: number, body: SaveReviewDraft) => api.put<SavedDraft>(`/api/documents/${id}/review/draft`, body);
/** Where a document opens: its review while under review, else its page. */
export const documentPath = (d: { id: number; status: 'review' | 'confirmed' }) =>
  d.status === 'review' ? `/van-ban-chi-tieu/${d.id}/ra-soat` : `/van-ban-chi-tieu/${d.id}`;
export const discardDocument = (id: number) => api.delete<{ ok: boolean }>(`/api/documents/${id}`);
export const linkDocument = (id: number, body: { linkedDocumentId: number; linkId?: number; relation?: 'implements' | 'cites' }) =>
  api.post<CascadeResult>(`/api/documents/${id}/links`, body);
export const unlinkDocument = (id: number, linkId: number) => api.delete<CascadeResult>(`/api/documents/${id}/links/${linkId}`);
export const documentFileUrl = (id: number) => `/api/documents/${id}/file`;
