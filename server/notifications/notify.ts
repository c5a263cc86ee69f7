import type { Kysely } from 'kysely';
import type { UnitEventDraft, UserEventDraft } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { insertForUnitUsers, insertForUser, queueEmailCopiesOf } from './notifications.repository.ts';

/**
 * Whether notifications get e-mail copies in this process: on once the delivery worker runs
 * (notification-worker.ts, with SMTP_URL). A process-wide switch rather than a constructor
 * argument so that the services of other resources (tasks, users, imports) hook in with one
 * call and no change to how app.ts builds them; the report workflow passes it explicitly.
 */
let emailChannel = false;
export function setEmailChannel(on: boolean): void {
  emailChannel = on;
}

/** One notification per user of the audience's unit holding the permission (who did not turn the kind off), once per event key. */
export async function notifyUnit(db: Kysely<DB>, n: UnitEventDraft, channels = { email: emailChannel }): Promise<number> {
  const ids = await insertForUnitUsers(db, n);
  if (channels.email && ids.length) await queueEmailCopiesOf(db, n.kind, ids);
  return ids.length;
}

/**
 * One notification to one person, once per event key. A disabled account is still told (the
 * mail that it was locked is for exactly that person); a kind they turned off is not.
 */
export async function notifyUser(db: Kysely<DB>, n: UserEventDraft, channels = { email: emailChannel }): Promise<number> {
  const ids = await insertForUser(db, n);
  if (channels.email && ids.length) await queueEmailCopiesOf(db, n.kind, ids);
  return ids.length;
}
