import type { BackupManifest } from './backup-manifest.ts';

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
  archiveBytes: number;
  seconds: number;
  /** Seconds per step, for the report and bench/results. */
  phases: Record<string, number>;
}

export interface RestoreOptions {
  /** Replace a database that holds data. */
  force: boolean;
  /** Checks the archive's payload against its manifest; called once the target is known to be replaceable. */
  verifyArchive: () => Promise<void>;
}

export interface RestoreResult {
  seconds: number;
  phases: Record<string, number>;
  /** Embedded only: where the replaced data folder was kept (null: nothing was replaced). */
  replaced: string | null;
}
