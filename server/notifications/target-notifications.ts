import { sql, type Kysely } from 'kysely';
import { targetTurned } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { ProgressService } from '../progress/progress.service.ts';
import { notifyUnit } from './notify.ts';

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
  const owners = await sql<{ unit_id: number; unit_name: string }>`
    SELECT DISTINCT t.unit_id, o.name AS unit_name FROM target t JOIN org_unit o ON o.id = t.unit_id
    WHERE o.valid_to IS NULL ORDER BY t.unit_id`.execute(db);
  let told = 0;
  for (const owner of owners.rows) {
    // A server shutting down stops between units (each unit's turns are committed whole); the
    // next day's round judges again, and a turn not yet told is still a turn then.
    if (signal?.aborted) break;
    const unitId = Number(owner.unit_id);
    const judged = (await progress.forUnit(unitId, today)).filter((p) => p.owner.id === unitId);
    for (const p of judged) {
      const status = p.progress.status;
      told += await db.transaction().execute(async (trx) => {
        const previous = (
          await sql<{ status: string }>`SELECT status FROM notification_target_status WHERE target_id = ${p.targetId} FOR UPDATE`.execute(
            trx,
          )
        ).rows[0];
        if (previous?.status === status) return 0;
        await sql`INSERT INTO notification_target_status (target_id, status, since) VALUES (${p.targetId}, ${status}, ${today})
          ON CONFLICT (target_id) DO UPDATE SET status = excluded.status, since = excluded.since`.execute(trx);
        if (status !== 'behind' && status !== 'missed') return 0;
        return notifyUnit(
          trx,
          targetTurned({ targetId: p.targetId, indicatorName: p.indicator.name, unitId, unitName: owner.unit_name, status, day: today }),
          channels,
        );
      });
    }
  }
  return told;
}
