import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TODAY } from '../../domain/demo/demo-registries.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { aggregatedElements, aggregatedReportedTotals } from './aggregate-elements.repository.ts';
import { rebuildAggregates } from './aggregates-rebuild.ts';
import { derivedElements, reportedTotals, type ElementScope } from './derived-elements.repository.ts';
import { ProgressService } from './progress.service.ts';

/**
 * The aggregates against the oracle: after a history of everything that changes a count —
 * transfers, departures, admissions in bulk, a membership deleted, gender corrected, agreements
 * overlapping, ended and re-classed, employers resized, a CĐCS dissolved, a unit's sector changed,
 * a CĐCS moved between communes and a whole commune moved to another province — every derived
 * element read from the trigger-maintained aggregates equals the one counted from the raw
 * registries, for the nation, the provinces, every commune and a sample of CĐCS, on past,
 * present and future dates; and the triggers' tables equal a full rebuild.
 */
const ALL_DATES = [
  '2025-06-30',
  '2025-07-01',
  '2025-12-31',
  '2026-02-28',
  '2026-03-01',
  '2026-05-31',
  '2026-06-01',
  DEMO_TODAY,
  '2027-06-30',
  '2029-12-31',
];
/**
 * The embedded database runs the same SQL: it is checked on one date of each kind (before the
 * tree, its first day, a year end, a month start, today, the future), PostgreSQL on every date —
 * the raw oracle costs seconds per date on PGlite, and the suite has a time budget.
 */
const PGLITE_DATES = ['2025-06-30', '2025-07-01', '2025-12-31', '2026-03-01', DEMO_TODAY, '2029-12-31'];
const SCOPES: ElementScope[] = [
  { sectors: null, minWorkers: null },
  { sectors: ['hcsn', 'dnnn'], minWorkers: null },
  { sectors: ['private', 'fdi'], minWorkers: 25 },
  { sectors: null, minWorkers: 5000 }, // above the aggregates' workers cap: the exact slow way
];

const q = async <R>(database: TestDatabase, text: ReturnType<typeof sql<R>>) => (await text.execute(database.db)).rows;

describe.each(testDatabaseTargets())('progress aggregates equal the raw registries ($kind)', (target) => {
  const DATES = target.kind === 'pglite' ? PGLITE_DATES : ALL_DATES;
  let database: TestDatabase;
  let t: TestApp;
  let staff: Session;
  let cdcs: number[];
  let moved: number;
  let newProvince: number;
  let upperUnits: number[];

  beforeAll(async () => {
    database = await target.open({ demo: 'registries' });
    t = await createTestApp(database, `aggregates-${target.kind}`, { demoRegistries: true });
    staff = await t.login('canbo.tinh');
    const db = database.db;
    cdcs = (
      await q<{ id: number }>(
        database,
        sql`SELECT unit_id AS id FROM org_placement p JOIN org_unit u ON u.id = p.unit_id WHERE u.kind = 'grassroots' AND p.valid_to IS NULL ORDER BY unit_id`,
      )
    ).map((r) => Number(r.id));
    const open = async (unitId: number, n: number) =>
      (
        await q<{ id: number }>(
          database,
          sql`SELECT member_id AS id FROM membership WHERE unit_id = ${unitId} AND valid_to IS NULL ORDER BY id LIMIT ${n}`,
        )
      ).map((r) => Number(r.id));

    // Through the API: transfers and departures, as staff make them.
    for (const id of await open(cdcs[0]!, 3))
      expect((await staff.send('POST', `/api/members/${id}/transfer`, { toUnitId: cdcs[1]!, date: '2026-02-10' })).status).toBe(200);
    const leaving = await open(cdcs[2]!, 2);
    expect((await staff.send('POST', `/api/members/${leaving[0]}/leave`, { date: '2026-03-15', reason: 'Nghỉ việc' })).status).toBe(200);
    expect((await staff.send('POST', `/api/members/${leaving[1]}/leave`, { date: '2025-12-01', reason: 'Chuyển công tác' })).status).toBe(
      200,
    );

    // In bulk, as an import batch writes: 2,500 people and their memberships in one statement each.
    await sql`
      INSERT INTO member (full_name, gender, birth_date, cccd, joined_on, current_unit_id, status)
      SELECT 'Người nhập ' || i, CASE WHEN i % 3 = 0 THEN 'female' ELSE 'male' END, '1990-01-01', lpad((900000000000 + i)::text, 12, '0'),
             date '2019-01-01' + (i * 7 % 2800), ${cdcs[5]!}::bigint + 0 * i, 'active'
      FROM generate_series(1, 2500) i`.execute(db);
    await sql`
      INSERT INTO membership (member_id, unit_id, valid_from, valid_to, start_reason, end_reason)
      SELECT m.id, (ARRAY[${cdcs[5]!}, ${cdcs[6]!}, ${cdcs[40]!}, ${cdcs[300]!}]::bigint[])[1 + (m.id % 4)], m.joined_on,
             CASE WHEN m.id % 5 = 0 THEN m.joined_on + 400 END, 'joined', CASE WHEN m.id % 5 = 0 THEN 'left' END
      FROM member m WHERE m.full_name LIKE 'Người nhập %'`.execute(db);
    await sql`UPDATE membership SET valid_to = '2026-04-30', end_reason = 'left' WHERE id IN (SELECT id FROM membership WHERE unit_id = ${cdcs[7]!} AND valid_to IS NULL ORDER BY id LIMIT 40)`.execute(
      db,
    );
    await sql`DELETE FROM membership WHERE id = (SELECT max(id) FROM membership)`.execute(db);
    await sql`UPDATE member SET gender = CASE gender WHEN 'male' THEN 'female' ELSE 'male' END WHERE id IN (SELECT member_id FROM membership WHERE unit_id = ${cdcs[8]!} ORDER BY id LIMIT 6)`.execute(
      db,
    );

    // Agreements: one overlapping another of its CĐCS (still one CĐCS), one ended early, one re-classed, one deleted.
    const withAgreement = await q<{ id: number; cdcs: number }>(
      database,
      sql`SELECT id, cdcs_unit_id AS cdcs FROM agreement ORDER BY id LIMIT 4`,
    );
    await sql`INSERT INTO agreement (cdcs_unit_id, kind, signed_on, effective_from, expires_on, quality_class, better_than_law)
              SELECT cdcs_unit_id, 'enterprise', '2026-01-01', '2026-01-01', '2028-12-31', 'A', true FROM agreement WHERE id = ${withAgreement[0]!.id}`.execute(
      db,
    );
    await sql`UPDATE agreement SET ended_on = greatest(effective_from, date '2026-03-31') WHERE id = ${withAgreement[1]!.id} AND expires_on >= '2026-03-31'`.execute(
      db,
    );
    await sql`UPDATE agreement SET quality_class = 'D', better_than_law = NOT better_than_law WHERE id = ${withAgreement[2]!.id}`.execute(
      db,
    );
    await sql`UPDATE agreement SET renews_id = NULL WHERE renews_id = ${withAgreement[3]!.id}`.execute(db);
    await sql`DELETE FROM agreement WHERE id = ${withAgreement[3]!.id}`.execute(db);

    // Employers: resized across the 25-worker threshold, one losing its CĐCS, one new.
    await sql`UPDATE employer SET workers = CASE WHEN coalesce(workers, 0) >= 25 THEN 10 ELSE 30 END, women_workers = least(women_workers, CASE WHEN coalesce(workers, 0) >= 25 THEN 10 ELSE 30 END) WHERE id IN (SELECT id FROM employer ORDER BY id LIMIT 30)`.execute(
      db,
    );
    await sql`UPDATE employer SET cdcs_unit_id = NULL WHERE id = (SELECT id FROM employer WHERE cdcs_unit_id IS NOT NULL ORDER BY id DESC LIMIT 1)`.execute(
      db,
    );
    await sql`INSERT INTO employer (tax_code, name, sector, area_unit_id, workers) SELECT '9999999999', 'Công ty Mới', 'fdi', parent_id, 120 FROM org_placement WHERE unit_id = ${cdcs[10]!} AND valid_to IS NULL`.execute(
      db,
    );

    // Reports: figures of two periods, submitted or accepted, from three units in four (and the CĐCS that moves below);
    // one report returned (its figures withdrawn), one corrected by hand.
    await sql`
      INSERT INTO reported_value (unit_id, element_code, period_code, period_start, period_end, value, state)
      SELECT p.unit_id, e.code, k.code, k.s, k.e, (p.unit_id % 17) * 3 + length(e.code) + CASE WHEN e.code = 'union_fee_collected' THEN 0.25 ELSE 0 END,
             CASE WHEN p.unit_id % 3 = 0 THEN 'submitted' ELSE 'accepted' END
      FROM org_placement p
      CROSS JOIN (VALUES ('dissemination_reached'), ('dissemination_base'), ('rated_good_cdcs_state'), ('union_fee_collected')) e(code)
      CROSS JOIN (VALUES ('2026', date '2026-01-01', date '2026-12-31'), ('2025-H2', date '2025-07-01', date '2025-12-31')) k(code, s, e)
      WHERE p.valid_to IS NULL AND (p.unit_id % 4 <> 3 OR p.unit_id = ${cdcs[6]!})`.execute(db);
    await sql`DELETE FROM reported_value WHERE unit_id = ${cdcs[1]!} AND period_code = '2026'`.execute(db);
    await sql`UPDATE reported_value SET value = value + 5, state = 'accepted' WHERE unit_id = ${cdcs[3]!} AND element_code = 'dissemination_reached'`.execute(
      db,
    );

    // A CĐCS dissolved, and a CĐCS whose sector is corrected.
    await sql`UPDATE grassroots_profile SET status = 'dissolved', dissolved_on = '2026-05-01' WHERE unit_id = ${cdcs[11]!}`.execute(db);
    await sql`UPDATE org_unit SET sector = CASE WHEN sector = 'fdi' THEN 'hcsn' ELSE 'fdi' END WHERE id = ${cdcs[5]!}`.execute(db);

    // The tree: a CĐCS moved to another commune on 1 March 2026; a whole commune moved to a new province on 1 June 2026.
    moved = cdcs[6]!;
    const [from] = await q<{ parent: number }>(
      database,
      sql`SELECT parent_id AS parent FROM org_placement WHERE unit_id = ${moved} AND valid_to IS NULL`,
    );
    const [to] = await q<{ id: number; path: string }>(
      database,
      sql`
      SELECT p.unit_id AS id, p.path::text AS path FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
      WHERE u.kind = 'commune' AND p.valid_to IS NULL AND p.unit_id <> ${from!.parent} ORDER BY p.unit_id LIMIT 1`,
    );
    await sql`UPDATE org_placement SET valid_to = '2026-03-01' WHERE unit_id = ${moved} AND valid_to IS NULL`.execute(db);
    await sql`INSERT INTO org_placement (unit_id, parent_id, path, depth, valid_from) VALUES (${moved}, ${to!.id}, ${`${to!.path}.${moved}`}::ltree, ${to!.path.split('.').length}, '2026-03-01')`.execute(
      db,
    );

    const [province] = await q<{ id: number }>(
      database,
      sql`INSERT INTO org_unit (code, name, kind, valid_from) VALUES ('XTN', 'LĐLĐ tỉnh Thử Nghiệm', 'province', '2026-06-01') RETURNING id`,
    );
    newProvince = Number(province!.id);
    const [tld] = await q<{ id: number }>(
      database,
      sql`SELECT unit_id AS id FROM org_placement WHERE parent_id IS NULL AND valid_to IS NULL`,
    );
    await sql`INSERT INTO org_placement (unit_id, parent_id, path, depth, valid_from) VALUES (${newProvince}, ${tld!.id}, ${`${tld!.id}.${newProvince}`}::ltree, 1, '2026-06-01')`.execute(
      db,
    );
    const [commune] = await q<{ id: number; path: string }>(
      database,
      sql`
      SELECT p.unit_id AS id, p.path::text AS path FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
      WHERE u.kind = 'commune' AND p.valid_to IS NULL ORDER BY p.unit_id DESC LIMIT 1`,
    );
    const newPath = `${tld!.id}.${newProvince}.${commune!.id}`;
    await db.transaction().execute(async (trx) => {
      await sql`CREATE TEMP TABLE moving ON COMMIT DROP AS SELECT * FROM org_placement WHERE path <@ ${commune!.path}::ltree AND valid_to IS NULL`.execute(
        trx,
      );
      await sql`UPDATE org_placement SET valid_to = '2026-06-01' WHERE id IN (SELECT id FROM moving)`.execute(trx);
      await sql`INSERT INTO org_placement (unit_id, parent_id, path, depth, valid_from)
                SELECT unit_id, CASE WHEN unit_id = ${commune!.id} THEN ${newProvince}::bigint ELSE parent_id END,
                       CASE WHEN unit_id = ${commune!.id} THEN ${newPath}::ltree ELSE ${newPath}::ltree || subpath(path, nlevel(${commune!.path}::ltree)) END, depth, '2026-06-01' FROM moving`.execute(
        trx,
      );
    });

    upperUnits = (
      await q<{ id: number }>(
        database,
        sql`
      SELECT DISTINCT p.unit_id AS id FROM org_placement p JOIN org_unit u ON u.id = p.unit_id WHERE u.kind <> 'grassroots' ORDER BY 1`,
      )
    ).map((r) => Number(r.id));
  }, 600_000);

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  async function compare(unitIds: number[], dates: string[], scopes: ElementScope[]) {
    let checked = 0;
    for (const date of dates) {
      const period = { start: `${date.slice(0, 4)}-01-01`, end: `${date.slice(0, 4)}-12-31` };
      for (const scope of scopes) {
        const fast = await aggregatedElements(database.db, unitIds, date, scope, period);
        for (const unitId of unitIds) {
          const raw = await derivedElements(database.db, unitId, date, scope, period);
          expect(Object.fromEntries(fast.get(unitId) ?? new Map()), `unit ${unitId} on ${date} ${JSON.stringify(scope)}`).toEqual(
            Object.fromEntries(raw),
          );
          checked++;
        }
      }
    }
    return checked;
  }

  it('gives the raw answer for the nation, both provinces and every commune and zone, on every date and scope', async () => {
    expect(upperUnits.length).toBeGreaterThan(12);
    expect(await compare(upperUnits, DATES, SCOPES)).toBe(upperUnits.length * DATES.length * SCOPES.length);
  }, 600_000);

  it('gives the raw answer for CĐCS that were transferred from and to, bulk-loaded, dissolved, re-sectored and moved', async () => {
    const sample = [...new Set([...cdcs.slice(0, 12), cdcs[40]!, cdcs[300]!, moved, ...cdcs.filter((_, i) => i % 97 === 0)])];
    await compare(sample, DATES, SCOPES.slice(0, 3));
  }, 600_000);

  it('sums reported figures like the raw reports, for every upper union and a sample of CĐCS, accepted only or with submitted, after the moves', async () => {
    const sample = [...upperUnits, newProvince, moved, cdcs[1]!, cdcs[3]!, ...cdcs.filter((_, i) => i % 53 === 0)];
    let nonEmpty = 0;
    for (const period of ['2026', '2025-H2', '2024']) {
      for (const includeSubmitted of [false, true]) {
        const fast = await aggregatedReportedTotals(database.db, sample, period, includeSubmitted);
        for (const unitId of sample) {
          const raw = await reportedTotals(database.db, unitId, period, includeSubmitted);
          expect(Object.fromEntries(fast.get(unitId)!), `unit ${unitId}, ${period}, submitted ${includeSubmitted}`).toEqual(
            Object.fromEntries(raw),
          );
          if (raw.size) nonEmpty++;
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(sample.length);
  }, 300_000);

  it('answers the dashboard — cards with history and forecast, and the children table — exactly as the raw path does', async () => {
    const [tld] = await q<{ id: number }>(
      database,
      sql`SELECT unit_id AS id FROM org_placement WHERE parent_id IS NULL AND valid_to IS NULL`,
    );
    const [doc] = await q<{ id: number }>(
      database,
      sql`
      INSERT INTO plan_document (kind, symbol, title, issuer_unit_id, issued_on, term_from, term_to)
      VALUES ('chuong_trinh_hanh_dong', '01/CTr-TLĐ', 'Chương trình thử', ${tld!.id}, '2023-03-01', 2023, 2028) RETURNING id`,
    );
    const seeds: [string, string, number, string | null, string[] | null, number | null][] = [
      ['members', '>', 60000, '2028-12-31', null, null],
      ['members_new', '>=', 3000, null, null, null],
      ['employers_with_cdcs_share', '=', 100, '2028-12-31', null, 25],
      ['agreements_share', '>=', 85, '2028-12-31', null, null],
      ['agreements_b_share', '>=', 50, null, ['private', 'fdi'], null],
      ['workers_members_share', '>=', 80, '2027-12-31', null, null],
      ['rated_good_state_share', '>=', 80, null, ['hcsn', 'dnnn'], null],
    ];
    for (const [indicator, comparator, value, deadline, sectors, minWorkers] of seeds) {
      await sql`INSERT INTO target (document_id, unit_id, indicator_code, comparator, value, timing, deadline, annual_from, annual_to, sectors, min_workers)
                VALUES (${doc!.id}, ${tld!.id}, ${indicator}, ${comparator}, ${value}, ${deadline ? 'deadline' : 'annual'}, ${deadline}, ${deadline ? null : 2023}, ${deadline ? null : 2028}, ${sectors}, ${minWorkers})`.execute(
        database.db,
      );
    }
    const fast = new ProgressService(database.db);
    const raw = new ProgressService(database.db, 'raw');
    const ratio = (await fast.targetRows({ documentId: Number(doc!.id) })).find((r) => r.indicator_code === 'agreements_share')!;
    for (const unitId of [Number(tld!.id), newProvince, ...upperUnits.slice(0, 4), moved, cdcs[5]!]) {
      for (const asOf of ['2026-04-15', DEMO_TODAY]) {
        expect(await fast.forUnit(unitId, asOf), `unit ${unitId} on ${asOf}`).toEqual(await raw.forUnit(unitId, asOf));
        expect(await fast.breakdown(ratio, unitId, asOf)).toEqual(await raw.breakdown(ratio, unitId, asOf));
      }
    }
    const members = (await fast.targetRows({ documentId: Number(doc!.id) })).find((r) => r.indicator_code === 'members')!;
    expect(await fast.series(members, Number(tld!.id), DEMO_TODAY)).toEqual(await raw.series(members, Number(tld!.id), DEMO_TODAY));
  }, 600_000);

  if (target.kind === 'postgres') {
    it('sums two reports changed at once — one accepted while another is reopened — without a deadlock', async () => {
      const [x, y] = (
        await q<{ id: number }>(
          database,
          sql`
        SELECT p.unit_id AS id FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
        WHERE u.kind = 'grassroots' AND p.valid_to IS NULL AND p.parent_id = (SELECT parent_id FROM org_placement WHERE unit_id = ${cdcs[20]!} AND valid_to IS NULL)
        ORDER BY 1 LIMIT 2`,
        )
      ).map((r) => Number(r.id));
      const write = (unitId: number, state: string) => sql`
        INSERT INTO reported_value (unit_id, element_code, period_code, period_start, period_end, value, state)
        SELECT ${unitId}, e, '2030', '2030-01-01', '2030-12-31', 7, ${state} FROM unnest(ARRAY['dissemination_reached', 'dissemination_base']) e`;
      const remove = (unitId: number) => sql`DELETE FROM reported_value WHERE unit_id = ${unitId} AND period_code = '2030'`;
      await write(x!, 'submitted').execute(database.db);
      await write(y!, 'accepted').execute(database.db);
      // Without the period lock, each transaction's delete locks the rows of one state and its
      // insert then waits for the other's: PostgreSQL would abort one of them (40P01).
      let xRemoved!: () => void;
      const removed = new Promise<void>((resolve) => (xRemoved = resolve));
      let yAsked!: () => void;
      const asked = new Promise<void>((resolve) => (yAsked = resolve));
      const accept = database.db.transaction().execute(async (trx) => {
        await remove(x!).execute(trx);
        xRemoved();
        await asked;
        await new Promise((resolve) => setTimeout(resolve, 300)); // the reopen has now sent its delete
        await write(x!, 'accepted').execute(trx);
      });
      await removed;
      const reopen = database.db.transaction().execute(async (trx) => {
        const deleting = remove(y!).execute(trx);
        yAsked();
        await deleting;
        await write(y!, 'submitted').execute(trx);
      });
      const outcomes = await Promise.all(
        [accept, reopen].map((p) =>
          p.then(
            () => 'committed',
            (e: { code?: string }) => e.code ?? String(e),
          ),
        ),
      );
      expect(outcomes).toEqual(['committed', 'committed']);
      const [tld] = await q<{ id: number }>(
        database,
        sql`SELECT unit_id AS id FROM org_placement WHERE parent_id IS NULL AND valid_to IS NULL`,
      );
      for (const includeSubmitted of [false, true]) {
        const fast = await aggregatedReportedTotals(database.db, [Number(tld!.id), x!, y!], '2030', includeSubmitted);
        expect(Object.fromEntries(fast.get(Number(tld!.id))!)).toEqual(
          Object.fromEntries(await reportedTotals(database.db, Number(tld!.id), '2030', includeSubmitted)),
        );
        expect(fast.get(x!)!.get('dissemination_base')).toEqual({ total: 7, units: 1 });
        expect(fast.get(y!)!.get('dissemination_base')).toEqual(includeSubmitted ? { total: 7, units: 1 } : undefined);
      }
    }, 60_000);
  }

  it('keeps, through every change above, exactly the tables a full rebuild computes', async () => {
    const snapshot = async () => ({
      rollup: await q(
        database,
        sql`SELECT unit_id::text, sector, grain, bucket::text, active, women, joined, cdcs, upper_units, agr, agr_b, agr_better FROM progress_rollup
                                   WHERE (active, women, joined, cdcs, upper_units, agr, agr_b, agr_better) <> (0, 0, 0, 0, 0, 0, 0, 0) ORDER BY 1, 2, 3, 4`,
      ),
      employer: await q(
        database,
        sql`SELECT unit_id::text, sector, workers_key, employers, with_cdcs, workers_known, workers_sum::text, workers_cdcs_known, workers_cdcs_sum::text FROM progress_employer
                                     WHERE (employers, workers_known, workers_cdcs_known) <> (0, 0, 0) ORDER BY 1, 2, 3`,
      ),
      reported: await q(
        database,
        sql`SELECT unit_id::text, period_code, element_code, state, total::text, units FROM progress_reported WHERE units <> 0 ORDER BY 1, 2, 3, 4`,
      ),
    });
    const maintained = await snapshot();
    expect(maintained.rollup.length).toBeGreaterThan(1000);
    await rebuildAggregates(database.db);
    const rebuilt = await snapshot();
    expect(maintained.rollup).toEqual(rebuilt.rollup);
    expect(maintained.employer).toEqual(rebuilt.employer);
    expect(maintained.reported.length).toBeGreaterThan(100);
    expect(maintained.reported).toEqual(rebuilt.reported);
  }, 300_000);
});
