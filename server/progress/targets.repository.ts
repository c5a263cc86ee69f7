import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB, TargetTable } from '../db/schema.ts';
import { idsLiteral } from '../db/array-literal.ts';

/** The unit a target belongs to (its scope for access checks), or null when there is none. */
export async function unitOfTarget(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('target').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.unit_id) : null;
}

/** Whether `upperId` sits at `unitId` or above it on today's tree. */
export async function isAtOrAbove(db: Kysely<DB>, upperId: number, unitId: number): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`
    SELECT EXISTS (
      SELECT 1 FROM org_placement a JOIN org_placement u ON u.path <@ a.path
      WHERE a.unit_id = ${upperId} AND a.valid_to IS NULL AND u.unit_id = ${unitId} AND u.valid_to IS NULL
    ) AS ok`.execute(db);
  return rows[0]?.ok === true;
}

/** A target with its indicator, document and owner, as the progress engine reads it. */
export type TargetRow = Omit<TargetTable, 'id' | 'created_at'> & {
  id: number;
  indicator_name: string;
  indicator_unit: string;
  numerator: string;
  denominator: string | null;
  document_title: string;
  document_symbol: string | null;
  document_issued_on: string | null;
  owner_name: string;
};

/** Target rows of some units, some targets or one document; with `openOn`, only those not closed by that day. */
export async function targetRowsWhere(
  db: Kysely<DB>,
  where: { unitIds?: number[]; targetIds?: number[]; documentId?: number; openOn?: string },
): Promise<TargetRow[]> {
  let query = db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.code', 't.indicator_code')
    .innerJoin('plan_document as d', 'd.id', 't.document_id')
    .innerJoin('org_unit as o', 'o.id', 't.unit_id')
    .selectAll('t')
    .select([
      'i.name as indicator_name',
      'i.unit as indicator_unit',
      'i.numerator',
      'i.denominator',
      'd.title as document_title',
      'd.symbol as document_symbol',
      'd.issued_on as document_issued_on',
      'o.name as owner_name',
    ]);
  // Ids as one array parameter: a children table's 460 allocations as an IN list cost more to parse and plan than to read.
  if (where.unitIds) query = query.where(sql<boolean>`t.unit_id = ANY(${idsLiteral(where.unitIds)}::bigint[])`);
  if (where.targetIds) query = query.where(sql<boolean>`t.id = ANY(${idsLiteral(where.targetIds)}::bigint[])`);
  if (where.documentId) query = query.where('t.document_id', '=', where.documentId);
  const openOn = where.openOn;
  if (openOn) query = query.where((eb) => eb.or([eb('t.closed_on', 'is', null), eb('t.closed_on', '>', openOn)]));
  return (await query.orderBy('t.id').execute()) as unknown as TargetRow[];
}

/** The data elements and the reusable (denominator-free) indicators: the engine's catalogue. */
export async function catalogueRows(db: Kysely<DB>) {
  const [elements, indicators] = await Promise.all([
    db.selectFrom('data_element').select(['code', 'source', 'definition']).execute(),
    db.selectFrom('indicator').select(['code', 'unit', 'numerator', 'denominator']).where('denominator', 'is', null).execute(),
  ]);
  return { elements, indicators };
}

/**
 * The children of a unit on a day (in id order: the children table ranks them, ties by name), with the first day each child (and the unit)
 * stood in the tree: no history is read before it (a 2045 target issued in 2021 asks six dates
 * per child, most before the 2025 tree existed).
 */
export async function childrenOn(db: Kysely<DB>, unitId: number, day: string) {
  const { rows } = await sql<{ id: number; name: string; kind: string; placed_from: string; parent_from: string }>`
    SELECT u.id, u.name, u.kind, (SELECT min(q.valid_from) FROM org_placement q WHERE q.unit_id = u.id) AS placed_from,
      (SELECT min(q.valid_from) FROM org_placement q WHERE q.unit_id = ${unitId}) AS parent_from
    FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
    WHERE p.parent_id = ${unitId} AND p.valid_from <= ${day}::date AND (p.valid_to IS NULL OR p.valid_to > ${day}::date)
    ORDER BY u.id`.execute(db);
  return rows;
}

/**
 * The open targets of a unit and of its children on `day` (same indicator) whose parent links
 * climb to `targetId`: the allocations below it, read upwards so the cost is the children's,
 * never the whole allocation tree's. The children are found here, so that the children table
 * reads them and their allocations at the same time.
 */
export async function allocationsBelow(
  db: Kysely<DB>,
  targetId: number,
  indicatorCode: string,
  unitId: number,
  day: string,
  openOn: string,
) {
  const { rows } = await sql<{ id: number; unit_id: number; parent_target_id: number }>`
    WITH RECURSIVE units AS (
      SELECT ${unitId}::bigint AS unit_id
      UNION SELECT p.unit_id FROM org_placement p
      WHERE p.parent_id = ${unitId} AND p.valid_from <= ${day}::date AND (p.valid_to IS NULL OR p.valid_to > ${day}::date)
    ),
    up AS (
      SELECT c.id AS leaf, c.parent_target_id AS cur, 0 AS depth FROM target c
      WHERE c.unit_id IN (SELECT unit_id FROM units) AND c.parent_target_id IS NOT NULL AND c.indicator_code = ${indicatorCode}
        AND (c.closed_on IS NULL OR c.closed_on > ${openOn}::date)
      UNION ALL
      SELECT up.leaf, p.parent_target_id, up.depth + 1 FROM up JOIN target p ON p.id = up.cur
      WHERE up.cur <> ${targetId} AND p.parent_target_id IS NOT NULL AND up.depth < 12
        AND (p.closed_on IS NULL OR p.closed_on > ${openOn}::date)
    )
    SELECT c.id, c.unit_id, c.parent_target_id FROM up JOIN target c ON c.id = up.leaf WHERE up.cur = ${targetId}`.execute(db);
  return rows.map((r) => ({ id: Number(r.id), unitId: Number(r.unit_id), parentId: Number(r.parent_target_id) }));
}

/**
 * A unit and its ancestors on today's tree, root first (the unit alone when it is not placed), and
 * the first day the unit stood in the tree (null when it never did).
 */
export async function ancestorsOf(db: Kysely<DB>, unitId: number): Promise<{ ids: number[]; placedFrom: string | null }> {
  const { rows } = await sql<{ path: string | null; placed_from: string | null }>`
    SELECT (SELECT path::text FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL) AS path,
      (SELECT min(valid_from) FROM org_placement WHERE unit_id = ${unitId}) AS placed_from`.execute(db);
  const row = rows[0];
  return { ids: (row?.path ?? String(unitId)).split('.').map(Number), placedFrom: row?.placed_from ? String(row.placed_from) : null };
}

/** The first day each unit stood in the tree (its earliest placement), by unit id; a unit never placed is left out. */
export async function placedFromOf(db: Kysely<DB>, unitIds: number[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ unit_id: number; placed_from: string }>`
    SELECT unit_id, min(valid_from) AS placed_from FROM org_placement
    WHERE unit_id = ANY(${idsLiteral(unitIds)}::bigint[]) GROUP BY unit_id`.execute(db);
  return new Map(rows.map((r) => [Number(r.unit_id), String(r.placed_from)]));
}

/** A document's issuer and term, for a target set on it. */
export async function documentTerms(db: Kysely<DB>, documentId: number) {
  return db
    .selectFrom('plan_document')
    .select(['id', 'term_from', 'term_to', 'issuer_unit_id'])
    .where('id', '=', documentId)
    .executeTakeFirst();
}

export async function indicatorExists(db: Kysely<DB>, code: string): Promise<boolean> {
  return (await db.selectFrom('indicator').select(['code']).where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertTarget(db: Kysely<DB>, values: Insertable<TargetTable>): Promise<number> {
  const row = await db.insertInto('target').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}
