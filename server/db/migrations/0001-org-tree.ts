import { sql, type Kysely } from 'kysely';

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `CREATE EXTENSION IF NOT EXISTS ltree`,
  `CREATE EXTENSION IF NOT EXISTS pg_trgm`,
  `CREATE EXTENSION IF NOT EXISTS unaccent`,
  `CREATE EXTENSION IF NOT EXISTS btree_gist`,
  `
    CREATE OR REPLACE FUNCTION search_normalize(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$
  `,
  `
    CREATE TABLE org_unit (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      short_name text,
      kind text NOT NULL CHECK (kind IN ('national', 'province', 'central_sector', 'corporation', 'commune', 'industrial_zone', 'local_sector', 'district', 'grassroots', 'sub_unit', 'union_group')),
      sector text CHECK (sector IN ('hcsn', 'dnnn', 'private', 'fdi')),
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
  `,
  `CREATE INDEX org_unit_name_trgm ON org_unit USING gin (search_normalize(name) gin_trgm_ops)`,
  `CREATE INDEX org_unit_code_trgm ON org_unit USING gin (lower(code) gin_trgm_ops)`,
  `
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
  `,
  `CREATE INDEX org_placement_path ON org_placement USING gist (path)`,
  `CREATE INDEX org_placement_parent ON org_placement (parent_id, valid_from)`,
  `CREATE INDEX org_placement_current_parent ON org_placement (parent_id) WHERE valid_to IS NULL`,
];

const DOWN: string[] = [
  `DROP TABLE IF EXISTS org_placement`,
  `DROP TABLE IF EXISTS org_unit`,
  `DROP FUNCTION IF EXISTS search_normalize(text)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
