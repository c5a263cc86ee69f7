import { sql, type Kysely } from 'kysely';
import { REBUILD_SQL } from '../../progress/aggregates.sql.ts';
import { createAggregateFunctions } from './0009-progress-aggregates.ts';

/**
 * Progress aggregates, second step: month and decade grains beside day and year, so that a value
 * on any day reads at most 4 + 9 + 11 + 31 rows per unit and sector (a province's children table
 * at national scale read ~400 rows per child with days and years only). Replaces the trigger
 * functions with ones that write the four grains, and rebuilds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE progress_rollup DROP CONSTRAINT IF EXISTS progress_rollup_grain_check`.execute(db);
  await sql`ALTER TABLE progress_rollup ADD CONSTRAINT progress_rollup_grain_check CHECK (grain IN ('d', 'm', 'y', 'x'))`.execute(db);
  await createAggregateFunctions(db, { reported: false });
  for (const statement of REBUILD_SQL) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  // The first step's functions write a subset of these grains; nothing to undo.
}
