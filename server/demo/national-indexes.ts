import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Secondary indexes and constraints of the bulk-loaded tables, read from the catalogue (so an
 * index a later migration adds is handled too), dropped before the load and recreated after:
 * building an index once over sorted data is far cheaper than maintaining it row by row, and a
 * foreign key validated in one join is cheaper than a trigger per row. Primary keys stay (the
 * ids arrive in order, so their btrees only grow at the right edge).
 */
export interface DeferredObject {
  table: string;
  name: string;
  kind: 'index' | 'unique' | 'exclusion' | 'foreign_key';
  /** The statement that recreates it. */
  create: string;
  drop: string;
}

const KINDS: Record<string, DeferredObject['kind']> = { u: 'unique', x: 'exclusion', f: 'foreign_key' };

export async function deferredObjects(db: Kysely<DB>, tables: readonly string[]): Promise<DeferredObject[]> {
  const constraints = await sql<{ table: string; name: string; contype: string; def: string }>`
    SELECT c.conrelid::regclass::text AS table, c.conname AS name, c.contype, pg_get_constraintdef(c.oid) AS def
    FROM pg_constraint c
    WHERE c.conrelid = ANY(${tables}::regclass[]) AND c.contype IN ('u', 'x', 'f')
    ORDER BY c.conrelid::regclass::text, c.conname`.execute(db);
  const indexes = await sql<{ table: string; name: string; def: string }>`
    SELECT i.indrelid::regclass::text AS table, i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i
    WHERE i.indrelid = ANY(${tables}::regclass[]) AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('p', 'u', 'x'))
    ORDER BY 1, 2`.execute(db);
  return [
    ...indexes.rows.map((r) => ({ table: r.table, name: r.name, kind: 'index' as const, create: r.def, drop: `DROP INDEX ${r.name}` })),
    ...constraints.rows.map((r) => ({
      table: r.table,
      name: r.name,
      kind: KINDS[r.contype]!,
      create: `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.name} ${r.def}`,
      drop: `ALTER TABLE ${r.table} DROP CONSTRAINT ${r.name}`,
    })),
  ];
}

/** Foreign keys first (they depend on the unique indexes), then the rest. */
export async function dropDeferred(db: Kysely<DB>, objects: DeferredObject[]): Promise<void> {
  const order = [...objects].sort((a, b) => Number(b.kind === 'foreign_key') - Number(a.kind === 'foreign_key'));
  for (const o of order) await sql.raw(o.drop).execute(db);
}

/** Recreation order: indexes and unique/exclusion constraints first, foreign keys last (they need the referenced keys). */
export function recreationWaves(objects: DeferredObject[]): DeferredObject[][] {
  return [objects.filter((o) => o.kind !== 'foreign_key'), objects.filter((o) => o.kind === 'foreign_key')];
}
