/**
 * `npm run bench -- [--scale province|national] [--only NAME[,NAME]] [--runs N]
 *                   [--database-url URL | --data-dir DIR] [--name NAME] [--replica] [--skip-baselines]`
 *
 * Runs the named scenarios (bench/scenarios/index.ts) against the real server started on
 * loopback (`node bin/tiendo.js start`, no web app) over a dataset loaded beforehand with
 * `tiendo demo --scale …`, signed in as a demo account; times each baseline directly on the
 * database in the same run; writes bench/results/<date>-<name>-<scale>-<database>.{json,md} (name
 * "bench" unless --name, so that a run of a few scenarios does not overwrite the day's full run).
 *
 * Defaults: --scale province; the database is DATABASE_URL, else tiendo_<scale> on the local
 * PostgreSQL; --data-dir benchmarks the embedded PGlite data folder instead; --replica sends the
 * server's reads to a hot standby started for the run (bench/replica.ts) and records its lag.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CompiledQuery } from 'kysely';
import { openDatabase, type Database } from '../server/db/database.ts';
import { median, percentile, watchPeakRss, writeResults, type ScenarioResult } from './harness.ts';
import { SCENARIOS } from './scenarios/index.ts';
import { startBenchReplica, type BenchReplica } from './replica.ts';
import { login, startServer } from './server-process.ts';
import type { BenchContext, BenchDb, Measured, Scenario } from './scenarios/scenario.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'province' },
    only: { type: 'string' },
    runs: { type: 'string' },
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    name: { type: 'string', default: 'bench' },
    replica: { type: 'boolean', default: false },
    'skip-baselines': { type: 'boolean', default: false },
  },
});
const scale = values.scale!;
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : null;
const databaseUrl = dataDir
  ? null
  : (values['database-url'] ?? process.env.DATABASE_URL ?? `postgres://postgres@127.0.0.1:5432/tiendo_${scale}`);
const only = values.only?.split(',').map((s) => s.trim());
const selected = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
if (only && selected.length !== only.length)
  throw new Error(`unknown scenario in --only; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
/** The account: a confederation officer at national scale, the province's officer otherwise (both may see personal data, as exports need). */
const USERNAME = scale === 'national' ? 'canbo.tw' : 'canbo.tinh';

function benchDb(database: Database): BenchDb {
  return {
    query: async (text, params = []) => (await database.db.executeQuery(CompiledQuery.raw(text, params))).rows as never,
    kysely: database.db,
  };
}

async function withDb<T>(work: (db: BenchDb) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl, dataDir, poolSize: 2 });
  try {
    return await work(benchDb(database));
  } finally {
    await database.close();
  }
}

async function context(db: BenchDb): Promise<BenchContext> {
  const [province] = await db.query<{ id: number; code: string; path: string }>(
    `SELECT u.id, u.code, p.path::text AS path FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
     WHERE u.kind = 'province' ORDER BY u.code = 'HCM' DESC, u.code = 'TNI' DESC LIMIT 1`,
  );
  if (!province) throw new Error('no province in the database: load one with `tiendo demo --scale …`');
  const [commune] = await db.query<{ id: number; code: string; path: string; members: number }>(
    `SELECT c.unit_id AS id, u.code, c.path::text AS path, count(*)::int AS members
     FROM org_placement c JOIN org_unit u ON u.id = c.unit_id
     JOIN org_placement p ON p.path <@ c.path AND p.valid_to IS NULL JOIN member m ON m.current_unit_id = p.unit_id
     WHERE c.parent_id = $1 AND c.valid_to IS NULL AND u.kind = 'commune'
     GROUP BY 1, 2, 3 ORDER BY members DESC LIMIT 1`,
    [province.id],
  );
  const [{ n }] = (await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL WHERE p.path <@ $1::ltree`,
    [province.path],
  )) as [{ n: number }];
  return {
    scale,
    database: dataDir ? 'pglite' : 'postgres',
    province: { ...province, id: Number(province.id), members: n },
    commune: { ...commune!, id: Number(commune!.id) },
  };
}

/**
 * Warm-up, then timed runs. A slow scenario stops early once it has spent `budgetMs` and has at
 * least `minRuns` runs (its p95 is then the slowest run, and the runs column says how many).
 */
async function timed(
  runs: number,
  warmup: number,
  once: () => Promise<Measured>,
  budgetMs = 180_000,
  minRuns = 5,
): Promise<{ times: number[]; rows?: number }> {
  for (let i = 0; i < warmup; i++) {
    const t = performance.now();
    await once();
    if (performance.now() - t > 5_000) break; // one warm-up is enough for a multi-second query
  }
  const times: number[] = [];
  let rows: number | undefined;
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    rows = (await once()).rows;
    times.push(performance.now() - t);
    if (times.length >= minRuns && performance.now() - started > budgetMs) break;
  }
  return { times, rows };
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US')} ms`;

async function main(): Promise<void> {
  const runsOverride = values.runs ? Number(values.runs) : undefined;
  // 1. Untimed preparation on a direct connection (closed again: PGlite allows one process).
  const { ctx, states } = await withDb(async (db) => {
    const ctx = await context(db);
    const states = new Map<string, unknown>();
    for (const s of selected) if (s.prepare) states.set(s.name, await s.prepare(db, ctx));
    return { ctx, states };
  });
  console.error(
    `scale ${scale} on ${ctx.database}: province ${ctx.province.code} (${ctx.province.members.toLocaleString('en-US')} members), commune ${ctx.commune.code} (${ctx.commune.members.toLocaleString('en-US')} members)`,
  );

  // 2. The real thing: HTTP against the server, peak memory of its process tree per scenario.
  const results = new Map<string, ScenarioResult>();
  const measured = selected.filter((s) => s.measure);
  if (values.replica && !databaseUrl) throw new Error('--replica needs PostgreSQL (not --data-dir)');
  // Started after the preparation, so the standby's copy already holds what the scenarios read.
  const replica: BenchReplica | null =
    values.replica && measured.length ? await startBenchReplica(databaseUrl!, (line) => console.error(line)) : null;
  if (measured.length) {
    const loadBefore = os.loadavg();
    const server = await startServer({ databaseUrl, dataDir, extraEnv: replica ? { DATABASE_READ_URL: replica.readUrl } : {} });
    try {
      const http = await login(server.url, USERNAME);
      replica?.probe();
      for (const s of measured as Scenario<unknown>[]) {
        const peak = watchPeakRss(server.child.pid!);
        const { times, rows } = await timed(runsOverride ?? s.runs ?? 40, s.warmup ?? 5, () => s.measure!(http, states.get(s.name), ctx));
        const med = median(times);
        results.set(s.name, {
          name: s.name,
          description: s.description,
          runs: times.length,
          medianMs: med,
          p95Ms: percentile(times, 95),
          rows,
          rowsPerSecond: rows !== undefined && rows > 50 ? rows / (med / 1000) : undefined,
          peakRssMb: peak.stop(),
          notes: s.notes?.(states.get(s.name), ctx),
        });
        console.error(`${s.name}: median ${ms(med)}, p95 ${ms(percentile(times, 95))}`);
      }
      if (replica) {
        const lag = await replica.lag();
        const reads = await replicaReads(server.url);
        const note = `reads on the standby ${reads.replica.toLocaleString('en-US')}, fell back to the primary ${reads.fallback}; replay lag while the scenarios ran (${lag.samples} probes, 1 commit every 250 ms): median ${ms(lag.medianMs)}, p95 ${ms(lag.p95Ms)}, max ${ms(lag.maxMs)}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${lag.loadAverage.map((l) => l.toFixed(1)).join(' / ')} after (1/5/15 min)`;
        console.error(note);
        for (const r of results.values()) r.notes = [r.notes, note].filter(Boolean).join('; ');
      }
    } finally {
      await server.stop();
      await replica?.stop();
    }
  }

  // 3. Baselines and recorded figures, directly on the database, in the same run.
  await withDb(async (db) => {
    for (const s of selected as Scenario<unknown>[]) {
      if (s.fixed) results.set(s.name, { name: s.name, description: s.description, ...(await s.fixed(db, ctx)) });
      const r = results.get(s.name);
      // --skip-baselines: a rerun of the same scenarios another way (the replica) need not redo minutes of naive queries.
      if (s.baseline && r && !values['skip-baselines']) {
        const { times } = await timed(
          runsOverride ? Math.min(runsOverride, s.baseline.runs ?? 5) : (s.baseline.runs ?? 5),
          1,
          () => s.baseline!.measure(db, states.get(s.name), ctx),
          120_000,
          3,
        );
        const med = median(times);
        r.baseline = { description: s.baseline.description, medianMs: med, ratio: med / r.medianMs };
        const p95 = percentile(times, 95);
        r.notes = [
          r.notes,
          `p95 ${ms(r.p95Ms)} vs ${ms(p95)} naive (${(p95 / r.p95Ms).toFixed(1)}×); median ${ms(r.medianMs)} vs ${ms(med)} (${(med / r.medianMs).toFixed(1)}×)`,
        ]
          .filter(Boolean)
          .join('; ');
        console.error(`${s.name}: ${r.notes}`);
      }
    }
  });

  const ordered = selected.map((s) => results.get(s.name)).filter((r): r is ScenarioResult => r !== undefined);
  for (const r of ordered) r.notes = [r.notes, ctxNote(r.name, ctx)].filter(Boolean).join('; ');
  const written = writeResults(values.name!, `${scale}-${ctx.database}${values.replica ? '-replica' : ''}`, ordered);
  console.log(fs.readFileSync(written.markdown, 'utf8'));
  console.error(`written: ${path.relative(ROOT, written.json)}, ${path.relative(ROOT, written.markdown)}`);
}

/** What the server's /metrics says about where its reads went (loopback: no token needed). */
async function replicaReads(url: string): Promise<{ replica: number; fallback: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (target: string) => Number(new RegExp(`tiendo_db_reads_total\\{target="${target}"\\} (\\S+)`).exec(text)?.[1] ?? NaN);
  return { replica: value('replica'), fallback: value('primary_fallback') };
}

function ctxNote(name: string, ctx: BenchContext): string {
  if (name.startsWith('member-')) return `province ${ctx.province.code}, ${ctx.province.members.toLocaleString('en-US')} members`;
  if (name === 'export-commune') return `commune ${ctx.commune.code}, ${ctx.commune.members.toLocaleString('en-US')} members`;
  return '';
}

await main();
