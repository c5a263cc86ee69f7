import { sql, type Kysely, type Selectable } from 'kysely';
import type { Sector, UnitKind } from '../../domain/org/org-unit.ts';
import type { DB, OrgPlacementTable, OrgUnitTable } from '../db/schema.ts';

/** A unit as placed in the tree on a given date. */
export type PlacedUnitRow = Omit<Selectable<OrgUnitTable>, 'created_at' | 'updated_at'> &
  Pick<OrgPlacementTable, 'parent_id' | 'path' | 'depth'> & { child_count: number };

/** Placement rows valid on `asOf`: the tree exactly as it stood that day. */
const validOn = (asOf: string) => sql<boolean>`p.valid_from <= ${asOf}::date AND (p.valid_to IS NULL OR p.valid_to > ${asOf}::date)`;

function placedUnits(db: Kysely<DB>, asOf: string) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_placement as p', 'p.unit_id', 'u.id')
    .where(validOn(asOf))
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.short_name',
      'u.kind',
      'u.sector',
      'u.symbol',
      'u.place',
      'u.address',
      'u.phone',
      'u.email',
      'u.valid_from',
      'u.valid_to',
      'p.parent_id',
      sql<string>`p.path::text`.as('path'),
      'p.depth',
      sql<number>`(SELECT count(*) FROM org_placement c
                   WHERE c.parent_id = u.id
                     AND c.valid_from <= ${asOf}::date AND (c.valid_to IS NULL OR c.valid_to > ${asOf}::date))`.as('child_count'),
    ]);
}

// Units are listed in Vietnamese reading order ignoring accents first, so "Ấp Bắc" sorts with
// the A's on PGlite (C collation) and on a server with any collation alike.
const readingOrder = sql`search_normalize(u.name), u.name, u.id`;

export async function findUnit(db: Kysely<DB>, id: number, asOf: string): Promise<PlacedUnitRow | undefined> {
  return placedUnits(db, asOf).where('u.id', '=', id).executeTakeFirst() as Promise<PlacedUnitRow | undefined>;
}

export async function findUnitByCode(db: Kysely<DB>, code: string, asOf: string): Promise<PlacedUnitRow | undefined> {
  return placedUnits(db, asOf).where('u.code', '=', code).executeTakeFirst() as Promise<PlacedUnitRow | undefined>;
}

export async function findUnits(db: Kysely<DB>, ids: number[], asOf: string): Promise<PlacedUnitRow[]> {
  if (ids.length === 0) return [];
  return placedUnits(db, asOf).where('u.id', 'in', ids).execute() as Promise<PlacedUnitRow[]>;
}

export async function listRoots(db: Kysely<DB>, asOf: string): Promise<PlacedUnitRow[]> {
  return placedUnits(db, asOf).where('p.parent_id', 'is', null).orderBy(readingOrder).execute() as Promise<PlacedUnitRow[]>;
}

export async function listChildren(db: Kysely<DB>, parentId: number, asOf: string): Promise<PlacedUnitRow[]> {
  return placedUnits(db, asOf).where('p.parent_id', '=', parentId).orderBy(readingOrder).execute() as Promise<PlacedUnitRow[]>;
}

/** Ancestors from the root down to (excluding) the unit, following its path on that date. */
export async function listAncestors(db: Kysely<DB>, unit: PlacedUnitRow, asOf: string): Promise<PlacedUnitRow[]> {
  const rows = await findUnits(db, unit.path.split('.').map(Number).slice(0, -1), asOf);
  return rows.sort((a, b) => a.depth - b.depth);
}

export interface SearchOptions {
  words: string[];
  asOf: string;
  /** Limit to this subtree (ltree path of its root), e.g. the caller's unit. */
  underPath: string | null;
  limit: number;
}

/**
 * Accent-insensitive search: every word must appear in the unaccented name (or the code).
 * Each `%word%` predicate is served by the trigram index on search_normalize(name).
 */
export async function searchUnits(db: Kysely<DB>, options: SearchOptions): Promise<PlacedUnitRow[]> {
  let query = placedUnits(db, options.asOf);
  for (const word of options.words) {
    const pattern = `%${escapeLike(word)}%`;
    query = query.where((eb) =>
      eb.or([sql<boolean>`search_normalize(u.name) LIKE search_normalize(${pattern})`, sql<boolean>`lower(u.code) LIKE lower(${pattern})`]),
    );
  }
  if (options.underPath) query = query.where(sql<boolean>`p.path <@ ${options.underPath}::ltree`);
  return query
    .orderBy(sql`p.depth`)
    .orderBy(readingOrder)
    .limit(options.limit)
    .execute() as Promise<PlacedUnitRow[]>;
}

export async function countSubtreeByKind(db: Kysely<DB>, path: string, asOf: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('org_placement as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .where(validOn(asOf))
    .where(sql<boolean>`p.path <@ ${path}::ltree`)
    .where(sql<boolean>`p.path <> ${path}::ltree`)
    .select(['u.kind', sql<number>`count(*)`.as('n')])
    .groupBy('u.kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface NewUnit {
  code: string;
  name: string;
  shortName?: string | null;
  kind: UnitKind;
  sector?: Sector | null;
  symbol?: string | null;
  place?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  validFrom: string;
  parentId: number | null;
}

/**
 * Inserts units with their placement in as few statements as the parameter limit allows.
 * Parents must already exist (insert level by level); their path is read on `validFrom`.
 */
export async function insertUnits(db: Kysely<DB>, units: NewUnit[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const BATCH = 1000; // 11 columns × 1000 stays far below PGlite's 32,767 bind parameters
  for (let i = 0; i < units.length; i += BATCH) {
    const batch = units.slice(i, i + BATCH);
    const inserted = await db
      .insertInto('org_unit')
      .values(
        batch.map((u) => ({
          code: u.code,
          name: u.name.normalize('NFC'),
          short_name: u.shortName ?? null,
          kind: u.kind,
          sector: u.sector ?? null,
          symbol: u.symbol ?? null,
          place: u.place ?? null,
          address: u.address ?? null,
          phone: u.phone ?? null,
          email: u.email ?? null,
          valid_from: u.validFrom,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const row of inserted) ids.set(row.code, Number(row.id));

    const parentIds = [...new Set(batch.map((u) => u.parentId).filter((p): p is number => p !== null))];
    const parentPaths = new Map<number, { path: string; depth: number }>();
    if (parentIds.length > 0) {
      const rows = await db
        .selectFrom('org_placement')
        .where('unit_id', 'in', parentIds)
        .where('valid_to', 'is', null)
        .select(['unit_id', sql<string>`path::text`.as('path'), 'depth'])
        .execute();
      for (const r of rows) parentPaths.set(Number(r.unit_id), { path: r.path, depth: r.depth });
    }
    await db
      .insertInto('org_placement')
      .values(
        batch.map((u) => {
          const id = ids.get(u.code)!;
          const parent = u.parentId === null ? null : parentPaths.get(u.parentId);
          if (u.parentId !== null && !parent) throw new Error(`parent ${u.parentId} of ${u.code} has no current placement`);
          return {
            unit_id: id,
            parent_id: u.parentId,
            path: parent ? `${parent.path}.${id}` : String(id),
            depth: parent ? parent.depth + 1 : 0,
            valid_from: u.validFrom,
          };
        }),
      )
      .execute();
  }
  return ids;
}

export async function countUnits(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('org_unit')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
