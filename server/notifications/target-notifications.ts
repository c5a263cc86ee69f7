import type { Kysely, Transaction } from 'kysely';
import { targetTurned } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { ProgressService, type TargetProgress } from '../progress/progress.service.ts';
import { notifyUnit } from './notify.ts';
import { lockToldStatuses, saveToldStatuses, targetOwners } from './scheduled-notifications.repository.ts';

/**
 * Owners judged together: their targets' values are read in one batch per expression and day
 * (a target's allocations to a few hundred communes cost one counts query, not hundreds), and
 * their turns commit in one transaction.
 */
const OWNERS_PER_BATCH = 400;

/**
 * Judges every open target of its owning unit on `today` with the dashboard's own rule
 * (ProgressService) and tells the unit's staff when one turns chậm tiến độ or không đạt — once
 * per turn: the last status seen is kept (notification_target_status), and the notifications and
 * the new statuses of a batch of owners commit together, so a rerun the same day, or after a
 * crash, tells nobody twice. A target seen for the first time already behind is a turn too (it
 * was never told).
 */
export async function writeTargetStatusChanges(
  db: Kysely<DB>,
  today: string,
  channels: { email: boolean } = { email: false },
  signal?: AbortSignal,
): Promise<number> {
  const progress = new ProgressService(db);
  const owners = await targetOwners(db);
  let told = 0;
  for (let from = 0; from < owners.length; from += OWNERS_PER_BATCH) {
    // A server shutting down stops between batches (each batch's turns are committed whole); the
    // next night's round judges again, and a turn not yet told is still a turn then.
    if (signal?.aborted) break;
    const batch = owners.slice(from, from + OWNERS_PER_BATCH);
    const judged = await progress.ownedBy(
      batch.map((o) => o.unitId),
      today,
    );
    told += await db.transaction().execute((trx) => tellTurns(trx, judged, today, channels));
  }
  return told;
}

/** Saves the statuses that changed since last told and tells the owners of those that turned behind. */
async function tellTurns(trx: Transaction<DB>, judged: TargetProgress[], today: string, channels: { email: boolean }): Promise<number> {
  const before = await lockToldStatuses(
    trx,
    judged.map((p) => p.targetId),
  );
  const changed = judged.filter((p) => before.get(p.targetId) !== p.progress.status);
  await saveToldStatuses(
    trx,
    changed.map((p) => ({ targetId: p.targetId, status: p.progress.status })),
    today,
  );
  let told = 0;
  for (const p of changed) {
    const status = p.progress.status;
    if (status !== 'behind' && status !== 'missed') continue;
    const turn = { targetId: p.targetId, indicatorName: p.indicator.name, unitId: p.owner.id, unitName: p.owner.name, status, day: today };
    told += await notifyUnit(trx, targetTurned(turn), channels);
  }
  return told;
}
