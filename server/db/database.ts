import { Kysely, PostgresDialect, sql, type PostgresPool } from 'kysely';
import pg from 'pg';
import { AppError } from '../../domain/errors/app-error.ts';
import { redactUrl } from '../config/config.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embedded/embedded-database.ts';
import { readRoutingDialect, type ReplicaState } from './read-routing.ts';
import type { DB } from './schema.ts';

// DATE stays a 'YYYY-MM-DD' string (a JS Date would shift it by the time zone);
// int8 (ids, count(*)) becomes a number: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  /** The primary: every write, and the reads that must see the caller's own writes. */
  db: Kysely<DB>;
  /**
   * Dashboards, lists, search and exports: the streaming replica when DATABASE_READ_URL is set
   * (falling back to the primary when it fails), otherwise the same handle as `db`.
   */
  read: Kysely<DB>;
  kind: DatabaseKind;
  /** The replica's routing state; null without DATABASE_READ_URL. */
  replica: ReplicaState | null;
  /** The connection pools, for /metrics. */
  pools: PoolMonitor[];
  close(): Promise<void>;
}

/** One connection pool as /metrics sees it: its use now, and every wait for a connection. */
export interface PoolMonitor {
  name: 'primary' | 'replica';
  max: number;
  stats(): { total: number; idle: number; waiting: number };
  /** Calls `listener` with the seconds each connection request waited; returns the unsubscribe. */
  onWait(listener: (seconds: number) => void): () => void;
}

export interface DatabaseOptions {
  /** A real PostgreSQL server; when null the embedded PGlite is used. */
  databaseUrl: string | null;
  /** Embedded data folder; null = in memory (tests). Ignored with a databaseUrl. */
  dataDir: string | null;
  /** In memory only: a dumped data folder (PGlite's dumpDataDir) to start from instead of an empty database. */
  embeddedSeed?: string | null;
  /** The embedded server of `dataDir`, already starting (the CLI boots it while it loads the server's modules). */
  embedded?: Promise<EmbeddedServer>;
  /** Connections in the pool (real PostgreSQL only; PGlite has exactly one). */
  poolSize?: number;
  /** A streaming replica of `databaseUrl` for dashboards, lists, search and exports (DATABASE_READ_URL). */
  readUrl?: string | null;
  /** Where the replica's fall-back-to-primary warning goes (the server's logger). */
  warn?: (message: string, error: unknown) => void;
}

/**
 * Every connection runs without JIT compilation: the dashboards' statements are large plans that
 * cross its cost threshold and run in milliseconds, where compiling them costs tens (a session
 * setting, so no statement needs a transaction around it to set it locally).
 */
function withoutJit(pool: pg.Pool): pg.Pool {
  pool.on('connect', (client) => {
    client.query('SET jit = off').catch(() => {});
  });
  return pool;
}

function monitoredPool(name: PoolMonitor['name'], pool: pg.Pool, max: number): { kysely: PostgresPool; monitor: PoolMonitor } {
  const listeners = new Set<(seconds: number) => void>();
  // Kysely asks this wrapper for every connection: the time spent here is the pool wait
  // (plus the connect itself when the pool grows), which is what a saturated pool looks like.
  const kysely: PostgresPool = {
    async connect() {
      const started = process.hrtime.bigint();
      const client = await pool.connect();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const listener of listeners) listener(seconds);
      return client;
    },
    end: () => pool.end(),
  };
  return {
    kysely,
    monitor: {
      name,
      max,
      stats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      onWait(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = options.databaseUrl;
  if (url === null) {
    embedded = await (options.embedded ?? startEmbeddedServer(options.dataDir, options.embeddedSeed ?? null));
    url = embedded.url;
  }
  // PGlite is one session: a single pooled connection serialises transactions correctly.
  const max = embedded ? 1 : (options.poolSize ?? 10);
  const pool = withoutJit(new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 }));
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const primary = monitoredPool('primary', pool, max);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: primary.kysely }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    await embedded?.stop();
    throw connectionError(options.databaseUrl, error);
  }
  const replica = options.readUrl && !embedded ? openReplica(options.readUrl, max, primary.kysely, options.warn) : null;
  return {
    db,
    read: replica?.read ?? db,
    kind: embedded ? 'pglite' : 'postgres',
    replica: replica?.state ?? null,
    pools: replica ? [primary.monitor, replica.monitor] : [primary.monitor],
    async close() {
      await replica?.read.destroy();
      await db.destroy();
      await embedded?.stop();
    },
  };
}

/**
 * The replica is not checked at start: a server whose replica is down still starts and reads
 * from the primary (with a warning), as it would if the replica failed later.
 */
function openReplica(readUrl: string, max: number, primaryPool: PostgresPool, warn: DatabaseOptions['warn']) {
  // A short connect timeout: a replica that does not answer should cost a read two seconds, once.
  const pool = withoutJit(new pg.Pool({ connectionString: readUrl, max, connectionTimeoutMillis: 2_000 }));
  pool.on('error', () => {});
  const replica = monitoredPool('replica', pool, max);
  const { dialect, state } = readRoutingDialect({
    replicaPool: replica.kysely,
    primaryPool,
    warn: warn ?? ((message, error) => console.warn(message, error instanceof Error ? error.message : error)),
  });
  return { read: new Kysely<DB>({ dialect }), state, monitor: replica.monitor };
}

function connectionError(databaseUrl: string | null, error: unknown): AppError {
  const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
  const where = databaseUrl ? `PostgreSQL tại ${redactUrl(databaseUrl)}` : 'cơ sở dữ liệu nhúng';
  return new AppError('DB_UNREACHABLE', 'unavailable', `Không kết nối được ${where}: ${reason}`);
}
