import { sql, type Kysely } from 'kysely';

/**
 * Frozen: imports nothing from live code.
 *
 * Targets are corrected and withdrawn, never rewritten: each change is a version.
 * - `target` keeps the values in force today (the dashboard reads them at no extra cost);
 *   `revised_from` is the first day of that version (null: never revised), so a date before it
 *   is the only case that needs an older version.
 * - `target_version` holds what the target said over `[valid_from, valid_to)` (valid_from null:
 *   since it was set; valid_to null: still in force, or the withdrawal itself), why and who.
 *   Rows are written at the first change only: a target never revised has none. An interval may
 *   be empty (two changes on one day): kept for the history, never in force.
 * - A withdrawal is `target.closed_on` / `closed_reason` (as a target closed when its unit
 *   merged) plus a version row of change 'withdrawn' for the history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE target ADD COLUMN revised_from date`.execute(db);
  await sql`
    CREATE TABLE target_version (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      target_id bigint NOT NULL REFERENCES target(id),
      version integer NOT NULL CHECK (version >= 1),
      change text NOT NULL CHECK (change IN ('original', 'revised', 'withdrawn')),
      valid_from date,
      valid_to date,
      indicator_code text NOT NULL REFERENCES indicator(code),
      comparator text NOT NULL CHECK (comparator IN ('>', '>=', '=', '<=', '<')),
      value numeric NOT NULL,
      timing text NOT NULL CHECK (timing IN ('deadline', 'annual')),
      deadline date,
      annual_from integer,
      annual_to integer,
      baseline_value numeric,
      baseline_date date,
      sectors text[],
      min_workers integer,
      subject text NOT NULL DEFAULT '',
      reason text,
      actor_user_id bigint REFERENCES app_user(id),
      actor_token_id bigint REFERENCES api_token(id),
      actor_label text,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (target_id, version),
      CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_to >= valid_from),
      CHECK ((change = 'original') = (reason IS NULL)),
      CHECK ((change = 'original') = (valid_from IS NULL)),
      CHECK ((timing = 'deadline') = (deadline IS NOT NULL)),
      CHECK ((timing = 'annual') = (annual_from IS NOT NULL AND annual_to IS NOT NULL))
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS target_version`.execute(db);
  await sql`ALTER TABLE target DROP COLUMN IF EXISTS revised_from`.execute(db);
}
