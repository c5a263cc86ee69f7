// Section IV's reads: the tasks of a document a unit carries (task tables of migration 0018,
// written by server/tasks), the units it gave each to, and their statuses with evidence names.
import { sql, type Kysely } from 'kysely';
import type { TaskStatus } from '../../domain/tasks/task-status.ts';
import type { DB, TaskTimingKind } from '../db/schema.ts';

export interface UnitTaskRow {
  assignmentId: number;
  depth: number;
  startsOn: string;
  title: string;
  lead: string | null;
  timingKind: TaskTimingKind;
  dueOn: string | null;
  timingYear: number | null;
}

/** The live tasks of `documentId` that `unitId` carries (owns, or was given), in the document's order. */
export async function unitTasksOfDocument(db: Kysely<DB>, unitId: number, documentId: number): Promise<UnitTaskRow[]> {
  const rows = await db
    .selectFrom('task_assignment as a')
    .innerJoin('task as t', 't.id', 'a.task_id')
    .leftJoin('org_unit as lu', 'lu.id', 't.lead_unit_id')
    .select([
      'a.id',
      'a.depth',
      'a.starts_on',
      't.title',
      'lu.name as lead_unit_name',
      't.lead_name',
      't.timing_kind',
      't.due_on',
      't.timing_year',
    ])
    .where('a.assignee_unit_id', '=', unitId)
    .where('a.withdrawn_at', 'is', null)
    .where('t.document_id', '=', documentId)
    .where('t.withdrawn_at', 'is', null)
    .orderBy(sql`t.source_start NULLS LAST`)
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    assignmentId: Number(r.id),
    depth: r.depth,
    startsOn: r.starts_on,
    title: r.title,
    lead: r.lead_unit_name ?? r.lead_name ?? null,
    timingKind: r.timing_kind,
    dueOn: r.due_on,
    timingYear: r.timing_year,
  }));
}

/** The live assignments given from each of `assignmentIds` (the units directly below that carry the task). */
export async function assignmentsGivenFrom(
  db: Kysely<DB>,
  assignmentIds: number[],
): Promise<{ id: number; parentId: number; startsOn: string }[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_assignment')
    .select(['id', 'parent_assignment_id', 'starts_on'])
    .where('parent_assignment_id', 'in', assignmentIds)
    .where('withdrawn_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), parentId: Number(r.parent_assignment_id), startsOn: r.starts_on }));
}

export interface CurrentStatusRow {
  assignmentId: number;
  periodEnd: string;
  status: TaskStatus;
  setAt: Date;
  evidence: string[];
}

/** The current status of every period of each assignment, with the names of its evidence files in upload order. */
export async function currentStatuses(db: Kysely<DB>, assignmentIds: number[]): Promise<CurrentStatusRow[]> {
  if (assignmentIds.length === 0) return [];
  const { rows } = await sql<{ assignment_id: number; period_end: string; status: TaskStatus; set_at: Date; files: string[] | null }>`
    SELECT s.assignment_id, s.period_end, s.status, s.set_at,
      (SELECT array_agg(e.file_name ORDER BY e.id) FROM task_evidence e WHERE e.status_id = s.id) AS files
    FROM task_status s
    WHERE s.assignment_id = ANY(${assignmentIds}::bigint[]) AND s.is_current`.execute(db);
  return rows.map((r) => ({
    assignmentId: Number(r.assignment_id),
    periodEnd: r.period_end,
    status: r.status,
    setAt: r.set_at,
    evidence: r.files ?? [],
  }));
}
