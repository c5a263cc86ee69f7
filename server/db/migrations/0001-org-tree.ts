import { sql, type Kysely } from 'kysely';
import { SECTORS, UNIT_KINDS } from '../../../domain/org/org-unit.ts';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const ext of ['ltree', 'pg_trgm', 'unaccent', 'btree_gist']) {
    await sql`CREATE EXTENSION IF NOT EXISTS ${sql.raw(ext)}`.execute(db);
  }
  // unaccent() is STABLE (it reads a dictionary), so it cannot back an index directly; this
  // IMMUTABLE wrapper with the dictionary named explicitly is the standard, safe workaround.
  await sql`
    CREATE OR REPLACE FUNCTION search_normalize(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$
  `.execute(db);

  await sql`
    CREATE TABLE org_unit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      short_name text,
      kind text NOT NULL CHECK (kind IN (${list(UNIT_KINDS)})),
      sector text CHECK (sector IN (${list(SECTORS)})),
      symbol text,
      place text,
      address text,
      phone text,
      email text,
      valid_from date NOT NULL,
      valid_to date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (valid_to IS NULL OR valid_to > valid_from)
    )
  `.execute(db);
  await sql`CREATE INDEX org_unit_name_trgm ON org_unit USING gin (search_normalize(name) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX org_unit_code_trgm ON org_unit USING gin (lower(code) gin_trgm_ops)`.execute(db);

  await sql`
    CREATE TABLE org_placement (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      parent_id bigint REFERENCES org_unit(id),
      path ltree NOT NULL,
      depth integer NOT NULL CHECK (depth >= 0),
      valid_from date NOT NULL,
      valid_to date,
      CHECK (valid_to IS NULL OR valid_to > valid_from),
      CHECK (parent_id IS NULL OR parent_id <> unit_id),
      -- A unit is in one place at a time: no two placements of a unit overlap in time.
      CONSTRAINT org_placement_no_overlap
        EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to) WITH &&)
    )
  `.execute(db);
  await sql`CREATE INDEX org_placement_path ON org_placement USING gist (path)`.execute(db);
  await sql`CREATE INDEX org_placement_parent ON org_placement (parent_id, valid_from)`.execute(db);
  await sql`CREATE INDEX org_placement_current_parent ON org_placement (parent_id) WHERE valid_to IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS org_placement`.execute(db);
  await sql`DROP TABLE IF EXISTS org_unit`.execute(db);
  await sql`DROP FUNCTION IF EXISTS search_normalize(text)`.execute(db);
}
