// `tiendo backup`, `tiendo restore` and the backup `tiendo migrate` takes first: one archive
// format for both database kinds (a tar with manifest.json and the database's own dump), chosen
// by the configuration exactly as the server chooses its database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { AppError } from '../../domain/errors/app-error.ts';
import { MANIFEST_ENTRY, parseManifest, pendingMigrations, type BackupManifest } from './backup-manifest.ts';
import type { BackupResult, RestoreResult } from './backup.types.ts';
import { backupEmbedded, hasEmbeddedDatabase, restoreEmbedded } from './embedded-backup.ts';
import { backupPostgres, restorePostgres } from './postgres-backup.ts';
import { listTar, readTarEntry, tarEntryStream } from './tar-archive.ts';

export interface DatabaseTarget {
  databaseUrl: string | null;
  dataDir: string;
}

type Log = (line: string) => void;

/** Backups beside the data folder by default (./backups for the default ./data), never inside it. */
export const defaultBackupDir = (dataDir: string) => path.join(path.dirname(dataDir), 'backups');

export function backupFileName(suffix = ''): string {
  const now = new Date().toISOString().replace(/:/g, '').replace(/\..*$/, '').replace('T', '-');
  return `tiendo-${now}${suffix}.tar`;
}

function prepareOut(out: string): string {
  const file = path.resolve(out);
  if (fs.existsSync(file))
    throw new AppError('BACKUP_EXISTS', 'conflict', `Tệp ${file} đã tồn tại; hãy chọn tên khác (bản sao lưu không ghi đè tệp có sẵn).`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

export async function createBackup(target: DatabaseTarget, out: string, log: Log = () => {}): Promise<BackupResult> {
  const file = prepareOut(out);
  if (target.databaseUrl) return backupPostgres(target.databaseUrl, file, log);
  return (await backupEmbedded(target.dataDir, () => file))!;
}

/**
 * The backup `tiendo migrate` takes before applying anything: null when nothing is pending
 * or the database is still empty (there is nothing a migration could damage).
 */
export async function backupBeforeMigrate(target: DatabaseTarget, dir: string, log: Log = () => {}): Promise<BackupResult | null> {
  const name = () => prepareOut(path.join(dir, backupFileName('-truoc-cap-nhat')));
  if (!target.databaseUrl) {
    if (!hasEmbeddedDatabase(target.dataDir)) return null;
    return backupEmbedded(target.dataDir, name, { onlyIfPending: true });
  }
  const client = new pg.Client({ connectionString: target.databaseUrl });
  client.on('error', () => {});
  let executed: string[] | null;
  try {
    await client.connect();
    const { rows } = await client.query<{ exists: boolean }>(`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS exists`);
    executed = rows[0]!.exists
      ? (await client.query<{ name: string }>('SELECT name FROM public.kysely_migration')).rows.map((r) => r.name)
      : null;
  } catch {
    // Unreachable: let the migration itself report it, with the usual message.
    return null;
  } finally {
    await client.end().catch(() => {});
  }
  if (executed === null || pendingMigrations(executed).length === 0) return null;
  return backupPostgres(target.databaseUrl, name(), log);
}

export interface RestoreReport extends RestoreResult {
  manifest: BackupManifest;
}

export async function restoreBackup(
  target: DatabaseTarget,
  archive: string,
  options: { force: boolean },
  log: Log = () => {},
): Promise<RestoreReport> {
  const file = path.resolve(archive);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new AppError('BACKUP_NOT_FOUND', 'not_found', `Không tìm thấy tệp sao lưu ${file}.`);
  const entries = await listTar(file);
  const manifestEntry = entries.find((e) => e.name === MANIFEST_ENTRY);
  if (!manifestEntry)
    throw new AppError('BACKUP_INVALID', 'bad_request', `Tệp ${file} không phải là bản sao lưu Tiến Độ hợp lệ (thiếu manifest.json).`);
  const manifest = parseManifest(file, await readTarEntry(file, manifestEntry));
  const payload = entries.find((e) => e.name === manifest.payload.name);
  if (!payload || payload.size !== manifest.payload.size) {
    throw new AppError('BACKUP_CORRUPT', 'bad_request', `Tệp sao lưu ${file} bị hỏng hoặc thiếu phần dữ liệu ${manifest.payload.name}.`);
  }
  const kind = target.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database.kind !== kind) {
    throw new AppError(
      'BACKUP_KIND_MISMATCH',
      'bad_request',
      manifest.database.kind === 'postgres'
        ? `Bản sao lưu ${file} là của PostgreSQL; hãy đặt DATABASE_URL trỏ tới cơ sở dữ liệu PostgreSQL cần khôi phục.`
        : `Bản sao lưu ${file} là của cơ sở dữ liệu nhúng; hãy bỏ DATABASE_URL và đặt TIENDO_DATA_DIR tới thư mục cần khôi phục.`,
    );
  }
  const verifyArchive = async () => {
    const hash = createHash('sha256');
    for await (const chunk of tarEntryStream(file, payload)) hash.update(chunk as Buffer);
    if (hash.digest('hex') !== manifest.payload.sha256) {
      throw new AppError(
        'BACKUP_CORRUPT',
        'bad_request',
        `Tệp sao lưu ${file} bị hỏng: mã kiểm tra SHA-256 của dữ liệu không khớp với manifest. Không có gì bị thay đổi.`,
      );
    }
  };
  const result = target.databaseUrl
    ? await restorePostgres(target.databaseUrl, file, manifest, payload, { force: options.force, verifyArchive }, log)
    : await restoreEmbedded(target.dataDir, file, manifest, payload, { force: options.force, verifyArchive });
  return { ...result, manifest };
}
