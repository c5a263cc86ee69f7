import { sql, type Kysely } from 'kysely';

/**
 * Notifications (issue 21). Frozen: imports no live code.
 *
 * - notification: what a user is told in the app (the bell), one row per (user, event): the
 *   event key makes writing it twice — a retried request, a reminder computed again after a
 *   restart — a no-op.
 * - notification_delivery: the outbox of the other channels (e-mail first): written in the same
 *   transaction as the notification, sent by a worker, one row per (notification, channel) so a
 *   channel never gets the same notification twice; attempts, the next try and the last error
 *   for retries with backoff, 'dead' once they run out (listed to administrators).
 * - notification_preference: a user's choice per event kind and channel (absent = the default).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES app_user(id),
      kind text NOT NULL,
      event_key text NOT NULL,
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      link text,
      unit_id bigint REFERENCES org_unit(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      UNIQUE (user_id, event_key)
    )
  `.execute(db);
  await sql`CREATE INDEX notification_user_recent ON notification (user_id, created_at DESC, id DESC)`.execute(db);
  await sql`CREATE INDEX notification_user_unread ON notification (user_id) WHERE read_at IS NULL`.execute(db);
  await sql`
    CREATE TABLE notification_delivery (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      notification_id bigint NOT NULL REFERENCES notification(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email')),
      recipient text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      sent_at timestamptz,
      UNIQUE (notification_id, channel)
    )
  `.execute(db);
  await sql`CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'pending'`.execute(db);
  await sql`
    CREATE TABLE notification_preference (
      user_id bigint NOT NULL REFERENCES app_user(id),
      kind text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('in_app', 'email')),
      enabled boolean NOT NULL,
      PRIMARY KEY (user_id, kind, channel)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['notification_preference', 'notification_delivery', 'notification']) {
    await sql`DROP TABLE IF EXISTS ${sql.raw(table)}`.execute(db);
  }
}
