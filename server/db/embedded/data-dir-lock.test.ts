// The embedded data folder's lock: a live holder refuses a second process, a dead one's lock is
// taken over, and an orphaned PGlite host still closing the files is waited for.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';

const folders: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
});

function folderLockedBy(pids: number[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-lock-'));
  folders.push(folder);
  fs.writeFileSync(path.join(folder, 'tiendo.lock'), JSON.stringify({ pids, startedAt: new Date().toISOString() }));
  return folder;
}

/** A process that lives `ms` milliseconds, and a promise of its exit. */
function living(ms: number): { pid: number; exited: Promise<void> } {
  const child = spawn(process.execPath, ['-e', `setTimeout(() => {}, ${ms})`], { stdio: 'ignore' });
  children.push(child);
  return { pid: child.pid!, exited: new Promise((resolve) => child.once('exit', () => resolve())) };
}

async function deadPid(): Promise<number> {
  const { pid, exited } = living(0);
  await exited;
  return pid;
}

/** Gone, or exited and not yet reaped (Node reaps its children a moment after they exit). */
function ended(pid: number): boolean {
  try {
    return / Z /.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!);
  } catch {
    return true;
  }
}

const holders = (folder: string) => JSON.parse(fs.readFileSync(path.join(folder, 'tiendo.lock'), 'utf8')).pids;

describe('acquireDataDirLock', () => {
  it('refuses a folder whose owner is alive, naming its PID, and leaves its lock alone', async () => {
    const owner = living(60_000);
    const folder = folderLockedBy([owner.pid]);
    await expect(acquireDataDirLock(folder)).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringContaining(`đang được một tiến trình Tiến Độ khác sử dụng (PID ${owner.pid})`),
    });
    expect(holders(folder)).toEqual([owner.pid]);
  });

  it('takes over the lock of a process that no longer exists', async () => {
    const folder = folderLockedBy([await deadPid(), await deadPid()]);
    const lock = await acquireDataDirLock(folder);
    expect(holders(folder)).toEqual([process.pid]);
    lock.release();
    expect(fs.existsSync(path.join(folder, 'tiendo.lock'))).toBe(false);
  });

  it('waits for the PGlite host of a crashed owner to finish closing, then takes over', async () => {
    const helper = living(1_500);
    const folder = folderLockedBy([await deadPid(), helper.pid]);
    const lock = await acquireDataDirLock(folder);
    // The lock is taken only once the helper has ended: it was never shared with a live process.
    expect(ended(helper.pid)).toBe(true);
    expect(holders(folder)).toEqual([process.pid]);
    lock.release();
  });

  it('does not wait for a host that exited but was never reaped (a zombie holds no files)', { timeout: 10_000 }, async () => {
    // `sleep 60` inherits the short `sleep` as its child and never reaps it when it exits.
    const parent = spawn('sh', ['-c', 'sleep 0.2 & echo $!; exec sleep 60'], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(parent);
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk) => resolve(String(chunk)))));
    await expect.poll(() => fs.readFileSync(`/proc/${zombie}/stat`, 'utf8')).toMatch(/\) Z /);
    const folder = folderLockedBy([await deadPid(), zombie]);
    const lock = await acquireDataDirLock(folder, { orphanWaitMs: 30_000 });
    expect(holders(folder)).toEqual([process.pid]);
    lock.release();
  });

  it('refuses, naming the host, when the orphaned host does not end within the wait', async () => {
    const helper = living(60_000);
    const folder = folderLockedBy([await deadPid(), helper.pid]);
    await expect(acquireDataDirLock(folder, { orphanWaitMs: 200 })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringContaining(`(PID ${helper.pid})`),
    });
  });
});
