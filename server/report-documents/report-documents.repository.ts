import { sql, type Kysely } from 'kysely';
import { sentenceOf } from '../../domain/report-documents/target-label.ts';
import type { DB } from '../db/schema.ts';

export interface ReportUnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  symbol: string | null;
  place: string | null;
  path: string;
  parent: { name: string; place: string | null } | null;
  chairName: string | null;
}

/** The unit on today's tree with its parent (the header names both) and, for a CĐCS, its chair. */
export async function reportUnit(db: Kysely<DB>, unitId: number): Promise<ReportUnitRow | null> {
  const row = await db
    .selectFrom('org_unit as u')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'u.id').on('p.valid_to', 'is', null))
    .leftJoin('org_unit as parent', 'parent.id', 'p.parent_id')
    .leftJoin('grassroots_profile as g', 'g.unit_id', 'u.id')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.kind',
      'u.symbol',
      'u.place',
      sql<string>`p.path::text`.as('path'),
      'parent.name as parent_name',
      'parent.place as parent_place',
      'g.chair_name',
    ])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    kind: row.kind,
    symbol: row.symbol,
    place: row.place,
    path: row.path,
    parent: row.parent_name ? { name: row.parent_name, place: row.parent_place } : null,
    chairName: row.chair_name,
  };
}

export interface ReportDocumentRow {
  id: number;
  kind: string;
  symbol: string | null;
  title: string;
  issuedOn: string | null;
  issuerUnitId: number;
  issuerName: string;
  /** The issuer as the document's header names it (uploads). */
  issuerText: string | null;
  status: 'review' | 'confirmed';
  /** Dates of the documents it implements or cites: its own date cannot be on or before them. */
  citedDates: string[];
}

export async function reportDocument(db: Kysely<DB>, documentId: number): Promise<ReportDocumentRow | null> {
  const row = await db
    .selectFrom('plan_document as d')
    .innerJoin('org_unit as o', 'o.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.kind',
      'd.symbol',
      'd.title',
      'd.issued_on',
      'd.issuer_unit_id',
      'o.name as issuer_name',
      'd.issuer_text',
      'd.status',
    ])
    .select((eb) =>
      eb
        .selectFrom('document_link as l')
        .select(sql<string[]>`coalesce(array_agg(DISTINCT l.referenced_on::text), '{}')`.as('dates'))
        .whereRef('l.document_id', '=', 'd.id')
        .where('l.relation', 'in', ['implements', 'cites'])
        .where('l.referenced_on', 'is not', null)
        .as('cited_dates'),
    )
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id),
    kind: row.kind,
    symbol: row.symbol,
    title: row.title,
    issuedOn: row.issued_on,
    issuerUnitId: Number(row.issuer_unit_id),
    issuerName: row.issuer_name,
    issuerText: row.issuer_text,
    status: row.status,
    citedDates: row.cited_dates ?? [],
  };
}

/**
 * The programme's sentence each target was read from (null for a typed target), carried on to the
 * sentence's end in the uploaded text: the extractor's quote stops where it cut the subject.
 */
export async function targetQuotes(db: Kysely<DB>, documentId: number, targetIds: number[]): Promise<Map<number, string | null>> {
  if (targetIds.length === 0) return new Map();
  const [rows, review] = await Promise.all([
    db.selectFrom('target').select(['id', 'quote']).where('id', 'in', targetIds).execute(),
    db.selectFrom('document_review').select('text').where('document_id', '=', documentId).executeTakeFirst(),
  ]);
  return new Map(rows.map((r) => [Number(r.id), r.quote && review ? (sentenceOf(review.text, r.quote) ?? r.quote) : r.quote]));
}
