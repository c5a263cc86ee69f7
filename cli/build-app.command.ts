import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandIO } from './main.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const APP_SRC = path.join(ROOT, 'app');
const APP_INDEX = path.join(ROOT, 'dist', 'app', 'index.html');

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceMtime(full));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function isAppBuildStale(): boolean {
  if (!fs.existsSync(APP_INDEX)) return true;
  return newestSourceMtime(APP_SRC) > fs.statSync(APP_INDEX).mtimeMs;
}

export async function buildApp(io: CommandIO): Promise<void> {
  const started = performance.now();
  io.stdout.write('Đang biên dịch giao diện web…\n');
  const { build } = await import('vite');
  // Always a production build, whatever NODE_ENV the caller runs under (vitest sets 'test', and a
  // server started by an e2e run rebuilt dist/app with it): Vite takes NODE_ENV over its mode, and
  // React's development build is 25 % heavier and slower (bench/first-load.bench.ts measured it).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(APP_SRC, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  io.stdout.write(`Đã biên dịch giao diện web trong ${((performance.now() - started) / 1000).toFixed(1)} giây.\n`);
}

/** `npm start` on a fresh clone builds the web app once; later starts reuse it unless app/ changed. */
export async function ensureAppBuilt(io: CommandIO): Promise<void> {
  if (isAppBuildStale()) await buildApp(io);
}

export default async function buildAppCommand(_argv: string[], io: CommandIO): Promise<number> {
  await buildApp(io);
  return 0;
}
