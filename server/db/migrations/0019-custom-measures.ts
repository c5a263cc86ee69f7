import { sql, type Kysely } from 'kysely';

/**
 * Measures and forms the unions define themselves (issue 19). Frozen: imports no live code.
 *
 * - data_element and indicator rows gain an owner (NULL: the whole tree, as the built-in
 *   catalogue), a version and who changed them last; a custom derived element keeps its
 *   list-chosen definition (registry, measure, filters) as JSON. Elements may be percentages,
 *   indicators money.
 * - measure_version keeps every version of every element and indicator (the built-in rows start
 *   at version 1 here), so a changed definition can always be read as it was.
 * - report_template versions gain an owner, the first period they apply to (NULL: a draft) and
 *   when they were published. Every existing version applies from 2000 on: a report keeps the
 *   version it was opened with, and among versions of the same start the highest wins, which
 *   is what `is_current` said until now.
 * - system administrators gain 'measures.manage'.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['data_element', 'indicator']) {
    await sql`ALTER TABLE ${sql.raw(table)}
      ADD COLUMN owner_unit_id bigint REFERENCES org_unit(id),
      ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_by text NOT NULL DEFAULT 'hệ thống'`.execute(db);
    await sql`CREATE INDEX ${sql.raw(`${table}_owner`)} ON ${sql.raw(table)} (owner_unit_id)`.execute(db);
  }
  await sql`ALTER TABLE data_element ADD COLUMN definition jsonb`.execute(db);
  await sql`ALTER TABLE data_element DROP CONSTRAINT data_element_unit_check`.execute(db);
  await sql`ALTER TABLE data_element ADD CONSTRAINT data_element_unit_check CHECK (unit IN ('count', 'percent', 'money'))`.execute(db);
  // A custom derived element says what it counts; a built-in one is counted natively.
  await sql`ALTER TABLE data_element ADD CONSTRAINT data_element_definition_check
    CHECK (definition IS NULL OR (source = 'derived' AND NOT is_builtin))`.execute(db);
  await sql`ALTER TABLE indicator DROP CONSTRAINT indicator_unit_check`.execute(db);
  await sql`ALTER TABLE indicator ADD CONSTRAINT indicator_unit_check CHECK (unit IN ('count', 'percent', 'ratio', 'money'))`.execute(db);

  await sql`
    CREATE TABLE measure_version (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('element', 'indicator')),
      code text NOT NULL,
      version integer NOT NULL CHECK (version > 0),
      snapshot jsonb NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by text NOT NULL,
      reason text,
      UNIQUE (kind, code, version)
    )
  `.execute(db);
  await sql`INSERT INTO measure_version (kind, code, version, snapshot, changed_by, reason)
    SELECT 'element', code, 1, jsonb_build_object('name', name, 'unit', unit, 'source', source, 'description', description, 'definition', definition),
      'hệ thống', 'Danh mục có sẵn' FROM data_element`.execute(db);
  await sql`INSERT INTO measure_version (kind, code, version, snapshot, changed_by, reason)
    SELECT 'indicator', code, 1, jsonb_build_object('name', name, 'unit', unit, 'numerator', numerator, 'denominator', denominator, 'description', description, 'keywords', to_jsonb(keywords)),
      'hệ thống', 'Danh mục có sẵn' FROM indicator`.execute(db);

  await sql`ALTER TABLE report_template
    ADD COLUMN owner_unit_id bigint REFERENCES org_unit(id),
    ADD COLUMN from_period_start date,
    ADD COLUMN published_at timestamptz,
    ADD COLUMN based_on integer`.execute(db);
  await sql`UPDATE report_template SET from_period_start = '2000-01-01', published_at = created_at`.execute(db);
  // "Current" is now a question of the unit and the period (versionForPeriod), not a flag.
  await sql`DROP INDEX report_template_current`.execute(db);
  // One draft at a time per form and owner.
  await sql`CREATE UNIQUE INDEX report_template_one_draft ON report_template (code, coalesce(owner_unit_id, 0)) WHERE from_period_start IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX report_template_code ON report_template (code, from_period_start)`.execute(db);

  await sql`UPDATE role SET permissions = array_append(permissions, 'measures.manage')
    WHERE code = 'system_admin' AND is_builtin AND NOT ('measures.manage' = ANY(permissions))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE role SET permissions = array_remove(permissions, 'measures.manage')`.execute(db);
  await sql`DROP INDEX IF EXISTS report_template_code`.execute(db);
  await sql`DROP INDEX IF EXISTS report_template_one_draft`.execute(db);
  await sql`DELETE FROM report_template WHERE from_period_start IS NULL`.execute(db);
  await sql`ALTER TABLE report_template DROP COLUMN owner_unit_id, DROP COLUMN from_period_start, DROP COLUMN published_at, DROP COLUMN based_on`.execute(
    db,
  );
  await sql`DROP TABLE IF EXISTS measure_version`.execute(db);
  for (const table of ['data_element', 'indicator']) {
    await sql`ALTER TABLE ${sql.raw(table)} DROP COLUMN owner_unit_id, DROP COLUMN version, DROP COLUMN updated_at, DROP COLUMN updated_by`.execute(
      db,
    );
  }
  await sql`ALTER TABLE data_element DROP COLUMN definition`.execute(db);
}
