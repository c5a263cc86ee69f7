import { sql, type Kysely } from 'kysely';

/**
 * Frozen: imports nothing from live code.
 *
 * Imports: what a reader may see of a rejected row, and how long it is kept.
 * - `field_columns`: which column of the file each field was read from ({"cccd": 4, …}), so the
 *   rejected rows can be masked for a reader without `personal_data.view` (and the columns that
 *   were not recognised left out: nobody knows what they hold).
 * - `rejections_not_stored`: rejected rows counted but not stored (stored rows are capped).
 * - `rejections_expired_at`: when the stored rejected rows were deleted (kept 30 days).
 *
 * Members: `cccd_review` marks a record whose CCCD is also on a live record its creator could not
 * see (outside their subtree). Telling the creator "this CCCD exists elsewhere" would let anyone
 * with a CĐCS account check whether any citizen is a union member anywhere, so the record is
 * created like any other and the upper union that sees both resolves it (merge). One live record
 * per CCCD therefore holds among the records not under review; those under review are few, and
 * found through their own small index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE import_job ADD COLUMN field_columns jsonb NOT NULL DEFAULT '{}'`.execute(db);
  await sql`ALTER TABLE import_job ADD COLUMN rejections_not_stored integer NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE import_job ADD COLUMN rejections_expired_at timestamptz`.execute(db);

  await sql`ALTER TABLE member ADD COLUMN cccd_review boolean NOT NULL DEFAULT false`.execute(db);
  await sql`DROP INDEX IF EXISTS member_cccd`.execute(db);
  await sql`CREATE UNIQUE INDEX member_cccd ON member (cccd) WHERE status <> 'merged' AND NOT cccd_review`.execute(db);
  await sql`CREATE INDEX member_cccd_review ON member (cccd) WHERE cccd_review AND status <> 'merged'`.execute(db);
}

/** Fails while two live records share a CCCD: resolve (merge) them first. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS member_cccd_review`.execute(db);
  await sql`DROP INDEX IF EXISTS member_cccd`.execute(db);
  await sql`CREATE UNIQUE INDEX member_cccd ON member (cccd) WHERE status <> 'merged'`.execute(db);
  await sql`ALTER TABLE member DROP COLUMN cccd_review`.execute(db);
  await sql`ALTER TABLE import_job DROP COLUMN rejections_expired_at`.execute(db);
  await sql`ALTER TABLE import_job DROP COLUMN rejections_not_stored`.execute(db);
  await sql`ALTER TABLE import_job DROP COLUMN field_columns`.execute(db);
}
