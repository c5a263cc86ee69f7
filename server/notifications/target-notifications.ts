import type { Kysely } from 'kysely';
import { targetTurned } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { ProgressService } from '../progress/progress.service.ts';
import { notifyUnit } from './notify.ts';
import { lockToldStatus, saveToldStatus, targetOwners } from './scheduled-notifications.repository.ts';

/**
 * Judges every open target of its owning unit on `today` with the dashboard's own rule
 * (ProgressService) and tells the unit's staff when one turns chậm tiến độ or không đạt — once
 * per turn: the last status seen is kept (notification_target_status), and the notification and
 * the new status commit together, so a rerun the same day, or after a crash, tells nobody twice.
 * A target seen for the first time already behind is a turn too (it was never told).
 */
export async function writeTargetStatusChanges(
  db: Kysely<DB>,
  today: string,
  channels: { email: boolean } = { email: false },
  signal?: AbortSignal,
): Promise<number> {
  const progress = new ProgressService(db);
  let told = 0;
  for (const owner of await targetOwners(db)) {
    // A server shutting down stops between units (each unit's turns are committed whole); the
    // next day's round judges again, and a turn not yet told is still a turn then.
    if (signal?.aborted) break;
    const { unitId } = owner;
    const judged = (await progress.forUnit(unitId, today)).filter((p) => p.owner.id === unitId);
    for (const p of judged) {
      const status = p.progress.status;
      told += await db.transaction().execute(async (trx) => {
        if ((await lockToldStatus(trx, p.targetId)) === status) return 0;
        await saveToldStatus(trx, p.targetId, status, today);
        if (status !== 'behind' && status !== 'missed') return 0;
        return notifyUnit(
          trx,
          targetTurned({ targetId: p.targetId, indicatorName: p.indicator.name, unitId, unitName: owner.unitName, status, day: today }),
          channels,
        );
      });
    }
  }
  return told;
}
