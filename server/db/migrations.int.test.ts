import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SEEDS } from '../../domain/access/permission.ts';
import { DATA_ELEMENTS, INDICATORS } from '../../domain/indicators/catalogue.ts';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { migrateToLatest } from './migrator.ts';
import { migrations } from './migrations/index.ts';

/**
 * Frozen migrations wrote the built-in roles, catalogue and report templates as they were on the
 * day each ran. When today's code adds a permission or an indicator, a new migration must carry
 * it to the databases: this test fails until one does.
 */
describe.each(testDatabaseTargets())('frozen migrations ($kind)', (target) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => database?.close());

  it('leave the built-in roles exactly as ROLE_SEEDS describes them', async () => {
    const { rows } = await sql<{ code: string; name: string; permissions: string[] }>`
      SELECT code, name, permissions FROM role WHERE is_builtin ORDER BY code`.execute(database.db);
    const expected = ROLE_SEEDS.map((r) => ({ code: r.code, name: r.name, permissions: [...r.permissions].sort() }));
    expect(rows.map((r) => ({ ...r, permissions: [...r.permissions].sort() }))).toEqual(
      expected.sort((a, b) => (a.code < b.code ? -1 : 1)),
    );
  });

  it('leave the built-in data elements, indicators and report templates of the catalogue', async () => {
    const codes = async (table: 'data_element' | 'indicator') =>
      (await sql<{ code: string }>`SELECT code FROM ${sql.table(table)} WHERE is_builtin ORDER BY code`.execute(database.db)).rows.map(
        (r) => r.code,
      );
    expect(await codes('data_element')).toEqual(DATA_ELEMENTS.map((e) => e.code).sort());
    expect(await codes('indicator')).toEqual(INDICATORS.map((i) => i.code).sort());
    const templates = await sql<{ definition: unknown }>`
      SELECT definition FROM report_template WHERE owner_unit_id IS NULL AND version = 1 ORDER BY code`.execute(database.db);
    expect(templates.rows.map((t) => t.definition)).toEqual([...BUILTIN_TEMPLATES].sort((a, b) => (a.code < b.code ? -1 : 1)));
  });

  it('undo every step down to an empty database and apply them again', async () => {
    const names = Object.keys(migrations).sort();
    for (const name of [...names].reverse()) await migrations[name]!.down?.(database.db);
    const left = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%'`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
    await sql`DELETE FROM kysely_migration`.execute(database.db);
    const report = await migrateToLatest(database.db);
    expect(report.applied).toEqual(names);
  });
});
