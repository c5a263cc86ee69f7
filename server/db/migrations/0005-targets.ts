import { sql, type Kysely } from 'kysely';
import { ROLE_SEEDS } from '../../../domain/access/permission.ts';
import { DATA_ELEMENTS, INDICATORS } from '../../../domain/indicators/catalogue.ts';

/**
 * What programmes commit to and how it is measured: data elements (derived from the registries
 * or reported by units), indicators (expressions over elements), plan documents, their targets
 * (with scope, timing, baseline and cascade), and reported values per unit and period.
 * The built-in catalogue is seeded here; administrators add their own rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE data_element (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
      name text NOT NULL,
      unit text NOT NULL CHECK (unit IN ('count', 'money')),
      source text NOT NULL CHECK (source IN ('derived', 'reported')),
      description text NOT NULL DEFAULT '',
      is_builtin boolean NOT NULL DEFAULT false
    )
  `.execute(db);
  await sql`
    CREATE TABLE indicator (
      code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
      name text NOT NULL,
      unit text NOT NULL CHECK (unit IN ('count', 'percent', 'ratio')),
      numerator text NOT NULL,
      denominator text,
      description text NOT NULL DEFAULT '',
      keywords text[] NOT NULL DEFAULT '{}',
      sector_group text CHECK (sector_group IN ('state', 'nonstate')),
      is_builtin boolean NOT NULL DEFAULT false
    )
  `.execute(db);
  for (const e of DATA_ELEMENTS) {
    await sql`INSERT INTO data_element (code, name, unit, source, description, is_builtin)
              VALUES (${e.code}, ${e.name}, ${e.unit}, ${e.source}, ${e.description}, true) ON CONFLICT (code) DO NOTHING`.execute(db);
  }
  for (const i of INDICATORS) {
    await sql`INSERT INTO indicator (code, name, unit, numerator, denominator, description, keywords, sector_group, is_builtin)
              VALUES (${i.code}, ${i.name}, ${i.unit}, ${i.numerator}, ${i.denominator}, ${i.description}, ${i.keywords}::text[], ${i.sectorGroup ?? null}, true)
              ON CONFLICT (code) DO NOTHING`.execute(db);
  }

  // Built-in roles gain the targets permissions (seeded roles follow ROLE_SEEDS).
  for (const role of ROLE_SEEDS) {
    await sql`UPDATE role SET permissions = ${role.permissions}::text[] WHERE code = ${role.code} AND is_builtin`.execute(db);
  }

  await sql`
    CREATE TABLE plan_document (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL,
      symbol text,
      title text NOT NULL,
      issuer_unit_id bigint NOT NULL REFERENCES org_unit(id),
      issued_on date,
      term_from integer,
      term_to integer,
      implements_id bigint REFERENCES plan_document(id),
      file_id bigint REFERENCES stored_file(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (term_to IS NULL OR term_from IS NULL OR term_to >= term_from)
    )
  `.execute(db);
  await sql`CREATE INDEX plan_document_issuer ON plan_document (issuer_unit_id)`.execute(db);

  await sql`
    CREATE TABLE target (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      document_id bigint NOT NULL REFERENCES plan_document(id),
      -- The unit whose subtree the target is measured over.
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      indicator_code text NOT NULL REFERENCES indicator(code),
      comparator text NOT NULL CHECK (comparator IN ('>', '>=', '=', '<=', '<')),
      value numeric NOT NULL,
      timing text NOT NULL CHECK (timing IN ('deadline', 'annual')),
      deadline date,
      annual_from integer,
      annual_to integer,
      baseline_value numeric,
      baseline_date date,
      -- Scope narrowing: sectors counted (null = all) and the employer-size threshold.
      sectors text[],
      min_workers integer CHECK (min_workers >= 0),
      subject text NOT NULL DEFAULT '',
      quote text,
      parent_target_id bigint REFERENCES target(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((timing = 'deadline') = (deadline IS NOT NULL)),
      CHECK ((timing = 'annual') = (annual_from IS NOT NULL AND annual_to IS NOT NULL)),
      CHECK ((baseline_value IS NULL) = (baseline_date IS NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX target_unit ON target (unit_id)`.execute(db);
  await sql`CREATE INDEX target_document ON target (document_id)`.execute(db);
  await sql`CREATE INDEX target_parent ON target (parent_target_id)`.execute(db);

  await sql`
    CREATE TABLE reported_value (
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      element_code text NOT NULL REFERENCES data_element(code),
      period_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      value numeric NOT NULL CHECK (value >= 0),
      state text NOT NULL CHECK (state IN ('submitted', 'accepted')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (unit_id, element_code, period_code)
    )
  `.execute(db);
  await sql`CREATE INDEX reported_value_period ON reported_value (element_code, period_code)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['reported_value', 'target', 'plan_document', 'indicator', 'data_element']) {
    await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  }
}
