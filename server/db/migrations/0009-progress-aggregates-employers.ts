import { sql, type Kysely } from 'kysely';
import { REBUILD_EMPLOYERS_SQL } from '../../progress/aggregates.sql.ts';
import { createAggregateFunctions } from './0009-progress-aggregates.ts';

/**
 * Progress aggregates, third step: employers are summed into their own CĐCS or area union too,
 * not only its ancestors, so a read never goes back to the employer registry (a province's
 * children table read ~60,000 employer rows by area at national scale). New trigger functions,
 * and the employer sums rebuilt (seconds: one row per employer and path level).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createAggregateFunctions(db, { reported: false });
  for (const statement of REBUILD_EMPLOYERS_SQL) await sql.raw(statement).execute(db);
}

export async function down(): Promise<void> {
  // The earlier functions count a subset of these rows; nothing to undo.
}
