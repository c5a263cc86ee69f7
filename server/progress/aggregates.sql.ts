/**
 * The SQL of the progress aggregates, written once and used three ways: inside the triggers that
 * keep the aggregates current (migration 0009), by the full rebuild after a bulk load, and by the
 * tests that compare the aggregates with the raw registries.
 *
 * The model is linear. A *fact* is something that counts for a unit during an interval: a
 * membership (one active member, maybe a woman, maybe a "joined" event on its first day), a
 * CĐCS or upper union existing until it is dissolved, a CĐCS covered by an agreement in force.
 * A fact of unit u meets each placement p of u that overlaps it; over the overlap
 * [greatest(from), least(to)) it adds its counts to every *strict* ancestor on p's path (+ at the
 * start, − at the end). So any change — a fact added or removed, a placement opened or closed, a
 * unit's sector changed — is applied by subtracting the old contributions and adding the new,
 * set-based, in the transaction that makes the change.
 *
 * Contributions land in `progress_rollup` per (ancestor, sector, grain, bucket): grain 'd' holds
 * the day's net change, 'm' the month's, 'y' the year's, 'x' the decade's. The value of X on day
 * D is the sum of X's 'x' rows before D's decade, 'y' rows from there to D's year, 'm' rows to
 * D's month and 'd' rows to D: at most 4 + 9 + 11 + 31 rows per sector, whatever the size of X's
 * subtree and however far back its history goes. A unit's own facts (a CĐCS's members) are not rolled up into
 * itself: they are read from the registry (see aggregate-elements.repository.ts), which keeps the
 * table at the size of the upper levels instead of one row per CĐCS and day.
 *
 * Reported figures (reported_value: one row per unit, element and period, submitted or accepted)
 * are summed per (unit on the reporting unit's current path — itself included —, period, element,
 * state) in `progress_reported`, with the number of units that reported, so a nation's card reads
 * a handful of rows instead of every CĐCS's report.
 *
 * Employers are not effective-dated (their current figures are used), so `progress_employer`
 * holds current sums per (unit on the path — the employer's own CĐCS or area union included,
 * employer sector, workers key) with workers capped at EMPLOYER_WORKERS_CAP: a threshold
 * "từ N lao động trở lên" with N ≤ the cap is exact, and no read touches the 400,000-row registry.
 */
/** Advisory lock: fact triggers take it shared, tree triggers exclusive (see migration 0009). */
export const AGGREGATE_LOCK_KEY = 700609;
/** Advisory lock class of a reporting period's sums (with the period code's hash as the second key). */
export const REPORTED_LOCK_KEY = 700614;

export interface AggregateTrigger {
  name: string;
  table: string;
  event: 'INSERT' | 'UPDATE' | 'DELETE';
  level: 'statement' | 'row';
  fn: string;
  when?: string;
}

const statementTriggers = (table: string, short: string): AggregateTrigger[] => [
  { name: `progress_agg_${short}_ins`, table, event: 'INSERT', level: 'statement', fn: `progress_agg_${short}_ins` },
  { name: `progress_agg_${short}_upd`, table, event: 'UPDATE', level: 'statement', fn: `progress_agg_${short}_upd` },
  { name: `progress_agg_${short}_del`, table, event: 'DELETE', level: 'statement', fn: `progress_agg_${short}_del` },
];

/** Every trigger that keeps the aggregates current (a bulk loader disables them, then rebuilds). */
export const AGGREGATE_TRIGGERS: AggregateTrigger[] = [
  ...statementTriggers('membership', 'membership'),
  ...statementTriggers('agreement', 'agreement'),
  ...statementTriggers('employer', 'employer'),
  ...statementTriggers('org_placement', 'placement'),
  {
    name: 'progress_agg_unit_upd',
    table: 'org_unit',
    event: 'UPDATE',
    level: 'row',
    fn: 'progress_agg_unit_upd',
    when: 'OLD.kind IS DISTINCT FROM NEW.kind OR OLD.sector IS DISTINCT FROM NEW.sector',
  },
  {
    name: 'progress_agg_profile_ins',
    table: 'grassroots_profile',
    event: 'INSERT',
    level: 'row',
    fn: 'progress_agg_profile',
    when: 'NEW.dissolved_on IS NOT NULL',
  },
  {
    name: 'progress_agg_profile_upd',
    table: 'grassroots_profile',
    event: 'UPDATE',
    level: 'row',
    fn: 'progress_agg_profile',
    when: 'OLD.dissolved_on IS DISTINCT FROM NEW.dissolved_on',
  },
  {
    name: 'progress_agg_profile_del',
    table: 'grassroots_profile',
    event: 'DELETE',
    level: 'row',
    fn: 'progress_agg_profile',
    when: 'OLD.dissolved_on IS NOT NULL',
  },
  {
    name: 'progress_agg_member_gender',
    table: 'member',
    event: 'UPDATE',
    level: 'row',
    fn: 'progress_agg_member_gender',
    when: 'OLD.gender IS DISTINCT FROM NEW.gender',
  },
  // Added by migration 0014 (its table did not exist before): accepted and submitted report figures.
  ...statementTriggers('reported_value', 'reported'),
];

export const UPPER_KINDS = ['commune', 'industrial_zone', 'local_sector', 'district'] as const;
export const EMPLOYER_WORKERS_CAP = 1000;

const upperList = UPPER_KINDS.map((k) => `'${k}'`).join(', ');
const COUNTS = ['active', 'women', 'joined', 'cdcs', 'upper_units', 'agr', 'agr_b', 'agr_better'] as const;

/** Strict ancestors of a placement path as a lateral relation a(id) of text unit ids (empty for the root). */
const strictAncestors = (path: string) =>
  `CROSS JOIN LATERAL unnest((string_to_array(${path}::text, '.'))[1:nlevel(${path}) - 1]) AS a(id)`;
/** Every unit on a placement path, the placed unit included. */
const pathUnits = (path: string) => `CROSS JOIN LATERAL unnest(string_to_array(${path}::text, '.')) AS a(id)`;

/**
 * Facts of memberships. `rows` is a relation with membership columns (the table, or a transition
 * table); `units` gives the unit's sector (org_unit, or the old values of a changed unit).
 */
export function membershipFacts(rows: string, sign: string, units = 'org_unit'): string {
  return `SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, ${sign} AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM ${rows} h JOIN member m ON m.id = h.member_id JOIN ${units} u ON u.id = h.unit_id`;
}

/** The units relation the unit facts read: kind, sector and dissolution day of each unit. */
export const UNITS_WITH_DISSOLUTION = `(SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id)`;

/** Facts of the units themselves: a CĐCS counts until it is dissolved, an upper union always. */
export function unitFacts(units: string, sign: string): string {
  return `SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, ${sign} AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN (${upperList}))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM ${units} u WHERE u.kind = 'grassroots' OR u.kind IN (${upperList})`;
}

/**
 * Facts of agreements: per CĐCS, the union of the intervals in which at least one agreement is in
 * force (from effective_from through coalesce(ended_on, expires_on)), once for any agreement,
 * once for class A/B, once for "better than the law" — a CĐCS with two overlapping agreements
 * counts once, as count(DISTINCT cdcs) does.
 */
export function agreementFacts(rows: string, sign: string, units = 'org_unit'): string {
  return `SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, ${sign} AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM ${rows} a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN ${units} un ON un.id = i.u`;
}

/**
 * Adds the contributions of `facts` (a UNION ALL of the *Facts() selects) over the placements of
 * `placements` to progress_rollup. Keys are grouped before the upsert (one row per key per
 * statement) and sorted, so concurrent writers lock hot rows (the nation's) in the same order.
 */
export function applyFactsSql(facts: string, placements = 'org_placement'): string {
  const sums = COUNTS.map((c) => `sum(${c}) AS ${c}`).join(', ');
  const startCols = COUNTS.map((c) => (c === 'joined' ? 'CASE WHEN starts_here THEN sign * joined ELSE 0 END' : `sign * ${c}`)).join(', ');
  const endCols = COUNTS.map((c) => (c === 'joined' ? '0' : `-sign * ${c}`)).join(', ');
  return `
    WITH f AS (${facts}),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN ${placements} p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, ${COUNTS.join(', ')}) AS (
      SELECT path, sector, s, ${startCols} FROM pairs
      UNION ALL
      SELECT path, sector, e, ${endCols} FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, ${COUNTS.join(', ')} FROM ev ${strictAncestors('ev.path')}
    ),
    d AS (SELECT unit_id, sector, day, ${sums} FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, ${COUNTS.join(', ')})
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, ${COUNTS.join(', ')} FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, ${sums} FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, ${sums} FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, ${sums} FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      ${COUNTS.map((c) => `${c} = progress_rollup.${c} + excluded.${c}`).join(', ')}`;
}

/**
 * Adds `sign` × the employers of `rows` to progress_employer, along the current placement of the
 * unit each employer counts under (its CĐCS, else its area union).
 */
export function applyEmployersSql(rows: string, sign: string, placements = 'org_placement'): string {
  return `
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), ${EMPLOYER_WORKERS_CAP}) AS workers_key,
        sum(${sign}) AS employers, sum(${sign} * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(${sign} * (e.workers IS NOT NULL)::int) AS workers_known, sum(${sign} * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(${sign} * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(${sign} * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM ${rows} e JOIN ${placements} p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL ${pathUnits('p.path')}
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum`;
}

/** Every fact of some units (all their memberships, themselves, their agreements), for tree changes. */
export function factsOfUnits(unitIds: string, sign: string, units = 'org_unit', unitsWithDissolution = UNITS_WITH_DISSOLUTION): string {
  return [
    membershipFacts(`(SELECT * FROM membership WHERE unit_id IN (${unitIds}))`, sign, units),
    unitFacts(`(SELECT * FROM ${unitsWithDissolution} x WHERE x.id IN (${unitIds}))`, sign),
    agreementFacts(`(SELECT * FROM agreement WHERE cdcs_unit_id IN (${unitIds}))`, sign, units),
  ].join('\nUNION ALL\n');
}

/**
 * Adds `sign` × the reported figures of `rows` (reported_value columns) to progress_reported,
 * along the current placement of each reporting unit, the unit itself included.
 */
export function applyReportedSql(rows: string, sign: string, placements = 'org_placement'): string {
  return `
    INSERT INTO progress_reported (unit_id, period_code, element_code, state, total, units)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, r.period_code, r.element_code, r.state, sum(${sign} * r.value) AS total, sum(${sign})::int AS units
      FROM ${rows} r JOIN ${placements} p ON p.unit_id = r.unit_id AND p.valid_to IS NULL ${pathUnits('p.path')}
      GROUP BY 1, 2, 3, 4
    ) k ORDER BY unit_id, period_code, element_code, state
    ON CONFLICT (unit_id, period_code, element_code, state) DO UPDATE SET
      total = progress_reported.total + excluded.total, units = progress_reported.units + excluded.units`;
}

/** The reported sums from scratch (migration 0014, bulk loads). */
export const REBUILD_REPORTED_SQL = ['TRUNCATE progress_reported', applyReportedSql('reported_value', '1')];

/** The full recomputation from the raw tables (bulk loads, and the migration on existing data). */
/** Employers only (the table is small: seconds at national scale). */
export const REBUILD_EMPLOYERS_SQL = ['TRUNCATE progress_employer', applyEmployersSql('employer', '1')];

export const REBUILD_SQL = [
  'TRUNCATE progress_rollup, progress_employer',
  applyFactsSql(
    [membershipFacts('membership', '1'), unitFacts(UNITS_WITH_DISSOLUTION, '1'), agreementFacts('agreement', '1')].join('\nUNION ALL\n'),
  ),
  applyEmployersSql('employer', '1'),
];
