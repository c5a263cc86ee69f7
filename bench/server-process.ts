// The real server for benchmarks: `tiendo start` as a child process on a free loopback port (no
// web app, no demo load), and a signed-in HTTP session against it.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { BenchHttp } from './scenarios/scenario.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

export async function startServer(options: {
  databaseUrl: string | null;
  dataDir: string | null;
  extraEnv?: Record<string, string>;
}): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const { databaseUrl, dataDir } = options;
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    TIENDO_WEB_APP: 'false',
    TIENDO_DEMO: 'false',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl ?? '',
    ...(dataDir ? { TIENDO_DATA_DIR: dataDir } : {}),
    ...options.extraEnv,
  };
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'tiendo.js'), 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes('Tiến Độ đang chạy tại')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (output += d));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function login(url: string, username: string): Promise<BenchHttp> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: username, password: DEMO_PASSWORD }),
  });
  const cookie = /tiendo_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (response.status !== 200 || !cookie) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    async post(pathAndQuery, payload) {
      // Errors are answers here, not exceptions: write scenarios count them (e.g. refusals under load).
      const r = await fetch(`${url}${pathAndQuery}`, {
        method: 'POST',
        headers: { cookie: `tiendo_session=${cookie}`, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return { status: r.status, body: await r.text() };
    },
    async get(pathAndQuery) {
      const r = await fetch(`${url}${pathAndQuery}`, { headers: { cookie: `tiendo_session=${cookie}` } });
      const body = await r.text();
      if (r.status !== 200) throw new Error(`GET ${pathAndQuery}: ${r.status} ${body.slice(0, 300)}`);
      return { status: r.status, body };
    },
  };
}
