import { sql, type Kysely } from 'kysely';
import { SECTORS } from '../../../domain/org/org-unit.ts';

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * The registries targets are counted from. Every fact that targets ask "as of a date" about is
 * stored with its validity interval [valid_from, valid_to): a member's membership of a CĐCS, an
 * agreement's force. Counting "on date D" is then an interval test, exact for any past date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE stored_file (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      file_name text NOT NULL,
      mime_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      sha256 text NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);

  await sql`
    CREATE TABLE employer (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tax_code text NOT NULL UNIQUE,
      name text NOT NULL CHECK (length(trim(name)) > 0),
      sector text NOT NULL CHECK (sector IN (${list(SECTORS)})),
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
  `.execute(db);
  await sql`CREATE INDEX employer_area ON employer (area_unit_id)`.execute(db);
  await sql`CREATE INDEX employer_cdcs ON employer (cdcs_unit_id)`.execute(db);
  await sql`CREATE INDEX employer_name_trgm ON employer USING gin (search_normalize(name) gin_trgm_ops)`.execute(db);

  await sql`
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
  `.execute(db);

  await sql`
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
  `.execute(db);
  // One live record per person: a merged duplicate keeps its CCCD only for the history.
  await sql`CREATE UNIQUE INDEX member_cccd ON member (cccd) WHERE status <> 'merged'`.execute(db);
  await sql`CREATE INDEX member_unit_id ON member (current_unit_id, id)`.execute(db);
  await sql`CREATE INDEX member_name_trgm ON member USING gin (search_normalize(full_name) gin_trgm_ops)`.execute(db);
  await sql`CREATE INDEX member_name_birth ON member (search_normalize(full_name), birth_date)`.execute(db);

  await sql`
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
  `.execute(db);
  await sql`CREATE INDEX membership_unit_period ON membership (unit_id, valid_from, valid_to)`.execute(db);

  await sql`
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
  `.execute(db);
  await sql`CREATE INDEX agreement_cdcs ON agreement (cdcs_unit_id, effective_from)`.execute(db);
  await sql`CREATE INDEX agreement_employer ON agreement (employer_id)`.execute(db);

  await sql`
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
  `.execute(db);
  await sql`
    CREATE TABLE import_rejection (
      job_id bigint NOT NULL REFERENCES import_job(id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      column_name text,
      reason text NOT NULL,
      raw jsonb NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX import_rejection_job ON import_rejection (job_id, row_number)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['import_rejection', 'import_job', 'agreement', 'membership', 'member', 'grassroots_profile', 'employer', 'stored_file']) {
    await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  }
}
