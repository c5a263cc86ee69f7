import { sql, type Kysely } from 'kysely';

/**
 * Notifications of targets (issue 21). Frozen: imports no live code.
 *
 * notification_target_status: the status a target last had when the daily scheduler judged it,
 * and since when, so that "turned chậm tiến độ / không đạt" is told once per turn and not every
 * day it stays so.
 *
 * notification_delivery_queue: the delivery worker claims the oldest pending rows (ORDER BY id
 * LIMIT n). Over the index on next_attempt_at the planner walked the primary key and filtered
 * out every row already sent — 310 ms a claim after 66,500 of a 130,000-mail deadline, growing
 * with each batch (bench/reminders.bench.ts). A partial index on id holds only what is waiting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_target_status (
      target_id bigint PRIMARY KEY REFERENCES target(id) ON DELETE CASCADE,
      status text NOT NULL,
      since date NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX notification_delivery_queue ON notification_delivery (id) WHERE status = 'pending'`.execute(db);
  await sql`DROP INDEX IF EXISTS notification_delivery_due`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`DROP INDEX IF EXISTS notification_delivery_queue`.execute(db);
  await sql`DROP TABLE IF EXISTS notification_target_status`.execute(db);
}
