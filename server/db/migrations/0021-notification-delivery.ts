import { sql, type Kysely } from 'kysely';

/**
 * Notifications, second part (issue 21). Frozen: imports no live code.
 *
 * - notification_delivery.claimed_by: the delivery worker that marked a row 'sending'. A row
 *   whose worker is gone (killed, crashed) is put back in the queue at once instead of after a
 *   timeout: on PGlite every other worker is gone (the data folder is exclusive); on PostgreSQL
 *   a worker holds a session advisory lock on its number, released by the server when the
 *   process dies.
 * - 'digested': an e-mail copy bundled into a daily digest (digest_id) instead of sent alone.
 * - notification_email_mode: a user's choice of e-mail copies, each at once or one digest a
 *   day (absent = at once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE notification_delivery ADD COLUMN claimed_by integer`.execute(db);
  await sql`ALTER TABLE notification_delivery ADD COLUMN digest_id bigint REFERENCES notification(id) ON DELETE SET NULL`.execute(db);
  await sql`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_status_check`.execute(db);
  await sql`ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_status_check CHECK (status IN ('pending', 'sending', 'sent', 'dead', 'digested'))`.execute(
    db,
  );
  await sql`CREATE INDEX notification_delivery_claimed ON notification_delivery (claimed_by) WHERE status = 'sending'`.execute(db);
  // The administrators' dead-letter list, newest first.
  await sql`CREATE INDEX notification_delivery_dead ON notification_delivery (id DESC) WHERE status = 'dead'`.execute(db);
  await sql`
    CREATE TABLE notification_email_mode (
      user_id bigint PRIMARY KEY REFERENCES app_user(id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('immediate', 'daily')),
      updated_at timestamptz NOT NULL DEFAULT now()
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS notification_email_mode`.execute(db);
  await sql`DROP INDEX IF EXISTS notification_delivery_dead`.execute(db);
  await sql`DROP INDEX IF EXISTS notification_delivery_claimed`.execute(db);
  await sql`UPDATE notification_delivery SET status = 'sent' WHERE status = 'digested'`.execute(db);
  await sql`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_status_check`.execute(db);
  await sql`ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_status_check CHECK (status IN ('pending', 'sending', 'sent', 'dead'))`.execute(
    db,
  );
  await sql`ALTER TABLE notification_delivery DROP COLUMN digest_id`.execute(db);
  await sql`ALTER TABLE notification_delivery DROP COLUMN claimed_by`.execute(db);
}
