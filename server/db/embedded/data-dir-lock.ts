import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../domain/errors/app-error.ts';

/**
 * PGlite has no lock of its own: two processes on one data folder corrupt it. We take an
 * exclusive lock file (O_EXCL) holding our PID. A lock left by a process that no longer
 * exists (crash, kill -9) is taken over; a live one is a clear error for the second process.
 * One case in between: the owner died and its PGlite host lives on only to flush and close the
 * files (it stops when its parent goes away). A restart right after a crash waits for it to
 * finish rather than refusing: on a busy machine closing takes seconds.
 */
export interface DataDirLock {
  /** Records the PGlite child too: the folder stays locked while either process lives. */
  setHelperPid(pid: number): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/** An exited process not yet reaped (an orphan in a container whose init does not reap) holds nothing. */
function isZombie(pid: number): boolean {
  try {
    // "pid (name) state …": the name may itself hold ") ", so the state follows the last one.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return false; // no /proc (not Linux): kill(pid, 0) is all we know
  }
}

/** How long a start waits for an orphaned PGlite host to finish closing. */
const ORPHAN_HOST_WAIT_MS = 60_000;

export async function acquireDataDirLock(dataDir: string, options: { orphanWaitMs?: number } = {}): Promise<DataDirLock> {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tiendo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      const startedAt = new Date().toISOString();
      fs.writeSync(fd, JSON.stringify({ pids: [process.pid], startedAt }));
      fs.closeSync(fd);
      let released = false;
      return {
        setHelperPid(pid: number) {
          fs.writeFileSync(lockPath, JSON.stringify({ pids: [process.pid, pid], startedAt }));
        },
        release() {
          if (released) return;
          released = true;
          try {
            fs.unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holders = readHolders(lockPath);
      const [owner, ...helpers] = holders;
      if (owner !== undefined && !isAlive(owner)) await untilGone(helpers, options.orphanWaitMs ?? ORPHAN_HOST_WAIT_MS);
      const holder = holders.find(isAlive);
      if (holder !== undefined) {
        throw new AppError(
          'DATA_DIR_LOCKED',
          'conflict',
          `Thư mục dữ liệu ${dataDir} đang được một tiến trình Tiến Độ khác sử dụng (PID ${holder}). ` +
            'Hãy dừng tiến trình đó, hoặc dùng thư mục khác với TIENDO_DATA_DIR.',
        );
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new AppError('DATA_DIR_LOCKED', 'conflict', `Không lấy được khóa thư mục dữ liệu ${dataDir}.`);
}

async function untilGone(pids: number[], waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
}

function readHolders(lockPath: string): number[] {
  try {
    const pids: unknown[] = JSON.parse(fs.readFileSync(lockPath, 'utf8')).pids ?? [];
    return pids.map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  } catch {
    return []; // unreadable lock (a crash mid-write): nobody can be holding it
  }
}
