import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface Counters {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Rejected rows counted in `rejected` whose reasons were not stored (the stored ones are capped). */
  rejectionsNotStored: number;
}

export interface RejectionRecord {
  rowNumber: number;
  column: string | null;
  reason: string;
  raw: (string | null)[];
}

export async function createJob(
  db: Kysely<DB>,
  job: {
    registry: string;
    fileName: string;
    sha256: string;
    scopeUnitId: number;
    dryRun: boolean;
    createdBy: number | null;
    headerTitles: (string | null)[];
    /** Field key → column index, for masking rejected rows (absent: nothing is shown to a masked reader). */
    fieldColumns?: Record<string, number>;
    /** The import clock's "now" (tests move it; expiry compares against it). */
    startedAt?: Date;
  },
): Promise<number> {
  const row = await db
    .insertInto('import_job')
    .values({
      registry: job.registry,
      file_name: job.fileName,
      file_sha256: job.sha256,
      scope_unit_id: job.scopeUnitId,
      dry_run: job.dryRun,
      status: 'running',
      created_by: job.createdBy,
      header_titles: JSON.stringify(job.headerTitles),
      field_columns: JSON.stringify(job.fieldColumns ?? {}),
      ...(job.startedAt && { started_at: job.startedAt }),
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
      rejections_not_stored: sql`rejections_not_stored + ${delta.rejectionsNotStored}`,
    })
    .where('id', '=', jobId)
    .execute();
}

export async function insertRejections(db: Kysely<DB>, jobId: number, rejections: RejectionRecord[]): Promise<void> {
  for (let i = 0; i < rejections.length; i += 1000) {
    await db
      .insertInto('import_rejection')
      .values(
        rejections
          .slice(i, i + 1000)
          .map((r) => ({ job_id: jobId, row_number: r.rowNumber, column_name: r.column, reason: r.reason, raw: JSON.stringify(r.raw) })),
      )
      .execute();
  }
}

export async function finishJob(
  db: Kysely<DB>,
  jobId: number,
  status: 'done' | 'failed',
  message: string | null,
  totals?: Counters,
): Promise<void> {
  await db
    .updateTable('import_job')
    .set({
      status,
      message,
      finished_at: sql`now()`,
      ...(totals && {
        rows_read: totals.rowsRead,
        inserted: totals.inserted,
        updated: totals.updated,
        unchanged: totals.unchanged,
        rejected: totals.rejected,
        rejections_not_stored: totals.rejectionsNotStored,
      }),
    })
    .where('id', '=', jobId)
    .execute();
}

export async function findJob(db: Kysely<DB>, jobId: number) {
  return db.selectFrom('import_job').selectAll().where('id', '=', jobId).executeTakeFirst();
}

export async function listRejections(db: Kysely<DB>, jobId: number, limit: number | null) {
  let query = db
    .selectFrom('import_rejection')
    .select(['row_number', 'column_name', 'reason', 'raw'])
    .where('job_id', '=', jobId)
    .orderBy('row_number');
  if (limit !== null) query = query.limit(limit);
  return query.execute();
}

/**
 * Rejected rows are copies of the file's rows (CCCD, phone…): they are kept for `before` and then
 * deleted, while the job and its counts stay, marked expired. Running jobs are left alone.
 */
export async function expireRejections(db: Kysely<DB>, before: Date, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const old = trx.selectFrom('import_job').select('id').where('started_at', '<', before).where('status', '<>', 'running');
    await trx.deleteFrom('import_rejection').where('job_id', 'in', old).execute();
    await trx
      .updateTable('import_job')
      .set({ rejections_expired_at: at })
      .where('started_at', '<', before)
      .where('status', '<>', 'running')
      .where('rejections_expired_at', 'is', null)
      .execute();
  });
}

/** Jobs left 'running' by a process that stopped: they will never finish. */
export async function failRunningJobs(db: Kysely<DB>, message: string, at: Date): Promise<void> {
  await db.updateTable('import_job').set({ status: 'failed', message, finished_at: at }).where('status', '=', 'running').execute();
}
