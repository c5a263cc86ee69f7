// What a backup says about itself (manifest.json, the first entry of the archive) and how the
// same facts are read from a live database, so that a restore can prove it brought back exactly
// what was saved: every table's row count and every stored file's SHA-256.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { AppError } from '../../domain/errors/app-error.ts';
import { migrations as KNOWN_MIGRATIONS } from '../db/migrations/index.ts';

export const MANIFEST_ENTRY = 'manifest.json';
export const BACKUP_FORMAT = 'tiendo-backup';
export const BACKUP_FORMAT_VERSION = 1;

export type BackupKind = 'postgres' | 'pglite';

export interface StoredFileEntry {
  id: string;
  name: string;
  size: number;
  sha256: string;
}

export interface DatabaseInventory {
  /** Executed migrations, in the code's order (unknown names, from a newer version, last). */
  migrations: string[];
  /** Row count of every table of the `public` schema, by name. */
  tables: Record<string, number>;
  totalRows: number;
  files: {
    count: number;
    bytes: number;
    /** SHA-256 of "id:sha256" lines joined by "\n", in id order: one value to compare. */
    digest: string;
    list: StoredFileEntry[];
  };
}

export interface BackupManifest extends DatabaseInventory {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  createdAt: string;
  appVersion: string;
  /** The last executed migration (null: an empty database). */
  migration: string | null;
  database: {
    kind: BackupKind;
    serverVersion: string;
    serverMajor: number;
    /** `pg_dump --version` for a PostgreSQL backup (pg_restore must be at least this major). */
    dumpTool?: string;
    dumpToolMajor?: number;
  };
  payload: { name: string; size: number; sha256: string };
}

/** Any query runner: a pg client or an in-process PGlite. */
export type QueryRows = (text: string) => Promise<Record<string, unknown>[]>;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function readInventory(query: QueryRows): Promise<DatabaseInventory> {
  const tableNames = (await query(`SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) =>
    String(r.tablename),
  );
  const tables: Record<string, number> = {};
  let totalRows = 0;
  for (const table of tableNames) {
    // Text, not int8: the pg client and PGlite parse int8 differently, a decimal string is the same.
    const [row] = await query(`SELECT count(*)::text AS n FROM public.${quoteIdent(table)}`);
    tables[table] = Number(row!.n);
    totalRows += tables[table];
  }
  const executed = tableNames.includes('kysely_migration')
    ? (await query('SELECT name FROM public.kysely_migration ORDER BY name')).map((r) => String(r.name))
    : [];
  const list: StoredFileEntry[] = tableNames.includes('stored_file')
    ? (
        await query(
          `SELECT id::text AS id, file_name, octet_length(content)::text AS size, encode(sha256(content), 'hex') AS sha256 FROM public.stored_file ORDER BY id`,
        )
      ).map((r) => ({ id: String(r.id), name: String(r.file_name), size: Number(r.size), sha256: String(r.sha256) }))
    : [];
  return {
    migrations: inCodeOrder(executed),
    tables,
    totalRows,
    files: { count: list.length, bytes: list.reduce((sum, f) => sum + f.size, 0), digest: filesDigest(list), list },
  };
}

export function filesDigest(list: readonly StoredFileEntry[]): string {
  return createHash('sha256')
    .update(list.map((f) => `${f.id}:${f.sha256}`).join('\n'))
    .digest('hex');
}

/**
 * The same digest computed by the database (ids ordered as bigints, like readInventory's
 * ORDER BY id): a PostgreSQL restore checks it inside its transaction, before COMMIT.
 */
export const FILES_DIGEST_SQL = `encode(sha256(convert_to(coalesce(string_agg(id::text || ':' || encode(sha256(content), 'hex'), E'\\n' ORDER BY id), ''), 'UTF8')), 'hex')`;

function inCodeOrder(executed: string[]): string[] {
  const known = Object.keys(KNOWN_MIGRATIONS);
  const set = new Set(executed);
  return [...known.filter((name) => set.has(name)), ...executed.filter((name) => !(name in KNOWN_MIGRATIONS)).sort()];
}

export function unknownMigrations(executed: readonly string[]): string[] {
  return executed.filter((name) => !(name in KNOWN_MIGRATIONS));
}

export function pendingMigrations(executed: readonly string[]): string[] {
  const set = new Set(executed);
  return Object.keys(KNOWN_MIGRATIONS).filter((name) => !set.has(name));
}

let appVersionCache: string | undefined;
export function appVersion(): string {
  appVersionCache ??= String(JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  return appVersionCache;
}

export function buildManifest(
  inventory: DatabaseInventory,
  database: BackupManifest['database'],
  payload: BackupManifest['payload'],
): BackupManifest {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date().toISOString(),
    appVersion: appVersion(),
    migration: inventory.migrations.at(-1) ?? null,
    database,
    payload,
    ...inventory,
  };
}

/** Parses and checks a manifest: the format, and that this version of Tiến Độ knows every migration in it. */
export function parseManifest(file: string, raw: Buffer): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError('BACKUP_INVALID', 'bad_request', `Tệp ${file} không phải là bản sao lưu Tiến Độ hợp lệ (manifest.json hỏng).`);
  }
  if (manifest?.format !== BACKUP_FORMAT || typeof manifest.payload?.name !== 'string') {
    throw new AppError('BACKUP_INVALID', 'bad_request', `Tệp ${file} không phải là bản sao lưu Tiến Độ hợp lệ (thiếu thông tin mô tả).`);
  }
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new AppError(
      'BACKUP_TOO_NEW',
      'conflict',
      `Bản sao lưu ${file} dùng định dạng phiên bản ${manifest.formatVersion}, mới hơn định dạng mà Tiến Độ ${appVersion()} đọc được (${BACKUP_FORMAT_VERSION}). Hãy cài Tiến Độ ${manifest.appVersion} trở lên rồi khôi phục.`,
    );
  }
  const unknown = unknownMigrations(manifest.migrations ?? []);
  if (unknown.length > 0) {
    throw new AppError(
      'BACKUP_TOO_NEW',
      'conflict',
      `Bản sao lưu ${file} được tạo bởi Tiến Độ ${manifest.appVersion}, mới hơn phiên bản đang cài (${appVersion()}): ` +
        `cơ sở dữ liệu trong đó đã qua ${unknown.length === 1 ? 'bước cập nhật' : 'các bước cập nhật'} ${unknown.join(', ')} mà phiên bản này không biết. ` +
        `Không khôi phục, vì phần mềm cũ có thể làm hỏng dữ liệu mới. Hãy cài Tiến Độ ${manifest.appVersion} trở lên rồi chạy lại lệnh khôi phục.`,
    );
  }
  return manifest;
}

/** Differences between what a backup holds and what a restored database holds, in Vietnamese. */
export function compareInventory(expected: DatabaseInventory, actual: DatabaseInventory): string[] {
  const problems: string[] = [];
  for (const [table, rows] of Object.entries(expected.tables)) {
    if (actual.tables[table] !== rows) problems.push(`bảng ${table}: ${actual.tables[table] ?? 'không có'} dòng, bản sao lưu có ${rows}`);
  }
  if (actual.files.digest !== expected.files.digest) {
    problems.push(
      `tệp đính kèm: ${actual.files.count} tệp không khớp mã kiểm tra SHA-256 của ${expected.files.count} tệp trong bản sao lưu`,
    );
  }
  return problems;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('vi-VN', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}

/**
 * Whether a database holds data a restore would replace: units, accounts or stored files
 * (migrations alone seed roles and catalogues, which do not count). Counts stop at a million so
 * that a national target is judged in milliseconds.
 */
export async function databaseHoldsData(query: QueryRows): Promise<{ holds: boolean; units: number; users: number; files: number }> {
  const existing = new Set(
    (await query(`SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'`)).map((r) => String(r.tablename)),
  );
  const count = async (table: string) =>
    existing.has(table)
      ? Number((await query(`SELECT count(*)::text AS n FROM (SELECT 1 FROM public.${quoteIdent(table)} LIMIT 1000000) AS t`))[0]!.n)
      : 0;
  const [units, users, files] = [await count('org_unit'), await count('app_user'), await count('stored_file')];
  return { holds: units + users + files > 0, units, users, files };
}
