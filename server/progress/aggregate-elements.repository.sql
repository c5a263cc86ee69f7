-- aggregatedCounts: two units on a day, members and women, with a period
WITH req AS (
      -- Requests with the same bounds are read once, with members (and women) if any of them asks.
      SELECT d.*, row_number() OVER () AS req FROM (
        SELECT unit_id, day, p_start, p_end, has_period, bool_or(wants_members) AS wants_members, bool_or(wants_women) AS wants_women
        FROM unnest($1::bigint[], $2::date[],
          $3::date[], $4::date[],
          $5::boolean[], $6::boolean[],
          $7::boolean[]) AS r(unit_id, day, p_start, p_end, has_period, wants_members, wants_women)
        GROUP BY unit_id, day, p_start, p_end, has_period
      ) d
    ),
    placed AS MATERIALIZED (
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
    xy AS (
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
      UNION ALL 
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $8
      AND r.bucket >= "bb"."y0" AND r.bucket < "bb"."m0"
    WHERE "bb"."y0" < "bb"."m0" UNION ALL 
    SELECT bb.req, bb.k, bb.sign, r.sector, r.active, r.women, r.joined, r.cdcs, r.upper_units, r.agr, r.agr_b, r.agr_better
    FROM bb JOIN progress_rollup r ON r.unit_id = bb.unit_id AND r.grain = $9
      AND r.bucket >= "bb"."m0" AND r.bucket < "bb"."c"
    WHERE "bb"."m0" < "bb"."c"
    ),
    below AS (
      SELECT req, sector,
        sum(active) FILTER (WHERE k = 'at') AS active, sum(women) FILTER (WHERE k = 'at') AS women, sum(sign * joined) FILTER (WHERE k <> 'at') AS joined,
        sum(cdcs) FILTER (WHERE k = 'at') AS cdcs, sum(upper_units) FILTER (WHERE k = 'at') AS upper_units,
        sum(agr) FILTER (WHERE k = 'at') AS agr, sum(agr_b) FILTER (WHERE k = 'at') AS agr_b, sum(agr_better) FILTER (WHERE k = 'at') AS agr_better
      FROM hits GROUP BY req, sector
    ),
    -- The women among a unit's own members: each membership that overlaps any day asked of the
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
    ),
    -- A unit's own memberships (a CĐCS's members) are not in the rollup: counted from the index
    -- for the requests that count members, women from own_women for those that count them, and the
    -- period's admissions read as one range of join days (an admission counts where the unit stood that day).
    own_members AS (
      SELECT pl.req, pl.sector, a.active, coalesce(w.women, 0) AS women, j.joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM placed pl
      CROSS JOIN LATERAL (SELECT count(*) AS active FROM membership h WHERE h.unit_id = pl.unit_id AND h.valid_from <= pl.day AND (h.valid_to IS NULL OR h.valid_to > pl.day)) a
      LEFT JOIN own_women w ON w.req = pl.req
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
        (pl.kind = ANY($10::text[]))::int AS upper_units, a.agr, a.agr_b, a.agr_better
      FROM placed pl CROSS JOIN LATERAL (
        SELECT coalesce(max(1), 0) AS agr, coalesce(max((a.quality_class IN ('A', 'B'))::int), 0) AS agr_b,
          coalesce(max(a.better_than_law::int), 0) AS agr_better
        FROM agreement a WHERE a.cdcs_unit_id = pl.unit_id AND a.effective_from <= pl.day AND pl.day <= coalesce(a.ended_on, a.expires_on)
      ) a
    ),
    -- One row per placed request: its bounds and its parts packed in one text
    -- ("sector,active,women,joined,cdcs,upper_units,agr,agr_b,agr_better;…", a sector may come
    -- more than once: the caller adds them up): a children table asks a thousand requests, and a
    -- row each with a short string parses in a fraction of the time of four wide rows each.
    -- A sum over nothing (a sector seen only in a period's bounds) is 0, as concat_ws would drop a NULL.
    per_req AS (
      SELECT req, string_agg(concat_ws(',', sector, coalesce(active, 0), coalesce(women, 0), coalesce(joined, 0), coalesce(cdcs, 0),
        coalesce(upper_units, 0), coalesce(agr, 0), coalesce(agr_b, 0), coalesce(agr_better, 0)), ';') AS counts
      FROM (SELECT * FROM below UNION ALL SELECT * FROM own_members UNION ALL SELECT * FROM own_unit) parts
      GROUP BY req
    )
    SELECT pl.req, pl.unit_id, pl.day, pl.p_start, pl.p_end, pl.has_period, pl.wants_members, pl.wants_women, r.counts
    FROM placed pl LEFT JOIN per_req r ON r.req = pl.req
-- parameters: ["{1,7}","{2026-06-30,2026-06-30}","{2026-01-01,2026-06-30}","{2026-06-30,2026-06-30}","{true,false}","{true,true}","{true,false}","m","d",["commune","industrial_zone","local_sector","district"]]

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
