import type { Kysely } from 'kysely';
import { importEnded } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { notifyUser } from './notify.ts';

/** Each registry's import screen, where its jobs and rejected rows are listed. */
const SCREEN: Record<string, string> = {
  members: '/doan-vien/nhap',
  employers: '/doanh-nghiep/nhap',
  grassroots: '/cong-doan-co-so/nhap',
  agreements: '/thoa-uoc/nhap',
};

/**
 * Tells whoever started a real (not dry-run) import how it ended (import-runner.ts, after the
 * job's outcome is recorded). Never throws: the import's own outcome is already committed, and
 * a notification that could not be written must not turn a finished import into a failed one.
 */
export async function notifyImportEnded(
  db: Kysely<DB>,
  job: {
    jobId: number;
    registry: string;
    noun: string;
    fileName: string;
    createdBy: number | null;
    unitId: number | null;
    dryRun: boolean;
    outcome: { ok: true; inserted: number; updated: number; rejected: number } | { ok: false; reason: string };
  },
): Promise<void> {
  if (job.dryRun || job.createdBy === null) return;
  try {
    await notifyUser(
      db,
      importEnded({
        jobId: job.jobId,
        userId: job.createdBy,
        unitId: job.unitId,
        registryLabel: job.noun,
        fileName: job.fileName,
        link: SCREEN[job.registry] ?? null,
        outcome: job.outcome,
      }),
    );
  } catch {
    // Swallowed on purpose (see above); the job's row still says how it ended.
  }
}
