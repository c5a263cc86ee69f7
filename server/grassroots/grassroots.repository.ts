import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import type { Sector } from '../../domain/org/org-unit.ts';
import type { DB, GrassrootsProfileTable } from '../db/schema.ts';
import type { KeysetCursor } from '../http/keyset-cursor.ts';
import { boundedCount } from '../http/list-total.ts';

export interface GrassrootsRow {
  id: number;
  code: string;
  name: string;
  sector: string | null;
  parent_id: number;
  parent_code: string;
  parent_name: string;
  employer_id: number | null;
  tax_code: string | null;
  employer_name: string | null;
  workers: number | null;
  founding_decision: string | null;
  founded_on: string | null;
  chair_name: string | null;
  chair_phone: string | null;
  status: string | null;
  dissolved_on: string | null;
  members: number;
  sort_key: string;
}

function query(db: Kysely<DB>) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'u.id').on('p.valid_to', 'is', null))
    .innerJoin('org_unit as par', 'par.id', 'p.parent_id')
    .leftJoin('grassroots_profile as g', 'g.unit_id', 'u.id')
    .leftJoin('employer as e', 'e.id', 'g.employer_id')
    .where('u.kind', '=', 'grassroots')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.sector',
      'p.parent_id',
      'par.code as parent_code',
      'par.name as parent_name',
      'g.employer_id',
      'e.tax_code',
      'e.name as employer_name',
      'e.workers',
      'g.founding_decision',
      'g.founded_on',
      'g.chair_name',
      'g.chair_phone',
      'g.status',
      'g.dissolved_on',
      sql<number>`(SELECT count(*) FROM member m WHERE m.current_unit_id = u.id AND m.status = 'active')`.as('members'),
    ]);
}

export type GrassrootsSort = 'name' | 'founded';

/**
 * The orders of the list, each a b-tree of migration 0011: by unaccented name, or by founding
 * date, newest first (a CĐCS whose date is unknown sorts last, as 0001-01-01).
 */
const ORDERS = {
  name: {
    key: sql<string>`search_normalize(u.name)`,
    direction: 'asc',
    keyIsValid: (_k: string) => true,
    after: (k: string, id: number) => sql<boolean>`(search_normalize(u.name), u.id) > (${k}, ${id})`,
  },
  founded: {
    key: sql<string>`coalesce(g.founded_on, DATE '0001-01-01')`,
    direction: 'desc',
    keyIsValid: (k: string) => /^\d{4}-\d{2}-\d{2}$/.test(k),
    after: (k: string, id: number) => sql<boolean>`(coalesce(g.founded_on, DATE '0001-01-01'), u.id) < (${k}::date, ${id})`,
  },
} as const;

/** Can `key` come from a page of this order (a forged cursor cannot reach the SQL)? */
export function sortKeyIsValid(sort: GrassrootsSort, key: string): boolean {
  return ORDERS[sort].keyIsValid(key);
}

export interface GrassrootsFilter {
  /** Placement path of the subtree listed. */
  under: string;
  q?: string;
  sector?: Sector;
  status?: 'active' | 'dissolved';
}

function filtered(db: Kysely<DB>, f: GrassrootsFilter) {
  let rows = query(db).where(sql<boolean>`p.path <@ ${f.under}::ltree`);
  for (const w of (f.q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
    rows = rows.where(sql<boolean>`search_normalize(u.name) LIKE search_normalize(${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
  }
  if (f.sector) rows = rows.where('u.sector', '=', f.sector);
  if (f.status === 'dissolved') rows = rows.where('g.status', '=', 'dissolved');
  if (f.status === 'active') rows = rows.where((eb) => eb.or([eb('g.status', 'is', null), eb('g.status', '=', 'active')]));
  return rows;
}

/** One page of the filtered list in the chosen order (keyset on the sort key and id). */
export async function listGrassroots(
  db: Kysely<DB>,
  f: GrassrootsFilter,
  sort: GrassrootsSort,
  after: KeysetCursor | null,
  limit: number,
): Promise<GrassrootsRow[]> {
  const order = ORDERS[sort];
  let rows = filtered(db, f).select(order.key.as('sort_key'));
  if (after) rows = rows.where(order.after(after.key, after.id));
  return (await rows.orderBy(order.key, order.direction).orderBy('u.id', order.direction).limit(limit).execute()) as GrassrootsRow[];
}

export function countGrassroots(db: Kysely<DB>, f: GrassrootsFilter): Promise<number | null> {
  return boundedCount(db, (trx) => filtered(trx, f));
}

export async function findGrassroots(db: Kysely<DB>, id: number): Promise<GrassrootsRow | undefined> {
  return (await query(db).where('u.id', '=', id).executeTakeFirst()) as GrassrootsRow | undefined;
}

export type ProfileValues = Omit<Updateable<GrassrootsProfileTable>, 'unit_id'>;

/** A CĐCS created by the tree has no profile row until its first edit. */
export async function upsertGrassrootsProfile(trx: Transaction<DB>, unitId: number, values: ProfileValues): Promise<void> {
  await trx
    .insertInto('grassroots_profile')
    .values({ unit_id: unitId, ...values })
    .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
    .execute();
}
