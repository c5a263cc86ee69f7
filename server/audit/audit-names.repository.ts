import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

// The look-ups behind audit-names.ts: one query per kind of record for a whole page of audit
// rows, none when the page names no record of that kind.

export type NamedTable = 'app_user' | 'api_token' | 'member' | 'employer' | 'task' | 'import_job' | 'report_template';

/** `nameSql` is one of audit-names.ts' constant expressions, never input. */
export async function namesById(db: Kysely<DB>, table: NamedTable, ids: number[], nameSql: string): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{
    id: number;
    name: string;
  }>`SELECT id, ${sql.raw(nameSql)} AS name FROM ${sql.table(table)} WHERE id = ANY(${ids}::bigint[])`.execute(db);
  return new Map(rows.map((x) => [Number(x.id), x.name]));
}

export async function unitNamesById(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** The names of the records of `table` with these codes: units, data elements, indicators. */
export async function namesByCode(db: Kysely<DB>, table: 'org_unit' | 'data_element' | 'indicator', codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom(table).select(['code', 'name']).where('code', 'in', codes).execute();
}

export async function currentTemplateNames(db: Kysely<DB>, codes: string[]) {
  if (codes.length === 0) return [];
  return db.selectFrom('report_template').select(['code', 'name']).where('code', 'in', codes).where('is_current', '=', true).execute();
}

export async function reportNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('report as r')
    .innerJoin('report_template as t', 't.id', 'r.template_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.period_code', 't.name as template', 'u.name as unit'])
    .where('r.id', 'in', ids)
    .execute();
}

export async function documentNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('plan_document').select(['id', 'symbol', 'title']).where('id', 'in', ids).execute();
}

export async function targetNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('target as t')
    .innerJoin('org_unit as u', 'u.id', 't.unit_id')
    .select(['t.id', 't.subject', 'u.name as unit'])
    .where('t.id', 'in', ids)
    .execute();
}

export async function agreementNames(db: Kysely<DB>, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('agreement as a')
    .innerJoin('org_unit as u', 'u.id', 'a.cdcs_unit_id')
    .leftJoin('employer as e', 'e.id', 'a.employer_id')
    .select(['a.id', 'a.number', 'u.name as cdcs', 'e.name as employer'])
    .where('a.id', 'in', ids)
    .execute();
}
