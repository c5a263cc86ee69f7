import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { mayBeTold } from './notifications.repository.ts';
import { arrayLiteral, idsLiteral } from '../db/array-literal.ts';

/**
 * SQL of the notifications written from other records: task assignments and reminders, report
 * reminders, targets that turn behind, the daily digest. Set-based where a deadline reaches the
 * whole country; each statement's unique (user, event key) makes a rerun a no-op.
 */

/** A task's one due day: its deadline, or 31/12 of its year; recurring and ongoing tasks have none (SQL, alias t). */
const DUE = sql`coalesce(t.due_on, make_date(t.timing_year, 12, 31))`;

/** The assignments with their task, the unit that gave them and the due day (deadlines and years only). */
export async function assignmentsToTell(db: Kysely<DB>, assignmentIds: readonly number[]) {
  const { rows } = await sql<{ id: number; task_id: number; title: string; unit_id: number; from_name: string; due: string | null }>`
    SELECT a.id, a.task_id, t.title, a.assignee_unit_id AS unit_id, pu.name AS from_name,
      CASE WHEN t.timing_kind IN ('deadline', 'year') THEN to_char(${DUE}, 'YYYY-MM-DD') END AS due
    FROM task_assignment a JOIN task t ON t.id = a.task_id
    JOIN task_assignment pa ON pa.id = a.parent_assignment_id JOIN org_unit pu ON pu.id = pa.assignee_unit_id
    WHERE a.id = ANY(${[...assignmentIds]}::bigint[])`.execute(db);
  return rows;
}

/** The due days of live one-off tasks from a month ago to `dueSoonDays` ahead. */
export async function taskDueDays(db: Kysely<DB>, today: string, dueSoonDays: number): Promise<string[]> {
  const { rows } = await sql<{ due: string }>`
    SELECT DISTINCT to_char(${DUE}, 'YYYY-MM-DD') AS due FROM task t
    WHERE t.withdrawn_at IS NULL AND t.timing_kind IN ('deadline', 'year')
      AND ${DUE} BETWEEN ${today}::date - 30 AND ${today}::date + ${dueSoonDays}::int`.execute(db);
  return rows.map((r) => r.due);
}

/**
 * One reminder per officer of each unit given a task due on `due` and holding a live assignment
 * not yet settled (done or dropped); the ids written.
 */
export async function insertTaskReminders(
  trx: Transaction<DB>,
  r: { kind: string; due: string; titlePrefix: string; body: string },
): Promise<number[]> {
  const { kind, due, titlePrefix, body } = r;
  const { rows } = await sql<{ id: number }>`
        INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
        SELECT us.id, ${kind}, ${kind} || ':' || a.id || ':' || ${due}, ${titlePrefix} || t.title, ${body}, '/nhiem-vu', a.assignee_unit_id
        FROM task t JOIN task_assignment a ON a.task_id = t.id AND a.withdrawn_at IS NULL AND a.depth > 0
        JOIN app_user us ON us.unit_id = a.assignee_unit_id AND NOT us.is_disabled
        WHERE t.withdrawn_at IS NULL AND t.timing_kind IN ('deadline', 'year') AND ${DUE} = ${due}::date
          AND coalesce(a.last_status, '') NOT IN ('done', 'dropped') AND ${mayBeTold('reports.submit', kind, 'in_app')}
        ON CONFLICT (user_id, event_key) DO NOTHING RETURNING id`.execute(trx);
  return rows.map((row) => Number(row.id));
}

/**
 * One reminder per officer of every unit of the form's kinds that has not sent the period's
 * report (none, a draft, or a returned one), keyed `prefix` + unit id; how many were written.
 */
export async function insertReportReminders(
  trx: Transaction<DB>,
  r: { kind: string; prefix: string; title: string; body: string; unitKinds: readonly string[]; templateCode: string; periodCode: string },
): Promise<number> {
  const { kind, prefix, title, body, templateCode, periodCode: code } = r;
  const inserted = await sql`
          INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
          SELECT us.id, ${kind}, ${prefix} || o.id, ${title}, ${body}, '/bao-cao-dinh-ky', o.id
          FROM org_unit o
          JOIN org_placement p ON p.unit_id = o.id AND p.valid_to IS NULL
          JOIN app_user us ON us.unit_id = o.id AND NOT us.is_disabled
          WHERE o.kind = ANY(${r.unitKinds}::text[]) AND o.valid_to IS NULL AND ${mayBeTold('reports.submit', kind, 'in_app')}
            AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = o.id AND g.dissolved_on IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM report x WHERE x.unit_id = o.id AND x.template_code = ${templateCode} AND x.period_code = ${code} AND x.status IN ('submitted', 'accepted'))
          ON CONFLICT (user_id, event_key) DO NOTHING`.execute(trx);
  return Number(inserted.numAffectedRows ?? 0);
}

/** The live units that own targets, by id. */
export async function targetOwners(db: Kysely<DB>): Promise<{ unitId: number; unitName: string }[]> {
  const { rows } = await sql<{ unit_id: number; unit_name: string }>`
    SELECT DISTINCT t.unit_id, o.name AS unit_name FROM target t JOIN org_unit o ON o.id = t.unit_id
    WHERE o.valid_to IS NULL ORDER BY t.unit_id`.execute(db);
  return rows.map((r) => ({ unitId: Number(r.unit_id), unitName: r.unit_name }));
}

/** The statuses last told of these targets, by target id, locked until commit (in id order, so two rounds never deadlock). */
export async function lockToldStatuses(trx: Transaction<DB>, targetIds: number[]): Promise<Map<number, string>> {
  const { rows } = await sql<{ target_id: number; status: string }>`
    SELECT target_id, status FROM notification_target_status
    WHERE target_id = ANY(${idsLiteral(targetIds)}::bigint[]) ORDER BY target_id FOR UPDATE`.execute(trx);
  return new Map(rows.map((r) => [Number(r.target_id), r.status]));
}

/** Keeps each target's status as the last told, from `since`. */
export async function saveToldStatuses(trx: Transaction<DB>, told: { targetId: number; status: string }[], since: string): Promise<void> {
  if (told.length === 0) return;
  await sql`INSERT INTO notification_target_status (target_id, status, since)
    SELECT target_id, status, ${since}::date
    FROM unnest(${arrayLiteral(told, (t) => t.targetId)}::bigint[], ${told.map((t) => t.status)}::text[]) AS s(target_id, status)
    ON CONFLICT (target_id) DO UPDATE SET status = excluded.status, since = excluded.since`.execute(trx);
}

/** People who chose the daily digest and have e-mail copies waiting. */
export async function digestUsers(db: Kysely<DB>): Promise<number[]> {
  const { rows } = await sql<{ user_id: number }>`
    SELECT DISTINCT n.user_id FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
    JOIN notification_email_mode m ON m.user_id = n.user_id AND m.mode = 'daily'
    WHERE d.status = 'pending' AND d.channel = 'email' AND n.kind <> 'digest.daily'`.execute(db);
  return rows.map((r) => Number(r.user_id));
}

/** A person's e-mail copies waiting, oldest first, locked (skipping those a worker holds). */
export async function lockWaitingCopies(trx: Transaction<DB>, userId: number) {
  const { rows } = await sql<{ id: number; title: string }>`
        SELECT d.id, n.title FROM notification_delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.user_id = ${userId} AND d.status = 'pending' AND d.channel = 'email' AND n.kind <> 'digest.daily'
        ORDER BY n.created_at, n.id FOR UPDATE OF d SKIP LOCKED`.execute(trx);
  return rows;
}

/** The copies bundled into the day's digest become 'digested'; the digest itself reads as read (it is a mail, not a bell item). */
export async function markDigested(trx: Transaction<DB>, userId: number, eventKey: string, deliveryIds: number[]): Promise<void> {
  await sql`UPDATE notification_delivery SET status = 'digested', digest_id = (
          SELECT id FROM notification WHERE user_id = ${userId} AND event_key = ${eventKey})
        WHERE id = ANY(${deliveryIds}::bigint[])`.execute(trx);
  await sql`UPDATE notification SET read_at = now() WHERE user_id = ${userId} AND event_key = ${eventKey}`.execute(trx);
}
