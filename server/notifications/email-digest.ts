import type { Kysely } from 'kysely';
import { dailyDigest, digestDay } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { notifyUser } from './notify.ts';
import { digestUsers, lockWaitingCopies, markDigested } from './scheduled-notifications.repository.ts';

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
  let written = 0;
  for (const userId of await digestUsers(db)) {
    written += await db.transaction().execute(async (trx) => {
      const waiting = await lockWaitingCopies(trx, userId);
      if (waiting.length === 0) return 0;
      // Always with its e-mail copy: the digest exists only to be mailed.
      if (
        (await notifyUser(
          trx,
          dailyDigest(
            userId,
            day,
            waiting.map((w) => w.title),
          ),
          { email: true },
        )) === 0
      )
        return 0;
      await markDigested(
        trx,
        userId,
        `digest.daily:${day}`,
        waiting.map((w) => Number(w.id)),
      );
      return 1;
    });
  }
  return written;
}

export { emailModeOf, setEmailMode } from './notifications.repository.ts';
