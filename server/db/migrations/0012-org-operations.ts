import { sql, type Kysely } from 'kysely';

/**
 * Operations on the effective-dated tree (issue 7): names with their dates, successions between
 * units (who continues whom, from when), targets carried across a change, and the permission.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // A rename closes the old name on the day and opens the new one, so documents and reports of
  // the past can print the name the unit had then.
  await sql`
    CREATE TABLE org_unit_name (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      unit_id bigint NOT NULL REFERENCES org_unit(id),
      name text NOT NULL CHECK (length(trim(name)) > 0),
      valid_from date NOT NULL,
      valid_to date,
      CHECK (valid_to IS NULL OR valid_to > valid_from),
      CONSTRAINT org_unit_name_no_overlap EXCLUDE USING gist (unit_id WITH =, daterange(valid_from, valid_to) WITH &&)
    )
  `.execute(db);
  await sql`INSERT INTO org_unit_name (unit_id, name, valid_from, valid_to) SELECT id, name, valid_from, valid_to FROM org_unit`.execute(
    db,
  );

  // predecessor → successor from a date: a province's figures before it existed are the sum of
  // the units it continues (kind 'merge'); splits and dissolutions are recorded for the history
  // but not summed (their parts went to several successors).
  await sql`
    CREATE TABLE org_succession (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      predecessor_id bigint NOT NULL REFERENCES org_unit(id),
      successor_id bigint NOT NULL REFERENCES org_unit(id),
      kind text NOT NULL CHECK (kind IN ('merge', 'split', 'dissolve')),
      effective_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (predecessor_id <> successor_id),
      UNIQUE (predecessor_id, successor_id)
    )
  `.execute(db);
  await sql`CREATE INDEX org_succession_successor ON org_succession (successor_id, effective_on)`.execute(db);

  // Targets across a change: a combined target names the targets it was made from; a closed one
  // says when and why (and which target continues it, if any).
  await sql`ALTER TABLE target ADD COLUMN combined_from bigint[]`.execute(db);
  await sql`ALTER TABLE target ADD COLUMN origin_note text`.execute(db);
  await sql`ALTER TABLE target ADD COLUMN closed_on date`.execute(db);
  await sql`ALTER TABLE target ADD COLUMN closed_reason text`.execute(db);
  await sql`ALTER TABLE target ADD COLUMN succeeded_by_id bigint REFERENCES target(id)`.execute(db);
  await sql`ALTER TABLE target ADD CONSTRAINT target_closed_reason CHECK ((closed_on IS NULL) = (closed_reason IS NULL))`.execute(db);

  // Built-in roles that may restructure (province staff and administrators, within their scope).
  await sql`
    UPDATE role SET permissions = array_append(permissions, 'org.restructure')
    WHERE is_builtin AND code IN ('system_admin', 'union_staff') AND NOT ('org.restructure' = ANY (permissions))
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`UPDATE role SET permissions = array_remove(permissions, 'org.restructure')`.execute(db);
  for (const column of ['succeeded_by_id', 'closed_reason', 'closed_on', 'origin_note', 'combined_from']) {
    await sql`ALTER TABLE target DROP COLUMN IF EXISTS ${sql.raw(column)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS org_succession`.execute(db);
  await sql`DROP TABLE IF EXISTS org_unit_name`.execute(db);
}
