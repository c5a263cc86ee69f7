import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import { NATIONAL_ACCOUNTS } from '../../domain/demo/national-accounts.ts';
import { NationalRegistries } from '../../domain/demo/national-registries.ts';
import type { ScaleSpec } from '../../domain/demo/national-scale.ts';
import { planNationalTree } from '../../domain/demo/national-tree.ts';
import { SYSTEM_ACTOR, writeAudit } from '../audit/audit.repository.ts';
import { hashPassword } from '../auth/secrets.ts';
import type { DatabaseKind } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { countUnits } from '../org/org.repository.ts';
import { rebuildAggregates } from '../progress/aggregates-rebuild.ts';
import { insertDemoAccount } from './demo.loader.ts';
import { deferredObjects, dropDeferred, recreationWaves, type DeferredObject } from './national-indexes.ts';
import { batchRows, copyLine, parseCopyField, TABLE_ORDER, TABLES, treeRows, type TableName } from './national-tables.ts';

/**
 * Bulk loader for national-shaped datasets. Phases, each reported with its rows per second:
 * 1. drop the secondary indexes and constraints of the loaded tables (national-indexes.ts);
 * 2. generate: stream the generator into one COPY-text file per table (the generation time is
 *    measured apart from the database's);
 * 3. load: PostgreSQL — `COPY … FROM STDIN`, two tables at a time (2 cores); PGlite, which
 *    cannot take COPY over its socket — batched `INSERT … SELECT FROM unnest()` of the same rows;
 * 4. recreate indexes and constraints, two at a time, largest tables first;
 * 5. move identity sequences past the loaded ids, create the demo accounts, VACUUM/ANALYZE.
 * Not one transaction: a failed load leaves a half-filled database, to be dropped and redone.
 */
export interface LoadTarget {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Connection URL for extra COPY connections (PostgreSQL only). */
  url: string | null;
}

export interface Phase {
  name: string;
  seconds: number;
  rows?: number;
}

export interface NationalLoadReport {
  created: boolean;
  scale: string;
  seed: number;
  rows: Record<TableName, number>;
  phases: Phase[];
  deferred: { table: string; name: string; kind: string; seconds: number }[];
  seconds: number;
}

type Log = (line: string) => void;

const vi = (n: number, digits = 0) => n.toLocaleString('vi-VN', { maximumFractionDigits: digits });
const since = (t: number) => (performance.now() - t) / 1000;
const TABLE_LABELS: Record<TableName, string> = {
  org_unit: 'đơn vị',
  org_placement: 'vị trí trong cây',
  employer: 'đơn vị sử dụng lao động',
  grassroots_profile: 'hồ sơ CĐCS',
  member: 'đoàn viên',
  membership: 'quá trình sinh hoạt',
  agreement: 'thỏa ước',
};

export async function loadNational(target: LoadTarget, scale: ScaleSpec, seed: number, log: Log): Promise<NationalLoadReport> {
  const started = performance.now();
  const rows = Object.fromEntries(TABLE_ORDER.map((t) => [t, 0])) as Record<TableName, number>;
  const report: NationalLoadReport = { created: false, scale: scale.name, seed, rows, phases: [], deferred: [], seconds: 0 };
  if ((await countUnits(target.db)) > 0) return report;
  const phase = async <T>(name: string, work: () => Promise<T>, count?: () => number): Promise<T> => {
    const t = performance.now();
    const result = await work();
    const p: Phase = { name, seconds: since(t), ...(count ? { rows: count() } : {}) };
    report.phases.push(p);
    log(
      `✓ ${name}: ${p.seconds.toFixed(1)} giây${p.rows !== undefined ? `, ${vi(p.rows)} dòng (${vi(p.rows / Math.max(p.seconds, 0.001))} dòng/giây)` : ''}`,
    );
    return result;
  };

  const tables = TABLE_ORDER.map((t) => TABLES[t].table);
  const deferred = await deferredObjects(target.db, tables);
  await phase(`Bỏ tạm ${deferred.length} chỉ mục và ràng buộc`, async () => {
    await dropDeferred(target.db, deferred);
    // Statement triggers (the membership no-overlap check, roll-up maintenance) would hold every
    // COPYed row in a transition table; their whole-table equivalents run once after the load.
    for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} DISABLE TRIGGER USER`.execute(target.db);
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tiendo-${scale.name}-`));
  try {
    const tree = planNationalTree(scale, seed);
    const total = () => Object.values(rows).reduce((s, n) => s + n, 0);
    await phase('Sinh dữ liệu (tệp COPY)', async () => spool(tree, dir, rows, log), total);
    for (const table of [...TABLE_ORDER].sort((a, b) => rows[b] - rows[a]))
      log(`  ${TABLE_LABELS[table]} (${table}): ${vi(rows[table])} dòng`);
    await phase(
      target.kind === 'postgres' ? 'Nạp bằng COPY' : 'Nạp bằng INSERT theo lô (PGlite không nhận COPY)',
      () => loadFiles(target, dir, rows, log),
      total,
    );
    await phase('Dựng lại chỉ mục và ràng buộc', () => recreate(target, deferred, rows, report, log));
    await phase('Kiểm tra toàn bảng thay cho các trigger đã tắt', async () => {
      await assertNoOverlappingMemberships(target.db);
      for (const step of AFTER_LOAD_STEPS) await step(target.db);
      for (const table of tables) await sql`ALTER TABLE ${sql.table(table)} ENABLE TRIGGER USER`.execute(target.db);
    });
    await phase('Đặt lại bộ đếm id, tạo tài khoản mẫu', async () => {
      for (const t of TABLE_ORDER.filter((name) => TABLES[name].identity)) {
        await sql`SELECT setval(pg_get_serial_sequence(${t}, 'id'), (SELECT coalesce(max(id), 0) + 1 FROM ${sql.table(t)}), false)`.execute(
          target.db,
        );
      }
      await createAccounts(target.db, new Map(tree.units.map((u) => [u.code, u.id])));
    });
    // VACUUM also sets the visibility map (index-only scans) and hint bits, so the first
    // benchmark runs do not pay for them; ANALYZE gives the planner the real distributions.
    await phase(target.kind === 'postgres' ? 'VACUUM ANALYZE' : 'ANALYZE', () =>
      sql.raw(target.kind === 'postgres' ? 'VACUUM (ANALYZE)' : 'ANALYZE').execute(target.db),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report.created = true;
  report.seconds = since(started);
  await writeAudit(target.db, SYSTEM_ACTOR, {
    action: 'demo.create',
    detail: { seed, scale: scale.name, rows, phases: report.phases, deferred: report.deferred, seconds: report.seconds },
  });
  return report;
}

/**
 * Whole-table work that replaces the statement triggers disabled during the load (e.g. rebuilding
 * maintained aggregates), run after the indexes exist and before the triggers are enabled again.
 */
export const AFTER_LOAD_STEPS: ((db: Kysely<DB>) => Promise<void>)[] = [
  // The progress roll-ups (kept by statement triggers on the registries and the tree) from scratch.
  async (db) => {
    await rebuildAggregates(db);
  },
];

/**
 * The rule the membership trigger keeps row by row, checked once over the loaded table: each
 * person's periods, in start order, never begin before the previous one ends. One ordered scan
 * of the (member_id, valid_from) index.
 */
async function assertNoOverlappingMemberships(db: Kysely<DB>): Promise<void> {
  const clash = await sql<{ member_id: number }>`
    SELECT member_id FROM (
      SELECT member_id, valid_from, lag(coalesce(valid_to, 'infinity'::date)) OVER (PARTITION BY member_id ORDER BY valid_from) AS previous_end
      FROM membership) periods
    WHERE previous_end > valid_from
    LIMIT 1`.execute(db);
  if (clash.rows[0]) throw new Error(`generated memberships overlap for member ${clash.rows[0].member_id}`);
}

/** Writes each table's rows as COPY text into `dir/<table>.tsv`, buffered (one write per MB). */
async function spool(tree: ReturnType<typeof planNationalTree>, dir: string, rows: Record<TableName, number>, log: Log): Promise<void> {
  const files = new Map<TableName, { fd: number; buffer: string }>(
    TABLE_ORDER.map((t) => [t, { fd: fs.openSync(path.join(dir, `${t}.tsv`), 'w'), buffer: '' }]),
  );
  const put = (table: TableName, values: Parameters<typeof copyLine>[0]) => {
    const f = files.get(table)!;
    f.buffer += copyLine(values);
    rows[table]++;
    if (f.buffer.length > 1 << 20) {
      fs.writeSync(f.fd, f.buffer);
      f.buffer = '';
    }
  };
  for (const [table, values] of treeRows(tree)) put(table, values);
  let lastReport = performance.now();
  const started = performance.now();
  for (const batch of new NationalRegistries(tree).batches()) {
    for (const [table, values] of batchRows(batch)) put(table, values);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      log(
        `  … ${vi(rows.member)} đoàn viên, ${vi(rows.employer)} đơn vị sử dụng lao động (${vi(rows.member / since(started))} đoàn viên/giây)`,
      );
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  for (const f of files.values()) {
    if (f.buffer) fs.writeSync(f.fd, f.buffer);
    fs.closeSync(f.fd);
  }
}

async function loadFiles(target: LoadTarget, dir: string, rows: Record<TableName, number>, log: Log): Promise<void> {
  const bySize = [...TABLE_ORDER].sort((a, b) => rows[b] - rows[a]);
  const one = async (table: TableName) => {
    const t = performance.now();
    if (target.kind === 'postgres') await copyTable(target.url!, dir, table);
    else await insertTable(target.db, dir, table);
    const s = since(t);
    log(`  ${table}: ${vi(rows[table])} dòng trong ${s.toFixed(1)} giây (${vi(rows[table] / Math.max(s, 0.001))} dòng/giây)`);
  };
  await runPool(bySize, target.kind === 'postgres' ? 2 : 1, one);
}

async function copyTable(url: string, dir: string, table: TableName): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const columns = TABLES[table].columns.map(([c]) => c).join(', ');
    await pipeline(
      fs.createReadStream(path.join(dir, `${table}.tsv`), { highWaterMark: 1 << 20 }),
      client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)),
    );
  } finally {
    await client.end();
  }
}

/** PGlite's socket does not speak the COPY sub-protocol: the same rows go in as 2,000-row unnest() inserts. */
async function insertTable(db: Kysely<DB>, dir: string, table: TableName): Promise<void> {
  const spec = TABLES[table];
  const names = spec.columns.map(([c]) => c);
  const select = sql.raw(spec.columns.map(([, type], i) => `c${i}::${type}`).join(', '));
  const head = sql.raw(`INSERT INTO ${table} (${names.join(', ')}) ${spec.identity ? 'OVERRIDING SYSTEM VALUE ' : ''}`);
  const aliases = sql.raw(names.map((_, i) => `c${i}`).join(', '));
  let columns: (string | null)[][] = names.map(() => []);
  const flush = async () => {
    if (columns[0]!.length === 0) return;
    await sql`${head} SELECT ${select} FROM unnest(${sql.join(columns.map((c) => sql`${c}::text[]`))}) AS x(${aliases})`.execute(db);
    columns = names.map(() => []);
  };
  const lines = readline.createInterface({ input: fs.createReadStream(path.join(dir, `${table}.tsv`)), crlfDelay: Infinity });
  for await (const line of lines) {
    const fields = line.split('\t');
    for (let i = 0; i < fields.length; i++) columns[i]!.push(parseCopyField(fields[i]!));
    if (columns[0]!.length >= 2000) await flush();
  }
  await flush();
}

async function recreate(
  target: LoadTarget,
  objects: DeferredObject[],
  rows: Record<TableName, number>,
  report: NationalLoadReport,
  log: Log,
): Promise<void> {
  const size = (o: DeferredObject) => rows[o.table as TableName] ?? 0;
  for (const wave of recreationWaves(objects)) {
    // The exclusion constraints' GiST builds are the long poles (no sorted build for btree_gist in PG 15): start them first.
    const ordered = [...wave].sort((a, b) => Number(b.kind === 'exclusion') - Number(a.kind === 'exclusion') || size(b) - size(a));
    const build = async (o: DeferredObject, db: Kysely<DB>) => {
      const t = performance.now();
      await sql.raw(o.create).execute(db);
      const seconds = since(t);
      report.deferred.push({ table: o.table, name: o.name, kind: o.kind, seconds });
      log(`  ${o.name} (${o.kind}, ${o.table}): ${seconds.toFixed(1)} giây`);
    };
    if (target.kind !== 'postgres') {
      for (const o of ordered) await build(o, target.db);
      continue;
    }
    // Two builds at a time on their own sessions, each with generous maintenance memory. An
    // ALTER TABLE (constraint) locks its table exclusively, so it never runs beside another
    // build on the same table (it would just wait and idle a core); plain indexes may share.
    await runPool(
      ordered,
      2,
      async (o) => {
        const client = new pg.Client({ connectionString: target.url! });
        await client.connect();
        try {
          await client.query(`SET maintenance_work_mem = '1GB'`);
          const t = performance.now();
          await client.query(o.create);
          const seconds = since(t);
          report.deferred.push({ table: o.table, name: o.name, kind: o.kind, seconds });
          log(`  ${o.name} (${o.kind}, ${o.table}): ${seconds.toFixed(1)} giây`);
        } finally {
          await client.end();
        }
      },
      (a, b) => a.table === b.table && (a.kind !== 'index' || b.kind !== 'index'),
    );
  }
}

async function createAccounts(db: Kysely<DB>, unitIds: Map<string, number>): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of NATIONAL_ACCOUNTS) {
    const unitId = unitIds.get(account.unitCode);
    if (unitId === undefined) continue; // a tiny test shape may lack the unit
    await insertDemoAccount(db, account, unitId, passwordHash);
  }
}

/** Runs `work` over `items`, `width` at a time, never starting an item that `conflicts` with one running. */
async function runPool<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>,
  conflicts: (a: T, b: T) => boolean = () => false,
): Promise<void> {
  const pending = [...items];
  const running = new Set<T>();
  const waiting: (() => void)[] = [];
  const worker = async (): Promise<void> => {
    while (pending.length > 0) {
      const index = pending.findIndex((item) => ![...running].some((r) => conflicts(item, r)));
      if (index < 0) {
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const [item] = pending.splice(index, 1) as [T];
      running.add(item);
      try {
        await work(item);
      } finally {
        running.delete(item);
        for (const resolve of waiting.splice(0)) resolve();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
