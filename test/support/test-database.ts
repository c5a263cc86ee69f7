import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';
import { migratedSnapshot } from './pglite-snapshot.ts';

/**
 * Integration tests run on every database kind Tiến Độ supports: the embedded PGlite always,
 * and a real PostgreSQL when TEST_DATABASE_URL is set. Under CI the server is mandatory: a
 * missing TEST_DATABASE_URL fails the run instead of silently testing one kind.
 *
 * Each opened test database is brand new (a fresh in-memory PGlite, started from a migrated
 * snapshot, or a freshly created database on the server, dropped afterwards), so test files can
 * run in parallel.
 */
export interface TestDatabaseTarget {
  kind: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

export interface TestDatabase extends Database {
  /** Connection URL of this test database (postgres only; null for PGlite). */
  url: string | null;
}

export function testDatabaseTargets(): TestDatabaseTarget[] {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim();
  if (!serverUrl && process.env.CI === 'true') {
    throw new Error('CI=true but TEST_DATABASE_URL is not set: integration tests must also run on PostgreSQL in CI.');
  }
  const targets: TestDatabaseTarget[] = [{ kind: 'pglite', open: openPglite }];
  if (serverUrl) targets.push({ kind: 'postgres', open: () => openPostgres(serverUrl) });
  return targets;
}

async function openPglite(): Promise<TestDatabase> {
  const database = await openDatabase({ databaseUrl: null, dataDir: null, embeddedSeed: await migratedSnapshot() });
  await migrateToLatest(database.db);
  return { ...database, url: null };
}

async function openPostgres(serverUrl: string): Promise<TestDatabase> {
  const name = `tiendo_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: 4 });
  await migrateToLatest(database.db);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
