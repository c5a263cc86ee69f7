/**
 * Issue 10 figure: drafting the báo cáo kết quả thực hiện of a commune of the demo province
 * (Công đoàn phường Tân Ninh, ~80 CĐCS below it) on the province's action programme with twelve
 * targets, on the embedded PGlite the demo runs on. Measured three ways: the service rendering
 * DOCX and XLSX in process (what the web button waits for), and `tiendo report` end to end (a new
 * process opening the database). Baseline in the same run: the dashboard's own call for the same
 * unit and programme (ProgressService.forUnit), i.e. what the report adds on top of Tổng quan.
 *
 *   npx tsx bench/report-document.bench.ts [--runs 5] [--unit TNI-P01]
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_TODAY } from '../domain/demo/demo-registries.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrator.ts';
import { loadDemo } from '../server/demo/demo.loader.ts';
import { findUnitByCode } from '../server/org/org.repository.ts';
import { ProgressService } from '../server/progress/progress.service.ts';
import { ReportDocumentsService } from '../server/report-documents/report-documents.service.ts';
import { median, percentile, watchPeakRss, writeResults, type ScenarioResult } from './harness.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, unit: { type: 'string', default: 'TNI-P01' } } });
const runs = Number(values.runs);
const PERIOD = '2026';

/** The province's programme: the shares every commune is judged on, and two counts of the commune's own. */
const PROVINCE_TARGETS: [string, Record<string, unknown>][] = [
  ['employers_with_cdcs_share', { comparator: '=', value: 100, min_workers: 25 }],
  ['workers_members_share', { comparator: '>=', value: 80 }],
  ['agreements_share', { comparator: '>=', value: 85 }],
  ['agreements_b_share', { comparator: '>=', value: 50 }],
  ['agreements_better_share', { comparator: '>=', value: 60 }],
  ['dissemination_share', { comparator: '>', value: 90, annual: true }],
  ['democracy_state_share', { comparator: '=', value: 100, annual: true, sectors: ['hcsn', 'dnnn'] }],
  ['women_committee_share', { comparator: '>=', value: 80, annual: true }],
  ['lawsuits_supported_share', { comparator: '>=', value: 90 }],
  ['party_introduced_per_cdcs', { comparator: '>=', value: 1, annual: true }],
];
const COMMUNE_TARGETS: [string, Record<string, unknown>][] = [
  ['members', { comparator: '>', value: 6000 }],
  ['members_new', { comparator: '>=', value: 500, annual: true }],
];

function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  return fn().then((value) => ({ ms: performance.now() - started, value }));
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; peakMb: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const peak = watchPeakRss(child.pid!);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const peakMb = peak.stop();
      if (code !== 0) reject(new Error(`tiendo ${args.join(' ')} failed: ${stderr}`));
      else resolve({ ms: performance.now() - started, peakMb });
    });
  });
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-bench-report-'));
const results: ScenarioResult[] = [];
try {
  console.error('loading the demo province (PGlite)…');
  const database = await openDatabase({ databaseUrl: null, dataDir });
  await migrateToLatest(database.db);
  await loadDemo(database.db, 2025, { registries: true });
  const db = database.db;
  const province = await findUnitByCode(db, 'TNI', DEMO_TODAY);
  const commune = await findUnitByCode(db, values.unit!, DEMO_TODAY);
  if (!province || !commune) throw new Error(`no unit ${values.unit}`);
  const doc = await db
    .insertInto('plan_document')
    .values({
      kind: 'chuong_trinh_hanh_dong',
      symbol: '05/CTr-LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội XI Công đoàn Việt Nam',
      issuer_unit_id: Number(province.id),
      issued_on: '2024-01-18',
      term_from: 2023,
      term_to: 2028,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const documentId = Number(doc.id);
  for (const [unitId, list] of [
    [Number(province.id), PROVINCE_TARGETS],
    [Number(commune.id), COMMUNE_TARGETS],
  ] as const) {
    for (const [indicator, t] of list) {
      await db
        .insertInto('target')
        .values({
          document_id: documentId,
          unit_id: unitId,
          indicator_code: indicator,
          comparator: t.comparator as '>',
          value: t.value as number,
          timing: t.annual ? 'annual' : 'deadline',
          deadline: t.annual ? null : '2028-12-31',
          annual_from: t.annual ? 2023 : null,
          annual_to: t.annual ? 2028 : null,
          sectors: (t.sectors as string[] | undefined) ?? null,
          min_workers: (t.min_workers as number | undefined) ?? null,
          subject: '',
        })
        .execute();
    }
  }
  const children = await db
    .selectFrom('org_placement')
    .select(db.fn.countAll<number>().as('n'))
    .where('parent_id', '=', Number(commune.id))
    .where('valid_to', 'is', null)
    .executeTakeFirstOrThrow();
  const service = new ReportDocumentsService(db);
  const request = { unitId: Number(commune.id), documentId, periodCode: PERIOD, date: DEMO_TODAY };

  const dashboard: number[] = [];
  for (let i = 0; i < runs; i++)
    dashboard.push((await timed(() => new ProgressService(db).forUnit(Number(commune.id), DEMO_TODAY, { documentId }))).ms);
  const baseline = {
    description: 'the dashboard call for the same unit and programme (ProgressService.forUnit)',
    medianMs: median(dashboard),
  };
  for (const format of ['docx', 'xlsx'] as const) {
    const times: number[] = [];
    let bytes = 0;
    await service.render(request, format); // warm-up: module and catalogue loading
    for (let i = 0; i < runs; i++) {
      const r = await timed(() => service.render(request, format));
      times.push(r.ms);
      bytes = r.value.content.length;
    }
    results.push({
      name: `report-${format}-commune`,
      description: `${commune.name}: ${format.toUpperCase()} report on the programme (${PROVINCE_TARGETS.length + COMMUNE_TARGETS.length} targets, ${children.n} units below), in process`,
      runs,
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      baseline: { ...baseline, ratio: baseline.medianMs / median(times) },
      notes: `${bytes.toLocaleString('en')} bytes; targets + breakdown of each over ${children.n} units + completeness boards`,
    });
  }
  await database.close();

  const out = path.join(dataDir, 'bao-cao.docx');
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, TIENDO_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const cliTimes: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await cli(
      ['report', '--unit', values.unit!, '--document', String(documentId), '--period', PERIOD, '--date', DEMO_TODAY, '--out', out],
      env,
    );
    cliTimes.push(r.ms);
    peaks.push(r.peakMb);
  }
  // What any `tiendo` command pays before doing anything: start Node, open the PGlite folder, check migrations.
  const opening: number[] = [];
  for (let i = 0; i < runs; i++) opening.push((await cli(['migrate'], env)).ms);
  results.push({
    baseline: {
      description: '`tiendo migrate` on the same folder (process start + open PGlite, nothing to apply)',
      medianMs: median(opening),
      ratio: median(opening) / median(cliTimes),
    },
    name: 'report-docx-commune-cli',
    description: `tiendo report --unit ${values.unit} --period ${PERIOD} --out bao-cao.docx, end to end (process start, open PGlite, render, write)`,
    runs,
    medianMs: median(cliTimes),
    p95Ms: percentile(cliTimes, 95),
    peakRssMb: Math.max(...peaks),
  });
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const written = writeResults('report-document', 'demo-province', results);
for (const r of results)
  console.log(
    `${r.name}: median ${Math.round(r.medianMs)} ms, p95 ${Math.round(r.p95Ms)} ms${r.baseline ? ` (baseline ${Math.round(r.baseline.medianMs)} ms)` : ''}`,
  );
console.log(`results: ${written.json}, ${written.markdown}`);
