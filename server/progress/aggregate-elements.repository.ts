import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { EMPLOYER_WORKERS_CAP, UPPER_KINDS } from './aggregates.sql.ts';
import { ENTERPRISE_SECTORS, rawEmployerElements, type ElementScope, type ElementValues } from './derived-elements.repository.ts';

type Num = number | string | null;
interface Row {
  unit_id: Num;
  active: Num; women: Num; joined: Num; cdcs: Num; cdcs_enterprise: Num; upper_units: Num; agr: Num; agr_b: Num; agr_better: Num;
  employers: Num; with_cdcs: Num; workers_known: Num; workers_sum: Num; workers_cdcs_known: Num; workers_cdcs_sum: Num;
}

const n = (v: Num) => (v === null ? 0 : Number(v));

/**
 * Every derived data element of several units' subtrees on one date, read from the aggregates
 * that triggers keep current (server/progress/aggregates.sql.ts) — the same answers as
 * `derivedElements`, at a cost that does not grow with the subtree: a nation is as cheap as a
 * commune. Each unit's descendants come from progress_rollup / progress_employer (at most a few
 * hundred rows per unit and sector); the unit's own facts (a CĐCS's members and agreements, an
 * upper union's own employers) from the registries by index. Units not placed in the tree that
 * day get no entry (no data, as the raw path).
 */
export async function aggregatedElements(
  db: Kysely<DB>, unitIds: number[], date: string, scope: ElementScope, period: { start: string; end: string } | null,
): Promise<Map<number, ElementValues>> {
  if (unitIds.length === 0) return new Map();
  const sectors = scope.sectors && scope.sectors.length ? scope.sectors : null;
  const minWorkers = scope.minWorkers ?? 0;
  const pStart = period?.start ?? date;
  const pEnd = period?.end ?? date;
  const inScope = sql`(${sectors}::text[] IS NULL OR sector = ANY(${sectors}::text[]))`;
  const employersFromAggregates = minWorkers <= EMPLOYER_WORKERS_CAP;
  const result = await sql<Row>`
    WITH placed AS (
      SELECT p.unit_id, u.kind, coalesce(u.sector, '') AS sector,
        EXISTS (SELECT 1 FROM org_placement c WHERE c.unit_id = p.unit_id AND c.valid_to IS NULL) AS is_current
      FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
      WHERE p.unit_id = ANY(${unitIds}::bigint[]) AND p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
    ),
    below AS (
      SELECT r.unit_id,
        sum(r.active) FILTER (WHERE ${inScope}) AS active, sum(r.women) FILTER (WHERE ${inScope}) AS women,
        sum(r.cdcs) FILTER (WHERE ${inScope}) AS cdcs,
        sum(r.cdcs) FILTER (WHERE ${inScope} AND sector = ANY(${ENTERPRISE_SECTORS}::text[])) AS cdcs_enterprise,
        sum(r.upper_units) AS upper_units,
        sum(r.agr) FILTER (WHERE ${inScope}) AS agr, sum(r.agr_b) FILTER (WHERE ${inScope}) AS agr_b, sum(r.agr_better) FILTER (WHERE ${inScope}) AS agr_better
      FROM progress_rollup r
      WHERE r.unit_id IN (SELECT unit_id FROM placed)
        AND ((r.grain = 'y' AND r.bucket < date_trunc('year', ${date}::date)::date)
          OR (r.grain = 'd' AND r.bucket >= date_trunc('year', ${date}::date)::date AND r.bucket <= ${date}::date))
      GROUP BY r.unit_id
    ),
    admissions AS (
      SELECT r.unit_id, sum(r.joined) AS joined FROM progress_rollup r
      WHERE r.unit_id IN (SELECT unit_id FROM placed) AND r.grain = 'd' AND r.bucket BETWEEN ${pStart}::date AND ${pEnd}::date AND ${inScope}
      GROUP BY r.unit_id
    ),
    own_members AS (
      SELECT h.unit_id,
        count(*) FILTER (WHERE h.valid_from <= ${date}::date AND (h.valid_to IS NULL OR h.valid_to > ${date}::date)) AS active,
        count(*) FILTER (WHERE h.valid_from <= ${date}::date AND (h.valid_to IS NULL OR h.valid_to > ${date}::date) AND m.gender = 'female') AS women,
        count(*) FILTER (WHERE h.start_reason = 'joined' AND h.valid_from BETWEEN ${pStart}::date AND ${pEnd}::date
          AND EXISTS (SELECT 1 FROM org_placement j WHERE j.unit_id = h.unit_id AND j.valid_from <= h.valid_from AND (j.valid_to IS NULL OR j.valid_to > h.valid_from))) AS joined
      FROM membership h JOIN placed ON placed.unit_id = h.unit_id JOIN member m ON m.id = h.member_id
      WHERE ${inScope} AND h.valid_from <= greatest(${date}::date, ${pEnd}::date)
      GROUP BY h.unit_id
    ),
    own_agreements AS (
      SELECT a.cdcs_unit_id AS unit_id, 1 AS agr, max((a.quality_class IN ('A', 'B'))::int) AS agr_b, max(a.better_than_law::int) AS agr_better
      FROM agreement a JOIN placed ON placed.unit_id = a.cdcs_unit_id
      WHERE ${inScope} AND a.effective_from <= ${date}::date AND ${date}::date <= coalesce(a.ended_on, a.expires_on)
      GROUP BY a.cdcs_unit_id
    ),
    employers_below AS (
      SELECT e.unit_id, sum(e.employers) AS employers, sum(e.with_cdcs) AS with_cdcs, sum(e.workers_known) AS workers_known, sum(e.workers_sum) AS workers_sum,
        sum(e.workers_cdcs_known) AS workers_cdcs_known, sum(e.workers_cdcs_sum) AS workers_cdcs_sum
      FROM progress_employer e
      WHERE e.unit_id IN (SELECT unit_id FROM placed WHERE is_current) AND e.workers_key >= ${minWorkers} AND ${inScope}
      GROUP BY e.unit_id
    ),
    own_employers AS (
      SELECT coalesce(e.cdcs_unit_id, e.area_unit_id) AS unit_id, count(*) AS employers, count(e.cdcs_unit_id) AS with_cdcs,
        count(e.workers) AS workers_known, coalesce(sum(e.workers), 0) AS workers_sum,
        count(e.workers) FILTER (WHERE e.cdcs_unit_id IS NOT NULL) AS workers_cdcs_known,
        coalesce(sum(e.workers) FILTER (WHERE e.cdcs_unit_id IS NOT NULL), 0) AS workers_cdcs_sum
      FROM employer e
      WHERE (e.cdcs_unit_id IN (SELECT unit_id FROM placed WHERE is_current)
          OR (e.cdcs_unit_id IS NULL AND e.area_unit_id IN (SELECT unit_id FROM placed WHERE is_current)))
        AND coalesce(e.workers, 0) >= ${minWorkers} AND ${inScope}
      GROUP BY 1
    )
    SELECT placed.unit_id,
      coalesce(b.active, 0) + coalesce(om.active, 0) AS active,
      coalesce(b.women, 0) + coalesce(om.women, 0) AS women,
      coalesce(ad.joined, 0) + coalesce(om.joined, 0) AS joined,
      coalesce(b.cdcs, 0) + (placed.kind = 'grassroots' AND (${sectors}::text[] IS NULL OR placed.sector = ANY(${sectors}::text[]))
        AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = placed.unit_id AND g.dissolved_on <= ${date}::date))::int AS cdcs,
      coalesce(b.cdcs_enterprise, 0) + (placed.kind = 'grassroots' AND placed.sector = ANY(${ENTERPRISE_SECTORS}::text[])
        AND (${sectors}::text[] IS NULL OR placed.sector = ANY(${sectors}::text[]))
        AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = placed.unit_id AND g.dissolved_on <= ${date}::date))::int AS cdcs_enterprise,
      coalesce(b.upper_units, 0) + (placed.kind = ANY(${UPPER_KINDS as unknown as string[]}::text[]))::int AS upper_units,
      coalesce(b.agr, 0) + coalesce(oa.agr, 0) AS agr, coalesce(b.agr_b, 0) + coalesce(oa.agr_b, 0) AS agr_b,
      coalesce(b.agr_better, 0) + coalesce(oa.agr_better, 0) AS agr_better,
      coalesce(eb.employers, 0) + coalesce(oe.employers, 0) AS employers, coalesce(eb.with_cdcs, 0) + coalesce(oe.with_cdcs, 0) AS with_cdcs,
      coalesce(eb.workers_known, 0) + coalesce(oe.workers_known, 0) AS workers_known, coalesce(eb.workers_sum, 0) + coalesce(oe.workers_sum, 0) AS workers_sum,
      coalesce(eb.workers_cdcs_known, 0) + coalesce(oe.workers_cdcs_known, 0) AS workers_cdcs_known,
      coalesce(eb.workers_cdcs_sum, 0) + coalesce(oe.workers_cdcs_sum, 0) AS workers_cdcs_sum
    FROM placed
    LEFT JOIN below b ON b.unit_id = placed.unit_id
    LEFT JOIN admissions ad ON ad.unit_id = placed.unit_id
    LEFT JOIN own_members om ON om.unit_id = placed.unit_id
    LEFT JOIN own_agreements oa ON oa.unit_id = placed.unit_id
    LEFT JOIN employers_below eb ON eb.unit_id = placed.unit_id
    LEFT JOIN own_employers oe ON oe.unit_id = placed.unit_id`.execute(db);

  const out = new Map<number, ElementValues>();
  for (const r of result.rows) {
    const unitId = Number(r.unit_id);
    const employers: [string, number | null][] = employersFromAggregates
      ? [
          ['employers', n(r.employers)],
          ['employers_with_cdcs', n(r.with_cdcs)],
          ['workers', n(r.workers_known) === 0 ? null : n(r.workers_sum)],
          ['workers_in_cdcs_employers', n(r.workers_cdcs_known) === 0 ? null : n(r.workers_cdcs_sum)],
        ]
      : await rawEmployerElements(db, unitId, sectors, minWorkers); // a threshold above the aggregates' cap: rare, exact the slow way
    out.set(unitId, new Map<string, number | null>([
      ['members_active', n(r.active)],
      ['members_women', n(r.women)],
      ['members_new', period ? n(r.joined) : null],
      ['cdcs', n(r.cdcs)],
      ['cdcs_enterprise', n(r.cdcs_enterprise)],
      ['upper_units', n(r.upper_units)],
      ...employers,
      ['cdcs_with_agreement', n(r.agr)],
      ['agreements_b_or_better', n(r.agr_b)],
      ['agreements_better_than_law', n(r.agr_better)],
    ]));
  }
  return out;
}
