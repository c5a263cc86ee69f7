import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
/** What npm itself prints before the command's own output (a blank line, two headers, a blank line). */
const NPM_HEADER_LINES = 4;
/** One screen of a small terminal. */
const SCREEN_LINES = 24;
const BANNER_END = 'Nhấn Ctrl+C để dừng.';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `tiendo start` as `npm start` runs it, with LOG_LEVEL and LOG_FORMAT left to their defaults unless given. */
function start(dataDir: string, port: number, env: Record<string, string> = {}) {
  const inherited = { ...process.env };
  delete inherited.LOG_LEVEL;
  delete inherited.LOG_FORMAT;
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    // The tree and the accounts are enough (the registries only make the start slower), and the
    // web app is not built here: its build prints two lines of its own on a fresh clone only.
    env: {
      ...inherited,
      TIENDO_WEB_APP: 'false',
      TIENDO_DEMO_REGISTRIES: 'false',
      TIENDO_DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: '',
      NO_COLOR: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const l of listeners.splice(0)) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.once('exit', () => {
    for (const l of listeners.splice(0)) l();
  });
  return {
    child,
    output: () => output,
    /** Resolves once the output contains `text` (waits for the data, not for a time). */
    async until(text: string): Promise<string> {
      while (!output.includes(text)) {
        if (child.exitCode !== null) throw new Error(`tiendo start exited with ${child.exitCode}:\n${output}`);
        await new Promise<void>((resolve) => listeners.push(resolve));
      }
      return output;
    },
  };
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

/** Traffic like a first visit: the health check, a login, the tree, a page that does not exist. */
async function browse(url: string): Promise<void> {
  expect((await fetch(`${url}/api/health`)).status).toBe(200);
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'xem.tinh', password: DEMO_PASSWORD }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  expect((await fetch(`${url}/api/org/search?q=tan ninh`, { headers: { cookie } })).status).toBe(200);
  expect((await fetch(`${url}/api/khong-co`)).status).toBe(404);
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs `check` on a started server and stops it whatever happens, so the next start finds the data folder free. */
async function withServer(server: ReturnType<typeof start>, check: () => Promise<void>): Promise<void> {
  children.push(server.child);
  try {
    await check();
  } finally {
    if (server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }
  }
}

describe('npm start output', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-start-output-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('fits on one screen until the first request, banner and demo accounts visible, readable lines, and requests print nothing', async () => {
    const port = await freePort();
    const server = start(dataDir, port);
    await withServer(server, async () => {
      const untilBanner = await server.until(BANNER_END);
      const lines = untilBanner.trimEnd().split('\n');
      console.log(
        `tiendo start printed ${lines.length} lines before the first request (npm start: ${lines.length + NPM_HEADER_LINES}):\n${untilBanner}`,
      );

      expect(lines.length + NPM_HEADER_LINES).toBeLessThanOrEqual(SCREEN_LINES);
      expect(untilBanner).toContain(`Tiến Độ đang chạy tại http://127.0.0.1:${port}`);
      expect(untilBanner).toContain(`Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`);
      for (const account of DEMO_ACCOUNTS)
        expect(untilBanner).toMatch(
          new RegExp(`^  ${account.username.replace('.', '\\.')} +${account.describe.replace(/[()]/g, '\\$&')}$`, 'm'),
        );
      // The log lines before the banner are readable, not JSON.
      expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
      expect(untilBanner).toMatch(/^\d\d:\d\d:\d\d INFO {2}database ready {2}database=pglite/m);

      await browse(`http://127.0.0.1:${port}`);
      server.child.kill('SIGTERM');
      expect(await exited(server.child)).toBe(0);
      // After the banner: only the line that says it is stopping, none per request.
      const after = server.output().slice(untilBanner.length).trim().split('\n');
      expect(after).toHaveLength(1);
      expect(after[0]).toMatch(/^\d\d:\d\d:\d\d INFO {2}shutting down {2}signal=SIGTERM$/);
    });
  }, 480_000);

  it('writes JSON lines with LOG_FORMAT=json (production), the banner unchanged', async () => {
    const port = await freePort();
    const server = start(dataDir, port, { LOG_FORMAT: 'json' });
    await withServer(server, async () => {
      const untilBanner = await server.until(BANNER_END);
      const logLines = untilBanner.split('\n').filter((line) => line.startsWith('{'));
      expect(logLines.length).toBeGreaterThanOrEqual(2);
      for (const line of logLines)
        expect(JSON.parse(line)).toMatchObject({ app: 'tiendo', level: expect.any(Number), msg: expect.any(String) });
      expect(untilBanner).toContain('Tài khoản dùng thử');

      await browse(`http://127.0.0.1:${port}`);
      server.child.kill('SIGTERM');
      expect(await exited(server.child)).toBe(0);
      const after = server.output().slice(untilBanner.length).trim().split('\n');
      expect(after.map((line) => JSON.parse(line).msg)).toEqual(['shutting down']);
    });
  }, 480_000);
});
