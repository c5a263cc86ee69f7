/**
 * The reviewer's working copy of each extracted target, and what the save sends. Kept free of
 * React so the rules (resume saved choices, nothing left undecided before the final save) are
 * unit-tested.
 */
import type { Decision, Proposal, ReviewResult, SaveReview, SaveReviewDraft } from '../../../api/documents.api.ts';
import { targetValuePhrase } from '../../dashboard/target-format.ts';

export type Draft = Decision & { unitId: number | null };

export function initialDrafts(review: ReviewResult): Draft[] {
  const saved = new Map((review.decisions ?? []).map((d) => [d.key, d]));
  return review.proposals.map((p) => {
    const s = saved.get(p.key);
    if (s) return { ...s, unitId: s.unitId ?? review.document.issuer.id };
    return fromProposal(p, review.document.issuer.id);
  });
}

export function fromProposal(p: Proposal, unitId: number): Draft {
  return {
    key: p.key, decision: 'pending', indicatorCode: p.suggestions[0]?.code ?? null, comparator: p.comparator, value: p.value, unitId,
    annual: p.annual, deadlineYear: p.deadlineYear, sectors: p.sectors, minWorkers: p.minWorkers, subject: p.subject, quote: p.quote,
  };
}

/** The metadata being reviewed: the last draft's as typed, else the document's (read from its header). */
export function metadataOf(review: ReviewResult): SaveReview['metadata'] {
  if (review.draft.metadata) return review.draft.metadata;
  const d = review.document;
  return {
    kind: d.kind as SaveReview['metadata']['kind'], symbol: d.symbol, title: d.title, issuerText: d.issuerText, place: d.place, issuedOn: d.issuedOn,
    termFrom: d.termFrom, termTo: d.termTo, signerCapacity: d.signerCapacity, signerTitle: d.signerTitle, signerName: d.signerName,
  };
}

/** Why the final save cannot go yet (Vietnamese), or null. */
export function blockingReason(drafts: readonly Draft[]): string | null {
  const pending = drafts.filter((d) => d.decision === 'pending').length;
  if (pending > 0) return `Còn ${pending} chỉ tiêu chưa xác nhận hoặc bỏ.`;
  const noIndicator = drafts.filter((d) => d.decision === 'confirm' && !d.indicatorCode).length;
  if (noIndicator > 0) return `Còn ${noIndicator} chỉ tiêu đã xác nhận nhưng chưa chọn chỉ số.`;
  return null;
}

const decisionsOf = (drafts: readonly Draft[]): Decision[] => drafts.map((d) => ({
  ...d,
  value: Number(d.value),
  deadlineYear: d.annual ? null : (d.deadlineYear ?? null),
  sectors: d.sectors && d.sectors.length > 0 ? d.sectors : null,
  subject: d.subject?.normalize('NFC').trim() ?? '',
}));

/** The final save (or an API client's draft): metadata tidied for the server's checks. */
export function toSaveBody(metadata: SaveReview['metadata'], drafts: readonly Draft[], confirm: boolean, version?: number): SaveReview {
  return {
    metadata: {
      ...metadata,
      symbol: metadata.symbol?.normalize('NFC').trim() || null,
      title: metadata.title.normalize('NFC').trim(),
    },
    targets: decisionsOf(drafts),
    confirm,
    ...(version !== undefined && { version }),
  };
}

/** The autosaved working copy: as typed (an empty title while it is retyped is fine). */
export function toDraftBody(version: number, metadata: SaveReview['metadata'], drafts: readonly Draft[]): SaveReviewDraft {
  return { version, metadata, targets: decisionsOf(drafts) };
}

/** "Đạt 90% — đến năm 2028", "Trên 140.000 — hằng năm", "Đạt 40.000.000 đồng — hằng năm": the terms the card will follow, in words. */
export function termsPhrase(draft: Pick<Draft, 'comparator' | 'value' | 'annual' | 'deadlineYear'>, unit: string): string {
  const when = draft.annual ? 'hằng năm' : draft.deadlineYear ? `đến năm ${draft.deadlineYear}` : 'chưa có thời hạn';
  return `${targetValuePhrase(draft.comparator, Number(draft.value), unit)}${unit === 'money' ? ' đồng' : ''} — ${when}`;
}

export function countByDecision(drafts: readonly Draft[]) {
  return {
    confirm: drafts.filter((d) => d.decision === 'confirm').length,
    drop: drafts.filter((d) => d.decision === 'drop').length,
    pending: drafts.filter((d) => d.decision === 'pending').length,
  };
}
