import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { NotificationDraft } from '../../domain/notifications/report-events.ts';
import type { UnitEventDraft, UserEventDraft } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';

/** The user `us` holds the permission through one of their roles and has not turned this kind off on the channel. */
export const mayBeTold = (permission: string, kind: string, channel: 'in_app' | 'email') => sql<boolean>`(
  EXISTS (SELECT 1 FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = us.id AND ${permission} = ANY(r.permissions))
  AND NOT EXISTS (SELECT 1 FROM notification_preference np WHERE np.user_id = us.id AND np.kind = ${kind} AND np.channel = ${channel} AND NOT np.enabled))`;

/**
 * The e-mail copies of the notifications of a kind that `which` selects (alias `n`), queued in
 * the caller's transaction (the outbox): to people with an address who did not turn them off.
 */
export async function queueEmailCopies(db: Kysely<DB>, kind: string, which: RawBuilder<boolean>): Promise<void> {
  await sql`
    INSERT INTO notification_delivery (notification_id, channel, recipient)
    SELECT n.id, 'email', us.email FROM notification n JOIN app_user us ON us.id = n.user_id
    WHERE n.kind = ${kind} AND ${which} AND coalesce(us.email, '') <> '' AND NOT EXISTS (
      SELECT 1 FROM notification_preference np WHERE np.user_id = us.id AND np.kind = ${kind} AND np.channel = 'email' AND NOT np.enabled)
    ON CONFLICT (notification_id, channel) DO NOTHING`.execute(db);
}

/** The e-mail copies of the notifications just written, by id. */
export async function queueEmailCopiesOf(db: Kysely<DB>, kind: string, ids: readonly number[]): Promise<void> {
  await queueEmailCopies(db, kind, sql<boolean>`n.id = ANY(${[...ids]}::bigint[])`);
}

/** The e-mail copies of the notifications whose event key starts with `prefix`. */
export async function queueEmailCopiesByKeyPrefix(db: Kysely<DB>, kind: string, prefix: string): Promise<void> {
  await queueEmailCopies(db, kind, sql<boolean>`n.event_key LIKE ${`${prefix}%`}`);
}

/** One notification per active user of `unitId` who holds the permission and did not turn the kind off; the ids written (none twice per event key). */
export async function insertForUnitUsers(db: Kysely<DB>, n: UnitEventDraft): Promise<number[]> {
  const inserted = await sql<{ id: number }>`
    INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
    SELECT us.id, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body}, ${n.link}, ${n.unitId}::bigint
    FROM app_user us
    WHERE us.unit_id = ${n.audience.unitId} AND NOT us.is_disabled AND ${mayBeTold(n.audience.permission, n.kind, 'in_app')}
    ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(db);
  return inserted.rows.map((r) => Number(r.id));
}

/** One notification to one person (disabled or not) unless they turned the kind off; the ids written. */
export async function insertForUser(db: Kysely<DB>, n: UserEventDraft): Promise<number[]> {
  const inserted = await sql<{ id: number }>`
    INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
    SELECT us.id, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body}, ${n.link}, ${n.unitId}::bigint
    FROM app_user us
    WHERE us.id = ${n.userId} AND NOT EXISTS (
      SELECT 1 FROM notification_preference np WHERE np.user_id = us.id AND np.kind = ${n.kind} AND np.channel = 'in_app' AND NOT np.enabled)
    ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(db);
  return inserted.rows.map((r) => Number(r.id));
}

/**
 * One notification per person of the audience (active users of the unit whose roles hold the
 * permission, unless they turned this kind off in the app), written once per event key.
 * Returns how many were new.
 */
export async function notifyAudience(
  db: Kysely<DB>,
  n: NotificationDraft,
  channels: { email: boolean } = { email: false },
): Promise<number> {
  const result = await sql`
    INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
    SELECT us.id, ${n.kind}, ${n.eventKey}, ${n.title}, ${n.body}, ${n.link}, ${n.unitId}::bigint
    FROM app_user us
    WHERE us.unit_id = ${n.audience.unitId} AND NOT us.is_disabled AND ${mayBeTold(n.audience.permission, n.kind, 'in_app')}
    ON CONFLICT (user_id, event_key) DO NOTHING`.execute(db);
  if (channels.email) await queueEmailCopies(db, n.kind, sql<boolean>`n.event_key = ${n.eventKey}`);
  return Number(result.numAffectedRows ?? 0);
}

export interface NotificationRow {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export async function listForUser(
  db: Kysely<DB>,
  userId: number,
  options: { unreadOnly: boolean; limit: number; before: number | null },
): Promise<NotificationRow[]> {
  let query = db
    .selectFrom('notification')
    .select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId);
  if (options.unreadOnly) query = query.where('read_at', 'is', null);
  if (options.before !== null) query = query.where('id', '<', options.before);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    created_at: r.created_at as unknown as Date,
    read_at: r.read_at as unknown as Date | null,
  }));
}

export async function unreadCount(db: Kysely<DB>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Kysely<DB>, userId: number, id: number): Promise<boolean> {
  const found = await db.selectFrom('notification').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!found) return false;
  await db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('id', '=', id)
    .where('read_at', 'is', null)
    .execute();
  return true;
}

export async function markAllRead(db: Kysely<DB>, userId: number): Promise<number> {
  const result = await db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface PreferenceRow {
  kind: string;
  channel: 'in_app' | 'email';
  enabled: boolean;
}

/** The user's own choices; a (kind, channel) without a row is on (the default). */
export async function preferencesOf(db: Kysely<DB>, userId: number): Promise<PreferenceRow[]> {
  return db.selectFrom('notification_preference').select(['kind', 'channel', 'enabled']).where('user_id', '=', userId).execute();
}

/**
 * Writes the given choices in one statement: the screen saves a whole table at once. A (kind,
 * channel) named twice keeps its last value: one INSERT … ON CONFLICT may not update a row twice.
 */
export async function savePreferences(db: Kysely<DB>, userId: number, rows: readonly PreferenceRow[]): Promise<void> {
  const last = new Map(rows.map((r) => [`${r.kind}|${r.channel}`, r]));
  if (last.size === 0) return;
  await db
    .insertInto('notification_preference')
    .values([...last.values()].map((r) => ({ user_id: userId, kind: r.kind, channel: r.channel, enabled: r.enabled })))
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'channel']).doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled') })))
    .execute();
}

/** Where e-mail copies would go; null when the account has no address (the screen says so). */
export async function emailOf(db: Kysely<DB>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('email').where('id', '=', userId).executeTakeFirst();
  return row?.email || null;
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
