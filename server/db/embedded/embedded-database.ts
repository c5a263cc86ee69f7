import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../../domain/errors/app-error.ts';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';

const HOST_SCRIPT = fileURLToPath(new URL('./pglite-host.ts', import.meta.url));
const START_TIMEOUT_MS = 120_000;

export interface EmbeddedServer {
  /** A postgres:// URL on loopback that reaches the embedded database. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite in a child process. `dataDir` null means an in-memory database (tests), which
 * starts empty or from `seed`, a data folder dumped by PGlite's dumpDataDir.
 * The data folder is locked for as long as the child runs.
 */
export async function startEmbeddedServer(dataDir: string | null, seed: string | null = null): Promise<EmbeddedServer> {
  const lock: DataDirLock | null = dataDir ? await acquireDataDirLock(dataDir) : null;
  let child: ChildProcess;
  try {
    child = fork(HOST_SCRIPT, [], {
      // The host is TypeScript like the rest of the code; tsx makes that work in any parent
      // (the CLI, vitest workers), whatever loader the parent itself was started with.
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TIENDO_PGLITE_DIR: dataDir ?? '', TIENDO_PGLITE_SEED: seed ?? '' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (child.pid) lock?.setHelperPid(child.pid);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new AppError('DB_START_TIMEOUT', 'unavailable', 'Cơ sở dữ liệu nhúng không khởi động được trong thời gian cho phép.'));
    }, START_TIMEOUT_MS);
    child.on('message', (message: { type?: string; port?: number; message?: string }) => {
      if (message.type === 'ready' && typeof message.port === 'number') {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'error') {
        clearTimeout(timer);
        reject(new AppError('DB_START_FAILED', 'unavailable', `Không mở được cơ sở dữ liệu nhúng: ${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new AppError('DB_START_FAILED', 'unavailable', `Cơ sở dữ liệu nhúng dừng bất ngờ (mã thoát ${code}).`));
    });
  }).catch((error: unknown) => {
    lock?.release();
    throw error;
  });

  let stopped: Promise<void> | null = null;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'shutdown' });
      }).finally(() => lock?.release());
      return stopped;
    },
  };
}
