import { sql, type Kysely } from 'kysely';

/**
 * Frozen: imports nothing from live code.
 *
 * Tasks (nhiệm vụ) of a programme, their assignments down the tree, statuses per reporting
 * period and evidence files.
 * - `task`: what is to be done, by whom (lead: a unit or a department named in free text), by
 *   when (a deadline day, a year, every year, every quarter, or thường xuyên), where it came from
 *   (document, section, quote and the review's item indices), owned by `unit_id`.
 * - `task_partner` (phối hợp) and `task_target` (the targets a task serves).
 * - `task_assignment`: one row per unit that carries the task. The owner's own row is the root
 *   (depth 0, no parent); a unit that assigns the task to units below it adds rows whose
 *   `parent_assignment_id` is its own row. `path` is the ltree of assignment ids from the root, so
 *   "every assignment below X" is one GiST range. The last status and the day through which the
 *   task's occurrences are settled (done or dropped) are copied onto the row by the writer, so a
 *   list of 5,000 assignments counts overdue rows without reading the status history.
 * - `task_status`: append-only history, one row per status set for a period; `is_current` marks
 *   the latest of each (assignment, period). `report_state` follows the unit's periodic report
 *   of the same period (submitted → accepted, or returned).
 * - `task_evidence`: files attached to a status row (bytes in `stored_file`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE task (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      title text NOT NULL CHECK (length(trim(title)) > 0),
      document_id bigint REFERENCES plan_document(id) ON DELETE SET NULL,
      source_section text,
      source_quote text,
      source_start integer,
      source_end integer,
      source_items integer[],
      lead_unit_id bigint REFERENCES org_unit(id),
      lead_name text,
      timing_kind text NOT NULL CHECK (timing_kind IN ('deadline', 'year', 'yearly', 'quarterly', 'ongoing')),
      due_on date,
      timing_year integer,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      CHECK ((timing_kind IN ('deadline', 'year')) = (due_on IS NOT NULL)),
      CHECK (timing_kind <> 'year' OR timing_year IS NOT NULL),
      CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX task_unit ON task (unit_id)`.execute(db);
  await sql`CREATE INDEX task_document ON task (document_id) WHERE document_id IS NOT NULL`.execute(db);

  await sql`
    CREATE TABLE task_partner (
      task_id bigint NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      position integer NOT NULL,
      unit_id bigint REFERENCES org_unit(id),
      name text,
      PRIMARY KEY (task_id, position),
      CHECK ((unit_id IS NULL) <> (name IS NULL))
    )
  `.execute(db);

  await sql`
    CREATE TABLE task_target (
      task_id bigint NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      target_id bigint NOT NULL REFERENCES target(id),
      PRIMARY KEY (task_id, target_id)
    )
  `.execute(db);

  await sql`
    CREATE TABLE task_assignment (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      task_id bigint NOT NULL REFERENCES task(id) ON DELETE CASCADE,
      assignee_unit_id bigint NOT NULL REFERENCES org_unit(id),
      parent_assignment_id bigint REFERENCES task_assignment(id) ON DELETE CASCADE,
      depth integer NOT NULL CHECK (depth >= 0),
      path ltree NOT NULL,
      starts_on date NOT NULL,
      assigned_by_label text NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      withdrawn_at timestamptz,
      last_status text CHECK (last_status IN ('not_started', 'in_progress', 'done', 'late', 'dropped')),
      last_status_period text,
      last_status_at timestamptz,
      settled_through date,
      UNIQUE (task_id, assignee_unit_id),
      CHECK ((depth = 0) = (parent_assignment_id IS NULL))
    )
  `.execute(db);
  await sql`CREATE INDEX task_assignment_assignee ON task_assignment (assignee_unit_id, task_id)`.execute(db);
  await sql`CREATE INDEX task_assignment_parent ON task_assignment (parent_assignment_id)`.execute(db);
  await sql`CREATE INDEX task_assignment_path ON task_assignment USING gist (path)`.execute(db);

  await sql`
    CREATE TABLE task_status (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      assignment_id bigint NOT NULL REFERENCES task_assignment(id) ON DELETE CASCADE,
      period_code text NOT NULL,
      period_start date NOT NULL,
      period_end date NOT NULL,
      status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'late', 'dropped')),
      comment text,
      is_current boolean NOT NULL DEFAULT true,
      report_id bigint REFERENCES report(id),
      report_state text CHECK (report_state IN ('submitted', 'returned', 'accepted')),
      set_by_user_id bigint REFERENCES app_user(id),
      set_by_label text NOT NULL,
      set_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX task_status_assignment ON task_status (assignment_id, period_code, set_at)`.execute(db);
  await sql`CREATE UNIQUE INDEX task_status_current ON task_status (assignment_id, period_code) WHERE is_current`.execute(db);
  await sql`CREATE INDEX task_status_period ON task_status (period_code) WHERE is_current`.execute(db);

  await sql`
    CREATE TABLE task_evidence (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      status_id bigint NOT NULL REFERENCES task_status(id) ON DELETE CASCADE,
      file_id bigint NOT NULL REFERENCES stored_file(id),
      file_name text NOT NULL,
      mime_type text NOT NULL,
      size_bytes integer NOT NULL,
      uploaded_by_label text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
  await sql`CREATE INDEX task_evidence_status ON task_evidence (status_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['task_evidence', 'task_status', 'task_assignment', 'task_target', 'task_partner', 'task']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)}`.execute(db);
  }
}
