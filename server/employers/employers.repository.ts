import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { DB, EmployerTable } from '../db/schema.ts';
import { boundedCount } from '../http/list-total.ts';

export interface EmployerRow {
  id: number;
  tax_code: string;
  name: string;
  sector: string;
  industry: string | null;
  address: string | null;
  province_name: string | null;
  commune_name: string | null;
  area_unit_id: number;
  area_code: string;
  area_name: string;
  cdcs_unit_id: number | null;
  cdcs_code: string | null;
  cdcs_name: string | null;
  workers: number | null;
  women_workers: number | null;
  workers_counted_on: string | null;
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('employer as e')
    .innerJoin('org_unit as a', 'a.id', 'e.area_unit_id')
    .leftJoin('org_unit as c', 'c.id', 'e.cdcs_unit_id')
    .select([
      'e.id',
      'e.tax_code',
      'e.name',
      'e.sector',
      'e.industry',
      'e.address',
      'e.province_name',
      'e.commune_name',
      'e.area_unit_id',
      'a.code as area_code',
      'a.name as area_name',
      'e.cdcs_unit_id',
      'c.code as cdcs_code',
      'c.name as cdcs_name',
      'e.workers',
      'e.women_workers',
      'e.workers_counted_on',
    ]);
}

/** An employer belongs to the subtree of its area union, or of the CĐCS that represents it. */
const inSubtree = (path: string) => sql<boolean>`(
  EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = e.area_unit_id AND p.valid_to IS NULL AND p.path <@ ${path}::ltree)
  OR EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = e.cdcs_unit_id AND p.valid_to IS NULL AND p.path <@ ${path}::ltree))`;

export type EmployerSort = 'name' | 'workers';

/**
 * The two orders an officer pages through, each matching a b-tree of migration 0011 so a page
 * reads one index range: by unaccented name, or by workers (largest first, unknown counts last,
 * as -1). `sort_key` is what the next page's cursor carries.
 */
const EMPLOYER_ORDERS = {
  name: {
    key: sql<string>`search_normalize(e.name)`,
    after: (k: string, id: number) => sql<boolean>`(search_normalize(e.name), e.id) > (${k}, ${id})`,
    direction: 'asc',
  },
  workers: {
    key: sql<string>`coalesce(e.workers, -1)::text`,
    after: (k: string, id: number) => sql<boolean>`(coalesce(e.workers, -1), e.id) < (${Number(k)}::int, ${id})`,
    direction: 'desc',
  },
} as const;

export interface EmployerFilter {
  underPath: string;
  words: string[];
  taxPrefix: string | null;
  sector: string | null;
  hasCdcs: boolean | null;
  minWorkers: number | null;
}

/** How many employers the list's filter matches (null past the time limit). */
export function countEmployers(db: Kysely<DB>, q: EmployerFilter): Promise<number | null> {
  return boundedCount(db, (trx) => filtered(trx, q));
}

function filtered(db: Kysely<DB>, q: EmployerFilter) {
  let query = base(db).where(inSubtree(q.underPath));
  for (const w of q.words)
    query = query.where(sql<boolean>`search_normalize(e.name) LIKE search_normalize(${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  if (q.taxPrefix) query = query.where('e.tax_code', 'like', `${q.taxPrefix}%`);
  if (q.sector) query = query.where('e.sector', '=', q.sector as EmployerTable['sector']);
  if (q.hasCdcs !== null) query = query.where('e.cdcs_unit_id', q.hasCdcs ? 'is not' : 'is', null);
  if (q.minWorkers !== null) query = query.where('e.workers', '>=', q.minWorkers);
  return query;
}

export async function listEmployers(
  db: Kysely<DB>,
  q: EmployerFilter & { sort: EmployerSort; after: { key: string; id: number } | null; limit: number },
): Promise<(EmployerRow & { sort_key: string })[]> {
  const order = EMPLOYER_ORDERS[q.sort];
  let query = filtered(db, q).select(order.key.as('sort_key'));
  if (q.after) query = query.where(order.after(q.after.key, q.after.id));
  const sortExpression = q.sort === 'workers' ? sql`coalesce(e.workers, -1)` : sql`search_normalize(e.name)`;
  return (await query
    .orderBy(sortExpression, order.direction)
    .orderBy('e.id', order.direction)
    .limit(q.limit)
    .execute()) as (EmployerRow & { sort_key: string })[];
}

export async function findEmployer(db: Kysely<DB>, id: number): Promise<EmployerRow | undefined> {
  return base(db).where('e.id', '=', id).executeTakeFirst() as Promise<EmployerRow | undefined>;
}

export async function findEmployerByTaxCode(db: Kysely<DB>, taxCode: string) {
  return db.selectFrom('employer').select(['id']).where('tax_code', '=', taxCode).executeTakeFirst();
}

/** The unit that decides who may see an employer: its CĐCS if it has one, else its area union. */
export async function unitOfEmployer(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('employer').select(['area_unit_id', 'cdcs_unit_id']).where('id', '=', id).executeTakeFirst();
  return row ? Number(row.cdcs_unit_id ?? row.area_unit_id) : null;
}

export async function insertEmployer(db: Kysely<DB>, values: Insertable<EmployerTable>): Promise<number> {
  const row = await db.insertInto('employer').values(values).returning('id').executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateEmployer(db: Kysely<DB>, id: number, values: Updateable<EmployerTable>): Promise<void> {
  await db.updateTable('employer').set(values).where('id', '=', id).execute();
}
