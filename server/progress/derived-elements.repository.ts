import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** What narrows a target's counts: the sectors it speaks of, and an employer-size threshold. */
export interface ElementScope {
  sectors: string[] | null;
  minWorkers: number | null;
}

export type ElementValues = Map<string, number | null>;

export const ENTERPRISE_SECTORS = ['dnnn', 'private', 'fdi'];
const UPPER_KINDS = ['commune', 'industrial_zone', 'local_sector', 'district'];

/**
 * Every derived data element of a unit's subtree on a date, from the registries' histories: the
 * tree as it stood that day, memberships valid that day, agreements in force that day. Exact for
 * any past date. (Employers are not effective-dated: their current figures are used.)
 *
 * This is the naive path, straight from the raw tables: the correctness oracle the aggregates
 * (aggregate-elements.repository.ts) are tested against, and the benchmark's baseline.
 */
export async function derivedElements(
  db: Kysely<DB>,
  unitId: number,
  date: string,
  scope: ElementScope,
  period: { start: string; end: string } | null,
): Promise<ElementValues> {
  const sectors = scope.sectors && scope.sectors.length ? scope.sectors : null;
  const minWorkers = scope.minWorkers ?? 0;
  const treeOnDate = sql`
    WITH root AS (
      SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)
    ),
    tree AS (
      SELECT p.unit_id, u.kind, u.sector FROM org_placement p JOIN org_unit u ON u.id = p.unit_id JOIN root ON p.path <@ root.path
      WHERE p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
    )`;
  const units = await sql<{ cdcs: number; cdcs_enterprise: number; upper_units: number; root_found: number }>`
    ${treeOnDate}
    SELECT
      count(*) FILTER (WHERE t.kind = 'grassroots' AND (${sectors}::text[] IS NULL OR t.sector = ANY(${sectors}::text[]))
                       AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = t.unit_id AND g.dissolved_on <= ${date}::date)) AS cdcs,
      count(*) FILTER (WHERE t.kind = 'grassroots' AND t.sector = ANY(${ENTERPRISE_SECTORS}::text[])
                       AND (${sectors}::text[] IS NULL OR t.sector = ANY(${sectors}::text[]))
                       AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = t.unit_id AND g.dissolved_on <= ${date}::date)) AS cdcs_enterprise,
      count(*) FILTER (WHERE t.kind = ANY(${UPPER_KINDS}::text[])) AS upper_units,
      (SELECT count(*) FROM root) AS root_found
    FROM tree t`.execute(db);
  const u = units.rows[0]!;
  if (Number(u.root_found) === 0) return new Map(); // the unit did not exist that day: no data at all

  const members = await sql<{ active: number; women: number }>`
    ${treeOnDate}
    SELECT
      count(*) FILTER (WHERE h.valid_from <= ${date}::date AND (h.valid_to IS NULL OR h.valid_to > ${date}::date)) AS active,
      count(*) FILTER (WHERE h.valid_from <= ${date}::date AND (h.valid_to IS NULL OR h.valid_to > ${date}::date) AND m.gender = 'female') AS women
    FROM membership h JOIN tree t ON t.unit_id = h.unit_id JOIN member m ON m.id = h.member_id
    WHERE (${sectors}::text[] IS NULL OR t.sector = ANY(${sectors}::text[]))`.execute(db);
  const mm = members.rows[0]!;
  // New members count where they joined, along the tree of the day they joined (a 2024 admission
  // stays with the 2024 district union even after its CĐCS moved to a commune in 2025).
  const admissions = await sql<{ new_members: number }>`
    SELECT count(*) AS new_members
    FROM membership h JOIN org_unit u ON u.id = h.unit_id
    JOIN org_placement p ON p.unit_id = h.unit_id AND p.valid_from <= h.valid_from AND (p.valid_to IS NULL OR p.valid_to > h.valid_from)
    WHERE h.start_reason = 'joined' AND h.valid_from BETWEEN ${period?.start ?? date}::date AND ${period?.end ?? date}::date
      AND p.path ~ ${`*.${unitId}.*`}::lquery
      AND (${sectors}::text[] IS NULL OR u.sector = ANY(${sectors}::text[]))`.execute(db);
  const mm2 = admissions.rows[0]!;

  const ee = await rawEmployerElements(db, unitId, sectors, minWorkers);

  const agreements = await sql<{ with_agreement: number; b_or_better: number; better: number }>`
    ${treeOnDate}
    SELECT count(DISTINCT a.cdcs_unit_id) AS with_agreement,
           count(DISTINCT a.cdcs_unit_id) FILTER (WHERE a.quality_class IN ('A', 'B')) AS b_or_better,
           count(DISTINCT a.cdcs_unit_id) FILTER (WHERE a.better_than_law) AS better
    FROM agreement a JOIN tree t ON t.unit_id = a.cdcs_unit_id
    WHERE a.effective_from <= ${date}::date AND ${date}::date <= coalesce(a.ended_on, a.expires_on)
      AND (${sectors}::text[] IS NULL OR t.sector = ANY(${sectors}::text[]))`.execute(db);
  const aa = agreements.rows[0]!;

  return new Map<string, number | null>([
    ['members_active', Number(mm.active)],
    ['members_women', Number(mm.women)],
    ['members_new', period ? Number(mm2.new_members) : null],
    ['cdcs', Number(u.cdcs)],
    ['cdcs_enterprise', Number(u.cdcs_enterprise)],
    ['upper_units', Number(u.upper_units)],
    ...ee,
    ['cdcs_with_agreement', Number(aa.with_agreement)],
    ['agreements_b_or_better', Number(aa.b_or_better)],
    ['agreements_better_than_law', Number(aa.better)],
  ]);
}

/** Employers counted under a unit on today's tree (employers are not effective-dated). */
export async function rawEmployerElements(
  db: Kysely<DB>,
  unitId: number,
  sectors: string[] | null,
  minWorkers: number,
): Promise<[string, number | null][]> {
  const employers = await sql<{ employers: number; with_cdcs: number; workers: number | null; workers_cdcs: number | null }>`
    WITH root AS (SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL)
    SELECT count(*) AS employers, count(*) FILTER (WHERE e.cdcs_unit_id IS NOT NULL) AS with_cdcs,
           sum(e.workers) AS workers, sum(e.workers) FILTER (WHERE e.cdcs_unit_id IS NOT NULL) AS workers_cdcs
    FROM employer e
    WHERE coalesce(e.workers, 0) >= ${minWorkers}
      AND (${sectors}::text[] IS NULL OR e.sector = ANY(${sectors}::text[]))
      AND EXISTS (SELECT 1 FROM org_placement p, root WHERE p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL AND p.path <@ root.path)`.execute(
    db,
  );
  const ee = employers.rows[0]!;
  return [
    ['employers', Number(ee.employers)],
    ['employers_with_cdcs', Number(ee.with_cdcs)],
    ['workers', ee.workers === null ? null : Number(ee.workers)],
    ['workers_in_cdcs_employers', ee.workers_cdcs === null ? null : Number(ee.workers_cdcs)],
  ];
}

/**
 * Reported elements of a subtree for a period: the sum of the values its units reported (accepted
 * only, or also submitted), with how many units reported at all — shown beside the value. Every
 * element of the period at once (a dashboard's targets share them); read from reported_value by
 * (period, element), then kept to units under the subtree on today's tree.
 */
export async function reportedTotals(
  db: Kysely<DB>,
  unitId: number,
  periodCode: string,
  includeSubmitted: boolean,
): Promise<Map<string, { total: number | null; units: number }>> {
  const rows = await sql<{ element_code: string; total: number | null; units: number }>`
    SELECT r.element_code, sum(r.value) AS total, count(DISTINCT r.unit_id) AS units
    FROM reported_value r JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
    WHERE r.period_code = ${periodCode} AND (r.state = 'accepted' OR ${includeSubmitted})
      AND p.path <@ (SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL)
    GROUP BY r.element_code`.execute(db);
  return new Map(rows.rows.map((r) => [r.element_code, { total: r.total === null ? null : Number(r.total), units: Number(r.units) }]));
}

/** Reported elements for some codes: values (null where nobody reported) and the units that reported. */
export function pickReported(
  totals: Map<string, { total: number | null; units: number }>,
  codes: string[],
): { values: ElementValues; reportingUnits: number } {
  const values: ElementValues = new Map(codes.map((c) => [c, totals.get(c)?.total ?? null]));
  const reportingUnits = Math.max(0, ...codes.map((c) => totals.get(c)?.units ?? 0));
  return { values, reportingUnits };
}

export async function reportedElements(
  db: Kysely<DB>,
  unitId: number,
  periodCode: string,
  codes: string[],
  includeSubmitted: boolean,
): Promise<{ values: ElementValues; reportingUnits: number }> {
  if (codes.length === 0) return { values: new Map(), reportingUnits: 0 };
  return pickReported(await reportedTotals(db, unitId, periodCode, includeSubmitted), codes);
}
