import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPrepared, migratedSnapshot } from './pglite-snapshot.ts';
import { createMigratedPostgres, dropPostgresDatabase, loadTestDemo, type DemoKind, type DemoTemplates } from './test-database.ts';

const KINDS: DemoKind[] = ['province', 'registries'];

/**
 * Vitest global set-up for the integration project: the demo each test app starts from, loaded
 * once per run and engine instead of once per opened database (see DemoTemplates). All four are
 * made at once: the PGlite ones in their own host processes, the PostgreSQL ones in the server,
 * so the two cores share them. Made per run, never kept: a template is always today's code.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const serverUrl = process.env.TEST_DATABASE_URL?.trim() || null;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-demo-templates-'));
  const run = randomBytes(4).toString('hex');
  const pglite = { province: path.join(folder, 'province.tar'), registries: path.join(folder, 'registries.tar') };
  const postgres = serverUrl
    ? { province: `tiendo_test_template_${run}_province`, registries: `tiendo_test_template_${run}_registries` }
    : null;
  const templates: DemoTemplates = { pglite, postgres };
  const drop = async () => {
    if (serverUrl && postgres) for (const kind of KINDS) await dropPostgresDatabase(serverUrl, postgres[kind]);
    fs.rmSync(folder, { recursive: true, force: true });
  };
  const started = performance.now();
  try {
    const migrated = await migratedSnapshot();
    await Promise.all(
      KINDS.flatMap((kind) => [
        dumpPrepared({ from: migrated, to: pglite[kind], prepare: (db) => loadTestDemo(db, kind) }),
        ...(serverUrl && postgres ? [preparePostgresTemplate(serverUrl, postgres[kind], kind)] : []),
      ]),
    );
  } catch (error) {
    await drop();
    throw error;
  }
  project.provide('demoTemplates', templates);
  console.log(
    `demo templates: ${KINDS.join(' and ')} on ${postgres ? 'PGlite and PostgreSQL' : 'PGlite'} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return drop;
}

async function preparePostgresTemplate(serverUrl: string, name: string, kind: DemoKind): Promise<void> {
  // Closed before any test copies it: CREATE DATABASE … TEMPLATE refuses a database in use.
  const { database } = await createMigratedPostgres(serverUrl, name, { template: null, poolSize: 1 });
  try {
    await loadTestDemo(database.db, kind);
  } finally {
    await database.close();
  }
}
