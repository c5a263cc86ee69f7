import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods, templatePeriod } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { percentile, median } from '../harness.ts';
import { defineScenario, type BenchDb, type BenchContext } from './scenario.ts';

/**
 * Periodic reporting at a deadline hour: 500 CĐCS of the province submit their yearly report at
 * the same moment (each request: compare-and-set version, validation against the template's
 * rules and last period, status change, reported values replaced, audit row — one transaction),
 * and the province's completeness board over all its CĐCS.
 */
const TEMPLATE = BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!;
const PERIOD = openPeriods(TEMPLATE, todayInVietnam())[0]?.code ?? String(new Date().getUTCFullYear());
const CONCURRENT = 500;

interface SubmitState {
  reports: { id: number; unitId: number }[];
  latencies: number[];
  errors: { status: number; body: string }[];
  wallMs: number;
}

const figures = (i: number) => ({
  dissemination_reached: 800 + (i % 150),
  dissemination_base: 1000,
  skills_learners: 100 + (i % 50),
  skills_base: 900,
  union_fee_due: 120_000_000,
  union_fee_collected: 110_000_000 + i * 1000,
  dues_due: 30_000_000,
  dues_collected: 29_000_000,
  lawsuits_requested: i % 3,
  lawsuits_supported: i % 3,
  worker_conferences: 1,
  workplace_dialogues: 2,
});

/** Fresh drafts for 500 CĐCS of the province (a rerun first clears what the previous run submitted). */
async function prepareDrafts(db: BenchDb, ctx: BenchContext): Promise<SubmitState> {
  const [template] = await db.query<{ id: number }>(`SELECT id FROM report_template WHERE code = $1 AND is_current`, [TEMPLATE.code]);
  if (!template) throw new Error('no report templates: migrate the database first (tiendo migrate)');
  const units = await db.query<{ id: number }>(
    `SELECT p.unit_id AS id FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
     WHERE p.valid_to IS NULL AND p.path <@ $1::ltree AND u.kind = 'grassroots' ORDER BY p.unit_id LIMIT $2`,
    [ctx.province.path, CONCURRENT],
  );
  const ids = units.map((u) => Number(u.id));
  const period = templatePeriod(TEMPLATE, PERIOD);
  await db.query(
    `DELETE FROM report_comment WHERE report_id IN (SELECT id FROM report WHERE template_code = $1 AND period_code = $2 AND unit_id = ANY($3::bigint[]))`,
    [TEMPLATE.code, PERIOD, ids],
  );
  await db.query(`DELETE FROM report WHERE template_code = $1 AND period_code = $2 AND unit_id = ANY($3::bigint[])`, [
    TEMPLATE.code,
    PERIOD,
    ids,
  ]);
  await db.query(`DELETE FROM reported_value WHERE period_code = $1 AND unit_id = ANY($2::bigint[])`, [PERIOD, ids]);
  const rows = await db.query<{ id: number; unit_id: number }>(
    `INSERT INTO report (template_id, template_code, unit_id, period_code, period_start, period_end, due_on, updated_by)
     SELECT $1, $2, unnest($3::bigint[]), $4, $5, $6, $7, 'bench' RETURNING id, unit_id`,
    [template.id, TEMPLATE.code, ids, PERIOD, period.start, period.end, period.dueOn],
  );
  return { reports: rows.map((r) => ({ id: Number(r.id), unitId: Number(r.unit_id) })), latencies: [], errors: [], wallMs: 0 };
}

export const reportingSubmit = defineScenario<SubmitState>({
  name: 'reporting-submit-500',
  description: `${CONCURRENT} concurrent yearly-report submissions (validate + submit + reported values + audit, one transaction each), all fired at once`,
  runs: 1,
  warmup: 0,
  prepare: prepareDrafts,
  async measure(http, state) {
    const started = performance.now();
    await Promise.all(
      state.reports.map(async (r, i) => {
        const t = performance.now();
        const answer = await http.post(`/api/reports/${r.id}/submit`, { version: 1, values: figures(i) });
        state.latencies.push(performance.now() - t);
        if (answer.status !== 200) state.errors.push({ status: answer.status, body: answer.body.slice(0, 200) });
      }),
    );
    state.wallMs = performance.now() - started;
    return { rows: state.reports.length };
  },
  notes(state) {
    const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
    const firstError = state.errors[0] ? ` (first: ${state.errors[0].status} ${state.errors[0].body})` : '';
    return (
      `${state.reports.length} requests in ${ms(state.wallMs)} wall time (${Math.round(state.reports.length / (state.wallMs / 1000))} submissions/s); ` +
      `per request median ${ms(median(state.latencies))}, p95 ${ms(percentile(state.latencies, 95))}, max ${ms(Math.max(...state.latencies))}; ` +
      `errors ${state.errors.length}${firstError}; period ${PERIOD}`
    );
  },
});

interface BoardState {
  path: string;
  expected?: number;
  missing?: number;
}

export const reportingCompleteness = defineScenario<BoardState>({
  name: 'reporting-completeness-province',
  description:
    'completeness board of the province for the CĐCS yearly report: counts by child, missing units with contacts (first 200), summed figures',
  runs: 20,
  warmup: 3,
  async prepare(_db, ctx) {
    return {
      path: `/api/reports/completeness?unitId=${ctx.province.id}&templateCode=${TEMPLATE.code}&periodCode=${PERIOD}&includeSubmitted=true`,
    };
  },
  async measure(http, state) {
    const body = JSON.parse((await http.get(state.path)).body) as { total: { expected: number; missing: number } };
    state.expected = body.total.expected;
    state.missing = body.total.missing;
    return { rows: body.total.expected };
  },
  notes(state, ctx) {
    return `province ${ctx.province.code}: ${state.expected?.toLocaleString('en-US')} CĐCS expected to report, ${state.missing?.toLocaleString('en-US')} not yet submitted`;
  },
});
