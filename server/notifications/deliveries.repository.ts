import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'digested';

export interface DeliveryRow {
  id: number;
  status: DeliveryStatus;
  channel: string;
  recipient: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  sent_at: Date | null;
  notification_id: number;
  kind: string;
  title: string;
  created_at: Date;
  user_id: number;
  username: string;
  full_name: string;
  unit_name: string;
}

/**
 * The outbox rows of recipients within the caller's subtree, newest first (the administrators'
 * dead-letter list and delivery log): keyset paging by id.
 */
export async function listDeliveries(
  db: Kysely<DB>,
  q: { scopePath: string; status: DeliveryStatus | null; limit: number; before: number | null },
): Promise<DeliveryRow[]> {
  const rows = await sql<DeliveryRow>`
    SELECT d.id, d.status, d.channel, d.recipient, d.attempts, d.last_error, d.next_attempt_at, d.sent_at,
      n.id AS notification_id, n.kind, n.title, n.created_at, us.id AS user_id, us.username, us.full_name, o.name AS unit_name
    FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
    JOIN app_user us ON us.id = n.user_id JOIN org_unit o ON o.id = us.unit_id
    JOIN org_placement p ON p.unit_id = us.unit_id AND p.valid_to IS NULL
    WHERE p.path <@ ${q.scopePath}::ltree
      ${q.status ? sql`AND d.status = ${q.status}` : sql``}
      ${q.before ? sql`AND d.id < ${q.before}` : sql``}
    ORDER BY d.id DESC LIMIT ${q.limit}`.execute(db);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id), notification_id: Number(r.notification_id), user_id: Number(r.user_id) }));
}

/** The unit of a delivery's recipient (the access check of the resend action). */
export async function unitOfDelivery(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = (
    await sql<{ unit_id: number }>`
    SELECT us.unit_id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id JOIN app_user us ON us.id = n.user_id WHERE d.id = ${id}`.execute(
      db,
    )
  ).rows[0];
  return row ? Number(row.unit_id) : null;
}

/**
 * Puts a dead mail back in the queue, with fresh attempts, to the recipient's current address
 * (the usual cause is a wrong one, corrected since). Same Message-ID: a dead mail never
 * arrived, and if it somehow did the receiver still sees one message. False when not dead.
 */
export async function requeueDead(
  db: Kysely<DB>,
  id: number,
): Promise<{ recipient: string; attempts: number; lastError: string | null } | null> {
  const row = (
    await sql<{ recipient: string; attempts: number; last_error: string | null }>`
    WITH old AS (SELECT d.id, d.attempts, d.last_error FROM notification_delivery d WHERE d.id = ${id} AND d.status = 'dead' FOR UPDATE)
    UPDATE notification_delivery d SET status = 'pending', attempts = 0, next_attempt_at = now(), last_error = NULL, claimed_by = NULL,
      recipient = coalesce(nullif((SELECT us.email FROM notification n JOIN app_user us ON us.id = n.user_id WHERE n.id = d.notification_id), ''), d.recipient)
    FROM old WHERE d.id = old.id
    RETURNING d.recipient, old.attempts, old.last_error`.execute(db)
  ).rows[0];
  return row ? { recipient: row.recipient, attempts: row.attempts, lastError: row.last_error } : null;
}
