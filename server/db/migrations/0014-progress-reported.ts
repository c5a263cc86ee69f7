import { sql, type Kysely } from 'kysely';
import { AGGREGATE_TRIGGERS, REBUILD_REPORTED_SQL } from '../../progress/aggregates.sql.ts';
import { createAggregateFunctions, createAggregateTrigger } from './0009-progress-aggregates.ts';

/**
 * Progress aggregates, fourth step: reported figures. A nation's card of a reported indicator
 * summed every CĐCS's report of the period (millions of rows at national scale); it now reads
 * the sums kept per (unit on the current path, period, element, state) with the number of
 * units that reported. Triggers on reported_value keep them in the transaction that submits,
 * accepts or returns a report; the placement triggers (replaced here) move them with the tree.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE progress_reported (
      unit_id bigint NOT NULL,
      period_code text NOT NULL,
      element_code text NOT NULL,
      state text NOT NULL,
      total numeric NOT NULL,
      units integer NOT NULL,
      PRIMARY KEY (unit_id, period_code, element_code, state)
    )`.execute(db);
  await createAggregateFunctions(db, { reported: true });
  for (const t of AGGREGATE_TRIGGERS.filter((x) => x.table === 'reported_value')) await createAggregateTrigger(db, t);
  for (const statement of REBUILD_REPORTED_SQL) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const triggers = AGGREGATE_TRIGGERS.filter((x) => x.table === 'reported_value');
  for (const t of triggers) await sql.raw(`DROP TRIGGER IF EXISTS ${t.name} ON ${t.table}`).execute(db);
  for (const t of triggers) await sql.raw(`DROP FUNCTION IF EXISTS ${t.fn}()`).execute(db);
  // The placement functions again without the reported sums, before their table goes.
  await createAggregateFunctions(db, { reported: false });
  await sql`DROP TABLE IF EXISTS progress_reported`.execute(db);
}
