import { sql, type Kysely } from 'kysely';

/**
 * Progress aggregates, second step: month and decade grains beside day and year, so that a value
 * on any day reads at most 4 + 9 + 11 + 31 rows per unit and sector (a province's children table
 * at national scale read ~400 rows per child with days and years only). Replaces the trigger
 * functions with ones that write the four grains, and rebuilds.
 */

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `ALTER TABLE progress_rollup DROP CONSTRAINT IF EXISTS progress_rollup_grain_check`,
  `ALTER TABLE progress_rollup ADD CONSTRAINT progress_rollup_grain_check CHECK (grain IN ('d', 'm', 'y', 'x'))`,
  `CREATE OR REPLACE FUNCTION progress_agg_membership_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM new_rows h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_membership_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, -1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM old_rows h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_membership_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, -1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.member_id, o.unit_id, o.valid_from, o.valid_to, o.start_reason) IS DISTINCT FROM (n.member_id, n.unit_id, n.valid_from, n.valid_to, n.start_reason)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id UNION ALL SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.member_id, o.unit_id, o.valid_from, o.valid_to, o.start_reason) IS DISTINCT FROM (n.member_id, n.unit_id, n.valid_from, n.valid_to, n.start_reason)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_agreement_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT cdcs_unit_id FROM new_rows) AND id NOT IN (SELECT id FROM new_rows)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u UNION ALL SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT cdcs_unit_id FROM new_rows)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_agreement_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT cdcs_unit_id FROM old_rows) UNION ALL SELECT * FROM old_rows) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u UNION ALL SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT cdcs_unit_id FROM old_rows)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_agreement_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    WITH f AS (SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT o.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law)
                    UNION SELECT n.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law)) AND id NOT IN (SELECT id FROM new_rows)
      UNION ALL SELECT * FROM old_rows WHERE cdcs_unit_id IN (SELECT o.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law)
                    UNION SELECT n.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law))) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u UNION ALL SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT o.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law)
                    UNION SELECT n.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE (o.cdcs_unit_id, o.effective_from, o.expires_on, o.ended_on, o.quality_class, o.better_than_law) IS DISTINCT FROM (n.cdcs_unit_id, n.effective_from, n.expires_on, n.ended_on, n.quality_class, n.better_than_law))) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_employer_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(1) AS employers, sum(1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM new_rows e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_employer_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609); 
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(-1) AS employers, sum(-1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(-1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(-1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(-1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(-1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM old_rows e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_employer_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609);
    
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(-1) AS employers, sum(-1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(-1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(-1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(-1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(-1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.sector, o.workers, o.cdcs_unit_id, o.area_unit_id) IS DISTINCT FROM (n.sector, n.workers, n.cdcs_unit_id, n.area_unit_id)) e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
    
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(1) AS employers, sum(1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.sector, o.workers, o.cdcs_unit_id, o.area_unit_id) IS DISTINCT FROM (n.sector, n.workers, n.cdcs_unit_id, n.area_unit_id)) e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_placement_ins() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (SELECT unit_id FROM new_rows x)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id) x WHERE x.id IN (SELECT unit_id FROM new_rows x)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT unit_id FROM new_rows x)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN new_rows p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(1) AS employers, sum(1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT * FROM employer WHERE cdcs_unit_id IN (SELECT unit_id FROM new_rows x) OR (cdcs_unit_id IS NULL AND area_unit_id IN (SELECT unit_id FROM new_rows x))) e JOIN new_rows p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_placement_del() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, -1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (SELECT unit_id FROM old_rows x)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id) x WHERE x.id IN (SELECT unit_id FROM old_rows x)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT unit_id FROM old_rows x)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN old_rows p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(-1) AS employers, sum(-1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(-1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(-1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(-1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(-1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT * FROM employer WHERE cdcs_unit_id IN (SELECT unit_id FROM old_rows x) OR (cdcs_unit_id IS NULL AND area_unit_id IN (SELECT unit_id FROM old_rows x))) e JOIN old_rows p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_placement_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock(700609);
    
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, -1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (SELECT unit_id FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id) x WHERE x.id IN (SELECT unit_id FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT unit_id FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(-1) AS employers, sum(-1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(-1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(-1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(-1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(-1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT * FROM employer WHERE cdcs_unit_id IN (SELECT unit_id FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x) OR (cdcs_unit_id IS NULL AND area_unit_id IN (SELECT unit_id FROM (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x))) e JOIN (SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      
    
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (SELECT unit_id FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id) x WHERE x.id IN (SELECT unit_id FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT unit_id FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(1) AS employers, sum(1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM (SELECT * FROM employer WHERE cdcs_unit_id IN (SELECT unit_id FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x) OR (cdcs_unit_id IS NULL AND area_unit_id IN (SELECT unit_id FROM (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) x))) e JOIN (SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE (o.unit_id, o.path, o.valid_from, o.valid_to) IS DISTINCT FROM (n.unit_id, n.path, n.valid_from, n.valid_to)) p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum;
      
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_unit_upd() RETURNS trigger LANGUAGE plpgsql AS $fn$
    
    BEGIN
      PERFORM pg_advisory_xact_lock(700609); 
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, -1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (OLD.id)) h JOIN member m ON m.id = h.member_id JOIN (SELECT OLD.id AS id, OLD.kind AS kind, OLD.sector AS sector) u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT OLD.id AS id, OLD.kind AS kind, OLD.sector AS sector, (SELECT dissolved_on FROM grassroots_profile WHERE unit_id = OLD.id) AS dissolved_on) x WHERE x.id IN (OLD.id)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (OLD.id)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN (SELECT OLD.id AS id, OLD.kind AS kind, OLD.sector AS sector) un ON un.id = i.u UNION ALL SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM membership WHERE unit_id IN (NEW.id)) h JOIN member m ON m.id = h.member_id JOIN (SELECT NEW.id AS id, NEW.kind AS kind, NEW.sector AS sector) u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT * FROM (SELECT NEW.id AS id, NEW.kind AS kind, NEW.sector AS sector, (SELECT dissolved_on FROM grassroots_profile WHERE unit_id = NEW.id) AS dissolved_on) x WHERE x.id IN (NEW.id)) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM (SELECT * FROM agreement WHERE cdcs_unit_id IN (NEW.id)) a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN (SELECT NEW.id AS id, NEW.kind AS kind, NEW.sector AS sector) un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_profile() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE v_unit bigint; v_old date; v_new date;
    BEGIN
      PERFORM pg_advisory_xact_lock(700609);
    v_unit := CASE WHEN TG_OP = 'DELETE' THEN OLD.unit_id ELSE NEW.unit_id END;
    v_old := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.dissolved_on END;
    v_new := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.dissolved_on END;
    
    WITH f AS (SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, -1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT u.id, u.kind, u.sector, v_old::date AS dissolved_on FROM org_unit u WHERE u.id = v_unit) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district') UNION ALL SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT u.id, u.kind, u.sector, v_new::date AS dissolved_on FROM org_unit u WHERE u.id = v_unit) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `CREATE OR REPLACE FUNCTION progress_agg_member_gender() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE v_sign integer;
    BEGIN
      PERFORM pg_advisory_xact_lock_shared(700609);
    v_sign := (NEW.gender = 'female')::int - (OLD.gender = 'female')::int;
    
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, v_sign AS sign,
        0 AS active, 1 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM membership h JOIN org_unit u ON u.id = h.unit_id WHERE h.member_id = NEW.id),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better;
      RETURN NULL;
    END
    $fn$`,
  `TRUNCATE progress_rollup, progress_employer`,
  `
    WITH f AS (SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, 1 AS sign,
      1 AS active, (m.gender = 'female')::int AS women, (h.start_reason = 'joined')::int AS joined,
      0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM membership h JOIN member m ON m.id = h.member_id JOIN org_unit u ON u.id = h.unit_id
UNION ALL
SELECT u.id AS unit_id, coalesce(u.sector, '') AS sector, '-infinity'::date AS valid_from, u.dissolved_on AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, (u.kind = 'grassroots')::int AS cdcs, (u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district'))::int AS upper_units,
      0 AS agr, 0 AS agr_b, 0 AS agr_better
    FROM (SELECT u.id, u.kind, u.sector, g.dissolved_on FROM org_unit u LEFT JOIN grassroots_profile g ON g.unit_id = u.id) u WHERE u.kind = 'grassroots' OR u.kind IN ('commune', 'industrial_zone', 'local_sector', 'district')
UNION ALL
SELECT i.u AS unit_id, coalesce(un.sector, '') AS sector, i.f AS valid_from, i.t AS valid_to, 1 AS sign,
      0 AS active, 0 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units,
      (i.c = 'any')::int AS agr, (i.c = 'b')::int AS agr_b, (i.c = 'better')::int AS agr_better
    FROM (
      SELECT u, c, min(f) AS f, max(t) AS t FROM (
        SELECT u, c, f, t, sum(brk) OVER (PARTITION BY u, c ORDER BY f, t ROWS UNBOUNDED PRECEDING) AS grp FROM (
          SELECT u, c, f, t, CASE WHEN f <= max(t) OVER (PARTITION BY u, c ORDER BY f, t ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) THEN 0 ELSE 1 END AS brk
          FROM (
            SELECT a.cdcs_unit_id AS u, k.c, a.effective_from AS f, coalesce(a.ended_on, a.expires_on) + 1 AS t
            FROM agreement a CROSS JOIN (VALUES ('any'), ('b'), ('better')) AS k(c)
            WHERE k.c = 'any' OR (k.c = 'b' AND a.quality_class IN ('A', 'B')) OR (k.c = 'better' AND a.better_than_law)
          ) k0
        ) k1
      ) k2 GROUP BY u, c, grp
    ) i JOIN org_unit un ON un.id = i.u),
    pairs AS (
      SELECT f.*, greatest(f.valid_from, p.valid_from) AS s, least(f.valid_to, p.valid_to) AS e, f.valid_from >= p.valid_from AS starts_here, p.path
      FROM f JOIN org_placement p ON p.unit_id = f.unit_id
        AND p.valid_from < coalesce(f.valid_to, 'infinity'::date) AND coalesce(p.valid_to, 'infinity'::date) > f.valid_from
    ),
    ev (path, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) AS (
      SELECT path, sector, s, sign * active, sign * women, CASE WHEN starts_here THEN sign * joined ELSE 0 END, sign * cdcs, sign * upper_units, sign * agr, sign * agr_b, sign * agr_better FROM pairs
      UNION ALL
      SELECT path, sector, e, -sign * active, -sign * women, 0, -sign * cdcs, -sign * upper_units, -sign * agr, -sign * agr_b, -sign * agr_better FROM pairs WHERE e IS NOT NULL
    ),
    daily AS (
      SELECT a.id::bigint AS unit_id, sector, day, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM ev CROSS JOIN LATERAL unnest((string_to_array(ev.path::text, '.'))[1:nlevel(ev.path) - 1]) AS a(id)
    ),
    d AS (SELECT unit_id, sector, day, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM daily GROUP BY unit_id, sector, day)
    INSERT INTO progress_rollup (unit_id, sector, grain, bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better)
    SELECT * FROM (
      SELECT unit_id, sector, 'd' AS grain, day AS bucket, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM d
      UNION ALL
      SELECT unit_id, sector, 'm', date_trunc('month', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('month', day)
      UNION ALL
      SELECT unit_id, sector, 'y', date_trunc('year', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('year', day)
      UNION ALL
      SELECT unit_id, sector, 'x', date_trunc('decade', day)::date, sum(active) AS active, sum(women) AS women, sum(joined) AS joined, sum(cdcs) AS cdcs, sum(upper_units) AS upper_units, sum(agr) AS agr, sum(agr_b) AS agr_b, sum(agr_better) AS agr_better FROM d GROUP BY unit_id, sector, date_trunc('decade', day)
    ) k ORDER BY unit_id, grain, bucket, sector
    ON CONFLICT (unit_id, grain, bucket, sector) DO UPDATE SET
      active = progress_rollup.active + excluded.active, women = progress_rollup.women + excluded.women, joined = progress_rollup.joined + excluded.joined, cdcs = progress_rollup.cdcs + excluded.cdcs, upper_units = progress_rollup.upper_units + excluded.upper_units, agr = progress_rollup.agr + excluded.agr, agr_b = progress_rollup.agr_b + excluded.agr_b, agr_better = progress_rollup.agr_better + excluded.agr_better`,
  `
    INSERT INTO progress_employer (unit_id, sector, workers_key, employers, with_cdcs, workers_known, workers_sum, workers_cdcs_known, workers_cdcs_sum)
    SELECT * FROM (
      SELECT a.id::bigint AS unit_id, e.sector, least(coalesce(e.workers, 0), 1000) AS workers_key,
        sum(1) AS employers, sum(1 * (e.cdcs_unit_id IS NOT NULL)::int) AS with_cdcs,
        sum(1 * (e.workers IS NOT NULL)::int) AS workers_known, sum(1 * coalesce(e.workers, 0)::bigint) AS workers_sum,
        sum(1 * (e.cdcs_unit_id IS NOT NULL AND e.workers IS NOT NULL)::int) AS workers_cdcs_known,
        sum(1 * CASE WHEN e.cdcs_unit_id IS NOT NULL THEN coalesce(e.workers, 0) ELSE 0 END::bigint) AS workers_cdcs_sum
      FROM employer e JOIN org_placement p ON p.unit_id = coalesce(e.cdcs_unit_id, e.area_unit_id) AND p.valid_to IS NULL CROSS JOIN LATERAL unnest(string_to_array(p.path::text, '.')) AS a(id)
      GROUP BY 1, 2, 3
    ) k ORDER BY unit_id, sector, workers_key
    ON CONFLICT (unit_id, sector, workers_key) DO UPDATE SET
      employers = progress_employer.employers + excluded.employers, with_cdcs = progress_employer.with_cdcs + excluded.with_cdcs,
      workers_known = progress_employer.workers_known + excluded.workers_known, workers_sum = progress_employer.workers_sum + excluded.workers_sum,
      workers_cdcs_known = progress_employer.workers_cdcs_known + excluded.workers_cdcs_known, workers_cdcs_sum = progress_employer.workers_cdcs_sum + excluded.workers_cdcs_sum`,
];

const DOWN: string[] = [];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
