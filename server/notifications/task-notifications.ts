import type { Kysely } from 'kysely';
import { taskAssigned, taskReminderText, TASK_DUE_SOON_DAYS } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { queueEmailCopiesOf } from './notifications.repository.ts';
import { notifyUnit } from './notify.ts';
import { assignmentsToTell, insertTaskReminders, taskDueDays } from './scheduled-notifications.repository.ts';

/**
 * Tells the units just given a task (tasks.service.ts, in the assignment's transaction): who
 * gave it and by when, to those who report on it.
 */
export async function notifyTaskAssigned(db: Kysely<DB>, assignmentIds: readonly number[]): Promise<void> {
  if (assignmentIds.length === 0) return;
  for (const r of await assignmentsToTell(db, assignmentIds)) {
    await notifyUnit(
      db,
      taskAssigned({
        assignmentId: Number(r.id),
        taskId: Number(r.task_id),
        taskTitle: r.title,
        unitId: Number(r.unit_id),
        fromUnitName: r.from_name,
        dueOn: r.due,
      }),
    );
  }
}

/**
 * The reminders of one-off tasks due on `today` (domain: seven days before, then overdue for a
 * month), to the units given it (not its owner, who follows the roll-up) holding a live
 * assignment not yet settled (done or dropped). One INSERT
 * per (reminder, due day): a national task given to every CĐCS is one statement, and the key
 * per (reminder, assignment, due day) makes the hourly rerun a no-op; a due day moved is a new
 * event.
 */
export async function writeTaskReminders(db: Kysely<DB>, today: string, channels: { email: boolean } = { email: false }): Promise<number> {
  let written = 0;
  for (const due of await taskDueDays(db, today, TASK_DUE_SOON_DAYS)) {
    const kind = today > due ? 'task.overdue' : 'task.due_soon';
    const { titlePrefix, body } = taskReminderText(kind, due);
    written += await db.transaction().execute(async (trx) => {
      const inserted = await insertTaskReminders(trx, { kind, due, titlePrefix, body });
      if (channels.email && inserted.length) await queueEmailCopiesOf(trx, kind, inserted);
      return inserted.length;
    });
  }
  return written;
}
