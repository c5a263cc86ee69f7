import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface ChildUnit {
  id: number;
  code: string;
  name: string;
  kind: string;
}

/** The unit's direct children on today's tree, by name (the order of the screen and the template). */
export async function childrenOf(db: Kysely<DB>, unitId: number): Promise<ChildUnit[]> {
  const { rows } = await sql<ChildUnit>`
    SELECT u.id, u.code, u.name, u.kind FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
    WHERE p.parent_id = ${unitId} AND p.valid_to IS NULL ORDER BY search_normalize(u.name), u.id`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/** The open targets given to children from this one (parent_target_id), by child unit. */
export async function allocationsOf(db: Kysely<DB>, parentTargetId: number): Promise<Map<number, { id: number; value: number }>> {
  const rows = await db
    .selectFrom('target')
    .select(['id', 'unit_id', 'value'])
    .where('parent_target_id', '=', parentTargetId)
    .where('closed_on', 'is', null)
    .execute();
  return new Map(rows.map((r) => [Number(r.unit_id), { id: Number(r.id), value: Number(r.value) }]));
}

export interface AllocatedTarget {
  documentId: number;
  unitId: number;
  parentTargetId: number;
  indicatorCode: string;
  comparator: '>' | '>=' | '=' | '<=' | '<';
  value: number;
  timing: 'deadline' | 'annual';
  deadline: string | null;
  annualFrom: number | null;
  annualTo: number | null;
  sectors: string[] | null;
  minWorkers: number | null;
  subject: string;
  quote: string | null;
  originNote: string;
}

export async function insertAllocatedTarget(trx: Transaction<DB>, t: AllocatedTarget): Promise<number> {
  const row = await trx
    .insertInto('target')
    .values({
      document_id: t.documentId,
      unit_id: t.unitId,
      parent_target_id: t.parentTargetId,
      indicator_code: t.indicatorCode,
      comparator: t.comparator,
      value: t.value,
      timing: t.timing,
      deadline: t.deadline,
      annual_from: t.annualFrom,
      annual_to: t.annualTo,
      sectors: t.sectors,
      min_workers: t.minWorkers,
      subject: t.subject,
      quote: t.quote,
      origin_note: t.originNote,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}
