import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

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
