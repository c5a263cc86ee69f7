import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { expect } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';

type OpenStore = () => ReturnType<typeof openDatabase>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');

/**
 * Where the `tiendo` processes a test starts keep their data: a fresh folder (PGlite) or a freshly
 * created database on the test server (PostgreSQL). `env` points a child process at it, `open`
 * opens it from the test, `drop` removes it.
 */
export async function freshCliStore(
  kind: 'pglite' | 'postgres',
  label: string,
  options: { poolSize?: number } = {},
): Promise<{ env: Record<string, string>; open: OpenStore; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tiendo-${label}-`));
    return {
      env: { TIENDO_DATA_DIR: dir, DATABASE_URL: '' },
      open: () => openDatabase({ databaseUrl: null, dataDir: dir }),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const server = process.env.TEST_DATABASE_URL!;
  const name = `tiendo_test_${label.replaceAll('-', '_')}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), dataDir: null, ...options }),
    drop: async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Opens the store and runs `work` on it, retrying for up to 20 s while a killed process's PGlite
 * child still holds the data folder (it lets go when it notices its parent is gone).
 */
export async function withStore<T>(open: OpenStore, work: (db: Awaited<ReturnType<OpenStore>>['db']) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let database: Awaited<ReturnType<OpenStore>>;
    try {
      database = await open();
    } catch (error) {
      if (attempt > 40) throw error;
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      return await work(database.db);
    } finally {
      await database.close();
    }
  }
}

/** Loads the demo province and its accounts, without registries, with `tiendo demo` into the store `env` points at. */
export function loadDemoWithCli(env: NodeJS.ProcessEnv, timeout: number): void {
  const demo = spawnSync(process.execPath, [BIN, 'demo', '--without-registries'], { cwd: ROOT, env, encoding: 'utf8', timeout });
  expect(demo.status, demo.stderr).toBe(0);
}
