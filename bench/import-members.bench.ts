/**
 * Issue 4 figures: importing member rows from XLSX through `tiendo import` (the real CLI, so the
 * whole pipeline is measured: read, validate, batch upserts, accounting), on PostgreSQL for
 * 1,000,000 rows and on the embedded PGlite for 100,000 rows. Peak memory is the importing
 * process's (plus, on PGlite, its database child). Baseline in the same run: reading the same
 * file with exceljs's streaming reader, the obvious library way, which only reads.
 *
 *   npx tsx bench/import-members.bench.ts [--rows-pg 1000000] [--rows-embedded 100000] [--runs 1]
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { validMemberRows, writeMemberFile } from '../test/support/member-files.ts';
import { median, percentile, watchPeakRss, writeResults, type ScenarioResult } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
const { values } = parseArgs({
  options: {
    'rows-pg': { type: 'string', default: '1000000' },
    'rows-embedded': { type: 'string', default: '100000' },
    runs: { type: 'string', default: '1' },
  },
});
const runs = Number(values.runs);

async function memberFile(rows: number): Promise<string> {
  const cached = path.join(os.tmpdir(), `tiendo-bench-members-${rows}.xlsx`);
  if (fs.existsSync(cached)) return cached;
  console.error(`generating ${rows} rows…`);
  const communes = ['P01', 'P02', 'P03', 'P04', 'P05', 'P06', 'X07', 'X08', 'X09', 'P10', 'P11'];
  const codes = Array.from({ length: 66 }, (_, i) => `TNI-${communes[i % 11]}-${String(1 + Math.floor(i / 11)).padStart(4, '0')}`);
  async function* rowsOf() {
    for (let start = 0; start < rows; start += 50_000) yield* validMemberRows(Math.min(50_000, rows - start), codes, start);
  }
  const file = await writeMemberFile(rowsOf() as unknown as never);
  fs.renameSync(file, cached);
  return cached;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = watchPeakRss(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const peakMb = peak.stop();
      if (code !== 0) reject(new Error(`tiendo ${args.join(' ')} failed: ${stderr}`));
      else resolve({ ms: performance.now() - started, peakMb, stdout });
    });
  });
}

async function exceljsRead(file: string): Promise<number> {
  const started = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const _row of sheet) {
      // every row read: the time is what is measured
    }
  }
  return performance.now() - started;
}

async function scenario(kind: 'postgres' | 'embedded', rows: number): Promise<ScenarioResult> {
  const file = await memberFile(rows);
  const times: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    let env: NodeJS.ProcessEnv;
    let cleanup: () => Promise<void>;
    if (kind === 'postgres') {
      const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
      const name = `tiendo_bench_import_${i}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      env = { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' };
      cleanup = async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      };
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-bench-embedded-'));
      env = { ...process.env, TIENDO_DATA_DIR: dir, DATABASE_URL: '', LOG_LEVEL: 'warn' };
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
    }
    const demo = spawnSync(process.execPath, [BIN, 'demo', '--without-registries'], { cwd: ROOT, env, encoding: 'utf8' });
    if (demo.status !== 0) throw new Error(demo.stderr);
    const result = await run(['import', 'members', file, '--unit', 'TNI'], env);
    if (!result.stdout.includes(`Dòng đọc: ${rows} = thêm mới ${rows} + cập nhật 0 + giữ nguyên 0 + từ chối 0`)) {
      throw new Error(`unexpected accounting: ${result.stdout}`);
    }
    times.push(result.ms);
    peaks.push(result.peakMb);
    await cleanup();
    console.error(`${kind} run ${i + 1}: ${Math.round(result.ms)} ms, peak ${result.peakMb} MB`);
  }
  const baselineMs = await exceljsRead(file);
  const med = median(times);
  return {
    name: `import ${rows.toLocaleString('en-US')} members XLSX → ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}`,
    description: 'tiendo import members FILE --unit TNI (process start, migrations check, read, validate, batched upserts)',
    runs,
    medianMs: med,
    p95Ms: percentile(times, 95),
    rows,
    rowsPerSecond: rows / (med / 1000),
    peakRssMb: Math.max(...peaks),
    baseline: { description: 'exceljs streaming read of the same file (read only)', medianMs: baselineMs, ratio: baselineMs / med },
    notes:
      kind === 'embedded'
        ? 'peak RSS is the CLI process plus its PGlite child process'
        : 'peak RSS is the CLI process (the PostgreSQL server is separate)',
  };
}

const results = [await scenario('postgres', Number(values['rows-pg'])), await scenario('embedded', Number(values['rows-embedded']))];
const written = writeResults('import-members', 'province', results);
console.log(fs.readFileSync(written.markdown, 'utf8'));
