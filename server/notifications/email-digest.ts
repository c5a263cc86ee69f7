import { sql, type Kysely } from 'kysely';
import { dailyDigest, digestDay } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { notifyUser } from './notify.ts';

/**
 * The daily digest (issue 21): for each person who chose it (notification_email_mode 'daily'),
 * the e-mail copies waiting for them are bundled into one notification of kind digest.daily,
 * keyed by the day, whose own e-mail copy goes through the outbox like any other (retries,
 * dead letters, the same Message-ID on a re-send). The bundled copies become 'digested'. The
 * digest, its copy and the marks commit together; the key makes a second run on the same day a
 * no-op (copies queued after it wait for the next day's). Nothing happens before 07:00 in Vietnam.
 */
export async function writeDailyDigests(db: Kysely<DB>, now: Date): Promise<number> {
  const day = digestDay(now);
  if (!day) return 0;
  const users = await sql<{ user_id: number }>`
    SELECT DISTINCT n.user_id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
    JOIN notification_email_mode m ON m.user_id = n.user_id AND m.mode = 'daily'
    WHERE d.status = 'pending' AND d.channel = 'email' AND n.kind <> 'digest.daily'`.execute(db);
  let written = 0;
  for (const { user_id } of users.rows) {
    const userId = Number(user_id);
    written += await db.transaction().execute(async (trx) => {
      const waiting = await sql<{ id: number; title: string }>`
        SELECT d.id, n.title FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.user_id = ${userId} AND d.status = 'pending' AND d.channel = 'email' AND n.kind <> 'digest.daily'
        ORDER BY n.created_at, n.id FOR UPDATE OF d SKIP LOCKED`.execute(trx);
      if (waiting.rows.length === 0) return 0;
      // Always with its e-mail copy: the digest exists only to be mailed.
      if (
        (await notifyUser(
          trx,
          dailyDigest(
            userId,
            day,
            waiting.rows.map((w) => w.title),
          ),
          { email: true },
        )) === 0
      )
        return 0;
      await sql`UPDATE notification_delivery SET status = 'digested', digest_id = (
          SELECT id FROM notification WHERE user_id = ${userId} AND event_key = ${`digest.daily:${day}`})
        WHERE id = ANY(${waiting.rows.map((w) => Number(w.id))}::bigint[])`.execute(trx);
      // The digest is a mail: it does not wait in the bell as unread.
      await sql`UPDATE notification SET read_at = now() WHERE user_id = ${userId} AND event_key = ${`digest.daily:${day}`}`.execute(trx);
      return 1;
    });
  }
  return written;
}

/** A person's choice: every e-mail copy at once (the default), or one digest a day. */
export async function setEmailMode(db: Kysely<DB>, userId: number, mode: 'immediate' | 'daily'): Promise<void> {
  await sql`INSERT INTO notification_email_mode (user_id, mode) VALUES (${userId}, ${mode})
    ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = now()`.execute(db);
}

export async function emailModeOf(db: Kysely<DB>, userId: number): Promise<'immediate' | 'daily'> {
  const row = (await sql<{ mode: 'immediate' | 'daily' }>`SELECT mode FROM notification_email_mode WHERE user_id = ${userId}`.execute(db))
    .rows[0];
  return row?.mode ?? 'immediate';
}
