import { sql, type Kysely } from 'kysely';

/**
 * The orders a user can choose on the registry lists, one b-tree each, so that a keyset page
 * (sort key, id) is one index range and page 500 costs what page 1 does. The expressions are
 * exactly those of the list queries (employers.repository.ts, grassroots.routes.ts,
 * agreements.repository.ts); a different spelling would not be matched by the planner.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Employers: by unaccented name (the default; before this only a trigram index existed, which
  // cannot give an order), and by workers, largest first with unknown counts last (as -1).
  await sql`CREATE INDEX IF NOT EXISTS employer_name_order ON employer (search_normalize(name), id)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS employer_workers_order ON employer ((coalesce(workers, -1)) DESC, id DESC)`.execute(db);
  // CĐCS: by unaccented name among grassroots units only (the tree's other kinds are a few
  // thousand rows beside ~130,000 CĐCS nationally), and by founding date, newest first.
  await sql`CREATE INDEX IF NOT EXISTS org_unit_grassroots_name_order ON org_unit (search_normalize(name), id) WHERE kind = 'grassroots'`.execute(
    db,
  );
  await sql`CREATE INDEX IF NOT EXISTS grassroots_profile_founded_order ON grassroots_profile ((coalesce(founded_on, DATE '0001-01-01')) DESC, unit_id DESC)`.execute(
    db,
  );
  // Agreements: the soonest last day first (renewals to prepare); "recent" is the primary key.
  await sql`CREATE INDEX IF NOT EXISTS agreement_last_day_order ON agreement ((coalesce(ended_on, expires_on)), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'employer_name_order',
    'employer_workers_order',
    'org_unit_grassroots_name_order',
    'grassroots_profile_founded_order',
    'agreement_last_day_order',
  ]) {
    await sql`DROP INDEX IF EXISTS ${sql.id(index)}`.execute(db);
  }
}
