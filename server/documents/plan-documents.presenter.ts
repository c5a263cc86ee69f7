// A plan document row → the wire shape of progress.schema.ts's DocumentItem.
import type { Static } from 'typebox';
import type { DocumentItem } from '../progress/progress.schema.ts';
import type { PlanDocumentRow } from './plan-documents.repository.ts';

export function presentPlanDocument(d: PlanDocumentRow): Static<typeof DocumentItem> {
  return {
    id: Number(d.id),
    kind: d.kind,
    symbol: d.symbol,
    title: d.title,
    issuer: { id: Number(d.issuer_unit_id), name: d.issuer_name },
    issuedOn: d.issued_on,
    termFrom: d.term_from,
    termTo: d.term_to,
    targets: Number(d.targets),
  };
}
