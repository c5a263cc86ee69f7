// PostgreSQL: pg_dump's custom format inside the archive, restored by pg_restore piped into one
// psql transaction that also clears the old schema and checks every count and file checksum
// before COMMIT — a restore that fails, or that would not match its manifest, changes nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { AppError } from '../../domain/errors/app-error.ts';
import { redactUrl } from '../config/config.ts';
import {
  buildManifest,
  databaseHoldsData,
  FILES_DIGEST_SQL,
  MANIFEST_ENTRY,
  quoteIdent,
  readInventory,
  type BackupManifest,
  type QueryRows,
} from './backup-manifest.ts';
import { clientConnection, findPgTools } from './pg-tools.ts';
import { tarEntryStream, writeTar, type TarEntry } from './tar-archive.ts';
import type { BackupResult, RestoreOptions, RestoreResult } from './backup.types.ts';

export const POSTGRES_PAYLOAD = 'database.pgdump';

async function connect(databaseUrl: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => {}); // reported by the next query instead of crashing the CLI
  try {
    await client.connect();
  } catch (error) {
    throw new AppError(
      'DB_UNREACHABLE',
      'unavailable',
      `Không kết nối được PostgreSQL tại ${redactUrl(databaseUrl)}: ${(error as Error).message}`,
    );
  }
  return client;
}

async function serverMajor(client: pg.Client): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ server_version: string; num: string }>(
    `SELECT current_setting('server_version') AS server_version, current_setting('server_version_num') AS num`,
  );
  return { version: rows[0]!.server_version, major: Math.floor(Number(rows[0]!.num) / 10000) };
}

const rowsOf =
  (client: pg.Client): QueryRows =>
  async (text) =>
    (await client.query(text)).rows;

/** Runs a client tool; rejects with its last lines of stderr. */
function finished(child: ChildProcess, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  return new Promise((resolve, reject) => {
    child.once('error', (error) => reject(new AppError('BACKUP_TOOL_FAILED', 'internal', `${what} không chạy được: ${error.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new AppError(
            'BACKUP_TOOL_FAILED',
            'internal',
            `${what} dừng với mã ${code ?? signal}: ${stderr.trim() || '(không có thông báo)'}`,
          ),
        );
    });
  });
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function backupPostgres(databaseUrl: string, out: string, log: (line: string) => void): Promise<BackupResult> {
  const started = performance.now();
  const client = await connect(databaseUrl);
  const dumpFile = `${out}.dump.partial`;
  try {
    const server = await serverMajor(client);
    const tools = findPgTools(server.major, log);
    // One snapshot for the dump and for the counts, so the manifest describes exactly what was
    // dumped even while the server keeps taking writes.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const connection = clientConnection(databaseUrl);
    const dump = spawn(
      tools.pgDump,
      ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${rows[0]!.id}`, `--file=${dumpFile}`, `--dbname=${connection.url}`],
      { env: connection.env, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const dumped = finished(dump, 'pg_dump');
    dumped.catch(() => {}); // awaited below; this only keeps an early failure from being "unhandled"
    const inventoryStarted = performance.now();
    // Counted while pg_dump runs: the two use the two cores instead of waiting for each other.
    const inventory = await readInventory(rowsOf(client)).catch(async (error: unknown) => {
      dump.kill();
      await dumped.catch(() => {});
      throw error;
    });
    const inventorySeconds = (performance.now() - inventoryStarted) / 1000;
    await dumped;
    await client.query('COMMIT');
    const dumpSeconds = (performance.now() - started) / 1000;
    const size = fs.statSync(dumpFile).size;
    const manifest = buildManifest(
      inventory,
      { kind: 'postgres', serverVersion: server.version, serverMajor: server.major, dumpTool: tools.version, dumpToolMajor: tools.major },
      { name: POSTGRES_PAYLOAD, size, sha256: await sha256File(dumpFile) },
    );
    const archiveStarted = performance.now();
    await writeTar(`${out}.partial`, [
      { name: MANIFEST_ENTRY, content: Buffer.from(JSON.stringify(manifest, null, 2)) },
      { name: POSTGRES_PAYLOAD, path: dumpFile, size },
    ]);
    fs.renameSync(`${out}.partial`, out);
    return {
      file: out,
      manifest,
      archiveBytes: fs.statSync(out).size,
      seconds: (performance.now() - started) / 1000,
      phases: { dump: dumpSeconds, inventory: inventorySeconds, archive: (performance.now() - archiveStarted) / 1000 },
    };
  } catch (error) {
    fs.rmSync(`${out}.partial`, { force: true });
    throw error;
  } finally {
    fs.rmSync(dumpFile, { force: true });
    await client.end().catch(() => {});
  }
}

/** SQL run after the data is in and before COMMIT: any difference from the manifest aborts the transaction. */
function checkScript(manifest: BackupManifest): string {
  const lines = Object.entries(manifest.tables).map(
    ([table, rows]) =>
      `  SELECT count(*) INTO n FROM public.${quoteIdent(table)};\n` +
      `  IF n <> ${rows} THEN RAISE EXCEPTION 'tiendo-check: bảng % có % dòng, bản sao lưu có %', ${pgLiteral(table)}, n, ${rows}; END IF;`,
  );
  if ('stored_file' in manifest.tables) {
    lines.push(
      `  SELECT ${FILES_DIGEST_SQL} INTO d FROM public.stored_file;\n` +
        `  IF d <> ${pgLiteral(manifest.files.digest)} THEN RAISE EXCEPTION 'tiendo-check: tệp đính kèm không khớp mã kiểm tra SHA-256 của bản sao lưu'; END IF;`,
    );
  }
  return `DO $tiendo_check$\nDECLARE n bigint; d text;\nBEGIN\n${lines.join('\n')}\nEND\n$tiendo_check$;\n`;
}

const pgLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

export async function restorePostgres(
  databaseUrl: string,
  archive: string,
  manifest: BackupManifest,
  payload: TarEntry,
  options: RestoreOptions,
  log: (line: string) => void,
): Promise<RestoreResult> {
  const started = performance.now();
  const client = await connect(databaseUrl);
  let tools;
  try {
    const server = await serverMajor(client);
    tools = findPgTools(Math.max(server.major, manifest.database.dumpToolMajor ?? 0), log);
    const target = await databaseHoldsData(rowsOf(client));
    if (target.holds && !options.force) throw targetNotEmpty(target);
  } finally {
    await client.end().catch(() => {});
  }
  await options.verifyArchive();

  const connection = clientConnection(databaseUrl);
  // Notices of the cascade would list every dropped object; a server still holding locks on the
  // old tables (a running Tiến Độ mid-request) is waited for a minute, not forever.
  const preamble = [
    `SET client_min_messages = warning;`,
    `SET lock_timeout = '60s';`,
    `BEGIN;`,
    `DROP SCHEMA IF EXISTS public CASCADE;`,
    `CREATE SCHEMA public;`,
    `GRANT USAGE ON SCHEMA public TO PUBLIC;`,
    '',
  ].join('\n');
  const psql = spawn(tools.psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${connection.url}`], {
    env: connection.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const psqlDone = finished(psql, 'psql');
  psqlDone.catch(() => {}); // each of these is awaited below; an early failure is not "unhandled"
  const marks: Record<string, number> = {};
  let buffered = '';
  psql.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const mark = /^tiendo-mark:(\w+)$/.exec(line.trim());
      if (mark) marks[mark[1]!] = (performance.now() - started) / 1000;
    }
  });

  const restore = spawn(tools.pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--file=-'], {
    env: connection.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const restoreDone = finished(restore, 'pg_restore');
  const fed = pipeline(tarEntryStream(archive, payload), restore.stdin!);
  restoreDone.catch(() => {});
  fed.catch(() => {});

  async function* script(): AsyncGenerator<string | Buffer> {
    yield preamble;
    for await (const chunk of restore.stdout!) yield chunk as Buffer;
    // pg_restore failing half way (a damaged archive) must never reach COMMIT.
    await fed;
    await restoreDone;
    yield '\n\\echo tiendo-mark:loaded\n';
    yield checkScript(manifest);
    yield '\\echo tiendo-mark:checked\nCOMMIT;\n\\echo tiendo-mark:committed\n';
    // pg_restore leaves the planner without statistics; the first national dashboards would pay.
    yield 'ANALYZE;\n\\echo tiendo-mark:analyzed\n';
  }
  let pipeError: unknown = null;
  await pipeline(script(), psql.stdin!).catch((error: unknown) => {
    pipeError = error;
    // psql reaching the end of its input inside the open transaction rolls it back.
    psql.stdin!.destroy();
    restore.kill();
  });
  const psqlError = await psqlDone.then(
    () => null,
    (error: unknown) => error,
  );
  // psql's own error says what went wrong; a broken pipe to it is only the consequence.
  const error = psqlError ?? pipeError;
  if (error) {
    restore.kill();
    await Promise.allSettled([restoreDone, fed]);
    if (error instanceof AppError && error.message.includes('tiendo-check:')) {
      const detail = /tiendo-check: ([^\n]*)/.exec(error.message)![1];
      throw new AppError('RESTORE_MISMATCH', 'internal', `Khôi phục bị hủy, cơ sở dữ liệu giữ nguyên như trước: ${detail}.`);
    }
    if (error instanceof AppError)
      throw new AppError(error.code, error.kind, `Khôi phục bị hủy, cơ sở dữ liệu giữ nguyên như trước. ${error.message}`);
    throw error;
  }
  const phases: Record<string, number> = {};
  let previous = 0;
  for (const phase of ['loaded', 'checked', 'committed', 'analyzed']) {
    if (marks[phase] !== undefined) {
      phases[phase] = marks[phase]! - previous;
      previous = marks[phase]!;
    }
  }
  return { seconds: (performance.now() - started) / 1000, phases, replaced: null };
}

export function targetNotEmpty(target: { units: number; users: number; files: number }): AppError {
  const parts = [
    target.units ? `${target.units.toLocaleString('vi-VN')} đơn vị` : '',
    target.users ? `${target.users.toLocaleString('vi-VN')} tài khoản` : '',
    target.files ? `${target.files.toLocaleString('vi-VN')} tệp` : '',
  ].filter(Boolean);
  return new AppError(
    'RESTORE_TARGET_NOT_EMPTY',
    'conflict',
    `Cơ sở dữ liệu đích đang có dữ liệu (${parts.join(', ')}); khôi phục sẽ thay toàn bộ dữ liệu đó. ` +
      'Không có gì bị thay đổi. Nếu đúng là muốn thay, hãy sao lưu dữ liệu hiện tại (tiendo backup) rồi chạy lại với --force.',
  );
}
