/**
 * The reviewer's working copy of each extracted target, and what the save sends. Kept free of
 * React so the rules (resume saved choices, nothing left undecided before the final save) are
 * unit-tested.
 */
import type { Decision, Proposal, ReviewResult, SaveReview, SaveReviewDraft } from '../../../api/documents.api.ts';
import { targetValuePhrase } from '../../dashboard/target-format.ts';
import { indicatorOptions, type IndicatorOption } from '../target-form.model.ts';

export type Draft = Decision & { unitId: number | null };

export function initialDrafts(review: ReviewResult): Draft[] {
  const saved = new Map((review.decisions ?? []).map((d) => [d.key, d]));
  return review.proposals.map((p) => {
    const s = saved.get(p.key);
    // A saved "no indicator" can come back as "" (the server's nullable string): it is still none.
    if (s) return { ...s, indicatorCode: s.indicatorCode || null, unitId: s.unitId ?? review.document.issuer.id };
    return fromProposal(p, review.document.issuer.id);
  });
}

export function fromProposal(p: Proposal, unitId: number): Draft {
  return {
    key: p.key,
    decision: 'pending',
    indicatorCode: p.suggestions[0]?.code ?? null,
    comparator: p.comparator,
    value: p.value,
    unitId,
    annual: p.annual,
    deadlineYear: p.deadlineYear,
    sectors: p.sectors,
    minWorkers: p.minWorkers,
    subject: p.subject,
    quote: p.quote,
  };
}

/** The metadata being reviewed: the last draft's as typed, else the document's (read from its header). */
export function metadataOf(review: ReviewResult): SaveReview['metadata'] {
  if (review.draft.metadata) return review.draft.metadata;
  const d = review.document;
  return {
    kind: d.kind as SaveReview['metadata']['kind'],
    symbol: d.symbol,
    title: d.title,
    issuerText: d.issuerText,
    place: d.place,
    issuedOn: d.issuedOn,
    termFrom: d.termFrom,
    termTo: d.termTo,
    signerCapacity: d.signerCapacity,
    signerTitle: d.signerTitle,
    signerName: d.signerName,
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

const decisionsOf = (drafts: readonly Draft[]): Decision[] =>
  drafts.map((d) => ({
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

/** The select's value for "no indicator measures this target" (the draft keeps null). */
export const NO_INDICATOR = '__none__';

/**
 * The indicator select of a card: the server's suggestions first (in its order), then "Chưa có
 * chỉ số phù hợp" — the way to say none fits, which offers Tạo chỉ số mới — then the rest.
 */
export function indicatorChoices(options: readonly IndicatorOption[], suggestions: readonly Proposal['suggestions'][number][]) {
  const order = suggestions.map((s) => s.code);
  // A suggestion carries its name: it reads right even before the list has loaded.
  const suggested = suggestions.map(
    (s) => options.find((o) => o.value === s.code) ?? indicatorOptions([{ ...s, unit: s.unit as IndicatorOption['unit'] }])[0]!,
  );
  return [
    ...(suggested.length ? [{ label: 'Gợi ý theo nội dung chỉ tiêu', options: suggested }] : []),
    { label: 'Không có trong danh mục', options: [{ value: NO_INDICATOR, label: 'Chưa có chỉ số phù hợp' }] },
    { label: 'Danh mục chỉ số', options: options.filter((o) => !order.includes(o.value)) },
  ];
}

export function countByDecision(drafts: readonly Draft[]) {
  return {
    confirm: drafts.filter((d) => d.decision === 'confirm').length,
    drop: drafts.filter((d) => d.decision === 'drop').length,
    pending: drafts.filter((d) => d.decision === 'pending').length,
  };
}
