import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { EMPLOYER_WORKERS_CAP, UPPER_KINDS } from './aggregates.sql.ts';
import { ENTERPRISE_SECTORS, rawEmployerElements, type ElementScope, type ElementValues } from './derived-elements.repository.ts';
import { arrayLiteral } from '../db/array-literal.ts';

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

// A rollup prefix: every change strictly before day c, read as decades, years, months, then days.
// Bounded by the day *after* the date, a year-end or month-end date reads no day rows at all.
// The decades and years before c are read once per (unit, decade, year) — a children table asks
// each child on today and on a year-end, which share them — and a request whose month or day
// range is empty (a year-end, a month-end) does not probe that grain.
const rollupRange = (grain: string, from: string, to: string) => sql`
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = ${grain}
      AND r.bucket >= ${sql.ref(`bb.${from}`)} AND r.bucket < ${sql.ref(`bb.${to}`)}
    WHERE ${sql.ref(`bb.${from}`)} < ${sql.ref(`bb.${to}`)}`;

// A unit's own members on its day: one index-only range of membership (unit_id, valid_from, valid_to).
const OWN_ACTIVE = sql`h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)`;

/** A row of the counts query: a request's bounds and its packed parts. */
type CountRow = {
  req: Num;
  unit_id: Num;
  day: string;
  p_start: string;
  p_end: string;
  has_period: boolean;
  wants_members: boolean;
  wants_women: boolean;
  counts: string | null;
};

/** The requests, one per distinct bounds (members and women asked if any of them asks). */
const requestsCte = (requests: CountRequest[]) => sql`
    WITH req AS (
      -- Requests with the same bounds are read once, with members (and women) if any of them asks.
      SELECT d.*, row_number() OVER () AS req FROM (
        SELECT unit_id, day, p_start, p_end, has_period, bool_or(wants_members) AS wants_members, bool_or(wants_women) AS wants_women
        FROM unnest(${arrayLiteral(requests, (r) => r.unitId)}::bigint[], ${arrayLiteral(requests, (r) => r.date)}::date[],
          ${arrayLiteral(requests, (r) => r.period?.start ?? r.date)}::date[], ${arrayLiteral(requests, (r) => r.period?.end ?? r.date)}::date[],
          ${arrayLiteral(requests, (r) => r.period !== null)}::boolean[], ${arrayLiteral(requests, (r) => r.members || r.women)}::boolean[],
          ${arrayLiteral(requests, (r) => r.women)}::boolean[]) AS r(unit_id, day, p_start, p_end, has_period, wants_members, wants_women)
        GROUP BY unit_id, day, p_start, p_end, has_period
      ) d
    ),
`;

/** The requests whose unit stood in the tree on their day, and the rollup prefixes each reads. */
const PLACED_CTES = sql`    placed AS MATERIALIZED (
      SELECT req.req, req.unit_id, req.day, req.p_start, req.p_end, req.has_period, req.wants_members, req.wants_women, u.kind, coalesce(u.sector, '') AS sector
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
`;

/** Each prefix read from the rollup: decades and years once per (unit, decade, year), then months and days. */
const ROLLUP_CTES = sql`    xy AS (
      SELECT k.unit_id, k.x0, k.y0, r.sector, sum(r.active) AS active, sum(r.women) AS women, sum(r.joined) AS joined, sum(r.cdcs) AS cdcs,
        sum(r.upper_units) AS upper_units, sum(r.agr) AS agr, sum(r.agr_b) AS agr_b, sum(r.agr_better) AS agr_better
      FROM (SELECT DISTINCT unit_id, x0, y0 FROM bb) k
      CROSS JOIN LATERAL (
        SELECT * FROM progress_rollup r WHERE r.unit_id = k.unit_id AND r.grain = 'x' AND r.bucket < k.x0
        UNION ALL SELECT * FROM progress_rollup r WHERE r.unit_id = k.unit_id AND r.grain = 'y' AND r.bucket >= k.x0 AND r.bucket < k.y0
      ) r
      GROUP BY k.unit_id, k.x0, k.y0, r.sector
    ),
    hits AS (
      SELECT bb.req, bb.k, bb.sign, xy.sector, xy.active, xy.women, xy.joined, xy.cdcs, xy.upper_units, xy.agr, xy.agr_b, xy.agr_better
      FROM bb JOIN xy ON xy.unit_id = bb.unit_id AND xy.x0 = bb.x0 AND xy.y0 = bb.y0
      UNION ALL ${rollupRange('m', 'y0', 'm0')} UNION ALL ${rollupRange('d', 'm0', 'c')}
    ),
    below AS (
      SELECT req, sector,
        sum(active) FILTER (WHERE k = 'at') AS active, sum(women) FILTER (WHERE k = 'at') AS women, sum(sign * joined) FILTER (WHERE k <> 'at') AS joined,
        sum(cdcs) FILTER (WHERE k = 'at') AS cdcs, sum(upper_units) FILTER (WHERE k = 'at') AS upper_units,
        sum(agr) FILTER (WHERE k = 'at') AS agr, sum(agr_b) FILTER (WHERE k = 'at') AS agr_b, sum(agr_better) FILTER (WHERE k = 'at') AS agr_better
      FROM hits GROUP BY req, sector
    ),
`;

const WOMEN_CTES = sql`-- The women among a unit's own members: each membership that overlaps any day asked of the
    -- unit looks its member's gender up once (a large CĐCS: ten thousand lookups, not ten thousand per day).
    women_spans AS MATERIALIZED (
      SELECT h.unit_id, h.valid_from, h.valid_to
      FROM (SELECT unit_id, min(day) AS first_day, max(day) AS last_day FROM placed WHERE wants_women GROUP BY unit_id) u
      JOIN membership h ON h.unit_id = u.unit_id AND h.valid_from <= u.last_day AND (h.valid_to IS NULL OR h.valid_to > u.first_day)
      JOIN member m ON m.id = h.member_id AND m.gender = 'female'
    ),
    own_women AS (
      SELECT pl.req, count(*) AS women FROM placed pl
      JOIN women_spans h ON h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)
      WHERE pl.wants_women GROUP BY pl.req
    ),`;

/** A unit's own facts, which the rollup of its descendants does not hold. */
const ownCtes = (women: boolean) => sql`    -- A unit's own memberships (a CĐCS's members) are not in the rollup: counted from the index
    -- for the requests that count members, women from own_women for those that count them, and the
    -- period's admissions read as one range of join days (an admission counts where the unit stood that day).
    own_members AS (
      SELECT pl.req, pl.sector, a.active, ${women ? sql`coalesce(w.women, 0)` : sql`0`} AS women, j.joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM placed pl
      CROSS JOIN LATERAL (SELECT count(*) AS active FROM membership h WHERE ${OWN_ACTIVE}) a
      ${women ? sql`LEFT JOIN own_women w ON w.req = pl.req` : sql``}
      CROSS JOIN LATERAL (
        SELECT count(*) AS joined FROM membership h
        WHERE pl.has_period AND h.unit_id = pl.unit_id AND h.valid_from BETWEEN pl.p_start AND pl.p_end AND h.start_reason = 'joined'
          AND EXISTS (SELECT 1 FROM org_placement j WHERE j.unit_id = h.unit_id AND j.valid_from <= h.valid_from AND (j.valid_to IS NULL OR j.valid_to > h.valid_from))
      ) j
      WHERE pl.wants_members
    ),
    own_unit AS (
      SELECT pl.req, pl.sector, 0 AS active, 0 AS women, 0 AS joined,
        (pl.kind = 'grassroots' AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = pl.unit_id AND g.dissolved_on <= pl.day))::int AS cdcs,
        (pl.kind = ANY(${UPPER_KINDS as unknown as string[]}::text[]))::int AS upper_units, a.agr, a.agr_b, a.agr_better
      FROM placed pl CROSS JOIN LATERAL (
        SELECT coalesce(max(1), 0) AS agr, coalesce(max((a.quality_class IN ('A', 'B'))::int), 0) AS agr_b,
          coalesce(max(a.better_than_law::int), 0) AS agr_better
        FROM agreement a WHERE a.cdcs_unit_id = pl.unit_id AND a.effective_from <= pl.day AND pl.day <= coalesce(a.ended_on, a.expires_on)
      ) a
    ),
`;

/** One row per placed request, its parts packed; members' parts only when asked. */
const perRequestCte = (members: boolean) => sql`    -- One row per placed request: its bounds and its parts packed in one text
    -- ("sector,active,women,joined,cdcs,upper_units,agr,agr_b,agr_better;…", a sector may come
    -- more than once: the caller adds them up): a children table asks a thousand requests, and a
    -- row each with a short string parses in a fraction of the time of four wide rows each.
    -- A sum over nothing (a sector seen only in a period's bounds) is 0, as concat_ws would drop a NULL.
    per_req AS (
      SELECT req, string_agg(concat_ws(',', sector, coalesce(active, 0), coalesce(women, 0), coalesce(joined, 0), coalesce(cdcs, 0),
        coalesce(upper_units, 0), coalesce(agr, 0), coalesce(agr_b, 0), coalesce(agr_better, 0)), ';') AS counts
      FROM (SELECT * FROM below ${members ? sql`UNION ALL SELECT * FROM own_members` : sql``} UNION ALL SELECT * FROM own_unit) parts
      GROUP BY req
    )
    SELECT pl.req, pl.unit_id, pl.day, pl.p_start, pl.p_end, pl.has_period, pl.wants_members, pl.wants_women, r.counts
    FROM placed pl LEFT JOIN per_req r ON r.req = pl.req`;

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
  if (requests.length === 0) return new Map();
  const members = requests.some((r) => r.members || r.women);
  const women = requests.some((r) => r.women);
  // The fragments joined as the one statement they were written as (server/progress/aggregate-elements.repository.sql).
  const query = sql<CountRow>`${requestsCte(requests)}${PLACED_CTES}${ROLLUP_CTES}    ${women ? WOMEN_CTES : sql``}
${ownCtes(women)}${perRequestCte(members)}`;
  // A plan this size crosses PostgreSQL's JIT threshold: every connection runs with JIT off (server/db/database.ts).
  return countsByRequest(requests, (await query.execute(db)).rows);
}

/** Each request's counts from the packed rows (requests that share bounds share an entry). */
function countsByRequest(requests: CountRequest[], rows: CountRow[]): Map<string, SubtreeCounts> {
  const out = new Map<string, SubtreeCounts>();
  const bounds = (unitId: number, day: string, start: string, end: string, hasPeriod: boolean) =>
    `${unitId}|${day}|${start}|${end}|${hasPeriod}`;
  const boundsOf = (r: CountRequest) => bounds(r.unitId, r.date, r.period?.start ?? r.date, r.period?.end ?? r.date, r.period !== null);
  const byBounds = new Map<string, string>(requests.map((r) => [boundsOf(r), countKey(r)]));
  for (const r of rows) {
    const entry: SubtreeCounts = { bySector: new Map(), upperUnits: 0, hasMembers: r.wants_members, hasWomen: r.wants_women };
    out.set(byBounds.get(bounds(Number(r.unit_id), r.day, r.p_start, r.p_end, r.has_period))!, entry);
    for (const part of r.counts ? r.counts.split(';') : []) {
      const [sector, active, womenCount, joined, cdcs, upperUnits, agr, agrB, agrBetter] = part.split(',');
      entry.upperUnits += Number(upperUnits);
      const c = entry.bySector.get(sector!);
      if (c) {
        c.active += Number(active);
        c.women += Number(womenCount);
        c.joined += Number(joined);
        c.cdcs += Number(cdcs);
        c.agr += Number(agr);
        c.agrB += Number(agrB);
        c.agrBetter += Number(agrBetter);
      } else
        entry.bySector.set(sector!, {
          active: Number(active),
          women: Number(womenCount),
          joined: Number(joined),
          cdcs: Number(cdcs),
          agr: Number(agr),
          agrB: Number(agrB),
          agrBetter: Number(agrBetter),
        });
    }
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
  if (employers !== null) return composeCounts(counts, employers, scope, hasPeriod);
  const values = composeCounts(counts, 'not-asked', scope, hasPeriod);
  // A threshold above the cap: rare, exact the slow way.
  const sectors = scope.sectors && scope.sectors.length ? scope.sectors : null;
  for (const [code, value] of await rawEmployerElements(db, unitId, sectors, scope.minWorkers ?? 0)) values.set(code, value);
  return values;
}

/** `composeElements` without a registry read: employers summed from the aggregates, or not asked. */
export function composeCounts(
  counts: SubtreeCounts,
  employers: EmployerCounts | 'not-asked',
  scope: ElementScope,
  hasPeriod: boolean,
): ElementValues {
  const sectors = scope.sectors && scope.sectors.length ? scope.sectors : null;
  const inScope = (sector: string) => sectors === null || sectors.includes(sector);
  // One pass over the sectors (a children table composes this for every child and date).
  let active = 0;
  let women = 0;
  let joined = 0;
  let cdcs = 0;
  let cdcsEnterprise = 0;
  let agr = 0;
  let agrB = 0;
  let agrBetter = 0;
  for (const [sector, c] of counts.bySector) {
    if (!inScope(sector)) continue;
    active += c.active;
    women += c.women;
    joined += c.joined;
    cdcs += c.cdcs;
    if (ENTERPRISE_SECTORS.includes(sector)) cdcsEnterprise += c.cdcs;
    agr += c.agr;
    agrB += c.agrB;
    agrBetter += c.agrBetter;
  }
  const values = new Map<string, number | null>([
    ['members_active', counts.hasMembers ? active : null],
    ['members_women', counts.hasMembers && counts.hasWomen ? women : null],
    ['members_new', counts.hasMembers && hasPeriod ? joined : null],
    ['cdcs', cdcs],
    ['cdcs_enterprise', cdcsEnterprise],
    ['upper_units', counts.upperUnits],
    ['cdcs_with_agreement', agr],
    ['agreements_b_or_better', agrB],
    ['agreements_better_than_law', agrBetter],
  ]);
  if (employers !== 'not-asked') for (const [code, value] of employerElements(employers, inScope)) values.set(code, value);
  return values;
}

/** The employer elements of a scope from the per-sector employer sums. */
function employerElements(employers: EmployerCounts, inScope: (sector: string) => boolean): [string, number | null][] {
  let [count, withCdcs, workersKnown, workersSum, workersCdcsKnown, workersCdcsSum] = [0, 0, 0, 0, 0, 0];
  for (const [sector, v] of employers) {
    if (!inScope(sector)) continue;
    count += v.employers;
    withCdcs += v.withCdcs;
    workersKnown += v.workersKnown;
    workersSum += v.workersSum;
    workersCdcsKnown += v.workersCdcsKnown;
    workersCdcsSum += v.workersCdcsSum;
  }
  return [
    ['employers', count],
    ['employers_with_cdcs', withCdcs],
    ['workers', workersKnown === 0 ? null : workersSum],
    ['workers_in_cdcs_employers', workersCdcsKnown === 0 ? null : workersCdcsSum],
  ];
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
