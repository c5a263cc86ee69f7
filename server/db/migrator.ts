/* eslint-disable @typescript-eslint/no-explicit-any -- Kysely<any>: the migrator runs on a database of any schema version (it is what makes the schema). */
import { Migrator, type Kysely } from 'kysely';
import { AppError } from '../../domain/errors/app-error.ts';
import { migrations } from './migrations/index.ts';

export interface MigrationReport {
  applied: string[];
  version: string | null;
}

function migrator(db: Kysely<any>): Migrator {
  // Ordered: a migration that sorts before one already applied is refused, not slipped in
  // (server/db/migrations.test.ts keeps the numbers after 0020 consecutive and unique).
  return new Migrator({ db, provider: { getMigrations: async () => migrations }, allowUnorderedMigrations: false });
}

/** Applies what is pending; running it again applies nothing (Kysely keeps a ledger and a lock). */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const { error, results } = await migrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new AppError(
      'MIGRATION_FAILED',
      'internal',
      `Cập nhật cấu trúc cơ sở dữ liệu thất bại ở bước ${failed}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    version: await currentVersion(db),
  };
}

export async function currentVersion(db: Kysely<any>): Promise<string | null> {
  const all = await migrator(db).getMigrations();
  const executed = all.filter((m) => m.executedAt !== undefined);
  return executed.at(-1)?.name ?? null;
}

export const LATEST_MIGRATION = Object.keys(migrations).at(-1)!;
