import { sql, type Kysely } from 'kysely';

/**
 * Member lists are ordered and paged by (unaccented name, id). The (name, birth_date) index
 * served the name order but not the id tiebreak: a page whose cursor falls inside a common name
 * ("nguyen thi lan": thousands of rows at national scale) read and sorted that whole name group.
 * With (name, id) the keyset condition is one index range and every page costs the same.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS member_name_id ON member (search_normalize(full_name), id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS member_name_id`.execute(db);
}
