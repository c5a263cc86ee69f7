// Rows and extraction results → the wire shapes of documents.schema.ts (never a raw row).
import type { Static } from 'typebox';
import type { ExtractionResult } from '../../domain/extraction/extraction-types.ts';
import { formatVietnameseDate as formatViDate } from '../../domain/time/calendar-date.ts';
import type { DocumentRow, LinkRow } from './documents.repository.ts';
import type { DocumentDetail, DocumentSummary, LinkItem, ReviewItem } from './documents.schema.ts';

export function presentSummary(d: DocumentRow): Static<typeof DocumentSummary> {
  return {
    id: Number(d.id),
    status: d.status,
    kind: d.kind,
    symbol: d.symbol,
    title: d.title,
    issuer: { id: Number(d.issuer_unit_id), name: d.issuer_name },
    issuerText: d.issuer_text,
    issuedOn: d.issued_on,
    termFrom: d.term_from,
    termTo: d.term_to,
    targets: Number(d.targets),
    hasFile: d.file_name !== null,
    isInScope: d.is_in_scope,
  };
}

export function presentDetail(d: DocumentRow): Static<typeof DocumentDetail> {
  return {
    ...presentSummary(d),
    place: d.place,
    signerCapacity: d.signer_capacity,
    signerTitle: d.signer_title,
    signerName: d.signer_name,
    file:
      d.file_name === null
        ? null
        : { name: d.file_name, sizeBytes: Number(d.file_size), mimeType: d.file_mime ?? 'application/octet-stream' },
  };
}

export function presentLink(l: LinkRow, linked: Static<typeof DocumentSummary> | null): Static<typeof LinkItem> {
  return { id: Number(l.id), relation: l.relation, symbol: l.symbol, referencedOn: l.referenced_on, source: l.source, linked };
}

const number = (v: number) => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(v);
const RELATION_LABEL = { implements: 'Văn bản thực hiện', replaces: 'Văn bản thay thế', cites: 'Văn bản dẫn chiếu' } as const;

/** Everything the extractor read besides targets, as highlightable items with one-line details. */
export function presentItems(x: ExtractionResult): Static<typeof ReviewItem>[] {
  const items: Static<typeof ReviewItem>[] = [];
  x.baselines.forEach((b, i) =>
    items.push({
      key: `baseline-${i}`,
      kind: 'baseline',
      start: b.start,
      end: b.end,
      text: b.quote,
      detail: `Hiện trạng: ${number(b.value)}${b.unit === 'percent' ? '%' : ''} ${b.subject}${b.year ? ` (năm ${b.year})` : ''}`.trim(),
    }),
  );
  x.qualitativeTargets.forEach((q, i) =>
    items.push({
      key: `qualitative-${i}`,
      kind: 'qualitative',
      start: q.start,
      end: q.end,
      text: q.text,
      detail: `Chỉ tiêu định tính${q.recurrence === 'annual' ? ' — hằng năm' : q.deadlineYear ? ` — đến năm ${q.deadlineYear}` : ''}`,
    }),
  );
  x.references.forEach((r, i) =>
    items.push({
      key: `reference-${i}`,
      kind: 'reference',
      start: r.start,
      end: r.end,
      text: r.symbol,
      detail: `${RELATION_LABEL[r.relation]}: ${r.symbol}${r.date ? ` ngày ${formatViDate(r.date)}` : ''}`,
    }),
  );
  x.tasks.forEach((t, i) => {
    const parts = [
      t.lead ? `Chủ trì: ${t.lead}` : null,
      t.coordinating.length ? `Phối hợp: ${t.coordinating.join(', ')}` : null,
      t.reporting ? `Báo cáo: ${[t.reporting.cadence, t.reporting.to].filter(Boolean).join(' về ')}` : null,
    ].filter(Boolean);
    items.push({
      key: `task-${i}`,
      kind: 'task',
      start: t.start,
      end: t.end,
      text: t.text,
      detail: parts.length ? parts.join(' · ') : t.section === 'organisation' ? 'Tổ chức thực hiện' : 'Nhiệm vụ, giải pháp',
    });
  });
  return items.sort((a, b) => a.start - b.start || b.end - a.end);
}
