import { AsyncLocalStorage } from 'node:async_hooks';
import {
  PostgresAdapter,
  PostgresDriver,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type PostgresPool,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/**
 * The read handle behind DATABASE_READ_URL: a Kysely dialect whose connections come from the
 * streaming replica, or from the primary when
 * - the caller wrote a moment ago (read-your-own-writes: `readsFromPrimary` is set for the request),
 * - or the replica does not answer: then every read goes to the primary for RETRY_MS, with one
 *   warning per outage, and the request that met the failure is answered from the primary too.
 * A replica never answers with an error the primary would not have given: that is the contract
 * of "reads fall back to the primary with a warning, not errors".
 */

/** After a failure, how long reads stay on the primary before the replica is tried again. */
export const REPLICA_RETRY_MS = 5_000;

/** Per-request routing, set by the read-your-own-writes hook (server/db/read-your-writes.ts). */
export const readRouting = new AsyncLocalStorage<{ primary: boolean }>();

export interface ReplicaState {
  /** False while reads are sent to the primary because the replica failed. */
  readonly healthy: boolean;
  /** Reads answered by the replica / by the primary instead of it (fallback or read-your-writes). */
  readonly counts: { replica: number; primaryFallback: number; primarySticky: number };
}

/** Errors that say "this server cannot be reached or is going away", as opposed to a bad query. */
export function isConnectionFailure(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  if (!e) return false;
  if (e.code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'].includes(e.code))
    return true;
  // 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now (standby still starting),
  // 08xxx connection exceptions.
  if (e.code && (/^57P0[123]$/.test(e.code) || /^08/.test(e.code))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed/i.test(
    e.message ?? '',
  );
}

class Router implements ReplicaState {
  downUntil = 0;
  counts = { replica: 0, primaryFallback: 0, primarySticky: 0 };
  constructor(
    private readonly warn: (message: string, error: unknown) => void,
    private readonly now: () => number,
  ) {}

  get healthy(): boolean {
    return this.now() >= this.downUntil;
  }

  failed(error: unknown): void {
    if (this.healthy) {
      this.warn(
        `Máy chủ đọc (DATABASE_READ_URL) không trả lời: các truy vấn đọc chuyển sang máy chủ chính, thử lại sau ${REPLICA_RETRY_MS / 1000} giây.`,
        error,
      );
    }
    this.downUntil = this.now() + REPLICA_RETRY_MS;
  }
}

/** A replica connection that retries a failed read on the primary (never inside a transaction). */
class FallbackConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    readonly inner: DatabaseConnection,
    private readonly router: Router,
    private readonly primary: Driver,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      // Inside a transaction the earlier statements ran on the replica: replaying only the last one
      // on the primary would be wrong. Such a read fails once; the next ones go to the primary.
      if (this.inTransaction || !isConnectionFailure(error)) throw error;
      this.router.failed(error);
      this.router.counts.primaryFallback += 1;
      const connection = await this.primary.acquireConnection();
      try {
        return await connection.executeQuery<R>(query);
      } finally {
        await this.primary.releaseConnection(connection);
      }
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class RoutingDriver implements Driver {
  private readonly owners = new WeakMap<DatabaseConnection, { driver: Driver; inner: DatabaseConnection }>();
  constructor(
    private readonly replica: Driver,
    private readonly primary: Driver,
    private readonly router: Router,
  ) {}

  async init(): Promise<void> {
    await this.replica.init();
    await this.primary.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (readRouting.getStore()?.primary) {
      this.router.counts.primarySticky += 1;
      return this.fromPrimary();
    }
    if (!this.router.healthy) {
      this.router.counts.primaryFallback += 1;
      return this.fromPrimary();
    }
    let inner: DatabaseConnection;
    try {
      inner = await this.replica.acquireConnection();
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      this.router.failed(error);
      this.router.counts.primaryFallback += 1;
      return this.fromPrimary();
    }
    this.router.counts.replica += 1;
    const connection = new FallbackConnection(inner, this.router, this.primary);
    this.owners.set(connection, { driver: this.replica, inner });
    return connection;
  }

  private async fromPrimary(): Promise<DatabaseConnection> {
    const inner = await this.primary.acquireConnection();
    this.owners.set(inner, { driver: this.primary, inner });
    return inner;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    // Marked before BEGIN: a BEGIN that fails must not be replayed alone on the primary.
    if (connection instanceof FallbackConnection) connection.inTransaction = true;
    await this.ownerOf(connection).beginTransaction(connection, settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof FallbackConnection) connection.inTransaction = false;
    await this.ownerOf(connection).commitTransaction(connection);
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (connection instanceof FallbackConnection) connection.inTransaction = false;
    await this.ownerOf(connection).rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const owner = this.owners.get(connection);
    if (!owner) throw new Error('releasing a connection this driver did not hand out');
    this.owners.delete(connection);
    await owner.driver.releaseConnection(owner.inner);
  }

  /** Only the replica's pool is ours to end: the primary's belongs to the write handle. */
  async destroy(): Promise<void> {
    await this.replica.destroy();
  }

  private ownerOf(connection: DatabaseConnection): Driver {
    const owner = this.owners.get(connection);
    if (!owner) throw new Error('unknown connection');
    return owner.driver;
  }
}

export interface ReadRoutingOptions {
  replicaPool: PostgresPool;
  primaryPool: PostgresPool;
  warn: (message: string, error: unknown) => void;
  now?: () => number;
}

export function readRoutingDialect(options: ReadRoutingOptions): { dialect: Dialect; state: ReplicaState } {
  const router = new Router(options.warn, options.now ?? Date.now);
  const driver = new RoutingDriver(
    new PostgresDriver({ pool: options.replicaPool }),
    new PostgresDriver({ pool: options.primaryPool }),
    router,
  );
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => driver,
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new PostgresIntrospector(db),
  };
  return { dialect, state: router };
}
