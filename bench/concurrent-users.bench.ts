/**
 * Many officers at once: N virtual users (default 200), each signed in with a session of their
 * own and a home unit (the province, a commune or a CĐCS, as officers are spread), open Tổng
 * quan (`GET /api/progress`) and search members (`GET /api/members?q=…`) in a closed loop with a
 * think time between clicks, for a bounded time (default 60 s) against the real server on
 * PostgreSQL. Every answer other than 200 counts as an error. The same run first measures one
 * user alone doing the same mix, the baseline the loaded figures are compared with.
 *
 *   npx tsx bench/concurrent-users.bench.ts [--database-url URL] [--users 200] [--seconds 60]
 *                                           [--think-ms 1000] [--name NAME]
 *
 * The dataset: `DATABASE_URL=… tiendo demo --scale province` (Tây Ninh, ~500,000 members).
 */
import { parseArgs } from 'node:util';
import { CompiledQuery } from 'kysely';
import { openDatabase } from '../server/db/database.ts';
import { median, percentile, watchPeakRss, writeResults, type ScenarioResult } from './harness.ts';
import { login, startServer } from './server-process.ts';
import type { BenchHttp } from './scenarios/scenario.ts';

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    users: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    'think-ms': { type: 'string', default: '1000' },
    name: { type: 'string', default: 'concurrent-users' },
    username: { type: 'string', default: 'canbo.tinh' },
  },
});
const databaseUrl = values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tiendo_province';
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const THINK_MS = Number(values['think-ms']);

/** A small deterministic PRNG (mulberry32): the same users, homes and searches on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Workload {
  homes: number[];
  words: string[];
}

/** Home units as officers are spread (1 province : 30 % communes : 60 % CĐCS), and name words to search. */
async function workload(): Promise<Workload> {
  const database = await openDatabase({ databaseUrl, dataDir: null, poolSize: 1 });
  try {
    const q = async <R>(text: string) => (await database.db.executeQuery(CompiledQuery.raw(text, []))).rows as R[];
    const [province] = await q<{ id: number }>(
      `SELECT u.id FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE u.kind = 'province' ORDER BY u.code = 'TNI' DESC LIMIT 1`,
    );
    const communes = await q<{ id: number }>(
      `SELECT u.id FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE u.kind = 'commune' ORDER BY u.id LIMIT 500`,
    );
    const cdcs = await q<{ id: number }>(
      `SELECT u.id FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE u.kind = 'grassroots' ORDER BY u.id LIMIT 5000`,
    );
    const names = await q<{ full_name: string }>(`SELECT full_name FROM member TABLESAMPLE SYSTEM (1) REPEATABLE (7) LIMIT 400`);
    if (!province || communes.length === 0 || cdcs.length === 0)
      throw new Error('no province dataset: run `DATABASE_URL=… tiendo demo --scale province` first');
    const random = prng(2026);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const homes = Array.from({ length: USERS }, (_, i) =>
      Number(i % 10 === 0 ? province.id : i % 10 <= 3 ? pick(communes).id : pick(cdcs).id),
    );
    // Searches as officers type them: a given name, or a family and a given name, without accents half the time.
    const words = names.map((n) => {
      const parts = n.full_name.split(' ');
      const text = random() < 0.5 ? parts.at(-1)! : `${parts[0]} ${parts.at(-1)}`;
      return random() < 0.5
        ? text
            .normalize('NFD')
            .replace(/[\u0300-\u036f]/g, '')
            .replace(/đ/g, 'd')
            .replace(/Đ/g, 'D')
        : text;
    });
    return { homes, words };
  } finally {
    await database.close();
  }
}

type Kind = 'dashboard' | 'search';
interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
  at: number;
  error?: string;
}

/** One click of an officer at `home`: Tổng quan 60 % of the time, a member search otherwise. */
async function click(http: BenchHttp, home: number, random: () => number, words: string[]): Promise<Sample> {
  const kind: Kind = random() < 0.6 ? 'dashboard' : 'search';
  const url =
    kind === 'dashboard'
      ? `/api/progress?unitId=${home}`
      : `/api/members?unitId=${home}&q=${encodeURIComponent(words[Math.floor(random() * words.length)]!)}&limit=50`;
  const started = performance.now();
  let ok: boolean;
  let error: string | undefined;
  try {
    ok = (await http.get(url)).status === 200;
  } catch (e) {
    ok = false; // a refused connection, a 5xx or a 4xx: all errors here
    error = String((e as Error).message).slice(0, 160);
  }
  return { kind, ms: performance.now() - started, ok, at: started, error };
}

function summary(name: string, description: string, samples: Sample[], seconds: number, peakRssMb?: number): ScenarioResult {
  const times = samples.map((s) => s.ms);
  const errors = samples.filter((s) => !s.ok).length;
  return {
    name,
    description,
    runs: samples.length,
    medianMs: median(times),
    p95Ms: percentile(times, 95),
    rows: samples.length,
    rowsPerSecond: samples.length / seconds,
    peakRssMb,
    notes: `${errors} errors of ${samples.length} requests; ${(samples.length / seconds).toFixed(1)} requests/s; p99 ${Math.round(percentile(times, 99))} ms; max ${Math.round(Math.max(...times))} ms`,
  };
}

async function main(): Promise<void> {
  const { homes, words } = await workload();
  const server = await startServer({ databaseUrl, dataDir: null, extraEnv: { LOG_LEVEL: 'warn' } });
  try {
    // Sessions first (argon2 is deliberately slow): signing in is not what is measured.
    const sessions: BenchHttp[] = [];
    for (let i = 0; i < USERS; i++) sessions.push(await login(server.url, values.username!));
    console.error(`${USERS} sessions signed in`);

    // Baseline, same run: one officer alone, the same mix, no think time.
    const alone: Sample[] = [];
    const random0 = prng(1);
    for (let i = 0; i < 10; i++) await click(sessions[0]!, homes[i % homes.length]!, random0, words); // warm-up
    for (let i = 0; i < 100; i++) alone.push(await click(sessions[0]!, homes[i % homes.length]!, random0, words));

    const peak = watchPeakRss(server.child.pid!);
    const samples: Sample[] = [];
    const end = performance.now() + SECONDS * 1000;
    await Promise.all(
      sessions.map(async (http, u) => {
        const random = prng(100 + u);
        // Users arrive over the first think time, not in one burst.
        await new Promise((r) => setTimeout(r, random() * THINK_MS));
        while (performance.now() < end) {
          samples.push(await click(http, homes[u]!, random, words));
          if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + random())));
        }
      }),
    );
    const peakRss = peak.stop();
    const elapsed = SECONDS;
    const results = [
      summary(
        'single-user',
        'one officer alone, same mix (60 % Tổng quan, 40 % member search), sequential, same run',
        alone,
        alone.reduce((s, x) => s + x.ms, 0) / 1000,
      ),
      summary(
        `${USERS}-users`,
        `${USERS} officers for ${SECONDS} s, think time ${THINK_MS} ms ±50 %, all requests`,
        samples,
        elapsed,
        peakRss,
      ),
      summary(
        `${USERS}-users-dashboard`,
        'of which Tổng quan (GET /api/progress)',
        samples.filter((s) => s.kind === 'dashboard'),
        elapsed,
      ),
      summary(
        `${USERS}-users-search`,
        'of which member search (GET /api/members?q=…)',
        samples.filter((s) => s.kind === 'search'),
        elapsed,
      ),
    ];
    const loaded = results[1]!;
    loaded.notes += `; median ${(loaded.medianMs / results[0]!.medianMs).toFixed(1)}× the single user's (${Math.round(results[0]!.medianMs)} ms)`;
    const written = writeResults(values.name!, `${THINK_MS === 0 ? 'no-think-' : ''}province-postgres`, results);
    for (const r of results)
      console.log(`${r.name}: ${r.runs} requests, p50 ${Math.round(r.medianMs)} ms, p95 ${Math.round(r.p95Ms)} ms — ${r.notes}`);
    console.error(`written: ${written.markdown}`);
    const failed = samples.filter((s) => !s.ok);
    const byMessage = new Map<string, number>();
    for (const f of failed) byMessage.set(f.error ?? '?', (byMessage.get(f.error ?? '?') ?? 0) + 1);
    for (const [message, n] of byMessage) console.error(`error ×${n}: ${message}`);
    if (failed.length) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
