import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { EMPLOYER_WORKERS_CAP, UPPER_KINDS } from './aggregates.sql.ts';
import { ENTERPRISE_SECTORS, rawEmployerElements, type ElementScope, type ElementValues } from './derived-elements.repository.ts';

type Num = number | string | null;
const n = (v: Num) => (v === null ? 0 : Number(v));

/** Date-dependent counts of one unit's subtree, split by the sector of the unit they belong to. */
export interface SubtreeCounts {
  bySector: Map<string, { active: number; women: number; joined: number; cdcs: number; agr: number; agrB: number; agrBetter: number }>;
  upperUnits: number;
  /** False when members were not asked for (the unit's own members are then left out: members_* unknown). */
  hasMembers: boolean;
  /** False when women were not asked for (members_women is then unknown). */
  hasWomen: boolean;
}

/** Employers under one unit (today's tree), split by employer sector, for one size threshold. */
export type EmployerCounts = Map<
  string,
  { employers: number; withCdcs: number; workersKnown: number; workersSum: number; workersCdcsKnown: number; workersCdcsSum: number }
>;

/**
 * One subtree count asked for: a unit on a date, with the period new members are counted in, and
 * whether women are needed (a unit's own women need each member's gender: one lookup per member
 * of a CĐCS, the one cost here that grows with the unit, paid only when a target asks).
 */
export interface CountRequest {
  unitId: number;
  date: string;
  period: { start: string; end: string } | null;
  women: boolean;
  /** Whether member counts are needed at all (a unit's own members are then counted from the index). */
  members: boolean;
}

export const countKey = (r: CountRequest) =>
  `${r.unitId}|${r.date}|${r.period ? `${r.period.start}..${r.period.end}` : ''}|${r.women ? 'w' : ''}|${r.members ? 'm' : ''}`;

/**
 * The date-dependent derived counts of units' subtrees, for many (unit, date) pairs in one
 * query, read from the aggregates that triggers keep current (server/progress/aggregates.sql.ts)
 * — the same answers as `derivedElements`, at a cost that does not grow with the subtree: a
 * nation costs about what a commune does. Each unit's descendants come from progress_rollup (a
 * few index ranges per unit and date: decades, years, months, then days); the unit's own facts (a
 * CĐCS's members and agreements) from the registries by index. Counts come split by sector so
 * that every target's sector filter is answered from one query. A unit not placed in the tree on
 * a date gets no entry (no data).
 */
export async function aggregatedCounts(db: Kysely<DB>, requests: CountRequest[]): Promise<Map<string, SubtreeCounts>> {
  const out = new Map<string, SubtreeCounts>();
  if (requests.length === 0) return out;
  const members = requests.some((r) => r.members || r.women);
  const women = requests.some((r) => r.women);
  // A rollup prefix: every change strictly before day c, read as decades, years, months, then days.
  // Bounded by the day *after* the date, a year-end or month-end date reads no day rows at all.
  const prefix = (grain: string, from: string | null, to: string) => sql`
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = ${grain}
      AND ${from === null ? sql`true` : sql`r.bucket >= ${sql.ref(`bb.${from}`)}`} AND r.bucket < ${sql.ref(`bb.${to}`)}`;
  // A unit's own members on its day: one index-only range of membership (unit_id, valid_from, valid_to).
  const ownActive = sql`h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)`;
  const query = sql<{
    placed: boolean;
    req: Num;
    unit_id: Num;
    day: string | null;
    p_start: string | null;
    p_end: string | null;
    has_period: boolean | null;
    sector: string | null;
    active: Num;
    women: Num;
    joined: Num;
    cdcs: Num;
    upper_units: Num;
    agr: Num;
    agr_b: Num;
    agr_better: Num;
  }>`
    WITH req AS (
      SELECT d.*, row_number() OVER () AS req FROM (
        SELECT DISTINCT * FROM unnest(${requests.map((r) => r.unitId)}::bigint[], ${requests.map((r) => r.date)}::date[],
          ${requests.map((r) => r.period?.start ?? r.date)}::date[], ${requests.map((r) => r.period?.end ?? r.date)}::date[],
          ${requests.map((r) => r.period !== null)}::boolean[]) AS r(unit_id, day, p_start, p_end, has_period)
      ) d
    ),
    placed AS MATERIALIZED (
      SELECT req.req, req.unit_id, req.day, req.p_start, req.p_end, req.has_period, u.kind, coalesce(u.sector, '') AS sector
      FROM req JOIN org_placement p ON p.unit_id = req.unit_id AND p.valid_from <= req.day AND (p.valid_to IS NULL OR p.valid_to > req.day)
      JOIN org_unit u ON u.id = req.unit_id
    ),
    -- One prefix per request for the stocks on the day; with a period, two more (to its end, and
    -- to the day before its start): admissions in the period are their difference.
    bb AS MATERIALIZED (
      SELECT req, unit_id, k, c, sign, date_trunc('decade', c)::date AS x0, date_trunc('year', c)::date AS y0, date_trunc('month', c)::date AS m0
      FROM (
        SELECT req, unit_id, 'at' AS k, day + 1 AS c, 1 AS sign FROM placed
        UNION ALL SELECT req, unit_id, 'pe', p_end + 1, 1 FROM placed WHERE has_period
        UNION ALL SELECT req, unit_id, 'ps', p_start, -1 FROM placed WHERE has_period
      ) b0
    ),
    hits AS (
      ${prefix('x', null, 'x0')} UNION ALL ${prefix('y', 'x0', 'y0')} UNION ALL ${prefix('m', 'y0', 'm0')} UNION ALL ${prefix('d', 'm0', 'c')}
    ),
    below AS (
      SELECT req, sector,
        sum(active) FILTER (WHERE k = 'at') AS active, sum(women) FILTER (WHERE k = 'at') AS women, sum(sign * joined) FILTER (WHERE k <> 'at') AS joined,
        sum(cdcs) FILTER (WHERE k = 'at') AS cdcs, sum(upper_units) FILTER (WHERE k = 'at') AS upper_units,
        sum(agr) FILTER (WHERE k = 'at') AS agr, sum(agr_b) FILTER (WHERE k = 'at') AS agr_b, sum(agr_better) FILTER (WHERE k = 'at') AS agr_better
      FROM hits GROUP BY req, sector
    ),
    -- A unit's own memberships (a CĐCS's members) are not in the rollup: counted from the index,
    -- the gender looked up per member only when a target asks for women, and the period's
    -- admissions read as one range of join days (an admission counts where the unit stood that day).
    own_members AS (
      SELECT pl.req, pl.sector, a.active, ${women ? sql`w.women` : sql`0`} AS women, j.joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM placed pl
      CROSS JOIN LATERAL (SELECT count(*) AS active FROM membership h WHERE ${ownActive}) a
      ${women ? sql`CROSS JOIN LATERAL (SELECT count(*) AS women FROM membership h JOIN member m ON m.id = h.member_id AND m.gender = 'female' WHERE ${ownActive}) w` : sql``}
      CROSS JOIN LATERAL (
        SELECT count(*) AS joined FROM membership h
        WHERE pl.has_period AND h.unit_id = pl.unit_id AND h.valid_from BETWEEN pl.p_start AND pl.p_end AND h.start_reason = 'joined'
          AND EXISTS (SELECT 1 FROM org_placement j WHERE j.unit_id = h.unit_id AND j.valid_from <= h.valid_from AND (j.valid_to IS NULL OR j.valid_to > h.valid_from))
      ) j
    ),
    own_unit AS (
      SELECT pl.req, pl.sector, 0 AS active, 0 AS women, 0 AS joined,
        (pl.kind = 'grassroots' AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = pl.unit_id AND g.dissolved_on <= pl.day))::int AS cdcs,
        (pl.kind = ANY(${UPPER_KINDS as unknown as string[]}::text[]))::int AS upper_units,
        coalesce(max(1) FILTER (WHERE a.id IS NOT NULL), 0) AS agr,
        coalesce(max((a.quality_class IN ('A', 'B'))::int), 0) AS agr_b,
        coalesce(max(a.better_than_law::int), 0) AS agr_better
      FROM placed pl LEFT JOIN agreement a ON a.cdcs_unit_id = pl.unit_id AND a.effective_from <= pl.day AND pl.day <= coalesce(a.ended_on, a.expires_on)
      GROUP BY pl.req, pl.unit_id, pl.day, pl.sector, pl.kind
    )
    -- One row per placed request (its bounds), then the parts to add up per (request, sector): the
    -- adding is left to the caller, a few hundred rows, rather than a join, sort and regroup here.
    SELECT true AS placed, pl.req, pl.unit_id, pl.day, pl.p_start, pl.p_end, pl.has_period, NULL::text AS sector,
      0::bigint AS active, 0::bigint AS women, 0::bigint AS joined, 0::bigint AS cdcs, 0::bigint AS upper_units, 0::bigint AS agr, 0::bigint AS agr_b, 0::bigint AS agr_better
    FROM placed pl
    UNION ALL
    SELECT false, x.req, NULL, NULL, NULL, NULL, NULL, x.sector, x.active, x.women, x.joined, x.cdcs, x.upper_units, x.agr, x.agr_b, x.agr_better
    FROM (SELECT * FROM below ${members ? sql`UNION ALL SELECT * FROM own_members` : sql``} UNION ALL SELECT * FROM own_unit) x`;
  // A plan this size crosses PostgreSQL's JIT threshold, and compiling it costs more than running it.
  const rows = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL jit = off`.execute(trx);
    return (await query.execute(trx)).rows;
  });
  const bounds = (unitId: number, day: string, start: string, end: string, hasPeriod: boolean) =>
    `${unitId}|${day}|${start}|${end}|${hasPeriod}`;
  const boundsOf = (r: CountRequest) => bounds(r.unitId, r.date, r.period?.start ?? r.date, r.period?.end ?? r.date, r.period !== null);
  const byBounds = new Map<string, string>(requests.map((r) => [boundsOf(r), countKey(r)]));
  const byReq = new Map<number, SubtreeCounts>();
  for (const r of rows) {
    if (!r.placed) continue;
    const entry: SubtreeCounts = { bySector: new Map(), upperUnits: 0, hasMembers: members, hasWomen: women };
    byReq.set(n(r.req), entry);
    out.set(byBounds.get(bounds(Number(r.unit_id), r.day!, r.p_start!, r.p_end!, r.has_period!))!, entry);
  }
  for (const r of rows) {
    if (r.placed) continue;
    const entry = byReq.get(n(r.req))!;
    entry.upperUnits += n(r.upper_units);
    const c = entry.bySector.get(r.sector!) ?? { active: 0, women: 0, joined: 0, cdcs: 0, agr: 0, agrB: 0, agrBetter: 0 };
    c.active += n(r.active);
    c.women += n(r.women);
    c.joined += n(r.joined);
    c.cdcs += n(r.cdcs);
    c.agr += n(r.agr);
    c.agrB += n(r.agr_b);
    c.agrBetter += n(r.agr_better);
    entry.bySector.set(r.sector!, c);
  }
  // Requests with and without a period, or with and without women, share bounds: each gets its entry.
  for (const r of requests) {
    const found = out.get(byBounds.get(boundsOf(r))!);
    if (found) out.set(countKey(r), found);
  }
  return out;
}

/**
 * Employers under several units on today's tree with at least `minWorkers` workers, by employer
 * sector, from progress_employer. Null when the threshold is above the aggregates' cap.
 */
export async function aggregatedEmployers(
  db: Kysely<DB>,
  unitIds: number[],
  minWorkers: number,
): Promise<Map<number, EmployerCounts> | null> {
  if (minWorkers > EMPLOYER_WORKERS_CAP) return null;
  const out = new Map<number, EmployerCounts>(unitIds.map((id) => [id, new Map()]));
  if (unitIds.length === 0) return out;
  const rows = await sql<{
    unit_id: Num;
    sector: string;
    employers: Num;
    with_cdcs: Num;
    workers_known: Num;
    workers_sum: Num;
    workers_cdcs_known: Num;
    workers_cdcs_sum: Num;
  }>`
    -- Per unit, one index range: the aggregates hold each unit's own employers too. The units are
    -- walked from the list (a plain IN over hundreds of ids made the planner scan the whole tree).
    SELECT c.unit_id, e.sector, sum(e.employers) AS employers, sum(e.with_cdcs) AS with_cdcs, sum(e.workers_known) AS workers_known, sum(e.workers_sum) AS workers_sum,
      sum(e.workers_cdcs_known) AS workers_cdcs_known, sum(e.workers_cdcs_sum) AS workers_cdcs_sum
    FROM (SELECT DISTINCT unnest(${unitIds}::bigint[]) AS unit_id) c
    JOIN progress_employer e ON e.unit_id = c.unit_id AND e.workers_key >= ${minWorkers}
    WHERE EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = c.unit_id AND p.valid_to IS NULL)
    GROUP BY c.unit_id, e.sector`.execute(db);
  for (const r of rows.rows) {
    out.get(Number(r.unit_id))!.set(r.sector, {
      employers: n(r.employers),
      withCdcs: n(r.with_cdcs),
      workersKnown: n(r.workers_known),
      workersSum: n(r.workers_sum),
      workersCdcsKnown: n(r.workers_cdcs_known),
      workersCdcsSum: n(r.workers_cdcs_sum),
    });
  }
  return out;
}

/** A subtree's reported totals of one period: per element, the sum and the number of units that reported it. */
export type ReportedTotals = Map<string, { total: number | null; units: number }>;

/**
 * The reported totals of several units' subtrees for one period, from progress_reported (one
 * index range per unit): the same answer as `reportedTotals` on the raw reports. Elements nobody
 * reported are absent (missing, never zero).
 */
export async function aggregatedReportedTotals(
  db: Kysely<DB>,
  unitIds: number[],
  periodCode: string,
  includeSubmitted: boolean,
): Promise<Map<number, ReportedTotals>> {
  const out = new Map<number, ReportedTotals>(unitIds.map((id) => [id, new Map()]));
  if (unitIds.length === 0) return out;
  const rows = await sql<{ unit_id: Num; element_code: string; total: Num; units: Num }>`
    SELECT r.unit_id, r.element_code, sum(r.total) AS total, sum(r.units) AS units
    FROM (SELECT DISTINCT unnest(${unitIds}::bigint[]) AS unit_id) c
    JOIN progress_reported r ON r.unit_id = c.unit_id AND r.period_code = ${periodCode} AND (r.state = 'accepted' OR ${includeSubmitted})
    GROUP BY r.unit_id, r.element_code
    HAVING sum(r.units) > 0`.execute(db);
  for (const r of rows.rows)
    out.get(Number(r.unit_id))!.set(r.element_code, { total: r.total === null ? null : Number(r.total), units: n(r.units) });
  return out;
}

/** The derived elements counted from memberships. */
export const MEMBER_ELEMENTS = ['members_active', 'members_women', 'members_new'];

/** The derived elements counted from the employer registry. */
export const EMPLOYER_ELEMENTS = ['employers', 'employers_with_cdcs', 'workers', 'workers_in_cdcs_employers'];

/**
 * The data elements of a target's scope (sectors), from the sector-split counts. Employer elements
 * come from `employers`, or the registry when the threshold is above the aggregates' cap (null);
 * they are left out when the target counts none of them ('not-asked').
 */
export async function composeElements(
  db: Kysely<DB>,
  unitId: number,
  counts: SubtreeCounts,
  employers: EmployerCounts | null | 'not-asked',
  scope: ElementScope,
  hasPeriod: boolean,
): Promise<ElementValues> {
  const sectors = scope.sectors && scope.sectors.length ? scope.sectors : null;
  const inScope = (sector: string) => sectors === null || sectors.includes(sector);
  const sum = (
    pick: (c: SubtreeCounts['bySector'] extends Map<string, infer V> ? V : never) => number,
    where: (s: string) => boolean = inScope,
  ) => [...counts.bySector].filter(([s]) => where(s)).reduce((total, [, c]) => total + pick(c), 0);
  let employerValues: [string, number | null][];
  if (employers === 'not-asked') {
    employerValues = [];
  } else if (employers) {
    const e = [...employers].filter(([s]) => inScope(s)).map(([, v]) => v);
    const total = (pick: (v: (typeof e)[number]) => number) => e.reduce((t, v) => t + pick(v), 0);
    employerValues = [
      ['employers', total((v) => v.employers)],
      ['employers_with_cdcs', total((v) => v.withCdcs)],
      ['workers', total((v) => v.workersKnown) === 0 ? null : total((v) => v.workersSum)],
      ['workers_in_cdcs_employers', total((v) => v.workersCdcsKnown) === 0 ? null : total((v) => v.workersCdcsSum)],
    ];
  } else {
    employerValues = await rawEmployerElements(db, unitId, sectors, scope.minWorkers ?? 0); // a threshold above the cap: rare, exact the slow way
  }
  return new Map<string, number | null>([
    ['members_active', counts.hasMembers ? sum((c) => c.active) : null],
    ['members_women', counts.hasMembers && counts.hasWomen ? sum((c) => c.women) : null],
    ['members_new', counts.hasMembers && hasPeriod ? sum((c) => c.joined) : null],
    ['cdcs', sum((c) => c.cdcs)],
    [
      'cdcs_enterprise',
      sum(
        (c) => c.cdcs,
        (s) => inScope(s) && ENTERPRISE_SECTORS.includes(s),
      ),
    ],
    ['upper_units', counts.upperUnits],
    ...employerValues,
    ['cdcs_with_agreement', sum((c) => c.agr)],
    ['agreements_b_or_better', sum((c) => c.agrB)],
    ['agreements_better_than_law', sum((c) => c.agrBetter)],
  ]);
}

/** Every derived element of several units' subtrees for one scope (tests and one-off reads). */
export async function aggregatedElements(
  db: Kysely<DB>,
  unitIds: number[],
  date: string,
  scope: ElementScope,
  period: { start: string; end: string } | null,
): Promise<Map<number, ElementValues>> {
  const counts = await aggregatedCounts(
    db,
    unitIds.map((unitId) => ({ unitId, date, period, women: true, members: true })),
  );
  const employers = await aggregatedEmployers(db, unitIds, scope.minWorkers ?? 0);
  const out = new Map<number, ElementValues>();
  for (const unitId of unitIds) {
    const c = counts.get(countKey({ unitId, date, period, women: true, members: true }));
    if (c) out.set(unitId, await composeElements(db, unitId, c, employers?.get(unitId) ?? null, scope, period !== null));
  }
  return out;
}
