-- aggregatedCounts: two units on a day, members and women, with a period
SET LOCAL jit = off
-- parameters: []

WITH req AS (
      SELECT d.*, row_number() OVER () AS req FROM (
        SELECT DISTINCT * FROM unnest($1::bigint[], $2::date[],
          $3::date[], $4::date[],
          $5::boolean[]) AS r(unit_id, day, p_start, p_end, has_period)
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
      
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $6
      AND true AND r.bucket < "bb"."x0" UNION ALL 
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $7
      AND r.bucket >= "bb"."x0" AND r.bucket < "bb"."y0" UNION ALL 
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $8
      AND r.bucket >= "bb"."y0" AND r.bucket < "bb"."m0" UNION ALL 
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $9
      AND r.bucket >= "bb"."m0" AND r.bucket < "bb"."c"
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
      SELECT pl.req, pl.sector, a.active, w.women AS women, j.joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM placed pl
      CROSS JOIN LATERAL (SELECT count(*) AS active FROM membership h WHERE h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)) a
      CROSS JOIN LATERAL (SELECT count(*) AS women FROM membership h JOIN member m ON m.id = h.member_id AND m.gender = 'female' WHERE h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)) w
      CROSS JOIN LATERAL (
        SELECT count(*) AS joined FROM membership h
        WHERE pl.has_period AND h.unit_id = pl.unit_id AND h.valid_from BETWEEN pl.p_start AND pl.p_end AND h.start_reason = 'joined'
          AND EXISTS (SELECT 1 FROM org_placement j WHERE j.unit_id = h.unit_id AND j.valid_from <= h.valid_from AND (j.valid_to IS NULL OR j.valid_to > h.valid_from))
      ) j
    ),
    own_unit AS (
      SELECT pl.req, pl.sector, 0 AS active, 0 AS women, 0 AS joined,
        (pl.kind = 'grassroots' AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = pl.unit_id AND g.dissolved_on <= pl.day))::int AS cdcs,
        (pl.kind = ANY($10::text[]))::int AS upper_units,
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
    FROM (SELECT * FROM below UNION ALL SELECT * FROM own_members UNION ALL SELECT * FROM own_unit) x
-- parameters: [[1,7],["2026-06-30","2026-06-30"],["2026-01-01","2026-06-30"],["2026-06-30","2026-06-30"],[true,false],"x","y","m","d",["commune","industrial_zone","local_sector","district"]]

-- aggregatedEmployers: two units, 25 workers or more
-- Per unit, one index range: the aggregates hold each unit's own employers too. The units are
    -- walked from the list (a plain IN over hundreds of ids made the planner scan the whole tree).
    SELECT c.unit_id, e.sector, sum(e.employers) AS employers, sum(e.with_cdcs) AS with_cdcs, sum(e.workers_known) AS workers_known, sum(e.workers_sum) AS workers_sum,
      sum(e.workers_cdcs_known) AS workers_cdcs_known, sum(e.workers_cdcs_sum) AS workers_cdcs_sum
    FROM (SELECT DISTINCT unnest($1::bigint[]) AS unit_id) c
    JOIN progress_employer e ON e.unit_id = c.unit_id AND e.workers_key >= $2
    WHERE EXISTS (SELECT 1 FROM org_placement p WHERE p.unit_id = c.unit_id AND p.valid_to IS NULL)
    GROUP BY c.unit_id, e.sector
-- parameters: [[1,7],25]

-- aggregatedReportedTotals: accepted and submitted figures of a half-year
SELECT r.unit_id, r.element_code, sum(r.total) AS total, sum(r.units) AS units
    FROM (SELECT DISTINCT unnest($1::bigint[]) AS unit_id) c
    JOIN progress_reported r ON r.unit_id = c.unit_id AND r.period_code = $2 AND (r.state = 'accepted' OR $3)
    GROUP BY r.unit_id, r.element_code
    HAVING sum(r.units) > 0
-- parameters: [[1,7],"2026-H1",true]
