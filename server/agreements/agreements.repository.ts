import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { AgreementTable, DB } from '../db/schema.ts';

export interface AgreementRow {
  id: number;
  number: string | null;
  kind: string;
  cdcs_unit_id: number;
  cdcs_code: string;
  cdcs_name: string;
  employer_id: number | null;
  tax_code: string | null;
  employer_name: string | null;
  signed_on: string;
  effective_from: string;
  expires_on: string;
  ended_on: string | null;
  quality_class: string | null;
  better_than_law: boolean;
  renews_id: number | null;
  file_id: number | null;
  file_name: string | null;
  file_size: number | null;
}

export function agreementsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('org_unit as c', 'c.id', 'a.cdcs_unit_id')
    .leftJoin('employer as e', 'e.id', 'a.employer_id')
    .leftJoin('stored_file as f', 'f.id', 'a.file_id')
    .select([
      'a.id',
      'a.number',
      'a.kind',
      'a.cdcs_unit_id',
      'c.code as cdcs_code',
      'c.name as cdcs_name',
      'a.employer_id',
      'e.tax_code',
      'e.name as employer_name',
      'a.signed_on',
      'a.effective_from',
      'a.expires_on',
      'a.ended_on',
      'a.quality_class',
      'a.better_than_law',
      'a.renews_id',
      'a.file_id',
      'f.file_name',
      'f.size_bytes as file_size',
    ]);
}

export type AgreementSort = 'recent' | 'expiry';

/**
 * The orders of the list, each a b-tree (the primary key; migration 0011 for the last day):
 * most recently entered first, or the soonest last day first (the renewals to prepare).
 */
export const AGREEMENT_ORDERS = {
  recent: {
    key: sql<string>`a.id::text`,
    direction: 'desc',
    keyIsValid: (_k: string) => true,
    expression: sql`a.id`,
    after: (_k: string, id: number) => sql<boolean>`a.id < ${id}`,
  },
  expiry: {
    key: sql<string>`coalesce(a.ended_on, a.expires_on)::text`,
    direction: 'asc',
    keyIsValid: (k: string) => /^\d{4}-\d{2}-\d{2}$/.test(k),
    expression: sql`coalesce(a.ended_on, a.expires_on)`,
    after: (k: string, id: number) => sql<boolean>`(coalesce(a.ended_on, a.expires_on), a.id) > (${k}::date, ${id})`,
  },
} as const;

/** In force on D: effective from ≤ D ≤ its last day (the earlier of expiry and an early end). */
export const inForceOn = (date: string) =>
  sql<boolean>`(a.effective_from <= ${date}::date AND ${date}::date <= coalesce(a.ended_on, a.expires_on))`;

/** Agreements of CĐCS in the subtree of `unitId` as it stood on `date`, counted exactly. */
export async function countAgreementsOn(db: Kysely<DB>, unitId: number, date: string) {
  const result = await sql<{ in_force: number; b_or_better: number; better_than_law: number }>`
    WITH root AS (
      SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)
    )
    SELECT count(*) AS in_force,
           count(*) FILTER (WHERE a.quality_class IN ('A', 'B')) AS b_or_better,
           count(*) FILTER (WHERE a.better_than_law) AS better_than_law
    FROM agreement a
    JOIN org_placement p ON p.unit_id = a.cdcs_unit_id AND p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
    JOIN root ON p.path <@ root.path
    WHERE ${inForceOn(date)}
  `.execute(db);
  const r = result.rows[0]!;
  return { inForce: Number(r.in_force), classBOrBetter: Number(r.b_or_better), betterThanLaw: Number(r.better_than_law) };
}

export async function unitOfAgreement(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('agreement').select('cdcs_unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.cdcs_unit_id) : null;
}

/** The agreements query narrowed to CĐCS placed today inside a subtree (the caller's scope or a chosen unit's). */
export function agreementsUnder(db: Kysely<DB>, path: string) {
  return agreementsQuery(db)
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'a.cdcs_unit_id').on('p.valid_to', 'is', null))
    .where(sql<boolean>`p.path <@ ${path}::ltree`);
}

export async function employerExists(db: Kysely<DB>, employerId: number): Promise<boolean> {
  return (await db.selectFrom('employer').select(['id']).where('id', '=', employerId).executeTakeFirst()) !== undefined;
}

export async function insertAgreement(db: Kysely<DB>, values: Insertable<AgreementTable>): Promise<number> {
  const row = await db.insertInto('agreement').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A renewed agreement stays in force until the day before its successor (unless it ended earlier). */
export async function endBefore(db: Kysely<DB>, id: number, successorFrom: string): Promise<void> {
  const dayBefore = sql<string>`(${successorFrom}::date - 1)`;
  await db
    .updateTable('agreement')
    .set({ ended_on: sql`CASE WHEN ${dayBefore} < expires_on THEN ${dayBefore} ELSE ended_on END`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function updateAgreement(db: Kysely<DB>, id: number, changes: Updateable<AgreementTable>): Promise<void> {
  await db
    .updateTable('agreement')
    .set({ ...changes, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function agreementFile(db: Kysely<DB>, id: number) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('stored_file as f', 'f.id', 'a.file_id')
    .select(['f.file_name', 'f.mime_type', 'f.content'])
    .where('a.id', '=', id)
    .executeTakeFirst();
}
