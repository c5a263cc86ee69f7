import type { Insertable, Kysely } from 'kysely';
import type { DB, TargetTable } from '../db/schema.ts';

export function unitsByCodes(db: Kysely<DB>, codes: string[]) {
  return db.selectFrom('org_unit').where('code', 'in', codes).select(['id', 'code', 'name']).execute();
}

/** The units' targets not yet closed, with what their indicator counts in and divides by. */
export function openTargetsOf(db: Kysely<DB>, unitIds: number[]) {
  return db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.code', 't.indicator_code')
    .where('t.unit_id', 'in', unitIds)
    .where('t.closed_on', 'is', null)
    .selectAll('t')
    .select(['i.unit as indicator_unit', 'i.denominator'])
    .orderBy('t.id')
    .execute();
}

export async function insertCarriedTarget(db: Kysely<DB>, values: Insertable<TargetTable>): Promise<number> {
  const inserted = await db.insertInto('target').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(inserted.id);
}

export async function closeTarget(db: Kysely<DB>, id: number, on: string, reason: string, succeededById: number | null): Promise<void> {
  await db
    .updateTable('target')
    .set({ closed_on: on, closed_reason: reason, succeeded_by_id: succeededById })
    .where('id', '=', id)
    .execute();
}
