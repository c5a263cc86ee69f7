import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openServerPool } from './server-pool.ts';
import { spawnTestServer } from './test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The address of the run's server pool (server-pool.ts): each e2e file takes a server on its own copy of the seeded demo province. */
    e2eServerPool: string;
  }
}

/**
 * Every e2e file starts the real server on its own database. Loading the demo province
 * (~52,600 members) into a fresh PGlite took ~30 s per file on the 2-core CI machine; the
 * same start on a copy of a folder made once here takes a few seconds. The first start below
 * is exactly what a user's first `npm start` does, so that path stays covered.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-template-'));
  // Building the app and loading the province: over five minutes when other runs share the 2 cores.
  const server = await spawnTestServer({ dataDir: template, startTimeoutMs: 900_000 });
  await server.stop();
  const pool = await openServerPool(Promise.resolve(template));
  project.provide('e2eServerPool', pool.url);
  return async () => {
    await pool.close();
    await fs.rm(template, { recursive: true, force: true });
  };
}
