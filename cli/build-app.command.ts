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
  await build({ configFile: path.join(APP_SRC, 'vite.config.ts'), logLevel: 'warn' });
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
