import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUT_LIMIT = 64 * 1024;

export interface TestServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:43117 */
  url: string;
  dataDir: string;
  /** SIGTERM, wait for a clean exit (SIGKILL after a grace period), then delete the data folder. */
  stop: () => Promise<void>;
}

export interface StartTestServerOptions {
  /** Extra environment (e.g. DATABASE_URL for a PostgreSQL run); wins over the defaults. */
  env?: Record<string, string>;
  /** Reuse a data folder instead of a fresh one; it is then left in place on stop. */
  dataDir?: string;
  /** Start on an empty database (migrations and the demo load run now) instead of one from the run's server pool. */
  fresh?: boolean;
  /** Start on a copy of this data folder (the pool's seeded template). */
  copyOf?: string;
  /** A cold start builds the web app and creates the database: give it time on a busy 2-core machine. */
  startTimeoutMs?: number;
}

/** A port nobody listens on right now: bind to port 0, read what the OS chose, release it. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error('Could not find a free port'))));
    });
  });
}

/** The address of the e2e global set-up's server pool (see seeded-data.global.ts), when this runs under it. */
function serverPool(): string | undefined {
  try {
    return inject('e2eServerPool') || undefined;
  } catch {
    return undefined; // outside a vitest worker (a script), or a project without the set-up
  }
}

/**
 * The real server exactly as a user starts it (`node bin/tiendo.js start`) on its own database and
 * port, answering /api/health with 200. Under the e2e project, with no options, it is the pool's
 * server started ahead on a copy of the seeded demo province; otherwise it is started now.
 */
export async function startTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const pool = Object.keys(options).length === 0 ? serverPool() : undefined;
  if (!pool) return spawnTestServer(options);
  const taken = JSON.parse(await callPool(pool, '/take')) as { id: string; url: string; dataDir: string };
  return { url: taken.url, dataDir: taken.dataDir, stop: async () => void (await callPool(pool, `/stop/${taken.id}`)) };
}

/** One POST to the pool, with no time limit: the first server may wait minutes for the seeded template. */
function callPool(pool: string, pathname: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${pool}${pathname}`, { method: 'POST' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode === 200) return resolve(body);
        let message = body;
        try {
          message = (JSON.parse(body) as { message: string }).message;
        } catch {
          // not the pool's JSON: the body as it came
        }
        reject(new Error(`e2e server pool: ${message}`));
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Starts the server now, on a new temporary folder (or `dataDir`), and resolves once /api/health answers 200. */
export async function spawnTestServer(options: StartTestServerOptions = {}): Promise<TestServer> {
  const ownsDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-')));
  if (options.copyOf && !options.fresh) await fs.cp(options.copyOf, dataDir, { recursive: true });
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'tiendo.js'), 'start'], {
    cwd: REPO_ROOT,
    env: { ...process.env, TIENDO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  let hasExited = false;
  void exited.then(() => (hasExited = true));

  const stop = async () => {
    if (!hasExited) {
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(killTimer);
    }
    if (ownsDataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };

  // A cold start builds the web app and loads the demo (~52,600 members): minutes on a busy 2-core machine.
  const timeoutMs = options.startTimeoutMs ?? 300_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hasExited) {
      await stop();
      throw new Error(`The server exited before it was ready (exit code ${await exited}).\n--- server output ---\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { url, dataDir, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  await stop();
  throw new Error(
    `The server did not answer GET /api/health with 200 within ${Math.round(timeoutMs / 1000)} s.\n--- server output ---\n${output}`,
  );
}
