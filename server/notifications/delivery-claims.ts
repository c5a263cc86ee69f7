import { randomInt } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';

/**
 * Who owns a row marked 'sending', and whether that owner is still alive (issue 21, acceptance 2).
 *
 * A delivery worker writes its number in `claimed_by` when it claims rows. A row whose worker is
 * gone (SIGKILL, power cut, OOM) goes back to the queue at the next round of any worker, instead
 * of waiting out a timeout; a row of a live worker is never taken from it. The mail in flight at
 * the moment of the kill may then be sent a second time, under the same Message-ID
 * (docs/notifications.md, "Delivery semantics").
 */
export interface DeliveryClaims {
  /** This worker's number, written in notification_delivery.claimed_by. */
  readonly worker: number;
  /** SQL true for a row (alias `d`) claimed by a worker that is gone. */
  orphaned(): RawBuilder<boolean>;
  close(): Promise<void>;
}

/** Advisory-lock namespace of delivery workers (first key of pg_advisory_lock(int, int)). */
const LOCK_SPACE = 21_021;

/**
 * The embedded PGlite: one process holds the data folder (data-dir-lock.ts), so any row claimed
 * by another worker number was claimed by a process that is gone.
 */
export function exclusiveClaims(): DeliveryClaims {
  const worker = randomInt(1, 2 ** 31 - 1);
  return { worker, orphaned: () => sql<boolean>`(d.claimed_by IS DISTINCT FROM ${worker})`, close: async () => undefined };
}

/**
 * PostgreSQL, where several server processes may deliver: each holds a session advisory lock on
 * its number over a connection of its own (not the pool's, whose connections come and go). The
 * server drops the lock when the process's socket closes, so a row whose worker holds no lock is
 * an orphan. If this connection is lost while the process lives, the worker stops claiming
 * (onLost) rather than risk two workers sending one row.
 */
export async function advisoryLockClaims(
  databaseUrl: string,
  onLost: (error: unknown) => void = () => undefined,
): Promise<DeliveryClaims & { lost: () => boolean }> {
  const worker = randomInt(1, 2 ** 31 - 1);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: `tiendo-delivery-${worker}` });
  let lost = false;
  const lose = (error: unknown) => {
    if (lost) return;
    lost = true;
    onLost(error);
  };
  client.on('error', lose);
  client.on('end', () => lose(new Error('delivery lock connection ended')));
  await client.connect();
  await client.query('SELECT pg_advisory_lock($1, $2)', [LOCK_SPACE, worker]);
  return {
    worker,
    lost: () => lost,
    orphaned: () => sql<boolean>`(d.claimed_by IS NOT NULL AND NOT EXISTS (
      SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ${LOCK_SPACE}::oid
        AND l.objid = d.claimed_by::oid AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())))`,
    async close() {
      client.removeAllListeners('end');
      lost = true;
      await client.end().catch(() => undefined);
    },
  };
}

/** Only the timeout: a worker that cannot tell whether another is alive (tests that drive one worker by hand). */
export function timeoutOnlyClaims(): DeliveryClaims {
  return { worker: randomInt(1, 2 ** 31 - 1), orphaned: () => sql<boolean>`false`, close: async () => undefined };
}
