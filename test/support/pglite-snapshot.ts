import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '../../server/db/embedded/pglite-extensions.ts';
import { openDatabase, type Database } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrator.ts';

/**
 * A fresh in-memory PGlite runs initdb and then every migration: about four seconds on this
 * 2-core machine, in each of some fifty integration files. Loading a dumped data folder that
 * is already migrated takes half a second. The dump is made once per machine and kept in the
 * temp folder under a name that hashes the migrations and the PGlite version, so a new or
 * changed migration (or a PGlite upgrade) makes a new one; the tests still migrate to latest
 * after loading it, which then finds nothing to do.
 */
const MIGRATIONS = fileURLToPath(new URL('../../server/db/migrations/', import.meta.url));
const PGLITE_PACKAGE = fileURLToPath(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url));
const FOLDER = path.join(os.tmpdir(), 'tiendo-pglite-snapshots');

let made: Promise<string> | null = null;

/** The path of a dumped, migrated PGlite data folder (made on first use). */
export function migratedSnapshot(): Promise<string> {
  made ??= makeSnapshot();
  return made;
}

function snapshotKey(): string {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(PGLITE_PACKAGE));
  for (const name of fs.readdirSync(MIGRATIONS).sort()) {
    hash.update(name);
    hash.update(fs.readFileSync(path.join(MIGRATIONS, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function makeSnapshot(): Promise<string> {
  const file = path.join(FOLDER, `migrated-${snapshotKey()}.tar`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(FOLDER, { recursive: true });
  // Two workers may make it at once: each writes its own file and renames it into place.
  await dumpPrepared({ from: null, to: file, prepare: async () => {} });
  return file;
}

/**
 * Makes a dumped PGlite data folder at `to`: a data folder started from the dump `from` (null: a
 * fresh initdb), migrated to latest and then given `prepare`, all through the same host and
 * driver as the tests, then dumped by PGlite itself. The file appears whole or not at all.
 */
export async function dumpPrepared(options: {
  from: string | null;
  to: string;
  prepare: (db: Database['db']) => Promise<void>;
}): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-pglite-preparing-'));
  try {
    if (options.from) {
      const unpacked = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS, loadDataDir: new Blob([fs.readFileSync(options.from)]) });
      await unpacked.close();
    }
    const database = await openDatabase({ databaseUrl: null, dataDir: dir });
    try {
      await migrateToLatest(database.db);
      await options.prepare(database.db);
    } finally {
      await database.close();
    }
    const pglite = await PGlite.create(dir, { extensions: PGLITE_EXTENSIONS });
    try {
      const dump = await pglite.dumpDataDir('none');
      const partial = `${options.to}.${process.pid}.partial`;
      fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
      fs.renameSync(partial, options.to);
    } finally {
      await pglite.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
