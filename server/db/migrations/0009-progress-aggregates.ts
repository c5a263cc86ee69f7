import { sql, type Kysely } from 'kysely';
import {
  AGGREGATE_LOCK_KEY, AGGREGATE_TRIGGERS, REPORTED_LOCK_KEY, agreementFacts, applyEmployersSql, applyFactsSql, applyReportedSql, factsOfUnits, membershipFacts, REBUILD_SQL, unitFacts,
  type AggregateTrigger,
} from '../../progress/aggregates.sql.ts';

/**
 * Live progress at national scale: per-ancestor aggregates of the registries, kept in the same
 * transaction as every change by triggers (statement-level with transition tables for the
 * registries, so a 2,000-row import batch costs one set-based upsert; row-level for the rare tree
 * and attribute changes). The SQL and its model are in server/progress/aggregates.sql.ts.
 *
 * Concurrency: a fact trigger (memberships, agreements, employers, gender) reads placements; a
 * tree trigger (placements, unit kind/sector, dissolution) reads facts. Under READ COMMITTED two
 * such transactions could each miss the other's uncommitted rows, so fact triggers take a shared
 * advisory lock and tree triggers an exclusive one, held to commit: fact writers never wait for
 * each other, and a tree change waits for in-flight fact batches (and they for it), after which
 * each side's next statement sees the other's rows.
 */
const SHARED = `PERFORM pg_advisory_xact_lock_shared(${AGGREGATE_LOCK_KEY});`;
const EXCLUSIVE = `PERFORM pg_advisory_xact_lock(${AGGREGATE_LOCK_KEY});`;

async function fn(db: Kysely<unknown>, name: string, body: string, declare = ''): Promise<void> {
  await sql.raw(`CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
    ${declare ? `DECLARE ${declare}` : ''}
    BEGIN
      ${body}
      RETURN NULL;
    END
    $fn$`).execute(db);
}

const changed = (cols: string[]) => `(${cols.map((c) => `o.${c}`).join(', ')}) IS DISTINCT FROM (${cols.map((c) => `n.${c}`).join(', ')})`;
const MEMBERSHIP_COLS = ['member_id', 'unit_id', 'valid_from', 'valid_to', 'start_reason'];
const AGREEMENT_COLS = ['cdcs_unit_id', 'effective_from', 'expires_on', 'ended_on', 'quality_class', 'better_than_law'];
const EMPLOYER_COLS = ['sector', 'workers', 'cdcs_unit_id', 'area_unit_id'];
const PLACEMENT_COLS = ['unit_id', 'path', 'valid_from', 'valid_to'];

/**
 * The trigger functions, generated from server/progress/aggregates.sql.ts (CREATE OR REPLACE).
 * `reported`: whether the reported sums exist (migration 0014 creates progress_reported); before
 * it, and after its rollback, no function may name that table.
 */
export async function createAggregateFunctions(db: Kysely<unknown>, { reported }: { reported: boolean }): Promise<void> {
  // Memberships.
  await fn(db, 'progress_agg_membership_ins', `${SHARED} ${applyFactsSql(membershipFacts('new_rows', '1'))};`);
  await fn(db, 'progress_agg_membership_del', `${SHARED} ${applyFactsSql(membershipFacts('old_rows', '-1'))};`);
  await fn(db, 'progress_agg_membership_upd', `${SHARED} ${applyFactsSql([
    membershipFacts(`(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(MEMBERSHIP_COLS)})`, '-1'),
    membershipFacts(`(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(MEMBERSHIP_COLS)})`, '1'),
  ].join(' UNION ALL '))};`);

  // Agreements: the coverage of each touched CĐCS before the statement, subtracted; after it, added.
  const agreementsOf = (aff: string) => `(SELECT * FROM agreement WHERE cdcs_unit_id IN ${aff})`;
  const agreementBody = (aff: string, before: string) => `${SHARED} ${applyFactsSql([agreementFacts(before, '-1'), agreementFacts(agreementsOf(aff), '1')].join(' UNION ALL '))};`;
  const notNew = (aff: string) => `(SELECT * FROM agreement WHERE cdcs_unit_id IN ${aff} AND id NOT IN (SELECT id FROM new_rows))`;
  await fn(db, 'progress_agg_agreement_ins', agreementBody('(SELECT cdcs_unit_id FROM new_rows)', notNew('(SELECT cdcs_unit_id FROM new_rows)')));
  await fn(db, 'progress_agg_agreement_del', agreementBody('(SELECT cdcs_unit_id FROM old_rows)',
    `(SELECT * FROM agreement WHERE cdcs_unit_id IN (SELECT cdcs_unit_id FROM old_rows) UNION ALL SELECT * FROM old_rows)`));
  const touched = `(SELECT o.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(AGREEMENT_COLS)}
                    UNION SELECT n.cdcs_unit_id FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(AGREEMENT_COLS)})`;
  await fn(db, 'progress_agg_agreement_upd', agreementBody(touched,
    `(SELECT * FROM agreement WHERE cdcs_unit_id IN ${touched} AND id NOT IN (SELECT id FROM new_rows)
      UNION ALL SELECT * FROM old_rows WHERE cdcs_unit_id IN ${touched})`));

  // Employers (current figures, current tree).
  await fn(db, 'progress_agg_employer_ins', `${SHARED} ${applyEmployersSql('new_rows', '1')};`);
  await fn(db, 'progress_agg_employer_del', `${SHARED} ${applyEmployersSql('old_rows', '-1')};`);
  await fn(db, 'progress_agg_employer_upd', `${SHARED}
    ${applyEmployersSql(`(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(EMPLOYER_COLS)})`, '-1')};
    ${applyEmployersSql(`(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(EMPLOYER_COLS)})`, '1')};`);

  // Reported figures (submitted or accepted reports; migration 0014 creates the table and triggers).
  // Every report of a period adds to the same ancestor rows (the nation's), and a report replaces
  // its figures by a delete then an insert, which lock those rows in two passes: one accepted while
  // another is reopened would each hold what the other needs next (a deadlock). So a transaction
  // first takes its periods' lock, in order, and keeps it to commit: reports of one period are
  // summed one transaction at a time, as the shared rows would force anyway.
  const periodLocks = (rows: string) =>
    `PERFORM pg_advisory_xact_lock(${REPORTED_LOCK_KEY}, hashtext(p)) FROM (SELECT DISTINCT r.period_code AS p FROM ${rows} r ORDER BY 1) x;`;
  if (reported) {
    await fn(db, 'progress_agg_reported_ins', `${SHARED} ${periodLocks('new_rows')} ${applyReportedSql('new_rows', '1')};`);
    await fn(db, 'progress_agg_reported_del', `${SHARED} ${periodLocks('old_rows')} ${applyReportedSql('old_rows', '-1')};`);
    // An update (rare: a fix by hand) moves every row it touched.
    await fn(db, 'progress_agg_reported_upd', `${SHARED}
      ${periodLocks('(SELECT period_code FROM old_rows UNION SELECT period_code FROM new_rows)')}
      ${applyReportedSql('old_rows', '-1')}; ${applyReportedSql('new_rows', '1')};`);
  }

  // Placements: every fact of the units concerned, over the old placements (−) and the new (+).
  const employersOf = (units: string) => `(SELECT * FROM employer WHERE cdcs_unit_id IN ${units} OR (cdcs_unit_id IS NULL AND area_unit_id IN ${units}))`;
  const placementApply = (placements: string, sign: string) => {
    const units = `(SELECT unit_id FROM ${placements} x)`;
    return `${applyFactsSql(factsOfUnits(`SELECT unit_id FROM ${placements} x`, sign), placements)};
      ${applyEmployersSql(employersOf(units), sign, placements)};
      ${reported ? `${applyReportedSql(`(SELECT * FROM reported_value WHERE unit_id IN ${units})`, sign, placements)};` : ''}`;
  };
  await fn(db, 'progress_agg_placement_ins', `${EXCLUSIVE} ${placementApply('new_rows', '1')}`);
  await fn(db, 'progress_agg_placement_del', `${EXCLUSIVE} ${placementApply('old_rows', '-1')}`);
  await fn(db, 'progress_agg_placement_upd', `${EXCLUSIVE}
    ${placementApply(`(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(PLACEMENT_COLS)})`, '-1')}
    ${placementApply(`(SELECT n.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${changed(PLACEMENT_COLS)})`, '1')}`);

  // A unit's kind or sector: its facts move from the old attributes to the new.
  const unitAs = (row: 'OLD' | 'NEW') => `(SELECT ${row}.id AS id, ${row}.kind AS kind, ${row}.sector AS sector)`;
  const unitWithDissolution = (row: 'OLD' | 'NEW') =>
    `(SELECT ${row}.id AS id, ${row}.kind AS kind, ${row}.sector AS sector, (SELECT dissolved_on FROM grassroots_profile WHERE unit_id = ${row}.id) AS dissolved_on)`;
  await fn(db, 'progress_agg_unit_upd', `${EXCLUSIVE} ${applyFactsSql([
    factsOfUnits('OLD.id', '-1', unitAs('OLD'), unitWithDissolution('OLD')),
    factsOfUnits('NEW.id', '1', unitAs('NEW'), unitWithDissolution('NEW')),
  ].join(' UNION ALL '))};`);

  // A CĐCS's dissolution day (its profile row): the unit's own count ends there.
  const dissolvedAs = (day: string) => `(SELECT u.id, u.kind, u.sector, ${day}::date AS dissolved_on FROM org_unit u WHERE u.id = v_unit)`;
  await fn(db, 'progress_agg_profile', `${EXCLUSIVE}
    v_unit := CASE WHEN TG_OP = 'DELETE' THEN OLD.unit_id ELSE NEW.unit_id END;
    v_old := CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.dissolved_on END;
    v_new := CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.dissolved_on END;
    ${applyFactsSql([unitFacts(dissolvedAs('v_old'), '-1'), unitFacts(dissolvedAs('v_new'), '1')].join(' UNION ALL '))};`,
  'v_unit bigint; v_old date; v_new date;');

  // A member's gender: their memberships move between "women" and not.
  await fn(db, 'progress_agg_member_gender', `${SHARED}
    v_sign := (NEW.gender = 'female')::int - (OLD.gender = 'female')::int;
    ${applyFactsSql(`SELECT h.unit_id, coalesce(u.sector, '') AS sector, h.valid_from, h.valid_to, v_sign AS sign,
        0 AS active, 1 AS women, 0 AS joined, 0 AS cdcs, 0 AS upper_units, 0 AS agr, 0 AS agr_b, 0 AS agr_better
      FROM membership h JOIN org_unit u ON u.id = h.unit_id WHERE h.member_id = NEW.id`)};`,
  'v_sign integer;');
}

export async function createAggregateTrigger(db: Kysely<unknown>, t: AggregateTrigger): Promise<void> {
  const when = t.when ? `WHEN (${t.when})` : '';
  const referencing = t.level === 'statement'
    ? `REFERENCING ${t.event === 'INSERT' ? 'NEW TABLE AS new_rows' : t.event === 'DELETE' ? 'OLD TABLE AS old_rows' : 'OLD TABLE AS old_rows NEW TABLE AS new_rows'} FOR EACH STATEMENT`
    : 'FOR EACH ROW';
  await sql.raw(`DROP TRIGGER IF EXISTS ${t.name} ON ${t.table}`).execute(db);
  await sql.raw(`CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table} ${referencing} ${when} EXECUTE FUNCTION ${t.fn}()`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE progress_rollup (
      unit_id bigint NOT NULL,
      sector text NOT NULL,
      grain "char" NOT NULL CONSTRAINT progress_rollup_grain_check CHECK (grain IN ('d', 'm', 'y', 'x')),
      bucket date NOT NULL,
      active integer NOT NULL, women integer NOT NULL, joined integer NOT NULL,
      cdcs integer NOT NULL, upper_units integer NOT NULL,
      agr integer NOT NULL, agr_b integer NOT NULL, agr_better integer NOT NULL,
      PRIMARY KEY (unit_id, grain, bucket, sector)
    )`.execute(db);
  await sql`
    CREATE TABLE progress_employer (
      unit_id bigint NOT NULL,
      sector text NOT NULL,
      workers_key integer NOT NULL,
      employers integer NOT NULL, with_cdcs integer NOT NULL,
      workers_known integer NOT NULL, workers_sum bigint NOT NULL,
      workers_cdcs_known integer NOT NULL, workers_cdcs_sum bigint NOT NULL,
      PRIMARY KEY (unit_id, sector, workers_key)
    )`.execute(db);
  // Tree triggers find a unit's placements by unit id (the exclusion constraint's GiST is slower for that).
  await sql`CREATE INDEX IF NOT EXISTS progress_placement_unit ON org_placement (unit_id, valid_from)`.execute(db);

  await createAggregateFunctions(db, { reported: false });

  // The reported-figure triggers belong to migration 0014, which creates their table.
  for (const t of AGGREGATE_TRIGGERS.filter((x) => x.table !== 'reported_value')) await createAggregateTrigger(db, t);

  for (const statement of REBUILD_SQL) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of AGGREGATE_TRIGGERS) await sql.raw(`DROP TRIGGER IF EXISTS ${t.name} ON ${t.table}`).execute(db);
  for (const f of new Set(AGGREGATE_TRIGGERS.map((t) => t.fn))) await sql.raw(`DROP FUNCTION IF EXISTS ${f}()`).execute(db);
  await sql`DROP INDEX IF EXISTS progress_placement_unit`.execute(db);
  await sql`DROP TABLE IF EXISTS progress_rollup`.execute(db);
  await sql`DROP TABLE IF EXISTS progress_employer`.execute(db);
}
