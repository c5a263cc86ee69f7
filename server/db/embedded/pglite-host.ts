/**
 * Child process that owns the embedded PGlite database and speaks the PostgreSQL wire
 * protocol on a loopback port. Running it out of process keeps PGlite's WASM work off the
 * HTTP server's event loop, and lets the application talk `pg` to both database kinds, so
 * every query is exercised the same way on PGlite and on a real PostgreSQL server.
 *
 * Protocol with the parent (IPC): it sends {type:'ready', port} or {type:'error', message};
 * it stops on {type:'shutdown'} or when the parent goes away.
 */
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from './pglite-extensions.ts';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { readFile } from 'node:fs/promises';

const dataDir = process.env.TIENDO_PGLITE_DIR || undefined; // undefined = in memory (tests)
// An in-memory database may start from a dumped data folder (dumpDataDir): tests start from a
// migrated one, as a fresh PGlite runs initdb (seconds) and then every migration.
const seed = dataDir ? undefined : process.env.TIENDO_PGLITE_SEED || undefined;

function send(message: unknown): void {
  if (process.send) process.send(message);
}

async function main(): Promise<void> {
  const db = await PGlite.create(dataDir, {
    extensions: PGLITE_EXTENSIONS,
    ...(seed ? { loadDataDir: new Blob([await readFile(seed)]) } : {}),
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 1 });
  await server.start();
  const port = Number(server.getServerConn().split(':').pop());

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    try {
      await server.stop();
    } finally {
      // Closing flushes PGlite's files; skipping it is how embedded data gets corrupted.
      await db.close();
      process.exit(0);
    }
  };
  process.on('message', (message: { type?: string }) => {
    if (message?.type === 'shutdown') void stop();
  });
  process.on('disconnect', () => void stop());
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
