import { isDeepStrictEqual } from 'node:util';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { ProgressService } from '../../server/progress/progress.service.ts';
import { defineScenario, type BenchContext, type BenchDb } from './scenario.ts';

/**
 * Tổng quan (the dashboard) of issue 6, acceptance 4: for the nation, the largest province, its
 * largest commune and that commune's largest CĐCS, one measured run is what opening the screen
 * and one children table costs: GET /api/progress (every target that applies, value, status,
 * forecast and history) then GET /api/targets/:id/breakdown?unitId=… of one target (each child's
 * value, weakest first). The values come from the trigger-maintained aggregates.
 *
 * Two children tables, each its own scenario, because an officer opens one at a time (the target
 * drawer): `dashboard-*` opens a ratio target's (each child judged against the same ratio, as
 * since issue 6), `dashboard-allocated-*` the members target's, allocated at every level (issue
 * 16, acceptance 5): each child judged against its own allocation. A CĐCS has no children, so
 * `dashboard-cdcs` is its cards and an empty table.
 *
 * The baseline computes the same answers with the application's own code on the naive path
 * (`ProgressService` with source 'raw': every count straight from the registries' histories),
 * directly on the database in the same run, and checks that they are equal to what the server
 * answered — same numbers, same statuses, same forecasts.
 *
 * Targets: the national dataset has none, so the preparation creates (once, idempotent) the
 * targets of the gold programmes as bench documents — gold 000 (05/CTr-LĐLĐ) at the
 * confederation, gold 001 (61-KH/TU) at the province — and ten targets measured with custom
 * indicators over custom elements (issue 19) at the confederation.
 */
const BENCH_000 = 'BENCH/000 05/CTr-LĐLĐ';
/**
 * The day the dashboards are opened on: today, or TIENDO_BENCH_AS_OF. The date matters to the
 * cost: a month's last day reads no day rows of the roll-ups, the 30th of a 31-day month reads
 * the most (the worst case to quote beside today's).
 */
const BENCH_AS_OF = process.env.TIENDO_BENCH_AS_OF?.trim() || null;
const BENCH_001 = 'BENCH/001 61-KH/TU';

type TargetSeed = [
  indicator: string,
  comparator: string,
  value: number,
  timing: number | 'annual',
  sectors?: string[],
  minWorkers?: number,
];
const STATE = ['hcsn', 'dnnn'];
const NON_STATE = ['private', 'fdi'];
/** Gold 000, each target against its catalogue indicator (as in server/progress/progress.int.test.ts). */
const GOLD_000: TargetSeed[] = [
  ['members', '>', 140000, 2028],
  ['employers_with_cdcs_share', '=', 100, 2028, undefined, 25],
  ['agreements_share', '>=', 85, 2028],
  ['lawsuits_supported_share', '>=', 90, 2028],
  ['dissemination_share', '>', 90, 'annual'],
  ['skills_share', '>=', 65, 'annual'],
  ['democracy_state_share', '=', 100, 'annual', STATE],
  ['democracy_nonstate_share', '>=', 85, 'annual', NON_STATE],
  ['party_introduced_per_cdcs', '>=', 1, 'annual'],
  ['chairs_trained_share', '=', 100, 'annual'],
  ['rated_good_upper_share', '>=', 90, 'annual'],
  ['rated_good_state_share', '>=', 80, 'annual', STATE],
  ['rated_good_nonstate_share', '>=', 65, 'annual', NON_STATE],
  ['women_committee_share', '>=', 80, 'annual', NON_STATE],
  ['fin_inspection_share', '=', 100, 'annual'],
  ['cdcs_fin_inspected_share', '>=', 10, 'annual'],
];
const GOLD_001: TargetSeed[] = [
  ['members', '=', 23000, 2025],
  ['members', '=', 22000, 2023],
  ['agreements_share', '>', 80, 2025],
  ['agreements_share', '>', 70, 2023],
  ['members', '=', 26000, 2030],
  ['agreements_share', '>', 85, 2030],
  ['agreements_share', '>', 99, 2045],
];

async function ensureDocument(
  db: BenchDb,
  symbol: string,
  title: string,
  unitId: number,
  issuedOn: string,
  term: [number, number] | null,
  targets: TargetSeed[],
): Promise<void> {
  const [existing] = await db.query<{ id: number }>(`SELECT id FROM plan_document WHERE symbol = $1 AND issuer_unit_id = $2`, [
    symbol,
    unitId,
  ]);
  if (existing) return;
  const [doc] = await db.query<{ id: number }>(
    `INSERT INTO plan_document (kind, symbol, title, issuer_unit_id, issued_on, term_from, term_to) VALUES ('chuong_trinh_hanh_dong', $1, $2, $3, $4, $5, $6) RETURNING id`,
    [symbol, title, unitId, issuedOn, term?.[0] ?? null, term?.[1] ?? null],
  );
  for (const [indicator, comparator, value, timing, sectors, minWorkers] of targets) {
    const annual = timing === 'annual';
    await db.query(
      `INSERT INTO target (document_id, unit_id, indicator_code, comparator, value, timing, deadline, annual_from, annual_to, sectors, min_workers, subject)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        doc!.id,
        unitId,
        indicator,
        comparator,
        value,
        annual ? 'annual' : 'deadline',
        annual ? null : `${timing}-12-31`,
        annual ? term![0] : null,
        annual ? term![1] : null,
        sectors ?? null,
        minWorkers ?? null,
        `bench: ${indicator}`,
      ],
    );
  }
}

/**
 * Ten custom indicators in use (issue 19, acceptance 4): elements an administrator would define
 * in the app — employers from 25 workers with and without a union, the non-state sector's,
 * women members, FDI unions with an agreement, agreements of class B — and the indicators over
 * them (one reuses a count indicator), each the measure of a ratio target at the confederation,
 * so every dashboard shows all ten. Rows as the measures screens write them; inserted once.
 */
const CUSTOM_ELEMENTS: [code: string, name: string, definition: object][] = [
  [
    'bench_dn25_cdcs',
    'Doanh nghiệp từ 25 lao động có CĐCS',
    { registry: 'employers', measure: 'with_cdcs', sectors: null, minWorkers: 25 },
  ],
  ['bench_dn25', 'Doanh nghiệp từ 25 lao động', { registry: 'employers', measure: 'all', sectors: null, minWorkers: 25 }],
  [
    'bench_dn_nnn_cdcs',
    'Doanh nghiệp ngoài nhà nước có CĐCS',
    { registry: 'employers', measure: 'with_cdcs', sectors: ['private', 'fdi'], minWorkers: null },
  ],
  ['bench_dn_nnn', 'Doanh nghiệp ngoài nhà nước', { registry: 'employers', measure: 'all', sectors: ['private', 'fdi'], minWorkers: null }],
  ['bench_dv_nu', 'Đoàn viên nữ', { registry: 'members', measure: 'women', sectors: null, minWorkers: null }],
  [
    'bench_dv_nnn',
    'Đoàn viên khu vực ngoài nhà nước',
    { registry: 'members', measure: 'active', sectors: ['private', 'fdi'], minWorkers: null },
  ],
  ['bench_tu_fdi', 'CĐCS FDI có thỏa ước', { registry: 'agreements', measure: 'in_force', sectors: ['fdi'], minWorkers: null }],
  ['bench_cdcs_fdi', 'CĐCS FDI', { registry: 'cdcs', measure: 'all', sectors: ['fdi'], minWorkers: null }],
  ['bench_tu_b', 'CĐCS có thỏa ước loại B trở lên', { registry: 'agreements', measure: 'b_or_better', sectors: null, minWorkers: null }],
];
const CUSTOM_INDICATORS: [code: string, unit: string, numerator: string, denominator: string | null][] = [
  ['bench_dem_dn25_cdcs', 'count', '#{bench_dn25_cdcs}', null],
  ['bench_i01', 'percent', '100 * #{bench_dn25_cdcs}', '#{bench_dn25}'],
  ['bench_i02', 'percent', '100 * #{bench_dn_nnn_cdcs}', '#{bench_dn_nnn}'],
  ['bench_i03', 'percent', '100 * #{bench_dv_nu}', '#{members_active}'],
  ['bench_i04', 'percent', '100 * #{bench_dv_nnn}', '#{members_active}'],
  ['bench_i05', 'percent', '100 * #{bench_tu_fdi}', '#{bench_cdcs_fdi}'],
  ['bench_i06', 'percent', '100 * #{bench_tu_b}', '#{cdcs}'],
  ['bench_i07', 'percent', '100 * #{workplace_dialogues}', '#{bench_dn25_cdcs}'],
  ['bench_i08', 'percent', '100 * #{worker_conferences}', '#{bench_dn25_cdcs}'],
  ['bench_i09', 'ratio', '#{bench_dv_nu}', '#{cdcs}'],
  ['bench_i10', 'percent', '100 * #{bench_dem_dn25_cdcs}', '#{bench_dn25}'],
];
const BENCH_019 = 'BENCH/019 chỉ số tự định nghĩa';

async function ensureCustomMeasures(db: BenchDb, nationId: number): Promise<void> {
  for (const [code, name, definition] of CUSTOM_ELEMENTS) {
    await db.query(
      `INSERT INTO data_element (code, name, unit, source, definition, owner_unit_id, updated_by) VALUES ($1, $2, 'count', 'derived', $3, $4, 'bench') ON CONFLICT (code) DO NOTHING`,
      [code, name, JSON.stringify(definition), nationId],
    );
  }
  for (const [code, unit, numerator, denominator] of CUSTOM_INDICATORS) {
    await db.query(
      `INSERT INTO indicator (code, name, unit, numerator, denominator, owner_unit_id, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 'bench') ON CONFLICT (code) DO NOTHING`,
      [code, `bench: ${code}`, unit, numerator, denominator, nationId],
    );
  }
  await ensureDocument(
    db,
    BENCH_019,
    'Chỉ tiêu đo bằng mười chỉ số tự định nghĩa (issue 19), đặt ở cấp toàn quốc để đo hiệu năng',
    nationId,
    '2024-01-18',
    [2023, 2028],
    CUSTOM_INDICATORS.filter(([, unit]) => unit !== 'count').map(([code]) => [code, '>=', 50, 2028]),
  );
}

/**
 * Reports, as the nation would hold them in late November: every CĐCS's figures for last year
 * (nearly all accepted) and for this year (most accepted, some only submitted, some not yet in),
 * and each commune or zone union's own figures. Values are derived from the unit id, so the same
 * database always gets the same reports. Inserted once, in one statement per period, through the
 * triggers that keep the reported sums (migration 0014), as a real submission would.
 */
async function ensureReports(db: BenchDb, year: number): Promise<void> {
  for (const [code, share] of [
    [String(year - 1), 97],
    [String(year), 85],
  ] as const) {
    const [done] = await db.query(`SELECT 1 FROM reported_value WHERE period_code = $1 LIMIT 1`, [code]);
    if (done) continue;
    await db.query(
      `
      INSERT INTO reported_value (unit_id, element_code, period_code, period_start, period_end, value, state)
      SELECT u.id, e.code, $1, $2::date, $3::date, e.value, CASE WHEN u.id % 100 < $4 THEN 'accepted' ELSE 'submitted' END
      FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      CROSS JOIN LATERAL (
        SELECT 40 + (u.id * 7919) % 400 AS base, (u.id * 104729) % 100 AS r
      ) h
      CROSS JOIN LATERAL (VALUES
        ('dissemination_base', h.base), ('dissemination_reached', h.base * (80 + h.r % 21) / 100),
        ('skills_base', h.base), ('skills_learners', h.base * (50 + h.r % 31) / 100),
        ('democracy_cdcs_state', CASE WHEN u.sector IN ('hcsn', 'dnnn') THEN (h.r < 97)::int END),
        ('democracy_cdcs_nonstate', CASE WHEN u.sector IN ('private', 'fdi') THEN (h.r < 80)::int END),
        ('party_introduced', h.r % 3), ('chairs_new', (h.r < 20)::int), ('chairs_new_trained', (h.r < 19)::int),
        ('rated_good_cdcs_state', CASE WHEN u.sector IN ('hcsn', 'dnnn') THEN (h.r < 85)::int END),
        ('rated_good_cdcs_nonstate', CASE WHEN u.sector IN ('private', 'fdi') THEN (h.r < 62)::int END),
        ('women_committee_eligible', CASE WHEN u.sector IN ('private', 'fdi') THEN (h.r < 60)::int END),
        ('women_committee_formed', CASE WHEN u.sector IN ('private', 'fdi') THEN (h.r < 50)::int END),
        ('lawsuits_requested', (h.r < 5)::int), ('lawsuits_supported', (h.r < 4)::int)
      ) e(code, value)
      WHERE u.kind = 'grassroots' AND e.value IS NOT NULL AND (u.id * 31) % 100 < $5
      UNION ALL
      SELECT u.id, e.code, $1, $2::date, $3::date, e.value, 'accepted'
      FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL
      CROSS JOIN LATERAL (VALUES ('rated_good_upper', (u.id % 10 < 9)::int), ('fin_inspection_on_schedule', (u.id % 10 < 8)::int), ('cdcs_fin_inspected', u.id % 7)) e(code, value)
      WHERE u.kind IN ('commune', 'industrial_zone')`,
      [code, `${code}-01-01`, `${code}-12-31`, share, code === String(year) ? 95 : 100],
    );
    // What autovacuum would do next (it is off on the bench machine's PostgreSQL).
    await db.query(`ANALYZE reported_value`);
    await db.query(`ANALYZE progress_reported`);
  }
}

/**
 * Allocations at every level (issue 16, acceptance 5): the confederation's members target of
 * gold 000 given to every province in proportion to its current members, each province's share
 * to its communes and zones, each of those to its CĐCS — rows as the allocation screen writes
 * them (same document, `parent_target_id`, the parent's terms, "Được giao từ …"), rounded up so
 * each level's sum is not below its parent's. Inserted once, in one statement per level.
 */
async function ensureAllocations(db: BenchDb, nationId: number): Promise<void> {
  const [root] = await db.query<{ id: number }>(
    `SELECT t.id FROM target t JOIN plan_document d ON d.id = t.document_id WHERE d.symbol = $1 AND t.unit_id = $2 AND t.indicator_code = 'members' ORDER BY t.id LIMIT 1`,
    [BENCH_000, nationId],
  );
  const [done] = await db.query(`SELECT 1 FROM target WHERE parent_target_id = $1 LIMIT 1`, [root!.id]);
  if (done) return;
  // Current members of every unit's subtree, from the registry (as "theo số đoàn viên hiện có").
  await db.query(`CREATE TEMP TABLE bench_subtree_members AS
    SELECT a.id::bigint AS unit_id, sum(n.members)::bigint AS members
    FROM (SELECT unit_id, count(*) AS members FROM membership WHERE valid_to IS NULL GROUP BY unit_id) n
    JOIN org_placement p ON p.unit_id = n.unit_id AND p.valid_to IS NULL
    CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) a(id)
    GROUP BY 1`);
  for (let level = 0; level < 3; level++) {
    await db.query(
      `
      INSERT INTO target (document_id, unit_id, parent_target_id, indicator_code, comparator, value, timing, deadline, annual_from, annual_to, sectors, min_workers, subject, quote, origin_note)
      SELECT t.document_id, c.unit_id, t.id, t.indicator_code, t.comparator,
        ceil(t.value * cm.members / pm.members), t.timing, t.deadline, t.annual_from, t.annual_to, t.sectors, t.min_workers, t.subject, t.quote,
        'Được giao từ chỉ tiêu của ' || u.name || ' (theo số đoàn viên hiện có).'
      FROM target t
      JOIN org_unit u ON u.id = t.unit_id
      JOIN org_placement c ON c.parent_id = t.unit_id AND c.valid_to IS NULL
      JOIN bench_subtree_members cm ON cm.unit_id = c.unit_id
      JOIN bench_subtree_members pm ON pm.unit_id = t.unit_id
      WHERE (t.id = $1 OR t.parent_target_id IS NOT NULL) AND t.document_id = (SELECT document_id FROM target WHERE id = $1)
        AND t.indicator_code = 'members' AND nlevel((SELECT path FROM org_placement WHERE unit_id = t.unit_id AND valid_to IS NULL)) = $2
        AND NOT EXISTS (SELECT 1 FROM target x WHERE x.parent_target_id = t.id)`,
      [root!.id, level + 1],
    );
  }
  await db.query(`DROP TABLE bench_subtree_members`);
  await db.query(`ANALYZE target`);
}

interface DashboardState {
  unitId: number;
  label: string;
  asOf: string;
  /**
   * The target whose children table is opened: a ratio target, or the members target in force on
   * the unit (the confederation's, or the allocation it was given), whose children table judges
   * each child against its own allocation.
   */
  targetId: number;
  /** The server's last answer, compared with the naive one. */
  answer?: Answer;
}

async function prepare(db: BenchDb, ctx: BenchContext, level: Level, children: Children): Promise<DashboardState> {
  const [nation] = await db.query<{ id: number }>(
    `SELECT unit_id AS id FROM org_placement WHERE parent_id IS NULL AND valid_to IS NULL ORDER BY unit_id LIMIT 1`,
  );
  await ensureDocument(
    db,
    BENCH_000,
    'Chỉ tiêu của Chương trình hành động 05/CTr-LĐLĐ (gold 000), đặt ở cấp toàn quốc để đo hiệu năng',
    Number(nation!.id),
    '2024-01-18',
    [2023, 2028],
    GOLD_000,
  );
  await ensureReports(db, Number(todayInVietnam().slice(0, 4)));
  await ensureAllocations(db, Number(nation!.id));
  await ensureCustomMeasures(db, Number(nation!.id));
  await ensureDocument(
    db,
    BENCH_001,
    'Chỉ tiêu của Kế hoạch 61-KH/TU (gold 001), đặt ở cấp tỉnh để đo hiệu năng',
    ctx.province.id,
    '2021-10-21',
    null,
    GOLD_001,
  );
  let unitId: number;
  let label: string;
  if (level === 'nation') [unitId, label] = [Number(nation!.id), 'the confederation'];
  else if (level === 'province') [unitId, label] = [ctx.province.id, `province ${ctx.province.code}`];
  else if (level === 'commune') [unitId, label] = [ctx.commune.id, `commune ${ctx.commune.code}`];
  else {
    const [cdcs] = await db.query<{ id: number; code: string; members: number }>(
      `SELECT h.unit_id AS id, u.code, count(*)::int AS members FROM membership h JOIN org_placement p ON p.unit_id = h.unit_id AND p.valid_to IS NULL
       JOIN org_unit u ON u.id = h.unit_id WHERE p.path <@ $1::ltree AND h.valid_to IS NULL GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 1`,
      [ctx.commune.path],
    );
    [unitId, label] = [Number(cdcs!.id), `CĐCS ${cdcs!.code} (${cdcs!.members.toLocaleString('en-US')} members, the commune's largest)`];
  }
  const [target] = await db.query<{ id: number }>(
    `SELECT t.id FROM target t JOIN plan_document d ON d.id = t.document_id WHERE d.symbol = $1 AND t.indicator_code = 'agreements_share' ORDER BY t.id LIMIT 1`,
    [BENCH_000],
  );
  const [count] = await db.query<{ id: number }>(
    `SELECT t.id FROM target t JOIN plan_document d ON d.id = t.document_id WHERE d.symbol = $1 AND t.indicator_code = 'members' AND t.unit_id = $2 ORDER BY t.id LIMIT 1`,
    [BENCH_000, unitId],
  );
  return { unitId, label, asOf: BENCH_AS_OF ?? todayInVietnam(), targetId: Number((children === 'ratio' ? target : count)!.id) };
}

/** What the naive path answers: the same service, every count from the raw registries. */
async function naive(db: BenchDb, state: DashboardState) {
  const service = new ProgressService(db.kysely, 'raw');
  const items = await service.forUnit(state.unitId, state.asOf);
  const [row] = await service.targetRows({ targetIds: [state.targetId], asOf: state.asOf });
  return { progress: { items }, breakdown: await service.breakdown(row!, state.unitId, state.asOf) };
}

interface Answer {
  progress: {
    items: {
      targetId: number;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      elements: unknown;
      progress: unknown;
    }[];
  };
  breakdown: Breakdown;
}
interface Breakdown {
  items: {
    unit: { id: number };
    value: number | null;
    status: string;
    shareAchieved: number | null;
    basis: string;
    allocation: unknown;
    contribution: unknown;
  }[];
}

/** What a user reads off the screen: each card's figures, status and forecast, each child's value and status. */
const visible = (a: Answer) =>
  JSON.parse(
    JSON.stringify({
      cards: a.progress.items.map((i) => [i.targetId, i.value, i.numerator, i.denominator, i.elements, i.progress]),
      children: a.breakdown.items.map((i) => [i.unit.id, i.value, i.status, i.shareAchieved, i.basis, i.allocation, i.contribution]),
    }),
  );

type Level = 'nation' | 'province' | 'commune' | 'cdcs';
type Children = 'ratio' | 'allocated';

function dashboard(level: Level, children: Children, name: string) {
  const table =
    children === 'ratio'
      ? 'the children table of a ratio target'
      : 'the children table of the members target allocated at every level (each child against its own allocation)';
  return defineScenario<DashboardState>({
    name,
    description: `Tổng quan of ${level === 'cdcs' ? 'a CĐCS' : `the ${level}`}: GET /api/progress?unitId=… then ${table} (GET /api/targets/:id/breakdown?unitId=…), from the aggregates`,
    runs: 40,
    warmup: 5,
    prepare: (db, ctx) => prepare(db, ctx, level, children),
    async measure(http, state) {
      const progress = JSON.parse((await http.get(`/api/progress?unitId=${state.unitId}&asOf=${state.asOf}`)).body) as { items: unknown[] };
      const breakdown = JSON.parse(
        (await http.get(`/api/targets/${state.targetId}/breakdown?unitId=${state.unitId}&asOf=${state.asOf}`)).body,
      ) as { items: unknown[] };
      state.answer = { progress, breakdown } as unknown as Answer;
      return { rows: progress.items.length + breakdown.items.length };
    },
    baseline: {
      description: 'same two answers from the raw registries (ProgressService on the naive path, direct on the database)',
      // A naive national, province or commune answer takes minutes: one run each (a CĐCS's, seconds: three).
      runs: level === 'cdcs' ? 3 : 1,
      async measure(db, state) {
        const answer = await naive(db, state);
        // The benchmark compares like with like: a different answer stops it.
        if (!isDeepStrictEqual(visible(answer as unknown as Answer), visible(state.answer!))) {
          throw new Error(
            `${name}: the naive answer differs from the server's:\n${JSON.stringify(visible(answer as unknown as Answer)).slice(0, 3000)}\n${JSON.stringify(visible(state.answer!)).slice(0, 3000)}`,
          );
        }
        return { rows: answer.progress.items.length + answer.breakdown.items.length };
      },
    },
    notes: (state) =>
      `${state.label}, as of ${state.asOf}; ${state.answer?.progress.items.length ?? '?'} targets, ${state.answer?.breakdown.items.length ?? '?'} children, ${state.answer?.breakdown.items.filter((i) => i.basis === 'allocation').length ?? '?'} of them judged against their own allocation; the baseline checks every card (value, elements, status, forecast) and child equal to the server's answer and stops the bench if not`,
  });
}

export const dashboardNation = dashboard('nation', 'ratio', 'dashboard-nation');
export const dashboardProvince = dashboard('province', 'ratio', 'dashboard-province');
export const dashboardCommune = dashboard('commune', 'ratio', 'dashboard-commune');
export const dashboardCdcs = dashboard('cdcs', 'ratio', 'dashboard-cdcs');
export const dashboardAllocatedNation = dashboard('nation', 'allocated', 'dashboard-allocated-nation');
export const dashboardAllocatedProvince = dashboard('province', 'allocated', 'dashboard-allocated-province');
export const dashboardAllocatedCommune = dashboard('commune', 'allocated', 'dashboard-allocated-commune');
