// The embedded database: PGlite's own dump of its data folder (dumpDataDir), taken by opening
// PGlite in this process with the folder locked. A live server holds that lock, so the server is
// stopped for a backup (seconds for a province) — PGlite has one connection and no pg_dump of
// its own major on the machine. A restore loads the dump into a new folder beside the old one,
// checks it, and only then swaps the folders, so a failure leaves the old data as it was.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../db/embedded/pglite-extensions.ts';
import { AppError, isAppError } from '../../domain/errors/app-error.ts';
import { acquireDataDirLock, type DataDirLock } from '../db/embedded/data-dir-lock.ts';
import {
  buildManifest,
  compareInventory,
  databaseHoldsData,
  MANIFEST_ENTRY,
  pendingMigrations,
  readInventory,
  type BackupManifest,
  type DatabaseInventory,
  type QueryRows,
} from './backup-manifest.ts';
import type { BackupResult, RestoreOptions, RestoreResult } from './backup.types.ts';
import { targetNotEmpty } from './postgres-backup.ts';
import { readTarEntry, writeTar, type TarEntry } from './tar-archive.ts';

export const PGLITE_PAYLOAD = 'database.pglite.tar.gz';

const LOCK_FILE = 'tiendo.lock';

export const hasEmbeddedDatabase = (dataDir: string) => fs.existsSync(path.join(dataDir, 'PG_VERSION'));

async function lockForMaintenance(dataDir: string): Promise<DataDirLock> {
  try {
    return await acquireDataDirLock(dataDir);
  } catch (error) {
    if (isAppError(error) && error.code === 'DATA_DIR_LOCKED') {
      throw new AppError(
        'DATA_DIR_LOCKED',
        'conflict',
        `${error.message} Sao lưu và khôi phục cơ sở dữ liệu nhúng cần dừng máy chủ Tiến Độ trước (ví dụ: systemctl stop tiendo), rồi chạy lại lệnh.`,
      );
    }
    throw error;
  }
}

const rowsOf =
  (db: PGlite): QueryRows =>
  async (text) =>
    (await db.query<Record<string, unknown>>(text)).rows;

async function serverVersion(db: PGlite): Promise<{ version: string; major: number }> {
  const { rows } = await db.query<{ v: string; num: string }>(
    `SELECT current_setting('server_version') AS v, current_setting('server_version_num') AS num`,
  );
  return { version: `PGlite ${rows[0]!.v}`, major: Math.floor(Number(rows[0]!.num) / 10000) };
}

/**
 * Backs the embedded database up to `out`. With `onlyIfPending` (used by `tiendo migrate`), does
 * nothing and returns null when no migration is pending.
 */
export async function backupEmbedded(
  dataDir: string,
  out: () => string,
  options: { onlyIfPending?: boolean } = {},
): Promise<BackupResult | null> {
  if (!hasEmbeddedDatabase(dataDir)) {
    throw new AppError('BACKUP_NOTHING', 'not_found', `Chưa có cơ sở dữ liệu nhúng tại ${dataDir}: không có gì để sao lưu.`);
  }
  const started = performance.now();
  const lock = await lockForMaintenance(dataDir);
  let db: PGlite | null = null;
  try {
    db = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    const inventory = await readInventory(rowsOf(db));
    if (options.onlyIfPending && pendingMigrations(inventory.migrations).length === 0) return null;
    const server = await serverVersion(db);
    const inventorySeconds = (performance.now() - started) / 1000;
    // Everything in the write-ahead log goes into the table files first: the dump is then a
    // clean data folder, not one that needs crash recovery when it is loaded.
    await db.exec('CHECKPOINT');
    const dumpStarted = performance.now();
    const payload = Buffer.from(await (await db.dumpDataDir('gzip')).arrayBuffer());
    const dumpSeconds = (performance.now() - dumpStarted) / 1000;
    await db.close();
    db = null;
    const manifest = buildManifest(
      inventory,
      { kind: 'pglite', serverVersion: server.version, serverMajor: server.major },
      { name: PGLITE_PAYLOAD, size: payload.length, sha256: createHash('sha256').update(payload).digest('hex') },
    );
    const file = out();
    const archiveStarted = performance.now();
    try {
      await writeTar(`${file}.partial`, [
        { name: MANIFEST_ENTRY, content: Buffer.from(JSON.stringify(manifest, null, 2)) },
        { name: PGLITE_PAYLOAD, content: payload },
      ]);
      fs.renameSync(`${file}.partial`, file);
    } catch (error) {
      fs.rmSync(`${file}.partial`, { force: true });
      throw error;
    }
    return {
      file,
      manifest,
      archiveBytes: fs.statSync(file).size,
      seconds: (performance.now() - started) / 1000,
      phases: { inventory: inventorySeconds, dump: dumpSeconds, archive: (performance.now() - archiveStarted) / 1000 },
    };
  } finally {
    await db?.close().catch(() => {});
    lock.release();
  }
}

/** Executed migrations of the embedded database, or null when there is none yet. */
export async function embeddedInventory(dataDir: string): Promise<DatabaseInventory | null> {
  if (!hasEmbeddedDatabase(dataDir)) return null;
  const lock = await lockForMaintenance(dataDir);
  const db = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
  try {
    return await readInventory(rowsOf(db));
  } finally {
    await db.close().catch(() => {});
    lock.release();
  }
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');

export async function restoreEmbedded(
  dataDir: string,
  archive: string,
  manifest: BackupManifest,
  payload: TarEntry,
  options: RestoreOptions,
): Promise<RestoreResult> {
  const started = performance.now();
  const existing = hasEmbeddedDatabase(dataDir);
  // A folder without PG_VERSION but with files in it is not ours to replace silently.
  if (!existing && fs.existsSync(dataDir) && fs.readdirSync(dataDir).some((name) => name !== LOCK_FILE)) {
    throw new AppError(
      'RESTORE_TARGET_NOT_EMPTY',
      'conflict',
      `Thư mục ${dataDir} đã có tệp nhưng không phải cơ sở dữ liệu Tiến Độ; hãy chọn thư mục trống với TIENDO_DATA_DIR. Không có gì bị thay đổi.`,
    );
  }
  const lock = existing ? await lockForMaintenance(dataDir) : null;
  const staging = `${dataDir}.restoring-${stamp()}`;
  try {
    let holdsData = false;
    if (existing) {
      const current = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
      try {
        const target = await databaseHoldsData(rowsOf(current));
        if (target.holds && !options.force) throw targetNotEmpty(target);
        holdsData = target.holds;
      } finally {
        await current.close().catch(() => {});
      }
    }
    await options.verifyArchive();

    const loadStarted = performance.now();
    const tarball = await readTarEntry(archive, payload);
    fs.mkdirSync(path.dirname(staging), { recursive: true });
    let restored: PGlite;
    try {
      restored = await PGlite.create(staging, {
        extensions: PGLITE_EXTENSIONS,
        loadDataDir: new Blob([new Uint8Array(tarball)], { type: 'application/x-gzip' }),
      });
    } catch (error) {
      throw new AppError(
        'RESTORE_FAILED',
        'internal',
        `Không mở được dữ liệu trong bản sao lưu (${manifest.database.serverVersion}, Tiến Độ ${manifest.appVersion}): ${(error as Error).message}. Cơ sở dữ liệu hiện tại giữ nguyên.`,
      );
    }
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const checkStarted = performance.now();
    try {
      const problems = compareInventory(manifest, await readInventory(rowsOf(restored)));
      if (problems.length > 0) {
        throw new AppError('RESTORE_MISMATCH', 'internal', `Khôi phục bị hủy, cơ sở dữ liệu giữ nguyên như trước: ${problems.join('; ')}.`);
      }
    } finally {
      await restored.close().catch(() => {});
    }
    const checkSeconds = (performance.now() - checkStarted) / 1000;
    // The dump carries the lock file of the process that took it; a reused PID must not make the
    // restored folder look busy.
    fs.rmSync(path.join(staging, LOCK_FILE), { force: true });

    let replaced: string | null = null;
    if (fs.existsSync(dataDir)) {
      const aside = `${dataDir}.before-restore-${stamp()}`;
      fs.renameSync(dataDir, aside);
      fs.renameSync(staging, dataDir);
      // Our lock moved with the old folder; a folder that held no data is not worth keeping.
      if (holdsData) {
        fs.rmSync(path.join(aside, LOCK_FILE), { force: true });
        replaced = aside;
      } else {
        fs.rmSync(aside, { recursive: true, force: true });
      }
    } else {
      fs.mkdirSync(path.dirname(dataDir), { recursive: true });
      fs.renameSync(staging, dataDir);
    }
    return { seconds: (performance.now() - started) / 1000, phases: { load: loadSeconds, check: checkSeconds }, replaced };
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    lock?.release();
    throw error;
  }
}
