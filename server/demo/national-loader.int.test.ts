import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallScale } from '../../domain/demo/national-scale.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { loadNational, type NationalLoadReport } from './national-loader.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The real loader (COPY on PostgreSQL, batched INSERT on PGlite) with a tiny national-shaped dataset. */
describe.each(testDatabaseTargets())('national loader on $kind', (target) => {
  let database: TestDatabase;
  let report: NationalLoadReport;
  let objectsBefore: string[];
  const objects = async () =>
    (
      await sql<{ name: string }>`
      SELECT indexrelid::regclass::text AS name FROM pg_index WHERE indrelid = ANY(${['member', 'membership', 'employer', 'agreement', 'org_placement']}::regclass[])
      UNION ALL SELECT conname FROM pg_constraint WHERE conrelid = ANY(${['member', 'membership', 'employer', 'agreement', 'org_placement']}::regclass[])
      ORDER BY 1`.execute(database.db)
    ).rows.map((r) => r.name);

  beforeAll(async () => {
    database = await target.open();
    objectsBefore = await objects();
    report = await loadNational(
      { db: database.db, kind: database.url ? 'postgres' : 'pglite', url: database.url },
      smallScale(),
      2025,
      () => {},
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it('loads every generated row and reports it', async () => {
    expect(report.created).toBe(true);
    for (const [table, rows] of Object.entries(report.rows)) {
      const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db);
      expect(counted.rows[0]!.n, table).toBe(rows);
    }
    expect(report.rows.member).toBeGreaterThan(1000);
    expect(report.rows.org_unit).toBe(report.rows.org_placement);
  });

  it('recreates every index and constraint it dropped, and moves the id sequences past the loaded ids', async () => {
    expect(await objects()).toEqual(objectsBefore);
    const inserted = await sql<{ id: number }>`
      INSERT INTO org_unit (code, name, kind, valid_from) VALUES ('THU-NGHIEM', 'Công đoàn thử nghiệm', 'grassroots', '2026-01-01') RETURNING id`.execute(
      database.db,
    );
    expect(inserted.rows[0]!.id).toBe(report.rows.org_unit + 1);
  });

  it('keeps the registries consistent: one open membership per active member, paths under the confederation', async () => {
    const bad = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM member m
      WHERE m.status = 'active' AND (SELECT count(*) FROM membership h WHERE h.member_id = m.id AND h.valid_to IS NULL AND h.unit_id = m.current_unit_id) <> 1`.execute(
      database.db,
    );
    expect(bad.rows[0]!.n).toBe(0);
    const subtree = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM member m JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL
      WHERE p.path <@ (SELECT path FROM org_placement WHERE unit_id = (SELECT id FROM org_unit WHERE code = 'TLD'))`.execute(database.db);
    expect(subtree.rows[0]!.n).toBe(report.rows.member);
  });

  it('turns the statement triggers back on after the load: an overlapping membership is refused again', async () => {
    const disabled = await sql<{ name: string }>`
      SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'
        AND tgrelid = ANY(${['member', 'membership', 'employer', 'agreement', 'org_unit', 'org_placement', 'grassroots_profile']}::regclass[])`.execute(
      database.db,
    );
    expect(disabled.rows).toEqual([]);
    // The progress roll-ups the triggers would have kept were rebuilt from the loaded rows.
    const rollups = await sql<{ n: number }>`SELECT count(*)::int AS n FROM progress_rollup`.execute(database.db);
    expect(rollups.rows[0]!.n).toBeGreaterThan(0);
    const open = await sql<{
      member_id: number;
      unit_id: number;
    }>`SELECT member_id, unit_id FROM membership WHERE valid_to IS NULL ORDER BY id LIMIT 1`.execute(database.db);
    const { member_id, unit_id } = open.rows[0]!;
    await expect(
      sql`INSERT INTO membership (member_id, unit_id, valid_from, start_reason) VALUES (${member_id}, ${unit_id}, '2099-01-01', 'transfer_in')`.execute(
        database.db,
      ),
    ).rejects.toMatchObject({ code: '23P01' });
  });

  it('creates the demo accounts, national ones included, and refuses to load twice', async () => {
    const users = await sql<{
      username: string;
      code: string;
    }>`SELECT a.username, u.code FROM app_user a JOIN org_unit u ON u.id = a.unit_id ORDER BY 1`.execute(database.db);
    expect(users.rows).toContainEqual({ username: 'canbo.tw', code: 'TLD' });
    expect(users.rows).toContainEqual({ username: 'canbo.tinh', code: 'TNI' });
    expect((await loadNational({ db: database.db, kind: 'pglite', url: null }, smallScale(), 2025, () => {})).created).toBe(false);
  });
});

describe('tiendo demo --scale national', () => {
  it('refuses the embedded database with a clear Vietnamese message', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tiendo.js'), 'demo', '--scale', 'national'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Quy mô toàn quốc (--scale national) cần PostgreSQL');
  });
});
