/* eslint-disable @typescript-eslint/no-explicit-any -- Kysely<any>: the rebuild runs raw SQL on tables a migration may have just created, before the typed schema describes them. */
import { sql, type Kysely } from 'kysely';
import { AGGREGATE_TRIGGERS, REBUILD_REPORTED_SQL, REBUILD_SQL } from './aggregates.sql.ts';

/**
 * For bulk loaders (the national COPY loader): the aggregates are maintained by triggers on the
 * registries and the tree, which a loader switches off while it streams rows in
 * (`setAggregateTriggers(db, false)`), then `rebuildAggregates(db)` recomputes every aggregate
 * set-based from the raw tables and switches them back on. Both run inside one transaction, so
 * no reader ever sees a half-built table.
 */
export async function rebuildAggregates(
  db: Kysely<any>,
  options: { workMem?: string } = {},
): Promise<{ seconds: number; rollupRows: number; employerRows: number }> {
  const started = performance.now();
  const counts = await db.transaction().execute(async (trx) => {
    // Large hash joins and sorts (11 M memberships at national scale) stay in memory.
    await sql.raw(`SET LOCAL work_mem = '${options.workMem ?? '256MB'}'`).execute(trx);
    for (const statement of [...REBUILD_SQL, ...REBUILD_REPORTED_SQL]) await sql.raw(statement).execute(trx);
    await setAggregateTriggers(trx, true);
    const r = await sql<{ rollup: number; employer: number }>`
      SELECT (SELECT count(*) FROM progress_rollup)::int AS rollup, (SELECT count(*) FROM progress_employer)::int AS employer`.execute(trx);
    return r.rows[0]!;
  });
  await sql`ANALYZE progress_rollup`.execute(db);
  await sql`ANALYZE progress_employer`.execute(db);
  await sql`ANALYZE progress_reported`.execute(db);
  return { seconds: (performance.now() - started) / 1000, rollupRows: Number(counts.rollup), employerRows: Number(counts.employer) };
}

/** Switches the aggregate triggers off (before a bulk load) or on again. */
export async function setAggregateTriggers(db: Kysely<any>, enabled: boolean): Promise<void> {
  for (const t of AGGREGATE_TRIGGERS) {
    await sql.raw(`ALTER TABLE ${t.table} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${t.name}`).execute(db);
  }
}
