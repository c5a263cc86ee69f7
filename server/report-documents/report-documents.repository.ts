import { sql, type Kysely } from 'kysely';
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
  const row = await db.selectFrom('org_unit as u')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'u.id').on('p.valid_to', 'is', null))
    .leftJoin('org_unit as parent', 'parent.id', 'p.parent_id')
    .leftJoin('grassroots_profile as g', 'g.unit_id', 'u.id')
    .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.symbol', 'u.place', sql<string>`p.path::text`.as('path'),
      'parent.name as parent_name', 'parent.place as parent_place', 'g.chair_name'])
    .where('u.id', '=', unitId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id), code: row.code, name: row.name, kind: row.kind, symbol: row.symbol, place: row.place, path: row.path,
    parent: row.parent_name ? { name: row.parent_name, place: row.parent_place } : null, chairName: row.chair_name,
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
  status: 'review' | 'confirmed';
}

export async function reportDocument(db: Kysely<DB>, documentId: number): Promise<ReportDocumentRow | null> {
  const row = await db.selectFrom('plan_document as d')
    .innerJoin('org_unit as o', 'o.id', 'd.issuer_unit_id')
    .select(['d.id', 'd.kind', 'd.symbol', 'd.title', 'd.issued_on', 'd.issuer_unit_id', 'o.name as issuer_name', 'd.status'])
    .where('d.id', '=', documentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: Number(row.id), kind: row.kind, symbol: row.symbol, title: row.title, issuedOn: row.issued_on, issuerUnitId: Number(row.issuer_unit_id),
    issuerName: row.issuer_name, status: row.status,
  };
}
