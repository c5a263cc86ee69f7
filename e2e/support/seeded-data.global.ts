import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startTestServer } from './test-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder holding the migrated demo province, made once per run; each e2e file starts on a copy. */
    e2eTemplateDataDir: string;
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
  const server = await startTestServer({ dataDir: template, startTimeoutMs: 900_000 });
  await server.stop();
  project.provide('e2eTemplateDataDir', template);
  return () => fs.rm(template, { recursive: true, force: true });
}
