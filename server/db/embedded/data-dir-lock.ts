import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../domain/errors/app-error.ts';

/**
 * PGlite has no lock of its own: two processes on one data folder corrupt it. We take an
 * exclusive lock file (O_EXCL) holding our PID. A lock left by a process that no longer
 * exists (crash, kill -9) is taken over; a live one is a clear error for the second process.
 */
export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tiendo.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }));
      fs.closeSync(fd);
      let released = false;
      return {
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
      const holder = readHolder(lockPath);
      if (holder !== null && isAlive(holder)) {
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

function readHolder(lockPath: string): number | null {
  try {
    const pid = Number(JSON.parse(fs.readFileSync(lockPath, 'utf8')).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
