import { sql, type Kysely } from 'kysely';
import { taskAssigned, taskReminderText, TASK_DUE_SOON_DAYS } from '../../domain/notifications/other-events.ts';
import type { DB } from '../db/schema.ts';
import { mayBeTold, queueEmailCopies } from './notifications.repository.ts';
import { notifyUnit } from './notify.ts';

/** A task's one due day: its deadline, or 31/12 of its year; recurring and ongoing tasks have none (SQL, alias t). */
const DUE = sql`coalesce(t.due_on, make_date(t.timing_year, 12, 31))`;

/**
 * Tells the units just given a task (tasks.service.ts, in the assignment's transaction): who
 * gave it and by when, to those who report on it.
 */
export async function notifyTaskAssigned(db: Kysely<DB>, assignmentIds: readonly number[]): Promise<void> {
  if (assignmentIds.length === 0) return;
  const rows = await sql<{ id: number; task_id: number; title: string; unit_id: number; from_name: string; due: string | null }>`
    SELECT a.id, a.task_id, t.title, a.assignee_unit_id AS unit_id, pu.name AS from_name,
      CASE WHEN t.timing_kind IN ('deadline', 'year') THEN to_char(${DUE}, 'YYYY-MM-DD') END AS due
    FROM task_assignment a JOIN task t ON t.id = a.task_id
    JOIN task_assignment pa ON pa.id = a.parent_assignment_id JOIN org_unit pu ON pu.id = pa.assignee_unit_id
    WHERE a.id = ANY(${[...assignmentIds]}::bigint[])`.execute(db);
  for (const r of rows.rows) {
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
  const days = await sql<{ due: string }>`
    SELECT DISTINCT to_char(${DUE}, 'YYYY-MM-DD') AS due FROM task t
    WHERE t.withdrawn_at IS NULL AND t.timing_kind IN ('deadline', 'year')
      AND ${DUE} BETWEEN ${today}::date - 30 AND ${today}::date + ${TASK_DUE_SOON_DAYS}::int`.execute(db);
  let written = 0;
  for (const { due } of days.rows) {
    const kind = today > due ? 'task.overdue' : 'task.due_soon';
    const { titlePrefix, body } = taskReminderText(kind, due);
    written += await db.transaction().execute(async (trx) => {
      const inserted = await sql<{ id: number }>`
        INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
        SELECT us.id, ${kind}, ${kind} || ':' || a.id || ':' || ${due}, ${titlePrefix} || t.title, ${body}, '/nhiem-vu', a.assignee_unit_id
        FROM task t JOIN task_assignment a ON a.task_id = t.id AND a.withdrawn_at IS NULL AND a.depth > 0
        JOIN app_user us ON us.unit_id = a.assignee_unit_id AND NOT us.is_disabled
        WHERE t.withdrawn_at IS NULL AND t.timing_kind IN ('deadline', 'year') AND ${DUE} = ${due}::date
          AND coalesce(a.last_status, '') NOT IN ('done', 'dropped') AND ${mayBeTold('reports.submit', kind, 'in_app')}
        ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(trx);
      if (channels.email && inserted.rows.length)
        await queueEmailCopies(trx, kind, sql<boolean>`n.id = ANY(${inserted.rows.map((r) => Number(r.id))}::bigint[])`);
      return inserted.rows.length;
    });
  }
  return written;
}
