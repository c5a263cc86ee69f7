import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface Counters {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface RejectionRecord {
  rowNumber: number;
  column: string | null;
  reason: string;
  raw: (string | null)[];
}

export async function createJob(
  db: Kysely<DB>,
  job: { registry: string; fileName: string; sha256: string; scopeUnitId: number; dryRun: boolean; createdBy: number | null; headerTitles: (string | null)[] },
): Promise<number> {
  const row = await db
    .insertInto('import_job')
    .values({
      registry: job.registry, file_name: job.fileName, file_sha256: job.sha256, scope_unit_id: job.scopeUnitId, dry_run: job.dryRun,
      status: 'running', created_by: job.createdBy, header_titles: JSON.stringify(job.headerTitles),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Adds a batch's counts to the job; called inside the batch's transaction, so they commit together. */
export async function addToJob(db: Kysely<DB>, jobId: number, delta: Counters): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      rows_read: sql`rows_read + ${delta.rowsRead}`,
      inserted: sql`inserted + ${delta.inserted}`,
      updated: sql`updated + ${delta.updated}`,
      unchanged: sql`unchanged + ${delta.unchanged}`,
      rejected: sql`rejected + ${delta.rejected}`,
    })
    .where('id', '=', jobId)
    .execute();
}

export async function insertRejections(db: Kysely<DB>, jobId: number, rejections: RejectionRecord[]): Promise<void> {
  for (let i = 0; i < rejections.length; i += 1000) {
    await db
      .insertInto('import_rejection')
      .values(rejections.slice(i, i + 1000).map((r) => ({ job_id: jobId, row_number: r.rowNumber, column_name: r.column, reason: r.reason, raw: JSON.stringify(r.raw) })))
      .execute();
  }
}

export async function finishJob(db: Kysely<DB>, jobId: number, status: 'done' | 'failed', message: string | null, totals?: Counters): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      status, message, finished_at: sql`now()`,
      ...(totals && { rows_read: totals.rowsRead, inserted: totals.inserted, updated: totals.updated, unchanged: totals.unchanged, rejected: totals.rejected }),
    })
    .where('id', '=', jobId)
    .execute();
}

export async function findJob(db: Kysely<DB>, jobId: number) {
  return db.selectFrom('import_job').selectAll().where('id', '=', jobId).executeTakeFirst();
}

export async function listRejections(db: Kysely<DB>, jobId: number, limit: number | null) {
  let query = db.selectFrom('import_rejection').select(['row_number', 'column_name', 'reason', 'raw']).where('job_id', '=', jobId).orderBy('row_number');
  if (limit !== null) query = query.limit(limit);
  return query.execute();
}
