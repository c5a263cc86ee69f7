import { sql, type Kysely } from 'kysely';
import type { UnitEventDraft, UserEventDraft } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { mayBeTold, queueEmailCopies } from './notifications.repository.ts';

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

const ids = (rows: Array<{ id: number | string }>) => rows.map((r) => Number(r.id));

/** One notification per user of the audience's unit holding the permission (who did not turn the kind off), once per event key. */
export async function notifyUnit(db: Kysely<DB>, n: UnitEventDraft, channels = { email: emailChannel }): Promise<number> {
  const inserted = await sql<{ id: number }>`
    INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
    SELECT us.id, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body}, ${n.link}, ${n.unitId}::bigint
    FROM app_user us
    WHERE us.unit_id = ${n.audience.unitId} AND NOT us.is_disabled AND ${mayBeTold(n.audience.permission, n.kind, 'in_app')}
    ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(db);
  if (channels.email && inserted.rows.length) await queueEmailCopies(db, n.kind, sql<boolean>`n.id = ANY(${ids(inserted.rows)}::bigint[])`);
  return inserted.rows.length;
}

/**
 * One notification to one person, once per event key. A disabled account is still told (the
 * mail that it was locked is for exactly that person); a kind they turned off is not.
 */
export async function notifyUser(db: Kysely<DB>, n: UserEventDraft, channels = { email: emailChannel }): Promise<number> {
  const inserted = await sql<{ id: number }>`
    INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
    SELECT us.id, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body}, ${n.link}, ${n.unitId}::bigint
    FROM app_user us
    WHERE us.id = ${n.userId} AND NOT EXISTS (
      SELECT 1 FROM notification_preference np WHERE np.user_id = us.id AND np.kind = ${n.kind} AND np.channel = 'in_app' AND NOT np.enabled)
    ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(db);
  if (channels.email && inserted.rows.length) await queueEmailCopies(db, n.kind, sql<boolean>`n.id = ANY(${ids(inserted.rows)}::bigint[])`);
  return inserted.rows.length;
}
