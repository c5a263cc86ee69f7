import { sql, type Kysely } from 'kysely';

/**
 * `member.current_unit_id` is a copy, for fast lists, of the unit of the person's latest
 * membership — and `membership.unit_id` already references `org_unit`. Its own foreign key only
 * repeated that check once per inserted member (a trigger and an index probe per row on the
 * million-row import path), so it goes; units are never deleted (the tree is effective-dated),
 * and every write of the copy takes its value from a membership row that passed the check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE member DROP CONSTRAINT IF EXISTS member_current_unit_id_fkey`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE member ADD CONSTRAINT member_current_unit_id_fkey FOREIGN KEY (current_unit_id) REFERENCES org_unit(id)`.execute(
    db,
  );
}
