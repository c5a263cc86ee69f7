/**
 * Issue 24, acceptance 2: how long `tiendo backup` and `tiendo restore` take on a large dataset
 * and how big the file is. Calls the same functions as the CLI (server/ops/backup.ts) so each
 * step is timed; the CLI adds its start-up (~2–5 s) to these figures. The load average is
 * sampled every 5 s during each step, because the machine is shared.
 *
 *   PostgreSQL: npx tsx bench/backup.bench.ts --label national \
 *                 --database-url postgres://postgres@127.0.0.1:5432/tiendo_national \
 *                 --restore-url postgres://postgres@127.0.0.1:5432/tiendo_national_restore
 *               (the restore database must exist and be empty: createdb; drop it afterwards)
 *   Embedded:   npx tsx bench/backup.bench.ts --label province --data-dir /tmp/province \
 *                 --restore-dir /tmp/province-restored
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createBackup, restoreBackup } from '../server/ops/backup.ts';
import { machine } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** English figures for bench/results (the CLI's own formatBytes writes Vietnamese decimals). */
const formatBytes = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const { values } = parseArgs({
  options: {
    label: { type: 'string', default: 'national' },
    'database-url': { type: 'string' },
    'restore-url': { type: 'string' },
    'data-dir': { type: 'string' },
    'restore-dir': { type: 'string' },
    out: { type: 'string' },
  },
});
const postgres = Boolean(values['database-url']);
if (postgres ? !values['restore-url'] : !(values['data-dir'] && values['restore-dir'])) {
  console.error('usage: see the header of bench/backup.bench.ts');
  process.exit(2);
}
const kind = postgres ? 'postgres' : 'pglite';
const out = values.out ?? path.join(os.tmpdir(), `tiendo-bench-backup-${values.label}-${Date.now()}.tar`);

function sampleLoad() {
  const samples: number[] = [os.loadavg()[0]!];
  const timer = setInterval(() => samples.push(os.loadavg()[0]!), 5_000);
  return () => {
    clearInterval(timer);
    samples.push(os.loadavg()[0]!);
    return { min: Math.min(...samples), max: Math.max(...samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
  };
}

async function databaseSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

function folderSize(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name)).size;
  }
  return total;
}

const log = (line: string) => console.error(line);
const sourceBytes = postgres ? await databaseSize(values['database-url']!) : folderSize(values['data-dir']!);

console.error(`backing up ${values.label} (${kind}, ${formatBytes(sourceBytes)}) to ${out}…`);
let load = sampleLoad();
const backup = await createBackup({ databaseUrl: values['database-url'] ?? null, dataDir: values['data-dir'] ?? '' }, out, log);
const backupLoad = load();
console.error(`  ${backup.seconds.toFixed(1)} s, ${formatBytes(backup.archiveBytes)}`);

console.error('restoring…');
load = sampleLoad();
const restore = await restoreBackup(
  { databaseUrl: values['restore-url'] ?? null, dataDir: values['restore-dir'] ?? '' },
  out,
  { force: false },
  log,
);
const restoreLoad = load();
console.error(`  ${restore.seconds.toFixed(1)} s`);
const restoredBytes = postgres ? await databaseSize(values['restore-url']!) : folderSize(values['restore-dir']!);
fs.rmSync(out, { force: true });

const date = new Date().toISOString().slice(0, 10);
const base = path.join(ROOT, 'bench', 'results', `${date}-backup-${values.label}-${kind}`);
const m = backup.manifest;
const result = {
  date: new Date().toISOString(),
  label: values.label,
  database: kind,
  machine: machine(),
  source: {
    bytes: sourceBytes,
    tables: Object.keys(m.tables).length,
    rows: m.totalRows,
    member: m.tables.member,
    membership: m.tables.membership,
    files: m.files.count,
    migration: m.migration,
  },
  backup: {
    seconds: backup.seconds,
    phases: backup.phases,
    archiveBytes: backup.archiveBytes,
    payloadBytes: m.payload.size,
    loadAverage: backupLoad,
  },
  restore: { seconds: restore.seconds, phases: restore.phases, restoredBytes, loadAverage: restoreLoad },
};
fs.writeFileSync(`${base}.json`, `${JSON.stringify(result, null, 2)}\n`);

const s = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const phases = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${s(v)} s`)
    .join(', ');
const loadText = (l: { min: number; max: number; mean: number }) => `${s(l.min)}–${s(l.max)} (mean ${s(l.mean)})`;
fs.writeFileSync(
  `${base}.md`,
  [
    `# backup and restore — ${values.label} — ${kind} — ${date}`,
    '',
    `Machine: ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGb} GiB, Node ${result.machine.node}, ${result.machine.postgres}.`,
    `Shared with other engineers' test runs: the load average (1 min, sampled every 5 s) is given per step.`,
    '',
    `Source: ${formatBytes(sourceBytes)} (${kind === 'postgres' ? 'pg_database_size' : 'data folder'}), ${result.source.tables} tables, ${m.totalRows.toLocaleString('en-US')} rows (member ${(m.tables.member ?? 0).toLocaleString('en-US')}, membership ${(m.tables.membership ?? 0).toLocaleString('en-US')}), ${m.files.count} stored files, migration ${m.migration}.`,
    '',
    '| step | seconds | size | load average | phases |',
    '|---|---:|---:|---|---|',
    `| backup (\`tiendo backup\`) | ${s(backup.seconds)} | ${formatBytes(backup.archiveBytes)} archive (${formatBytes(m.payload.size)} ${m.payload.name}) | ${loadText(backupLoad)} | ${phases(backup.phases)} |`,
    `| restore into an empty database (\`tiendo restore\`) | ${s(restore.seconds)} | ${formatBytes(restoredBytes)} restored | ${loadText(restoreLoad)} | ${phases(restore.phases)} |`,
    '',
    postgres
      ? 'Backup phases: `dump` is pg_dump (custom format) with the row counts and file checksums read in the same snapshot beside it (`inventory`, included in `dump`); `archive` writes the tar. Restore phases: `loaded` is pg_restore piped into psql in one transaction (schema, COPY, indexes and constraints), `checked` the in-transaction comparison of every count and the files digest with the manifest, `committed`, `analyzed` the ANALYZE of every table.'
      : 'Backup phases: `inventory` (counts, checksums), `dump` (PGlite dumpDataDir, gzip), `archive`. Restore phases: `load` (into a new folder), `check` (counts and checksums against the manifest).',
    '',
  ].join('\n'),
);
console.error(`results: ${base}.{json,md}`);
