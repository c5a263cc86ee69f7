import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A real PostgreSQL hot standby of the test server, on this machine: `pg_basebackup -R` of the
 * whole cluster into a temporary folder, started with `pg_ctl` on a free port, streaming from the
 * primary. Used by the replica test and the replica bench (docs/replica-and-metrics.md).
 *
 * initdb/pg_ctl/postgres refuse to run as root: as root (CI), every command runs as the
 * `postgres` OS user (`runuser`), which then owns the folder. The primary must accept replication
 * connections from 127.0.0.1 (pg_hba.conf: `host replication all 127.0.0.1/32 trust`).
 */
export interface Standby {
  port: number;
  dataDir: string;
  /** The same database URL as on the primary, pointing at the standby. */
  urlFor(primaryDatabaseUrl: string): string;
  /** Seconds the standby's replay is behind the primary's current WAL position, waiting for it to catch up. */
  waitForReplay(primaryUrl: string, timeoutMs?: number): Promise<number>;
  /** Stops the standby (fast shutdown), leaving the folder (`stop` again is harmless). */
  halt(): Promise<void>;
  /** Stops it and deletes its folder. */
  stop(): Promise<void>;
}

export interface StandbyTools {
  bin: string;
  runAs: string[];
}

/** The binaries of the primary's major version, or why they cannot be used. */
export async function standbyTools(primaryUrl: string): Promise<StandbyTools | { missing: string }> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  let major: string;
  try {
    major = String(
      Math.floor(Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10_000),
    );
  } finally {
    await client.end();
  }
  const bin = `/usr/lib/postgresql/${major}/bin`;
  for (const tool of ['pg_basebackup', 'pg_ctl', 'postgres']) {
    if (!fs.existsSync(path.join(bin, tool))) return { missing: `${path.join(bin, tool)} không có (cài gói postgresql-${major})` };
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot && !fs.existsSync('/usr/sbin/runuser') && !fs.existsSync('/sbin/runuser'))
    return { missing: 'runuser không có: cần chạy pg_ctl dưới người dùng postgres' };
  return { bin, runAs: isRoot ? ['runuser', '-u', 'postgres', '--'] : [] };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function as(tools: StandbyTools, command: string, args: string[]): Promise<string> {
  const [file, ...prefix] = tools.runAs.length ? tools.runAs : [path.join(tools.bin, command)];
  const argv = tools.runAs.length ? [...prefix, path.join(tools.bin, command), ...args] : args;
  const { stdout } = await run(file!, argv, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The standby must allow at least what the primary allows (PostgreSQL refuses to start otherwise). */
async function primarySettings(client: pg.Client): Promise<Record<string, string>> {
  // shared_buffers too: a bench compares the standby's reads with the primary's on equal memory.
  const names = [
    'shared_buffers',
    'max_connections',
    'max_worker_processes',
    'max_wal_senders',
    'max_prepared_transactions',
    'max_locks_per_transaction',
  ];
  const rows = (
    await client.query<{ name: string; setting: string }>('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [names])
  ).rows;
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

async function scalarOf(url: string, query: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ lsn: string | null }>(query)).rows[0]!.lsn;
  } finally {
    await client.end();
  }
}

/**
 * Seconds from now until the standby has replayed the primary's current WAL position (taken
 * right after the caller's commit): the replication lag a reader of the standby sees.
 */
export async function replayLag(onPrimary: pg.Client, onStandby: pg.Client, timeoutMs = 60_000): Promise<number> {
  const target = (await onPrimary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
  const started = process.hrtime.bigint();
  for (;;) {
    const { ok } = (
      await onStandby.query<{ ok: boolean }>('SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ok', [target])
    ).rows[0]!;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (ok) return seconds;
    if (seconds * 1000 > timeoutMs) throw new Error(`the standby did not replay ${target} within ${timeoutMs} ms`);
  }
}

export async function startStandby(primaryUrl: string, tools: StandbyTools): Promise<Standby> {
  const primary = new URL(primaryUrl);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-standby-'));
  if (tools.runAs.length) await run('chown', ['postgres:postgres', dataDir]);
  fs.chmodSync(dataDir, 0o700);
  const port = await freePort();
  const admin = new pg.Client({ connectionString: primaryUrl });
  await admin.connect();
  let settings: Record<string, string>;
  try {
    settings = await primarySettings(admin);
  } finally {
    await admin.end();
  }
  try {
    await as(tools, 'pg_basebackup', [
      '-h',
      primary.hostname,
      '-p',
      primary.port || '5432',
      '-U',
      decodeURIComponent(primary.username || 'postgres'),
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const stderr = String((error as { stderr?: string }).stderr ?? error);
    if (/pg_hba\.conf|replication connection/.test(stderr)) {
      throw new Error(
        `pg_basebackup was refused by the primary: its pg_hba.conf needs "host replication all 127.0.0.1/32 trust" (then SELECT pg_reload_conf()). ${stderr.trim()}`,
        { cause: error },
      );
    }
    throw new Error(`pg_basebackup failed: ${stderr.trim()}`, { cause: error });
  }
  // Debian keeps postgresql.conf and pg_hba.conf outside the data folder: the copy has none.
  const conf = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dataDir}'`,
    'hot_standby = on',
    'fsync = off',
    "log_min_messages = 'warning'",
    // Never cancel a standby query because of a conflicting cleanup on the primary: a dashboard
    // read must finish; the cost is replay waiting behind it (the lag the test measures).
    'max_standby_streaming_delay = -1',
    'hot_standby_feedback = on',
    ...Object.entries(settings).map(([name, value]) => `${name} = ${value}`),
  ].join('\n');
  const write = (name: string, content: string) => fs.writeFileSync(path.join(dataDir, name), `${content}\n`);
  write('postgresql.conf', conf);
  write('pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust');
  write('pg_ident.conf', '');
  if (tools.runAs.length) await run('chown', ['-R', 'postgres:postgres', dataDir]);

  const pgCtl = (args: string[]) => as(tools, 'pg_ctl', ['-D', dataDir, ...args]);
  try {
    await pgCtl(['-l', path.join(dataDir, 'standby.log'), '-w', '-t', '120', 'start']);
  } catch (error) {
    const log = fs.existsSync(path.join(dataDir, 'standby.log')) ? fs.readFileSync(path.join(dataDir, 'standby.log'), 'utf8') : '';
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`the standby did not start: ${String((error as { stderr?: string }).stderr ?? error)}\n${log.slice(-2000)}`, {
      cause: error,
    });
  }
  const urlFor = (databaseUrl: string) => {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return url.toString();
  };
  let halted = false;
  const standby: Standby = {
    port,
    dataDir,
    urlFor,
    async waitForReplay(primaryDatabaseUrl, timeoutMs = 60_000) {
      // Both connections are open before the clock starts: the figure is replay, not connecting.
      const onPrimary = new pg.Client({ connectionString: primaryDatabaseUrl });
      const onStandby = new pg.Client({ connectionString: urlFor(primaryDatabaseUrl) });
      await Promise.all([onPrimary.connect(), onStandby.connect()]);
      try {
        return await replayLag(onPrimary, onStandby, timeoutMs);
      } finally {
        await Promise.all([onPrimary.end(), onStandby.end()]);
      }
    },
    async halt() {
      if (halted) return;
      halted = true;
      await pgCtl(['-m', 'fast', '-w', 'stop']).catch(() => undefined);
    },
    async stop() {
      await standby.halt();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  // Streaming, not only started: wait until the WAL receiver is connected to the primary.
  try {
    for (let i = 0; ; i++) {
      const streaming = await scalarOf(
        urlFor(primaryUrl),
        "SELECT status AS lsn FROM pg_stat_wal_receiver WHERE status = 'streaming'",
      ).catch(() => null);
      if (streaming) break;
      if (i > 2000) throw new Error('the standby started but does not stream from the primary');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await standby.stop();
    throw error;
  }
  return standby;
}
