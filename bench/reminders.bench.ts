/**
 * Issue 21, acceptance 4: 130,000 CĐCS reminders for one national deadline, queued and delivered
 * to a local SMTP sink (a real SMTP server on loopback, in its own process).
 *
 *   npx tsx bench/reminders.bench.ts [--units 130000] [--concurrency 4,16] [--batch 500] [--database-url URL]
 *
 * A fresh PostgreSQL database: the demo province (no registries) plus `--units` CĐCS under its
 * communes, each with one officer who has an e-mail address. Then, timed:
 * - queue: writeReportReminders for "7 days left" of the six-month form (the production writer:
 *   one INSERT … SELECT for the notifications and one for the e-mail outbox, one transaction);
 * - deliver: EmailDelivery.drain with each `--concurrency` (SMTP connections and lanes), the
 *   outbox reset to pending between runs; mails/s; the sink's distinct Message-IDs must equal
 *   the units.
 * Peak memory: this process's maxRSS (getrusage) and sampled RSS; the sink is not counted.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { loadDemo } from '../server/demo/demo.loader.ts';
import { exclusiveClaims } from '../server/notifications/delivery-claims.ts';
import { EmailDelivery } from '../server/notifications/email-delivery.ts';
import { writeReportReminders } from '../server/notifications/report-reminders.ts';
import { writeResults, type ScenarioResult } from './harness.ts';

const { values } = parseArgs({
  options: {
    units: { type: 'string', default: '130000' },
    concurrency: { type: 'string', default: '4,16' },
    batch: { type: 'string', default: '500' },
    'database-url': { type: 'string' },
  },
});
const UNITS = Number(values.units);
const server = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NAME = 'tiendo_bench_reminders';
/** A day with one grassroots deadline only: the six-month form of 2027-H1, due 2027-06-15. */
const DAY = '2027-06-08';

const log = (...args: unknown[]) => console.error(new Date().toISOString().slice(11, 19), ...args);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const mb = (bytes: number) => Math.round(bytes / 1024 ** 2);

async function freshDatabase(): Promise<string> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${NAME}`;
  return url.toString();
}

function startSink(): Promise<{
  url: string;
  counts(reset?: boolean): Promise<{ accepted: number; distinct: number; duplicates: number }>;
  stop(): void;
}> {
  const child = fork(fileURLToPath(new URL('./reminders-sink.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) =>
    child.once('message', (m: { url: string }) =>
      resolve({
        url: m.url,
        counts: (reset = false) =>
          new Promise((r) => {
            child.once('message', r as never);
            child.send({ reset });
          }),
        stop: () => child.disconnect(),
      }),
    ),
  );
}

const url = await freshDatabase();
const database = await openDatabase({ databaseUrl: url, dataDir: null, poolSize: 20 });
const { db } = database;
await migrateToLatest(db);
let t = performance.now();
await loadDemo(db, 2025, { registries: false });
log(`demo province loaded in ${Math.round(performance.now() - t)} ms`);
t = performance.now();
await sql`UPDATE app_user SET email = NULL`.execute(db); // the demo accounts: not in this batch
// The progress roll-up triggers on placements grow with the tree (130,000 placements in one
// statement ran past 9 minutes); reminders read none of it, so they are off while generating.
await sql`ALTER TABLE org_placement DISABLE TRIGGER USER`.execute(db);
await sql`
  INSERT INTO org_unit (code, name, kind, valid_from)
  SELECT 'BENCH-' || lpad(i::text, 6, '0'), 'Công đoàn cơ sở Doanh nghiệp thử số ' || i, 'grassroots', DATE '2020-01-01' FROM generate_series(1, ${UNITS}) i`.execute(
  db,
);
await sql`
  WITH communes AS (
    SELECT c.unit_id, c.path, row_number() OVER (ORDER BY c.unit_id) - 1 AS k, count(*) OVER () AS n
    FROM org_placement c JOIN org_unit u ON u.id = c.unit_id WHERE u.kind = 'commune' AND c.valid_to IS NULL),
  bench AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS i FROM org_unit WHERE code LIKE 'BENCH-%')
  INSERT INTO org_placement (unit_id, parent_id, path, depth, valid_from)
  SELECT b.id, c.unit_id, c.path || b.id::text, nlevel(c.path), DATE '2020-01-01'
  FROM bench b JOIN communes c ON c.k = b.i % c.n`.execute(db);
log(`units placed after ${Math.round(performance.now() - t)} ms`);
await sql`ALTER TABLE org_placement ENABLE TRIGGER USER`.execute(db);
await sql`
  WITH users AS (
    INSERT INTO app_user (username, full_name, unit_id, email, password_hash)
    SELECT 'bench.' || lower(o.code), 'Cán bộ ' || o.name, o.id, 'chu.tich.' || lower(o.code) || '@example.vn', 'x' FROM org_unit o WHERE o.code LIKE 'BENCH-%'
    RETURNING id)
  INSERT INTO user_role (user_id, role_code) SELECT id, 'grassroots_officer' FROM users`.execute(db);
await sql`ANALYZE`.execute(db);
log(`${UNITS} CĐCS and officers generated in ${Math.round(performance.now() - t)} ms`);

const results: ScenarioResult[] = [];
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');

// Queue: the production writer, the one deadline of the day.
peakRss = 0;
t = performance.now();
const written = await writeReportReminders(db, DAY, { email: true });
const queueMs = performance.now() - t;
const [{ queued }] = (
  await sql<{ queued: number }>`SELECT count(*)::int AS queued FROM notification_delivery WHERE status = 'pending'`.execute(db)
).rows as [{ queued: number }];
log(`queued ${queued} e-mails (${written} notifications) in ${Math.round(queueMs)} ms`);
if (queued !== UNITS) throw new Error(`expected ${UNITS} e-mails queued, got ${queued}`);
results.push({
  name: 'reminders-queue',
  description: `writeReportReminders for ${DAY}: ${written} notifications + ${queued} outbox rows`,
  runs: 1,
  medianMs: Math.round(queueMs),
  p95Ms: Math.round(queueMs),
  rows: queued,
  rowsPerSecond: Math.round(queued / (queueMs / 1000)),
  peakRssMb: mb(peakRss),
  notes: `load average before: ${load()}`,
});

const sink = await startSink();
for (const concurrency of values.concurrency!.split(',').map(Number)) {
  await sql`UPDATE notification_delivery SET status = 'pending', attempts = 0, sent_at = NULL, claimed_by = NULL, next_attempt_at = now() - interval '1 minute'`.execute(
    db,
  );
  await sql`DELETE FROM audit_log WHERE action LIKE 'notification.email_%'`.execute(db);
  await sql`VACUUM ANALYZE notification_delivery`.execute(db);
  await sink.counts(true);
  const loadBefore = load();
  const delivery = new EmailDelivery(db, {
    smtpUrl: sink.url,
    from: 'Tiến Độ <khong-tra-loi@tiendo.test>',
    concurrency,
    batch: Number(values.batch),
    claims: exclusiveClaims(),
  });
  peakRss = 0;
  const cpu = process.cpuUsage();
  t = performance.now();
  const outcome = await delivery.drain();
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  await delivery.stop();
  const counts = await sink.counts();
  log(
    `concurrency ${concurrency}: ${outcome.sent} sent in ${Math.round(ms)} ms (${Math.round(outcome.sent / (ms / 1000))}/s), sink ${counts.distinct} distinct / ${counts.accepted} raw, peak RSS ${mb(peakRss)} MB, load ${load()}`,
  );
  if (outcome.sent !== UNITS || counts.distinct !== UNITS)
    throw new Error(`not every reminder arrived: ${JSON.stringify({ outcome, counts })}`);
  results.push({
    name: `reminders-deliver-c${concurrency}`,
    description: `EmailDelivery.drain, ${concurrency} SMTP connection(s), batch ${values.batch}`,
    runs: 1,
    medianMs: Math.round(ms),
    p95Ms: Math.round(ms),
    rows: outcome.sent,
    rowsPerSecond: Math.round(outcome.sent / (ms / 1000)),
    peakRssMb: mb(peakRss),
    notes: `sink: ${counts.distinct} distinct Message-IDs, ${counts.accepted} raw messages; sender CPU ${Math.round((used.user + used.system) / 1000)} ms; load average before ${loadBefore}, after ${load()}`,
  });
}
sink.stop();
clearInterval(sampler);
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
results.at(-1)!.notes += `; whole bench process maxRSS (getrusage) ${maxRssMb} MB`;
await database.close();
const written2 = writeResults('reminders', `${UNITS}-cdcs-postgres`, results);
log(`results: ${written2.markdown}`);
