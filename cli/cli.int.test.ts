import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');

function tiendo(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, TIENDO_WEB_APP: 'false', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

function startServer(dataDir: string, port: number): ChildProcess {
  return spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    // The tree and accounts are enough here; the registries would only slow every start down.
    env: {
      ...process.env,
      TIENDO_WEB_APP: 'false',
      TIENDO_DEMO_REGISTRIES: 'false',
      LOG_LEVEL: 'warn',
      TIENDO_DATA_DIR: dataDir,
      PORT: String(port),
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((r) => child.once('exit', (code) => r(code)));
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('tiendo CLI', () => {
  it.each([
    [{ PORT: 'abc' }, /^Lỗi: Biến môi trường PORT="abc" không hợp lệ/],
    [{ PORT: '99999' }, /từ 0 đến 65535/],
    [{ DATABASE_URL: 'mysql://root@127.0.0.1/test' }, /^Lỗi: Biến môi trường DATABASE_URL không hợp lệ: giao thức "mysql"/],
    [
      { DATABASE_URL: 'postgres://tiendo:secret@127.0.0.1:1/tiendo' },
      /^Lỗi: Không kết nối được PostgreSQL tại postgres:\/\/tiendo:\*\*\*@127\.0\.0\.1:1\/tiendo/,
    ],
  ])('refuses bad configuration %o with one clear line and no stack trace', (env, message) => {
    const { code, stderr } = tiendo(['start'], env);
    expect(code).not.toBe(0);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('secret');
  });

  it('prints its commands in Vietnamese', () => {
    const { code, stdout } = tiendo(['--help'], {});
    expect(code).toBe(0);
    for (const command of ['start', 'migrate', 'demo', 'extract']) expect(stdout).toContain(`  ${command}`);
    expect(stdout).toContain('Cách dùng: tiendo <lệnh>');
  });

  it('refuses a second server on the same data folder; the first keeps working and the data is intact', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-lock-'));
    const port = await freePort();
    const first = startServer(dataDir, port);
    children.push(first);
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url, first);
    const before = await (await fetch(`${url}/api/org/search?q=cong doan&limit=100`)).json();

    const second = tiendo(['start'], {
      TIENDO_DATA_DIR: dataDir,
      TIENDO_DEMO_REGISTRIES: 'false',
      PORT: String(await freePort()),
      DATABASE_URL: '',
    });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    expect(second.stderr).toMatch(/đang được một tiến trình Tiến Độ khác sử dụng \(PID \d+\)/);

    const after = await (await fetch(`${url}/api/org/search?q=cong doan&limit=100`)).json();
    expect(after).toEqual(before);

    first.kill('SIGTERM');
    expect(await exited(first)).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'tiendo.lock'))).toBe(false);

    // Restarted on the same folder after a clean stop, the data is still there, untouched.
    const again = startServer(dataDir, port);
    children.push(again);
    await waitForHealth(url, again);
    expect(await (await fetch(`${url}/api/org/search?q=cong doan&limit=100`)).json()).toEqual(before);

    // A crash (kill -9) leaves a stale lock that the next start takes over.
    again.kill('SIGKILL');
    await exited(again);
    // Its PGlite host is still closing the files: the next start waits for it, then takes over.
    const third = startServer(dataDir, port);
    children.push(third);
    await waitForHealth(url, third);
    expect(await (await fetch(`${url}/api/org/search?q=cong doan&limit=100`)).json()).toEqual(before);
    third.kill('SIGTERM');
    expect(await exited(third)).toBe(0);
  }, 480_000);
});
