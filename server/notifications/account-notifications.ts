import { sql, type Kysely } from 'kysely';
import { accountCreated, accountLocked } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { notifyUser } from './notify.ts';

/** The new account's owner is told (by e-mail, where the address was given), in the creating transaction (users.service.ts). */
export async function notifyAccountCreated(db: Kysely<DB>, userId: number): Promise<void> {
  const row = (
    await sql<{ username: string; unit_id: number; unit_name: string }>`
    SELECT us.username, us.unit_id, o.name AS unit_name FROM app_user us JOIN org_unit o ON o.id = us.unit_id WHERE us.id = ${userId}`.execute(
      db,
    )
  ).rows[0];
  if (row) await notifyUser(db, accountCreated({ userId, unitId: Number(row.unit_id), username: row.username, unitName: row.unit_name }));
}

/** The owner of an account locked by an administrator or by failed logins is told, in the locking transaction. */
export async function notifyAccountLocked(
  db: Kysely<DB>,
  userId: number,
  by: 'administrator' | 'failed_logins',
  until: Date | null = null,
): Promise<void> {
  const row = (await sql<{ unit_id: number; at: string }>`SELECT unit_id, now()::text AS at FROM app_user WHERE id = ${userId}`.execute(db))
    .rows[0];
  if (row)
    await notifyUser(db, accountLocked({ userId, unitId: Number(row.unit_id), by, at: row.at, until: until?.toISOString() ?? null }));
}
