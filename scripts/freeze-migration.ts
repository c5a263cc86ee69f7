/**
 * Freezes migrations: runs every migration on an empty PostgreSQL database, records the
 * statements each named migration executed (up, then down from the fully migrated state), and
 * rewrites that migration's file to replay exactly those statements. A migration that imported
 * live code (a catalogue, a role list, SQL built by today's progress module) would otherwise
 * change what it does on a fresh database whenever that code changes.
 *
 * Usage (the database must be empty; it is left migrated, drop it afterwards):
 *   createdb -h 127.0.0.1 -U postgres tiendo_freeze
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/tiendo_freeze \
 *     node --import tsx scripts/freeze-migration.ts 0002-accounts 0005-targets
 *
 * Write a new migration with literal SQL and it never needs this; use it when a migration was
 * written with helpers from live code, before it is merged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kysely, PostgresDialect, type Migration } from 'kysely';
import pg from 'pg';
import { migrations } from '../server/db/migrations/index.ts';

interface Statement {
  sql: string;
  parameters: readonly unknown[];
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../server/db/migrations/', import.meta.url));

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const names = process.argv.slice(2);
  if (!url || names.length === 0) throw new Error('DATABASE_URL=<empty database> node --import tsx scripts/freeze-migration.ts NAME…');
  for (const name of names) if (!migrations[name]) throw new Error(`No migration named ${name}`);

  let captured: Statement[] | null = null;
  const db = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
    log: (event) => {
      if (event.level === 'error') return;
      captured?.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const ordered = Object.keys(migrations).sort(); // Kysely's Migrator applies them in name order
  const ups = new Map<string, Statement[]>();
  const downs = new Map<string, Statement[]>();
  const run = async (name: string, step: keyof Migration, into: Map<string, Statement[]>) => {
    captured = [];
    await migrations[name]![step]?.(db);
    into.set(name, captured);
    captured = null;
  };
  try {
    for (const name of ordered) await run(name, 'up', ups);
    for (const name of [...ordered].reverse()) await run(name, 'down', downs);
  } finally {
    await db.destroy();
  }

  for (const name of names) {
    const file = path.join(MIGRATIONS_DIR, `${name}.ts`);
    fs.writeFileSync(file, frozenSource(fs.readFileSync(file, 'utf8'), ups.get(name)!, downs.get(name)!));
    console.log(`${name}: ${ups.get(name)!.length} up, ${downs.get(name)!.length} down statements`);
  }
}

/** A parameter as a SQL literal (standard_conforming_strings is on in PostgreSQL 15 and PGlite). */
function literal(value: unknown): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  if (Array.isArray(value)) {
    const element = (v: unknown) => (v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
    return literal(`{${value.map(element).join(',')}}`);
  }
  throw new Error(`a parameter of type ${typeof value} cannot be written as a literal`);
}

/** The statement with its $n placeholders replaced by literals, so the file holds plain SQL. */
function inline(s: Statement): string {
  if (s.parameters.length === 0) return s.sql;
  if (s.sql.includes('$$') || /\$[a-z_]*\$/i.test(s.sql)) throw new Error(`dollar quoting beside parameters: ${s.sql.slice(0, 80)}`);
  return s.sql.replace(/\$(\d+)/g, (_, n: string) => literal(s.parameters[Number(n) - 1]));
}

const template = (text: string) => `\`${text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')}\``;

/** The original file's first doc comment (what the migration is for) is kept above the statements. */
function frozenSource(original: string, up: Statement[], down: Statement[]): string {
  const doc = /\/\*\*[\s\S]*?\*\//.exec(original)?.[0];
  const list = (statements: Statement[]) =>
    statements.length ? `[\n${statements.map((s) => `  ${template(inline(s))},`).join('\n')}\n]` : '[]';
  return `import { sql, type Kysely } from 'kysely';
${doc ? `\n${doc}\n` : ''}
// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = ${list(up)};

const DOWN: string[] = ${list(down)};

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
`;
}

await main();
