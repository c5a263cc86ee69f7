import { sql, type Kysely } from 'kysely';

/**
 * The registries targets are counted from. Every fact that targets ask "as of a date" about is
 * stored with its validity interval [valid_from, valid_to): a member's membership of a CĐCS, an
 * agreement's force. Counting "on date D" is then an interval test, exact for any past date.
 */

// Frozen on 2026-12-06 by scripts/freeze-migration.ts: the statements this migration ran on a
// fresh database, parameters written in. It imports no live code, so editing today's code never
// changes what it does. Never edit them; write a new migration.
const UP: string[] = [
  `
    CREATE TABLE stored_file (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      file_name text NOT NULL,
      mime_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `
    CREATE TABLE employer (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tax_code text NOT NULL UNIQUE,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      sector text NOT NULL CHECK (sector IN ('hcsn', 'dnnn', 'private', 'fdi')),
      industry text,
      address text,
      province_name text,
      commune_name text,
      -- The upper union whose area the employer is in (a commune, industrial-zone or province union).
      area_unit_id bigint NOT NULL REFERENCES org_unit(id),
      -- The CĐCS that represents its workers, if any.
      cdcs_unit_id bigint REFERENCES org_unit(id),
      workers integer CHECK (workers >= 0),
      women_workers integer CHECK (women_workers >= 0),
      workers_counted_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (women_workers IS NULL OR workers IS NULL OR women_workers <= workers)
    )
  `,
  `CREATE INDEX employer_area ON employer (area_unit_id)`,
  `CREATE INDEX employer_cdcs ON employer (cdcs_unit_id)`,
  `CREATE INDEX employer_name_trgm ON employer USING gin (search_normalize(name) gin_trgm_ops)`,
  `
    CREATE TABLE grassroots_profile (
      unit_id bigint PRIMARY KEY REFERENCES org_unit(id),
      employer_id bigint REFERENCES employer(id),
      founding_decision text,
      founded_on date,
      chair_name text,
      chair_phone text,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
      dissolved_on date,
      CHECK ((status = 'dissolved') = (dissolved_on IS NOT NULL))
    )
  `,
  `
    CREATE TABLE member (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
      gender text NOT NULL CHECK (gender IN ('male', 'female')),
      birth_date date NOT NULL,
      cccd text NOT NULL CHECK (cccd ~ '^[0-9]{12}$'),
      phone text,
      ethnicity text,
      card_number text,
      joined_on date NOT NULL,
      -- Denormalised from the open membership for fast lists; the history is the truth.
      current_unit_id bigint REFERENCES org_unit(id),
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'left', 'merged')),
      left_on date,
      left_reason text,
      merged_into_id bigint REFERENCES member(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `,
  `CREATE UNIQUE INDEX member_cccd ON member (cccd) WHERE status <> 'merged'`,
  `CREATE INDEX member_unit_id ON member (current_unit_id, id)`,
  `CREATE INDEX member_name_trgm ON member USING gin (search_normalize(full_name) gin_trgm_ops)`,
  `CREATE INDEX member_name_birth ON member (search_normalize(full_name), birth_date)`,
  `
    CREATE TABLE membership (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      member_id bigint NOT NULL REFERENCES member(id),
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      valid_from date NOT NULL,
      valid_to date,
      start_reason text NOT NULL CHECK (start_reason IN ('joined', 'transfer_in', 'merged_in', 'restructure')),
      end_reason text CHECK (end_reason IN ('transfer_out', 'left', 'merged', 'restructure')),
      note text,
      CHECK (valid_to IS NULL OR valid_to > valid_from),
      CONSTRAINT membership_no_overlap EXCLUDE USING gist (member_id WITH =, daterange(valid_from, valid_to) WITH &&)
    )
  `,
  `CREATE INDEX membership_unit_period ON membership (unit_id, valid_from, valid_to)`,
  `
    CREATE TABLE agreement (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      employer_id bigint REFERENCES employer(id),
      cdcs_unit_id bigint NOT NULL REFERENCES org_unit(id),
      kind text NOT NULL CHECK (kind IN ('enterprise', 'sector', 'multi_employer')),
      number text,
      signed_on date NOT NULL,
      effective_from date NOT NULL,
      expires_on date NOT NULL,
      -- Ended before expiry (terminated, or replaced by a renewal): in force until the day before.
      ended_on date,
      quality_class text CHECK (quality_class IN ('A', 'B', 'C', 'D')),
      better_than_law boolean NOT NULL DEFAULT false,
      renews_id bigint REFERENCES agreement(id),
      file_id bigint REFERENCES stored_file(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (effective_from >= signed_on),
      CHECK (expires_on >= effective_from),
      CHECK (ended_on IS NULL OR (ended_on >= effective_from AND ended_on <= expires_on))
    )
  `,
  `CREATE INDEX agreement_cdcs ON agreement (cdcs_unit_id, effective_from)`,
  `CREATE INDEX agreement_employer ON agreement (employer_id)`,
  `
    CREATE TABLE import_job (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      registry text NOT NULL,
      file_name text NOT NULL,
      file_sha256 text NOT NULL,
      scope_unit_id bigint NOT NULL REFERENCES org_unit(id),
      dry_run boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
      rows_read integer NOT NULL DEFAULT 0,
      inserted integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      unchanged integer NOT NULL DEFAULT 0,
      rejected integer NOT NULL DEFAULT 0,
      -- Column titles of the file's header row, by position: the rejected-rows file repeats them.
      header_titles jsonb NOT NULL DEFAULT '[]',
      message text,
      created_by bigint REFERENCES app_user(id),
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )
  `,
  `
    CREATE TABLE import_rejection (
      job_id bigint NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      column_name text,
      reason text NOT NULL,
      raw jsonb NOT NULL
    )
  `,
  `CREATE INDEX import_rejection_job ON import_rejection (job_id, row_number)`,
];

const DOWN: string[] = [
  `DROP TABLE IF EXISTS import_rejection`,
  `DROP TABLE IF EXISTS import_job`,
  `DROP TABLE IF EXISTS agreement`,
  `DROP TABLE IF EXISTS membership`,
  `DROP TABLE IF EXISTS member`,
  `DROP TABLE IF EXISTS grassroots_profile`,
  `DROP TABLE IF EXISTS employer`,
  `DROP TABLE IF EXISTS stored_file`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
