import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';
import { loadDemo } from '../../server/demo/demo.loader.ts';
import { inject } from 'vitest';
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
  /** A new, migrated database: empty, or holding the demo province (and its registries). */
  open(options?: { demo?: DemoKind }): Promise<TestDatabase>;
}

/** The demo every test app starts from: the province and its accounts, or also its ~52,600 members. */
export type DemoKind = 'province' | 'registries';
export const TEST_DEMO_SEED = 2025;

/** Loads the tests' demo into a migrated, empty database (what the templates below hold). */
export async function loadTestDemo(db: Database['db'], kind: DemoKind): Promise<void> {
  await loadDemo(db, TEST_DEMO_SEED, { registries: kind === 'registries' });
}

/**
 * Loading the demo costs seconds of a core per database (~5 s on PGlite, ~3 s on PostgreSQL for
 * the province alone), and some forty files open two. The integration run's global set-up
 * (demo-templates.global.ts) loads each demo once per engine: a dumped PGlite folder and a
 * PostgreSQL template database. Outside it (a script, another project) the demo is loaded here.
 */
export interface DemoTemplates {
  pglite: Record<DemoKind, string>;
  postgres: Record<DemoKind, string> | null;
}

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplates: DemoTemplates;
  }
}

function injectedDemoTemplates(): DemoTemplates | undefined {
  try {
    return inject('demoTemplates') || undefined;
  } catch {
    return undefined; // outside a vitest worker, or a project without the set-up
  }
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
  if (serverUrl) targets.push({ kind: 'postgres', open: (options) => openPostgres(serverUrl, options) });
  return targets;
}

async function openPglite(options: { demo?: DemoKind } = {}): Promise<TestDatabase> {
  const template = options.demo && injectedDemoTemplates()?.pglite[options.demo];
  const database = await openDatabase({ databaseUrl: null, dataDir: null, embeddedSeed: template || (await migratedSnapshot()) });
  await migrateToLatest(database.db);
  if (options.demo && !template) await loadTestDemo(database.db, options.demo);
  return { ...database, url: null };
}

async function openPostgres(serverUrl: string, options: { demo?: DemoKind } = {}): Promise<TestDatabase> {
  const template = options.demo && injectedDemoTemplates()?.postgres?.[options.demo];
  const name = `tiendo_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const { database, url } = await createMigratedPostgres(serverUrl, name, { template: template || null, poolSize: 4 });
  if (options.demo && !template) await loadTestDemo(database.db, options.demo);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await dropPostgresDatabase(serverUrl, name);
    },
  };
}

/** A new database `name` on the server of `serverUrl` (a copy of `template` if given), migrated and open. */
export async function createMigratedPostgres(
  serverUrl: string,
  name: string,
  options: { template: string | null; poolSize: number },
): Promise<{ database: Database; url: string }> {
  await createPostgresDatabase(serverUrl, name, options.template);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: null, poolSize: options.poolSize });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return { database, url: url.toString() };
}

/** One statement on the server of `serverUrl` through its own connection (CREATE / DROP DATABASE need one outside any pool). */
export async function asAdmin(serverUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new database on the server of `serverUrl`, empty or a copy of `template` (which nobody may be connected to). */
export async function createPostgresDatabase(serverUrl: string, name: string, template: string | null): Promise<void> {
  await asAdmin(serverUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await asAdmin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
