import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { AppError } from '../../domain/errors/app-error.ts';
import { redactUrl } from '../config/config.ts';
import { startEmbeddedServer, type EmbeddedServer } from './embedded/embedded-database.ts';
import type { DB } from './schema.ts';

// DATE stays a 'YYYY-MM-DD' string (a JS Date would shift it by the time zone);
// int8 (ids, count(*)) becomes a number: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real PostgreSQL server; when null the embedded PGlite is used. */
  databaseUrl: string | null;
  /** Embedded data folder; null = in memory (tests). Ignored with a databaseUrl. */
  dataDir: string | null;
  /** Connections in the pool (real PostgreSQL only; PGlite has exactly one). */
  poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedServer | null = null;
  let url = options.databaseUrl;
  if (url === null) {
    embedded = await startEmbeddedServer(options.dataDir);
    url = embedded.url;
  }
  const pool = new pg.Pool({
    connectionString: url,
    // PGlite is one session: a single pooled connection serialises transactions correctly.
    max: embedded ? 1 : (options.poolSize ?? 10),
    connectionTimeoutMillis: 10_000,
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy().catch(() => {});
    await embedded?.stop();
    throw connectionError(options.databaseUrl, error);
  }
  return {
    db,
    kind: embedded ? 'pglite' : 'postgres',
    async close() {
      await db.destroy();
      await embedded?.stop();
    },
  };
}

function connectionError(databaseUrl: string | null, error: unknown): AppError {
  const reason = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code : String(error);
  const where = databaseUrl ? `PostgreSQL tại ${redactUrl(databaseUrl)}` : 'cơ sở dữ liệu nhúng';
  return new AppError('DB_UNREACHABLE', 'unavailable', `Không kết nối được ${where}: ${reason}`);
}
