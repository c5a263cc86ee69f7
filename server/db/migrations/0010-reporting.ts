import { sql, type Kysely } from 'kysely';
import { ROLE_SEEDS } from '../../../domain/access/permission.ts';
import { BUILTIN_TEMPLATES } from '../../../domain/reporting/builtin-templates.ts';

/**
 * Periodic reporting: versioned report templates (the definition, rules included, is a JSON
 * document per version; reports point at the version they were made with), one report per
 * template, unit and period with its workflow status and an optimistic-concurrency version,
 * and the comment thread (return and reopen reasons, notes on resubmission).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE report_template (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      code text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
      version integer NOT NULL CHECK (version > 0),
      name text NOT NULL,
      definition jsonb NOT NULL,
      is_current boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL DEFAULT 'hệ thống',
      UNIQUE (code, version)
    )
  `.execute(db);
  await sql`CREATE UNIQUE INDEX report_template_current ON report_template (code) WHERE is_current`.execute(db);

  await sql`
    CREATE TABLE report (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      template_id bigint NOT NULL REFERENCES report_template(id),
      template_code text NOT NULL,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      period_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned', 'accepted')),
      "values" jsonb NOT NULL DEFAULT '{}',
      explanations jsonb NOT NULL DEFAULT '{}',
      -- Optimistic concurrency: every write names the version it started from.
      version integer NOT NULL DEFAULT 1,
      first_submitted_at timestamptz,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text NOT NULL,
      UNIQUE (template_code, unit_id, period_code)
    )
  `.execute(db);
  await sql`CREATE INDEX report_period_status ON report (template_code, period_code, status)`.execute(db);
  await sql`CREATE INDEX report_unit ON report (unit_id)`.execute(db);

  await sql`
    CREATE TABLE report_comment (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      report_id bigint NOT NULL REFERENCES report(id),
      kind text NOT NULL CHECK (kind IN ('return', 'reopen', 'submit', 'accept', 'note')),
      body text NOT NULL,
      author_user_id bigint REFERENCES app_user(id),
      author_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX report_comment_report ON report_comment (report_id, id)`.execute(db);

  for (const t of BUILTIN_TEMPLATES) {
    await sql`INSERT INTO report_template (code, version, name, definition) VALUES (${t.code}, 1, ${t.name}, ${JSON.stringify(t)}::jsonb)`.execute(db);
  }
  // Built-in roles gain the reporting permissions (seeded roles follow ROLE_SEEDS).
  for (const role of ROLE_SEEDS) {
    await sql`UPDATE role SET permissions = ${role.permissions}::text[] WHERE code = ${role.code} AND is_builtin`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['report_comment', 'report', 'report_template']) {
    await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  }
}
