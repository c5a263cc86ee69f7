// The list of a unit's tasks: one assignee's rows (its own tasks and those given to it), a page
// sorted on the server, and each page row's sub-assignments counted by path. Overdue and due
// soon are computed from the row's copied last status and settled day with the day parameters
// of domain/tasks/task-timing.ts (the SQL twins of dueState; a test checks they agree).
import { sql, type RawBuilder } from 'kysely';
import type { dueParameters } from '../../domain/tasks/task-timing.ts';
import type { TaskStatus } from '../../domain/tasks/task-status.ts';
import type { TaskTimingKind } from '../db/schema.ts';
import type { Db } from './tasks.repository.ts';
import type { SqlRow } from '../db/sql-row.ts';

export type DueParameters = ReturnType<typeof dueParameters>;

export interface ListFilter {
  unitId: number;
  view: 'all' | 'owned' | 'assigned';
  documentId?: number;
  status?: TaskStatus | 'none';
  leadUnitId?: number;
  lead?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  includeWithdrawn?: boolean;
  limit: number;
  offset: number;
}

/** Overdue of assignment `a` of task `t` on the day of `p` (the SQL twin of domain dueState). */
export function overdueSql(a: string, t: string, p: DueParameters): RawBuilder<boolean> {
  const A = sql.raw(a);
  const T = sql.raw(t);
  return sql<boolean>`(CASE
    WHEN ${T}.timing_kind IN ('deadline', 'year') THEN ${T}.due_on < ${p.today}::date AND ${A}.settled_through IS NULL
    WHEN ${T}.timing_kind = 'yearly' THEN ${p.lastYearly}::date >= ${A}.starts_on AND coalesce(${A}.settled_through, '0001-01-01') < ${p.lastYearly}::date
    WHEN ${T}.timing_kind = 'quarterly' THEN ${p.lastQuarterly}::date >= ${A}.starts_on AND coalesce(${A}.settled_through, '0001-01-01') < ${p.lastQuarterly}::date
    ELSE false END)`;
}

/** Due within 30 days and not settled (and not overdue), the twin of domain dueState. */
function dueSoonSql(a: string, t: string, p: DueParameters): RawBuilder<boolean> {
  const A = sql.raw(a);
  const T = sql.raw(t);
  return sql<boolean>`(NOT ${overdueSql(a, t, p)} AND CASE
    WHEN ${T}.timing_kind IN ('deadline', 'year') THEN ${T}.due_on BETWEEN ${p.today}::date AND ${p.soonUntil}::date AND ${A}.settled_through IS NULL
    WHEN ${T}.timing_kind = 'yearly' THEN ${p.nextYearly}::date <= ${p.soonUntil}::date AND coalesce(${A}.settled_through, '0001-01-01') < ${p.nextYearly}::date
    WHEN ${T}.timing_kind = 'quarterly' THEN ${p.nextQuarterly}::date <= ${p.soonUntil}::date AND coalesce(${A}.settled_through, '0001-01-01') < ${p.nextQuarterly}::date
    ELSE false END)`;
}

function dueKeySql(t: string, p: DueParameters): RawBuilder<string | null> {
  const T = sql.raw(t);
  return sql`(CASE WHEN ${T}.timing_kind IN ('deadline', 'year') THEN ${T}.due_on WHEN ${T}.timing_kind = 'yearly' THEN ${p.nextYearly}::date
    WHEN ${T}.timing_kind = 'quarterly' THEN ${p.nextQuarterly}::date END)`;
}

export interface ListRow {
  assignmentId: number;
  taskId: number;
  depth: number;
  title: string;
  ownerUnitId: number;
  ownerUnitName: string;
  assignedBy: string;
  /** The unit that gave the task to this one (null: the unit's own task). */
  assignedFrom: { id: number; name: string } | null;
  documentId: number | null;
  documentSymbol: string | null;
  documentTitle: string | null;
  leadUnitId: number | null;
  leadUnitName: string | null;
  leadName: string | null;
  partners: string[];
  timingKind: TaskTimingKind;
  dueOn: string | null;
  timingYear: number | null;
  withdrawnAt: Date | null;
  startsOn: string;
  lastStatus: TaskStatus | null;
  lastStatusPeriod: string | null;
  lastStatusAt: Date | null;
  settledThrough: string | null;
  overdue: boolean;
  dueSoon: boolean;
  direct: { assignees: number; completed: number; overdue: number };
  below: { assignees: number; completed: number; overdue: number };
}

function listWhere(f: ListFilter, p: DueParameters): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.assignee_unit_id = ${f.unitId}`, sql`a.withdrawn_at IS NULL`];
  if (!f.includeWithdrawn) parts.push(sql`t.withdrawn_at IS NULL`);
  if (f.view === 'owned') parts.push(sql`a.depth = 0`);
  if (f.view === 'assigned') parts.push(sql`a.depth > 0`);
  if (f.documentId !== undefined) parts.push(sql`t.document_id = ${f.documentId}`);
  if (f.status === 'none') parts.push(sql`a.last_status IS NULL`);
  else if (f.status) parts.push(sql`a.last_status = ${f.status}`);
  if (f.leadUnitId !== undefined) parts.push(sql`t.lead_unit_id = ${f.leadUnitId}`);
  if (f.lead) {
    const words = f.lead.normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8);
    for (const w of words) {
      parts.push(
        sql`search_normalize(coalesce(t.lead_name, '') || ' ' || coalesce((SELECT name FROM org_unit WHERE id = t.lead_unit_id), '')) LIKE '%' || search_normalize(${w}) || '%'`,
      );
    }
  }
  if (f.overdue !== undefined) parts.push(f.overdue ? overdueSql('a', 't', p) : sql`NOT ${overdueSql('a', 't', p)}`);
  if (f.dueSoon !== undefined) parts.push(f.dueSoon ? dueSoonSql('a', 't', p) : sql`NOT ${dueSoonSql('a', 't', p)}`);
  return sql.join(parts, sql` AND `);
}

/**
 * One page of a unit's tasks (its own and those given to it), overdue first, then by the next
 * due day; each row with the unit's own status and the counts of the units it gave the task to
 * (directly, and every level below).
 */
export async function listTasks(db: Db, f: ListFilter, p: DueParameters): Promise<{ total: number; rows: ListRow[] }> {
  const where = listWhere(f, p);
  const {
    rows: [count],
  } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE ${where}`.execute(db);
  const { rows } = await sql<SqlRow>`
    WITH page AS (
      SELECT a.id, a.task_id, a.depth, a.path, a.parent_assignment_id, a.assigned_by_label, a.starts_on, a.last_status, a.last_status_period, a.last_status_at, a.settled_through,
        ${overdueSql('a', 't', p)} AS overdue, ${dueSoonSql('a', 't', p)} AS due_soon, ${dueKeySql('t', p)} AS due_key
      FROM task_assignment a JOIN task t ON t.id = a.task_id
      WHERE ${where}
      ORDER BY overdue DESC, due_key NULLS LAST, a.task_id DESC
      LIMIT ${f.limit} OFFSET ${f.offset}
    )
    SELECT page.*, t.title, t.unit_id AS owner_unit_id, ou.name AS owner_unit_name, fu.id AS from_unit_id, fu.name AS from_unit_name, t.document_id, d.symbol, d.title AS document_title,
      t.lead_unit_id, lu.name AS lead_unit_name, t.lead_name, t.timing_kind, t.due_on, t.timing_year, t.withdrawn_at,
      (SELECT coalesce(array_agg(coalesce(pu.name, tp.name) ORDER BY tp.position), '{}') FROM task_partner tp LEFT JOIN org_unit pu ON pu.id = tp.unit_id WHERE tp.task_id = t.id) AS partners,
      r.*
    FROM page
    JOIN task t ON t.id = page.task_id
    JOIN org_unit ou ON ou.id = t.unit_id
    LEFT JOIN task_assignment pa ON pa.id = page.parent_assignment_id
    LEFT JOIN org_unit fu ON fu.id = pa.assignee_unit_id
    LEFT JOIN plan_document d ON d.id = t.document_id
    LEFT JOIN org_unit lu ON lu.id = t.lead_unit_id
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE b.parent_assignment_id = page.id)::int AS direct_assignees,
        count(*) FILTER (WHERE b.parent_assignment_id = page.id AND b.last_status = 'done')::int AS direct_completed,
        count(*) FILTER (WHERE b.parent_assignment_id = page.id AND ${overdueSql('b', 't', p)})::int AS direct_overdue,
        count(*)::int AS below_assignees,
        count(*) FILTER (WHERE b.last_status = 'done')::int AS below_completed,
        count(*) FILTER (WHERE ${overdueSql('b', 't', p)})::int AS below_overdue
      FROM task_assignment b WHERE b.path <@ page.path AND b.id <> page.id AND b.withdrawn_at IS NULL
    ) r ON true
    ORDER BY page.overdue DESC, page.due_key NULLS LAST, page.task_id DESC`.execute(db);
  return {
    total: count?.n ?? 0,
    rows: rows.map((r) => ({
      assignmentId: Number(r.id),
      taskId: Number(r.task_id),
      depth: r.depth,
      title: r.title,
      ownerUnitId: Number(r.owner_unit_id),
      ownerUnitName: r.owner_unit_name,
      assignedBy: r.assigned_by_label,
      assignedFrom: r.from_unit_id === null ? null : { id: Number(r.from_unit_id), name: r.from_unit_name },
      documentId: r.document_id === null ? null : Number(r.document_id),
      documentSymbol: r.symbol ?? null,
      documentTitle: r.document_title ?? null,
      leadUnitId: r.lead_unit_id === null ? null : Number(r.lead_unit_id),
      leadUnitName: r.lead_unit_name ?? null,
      leadName: r.lead_name,
      partners: r.partners ?? [],
      timingKind: r.timing_kind,
      dueOn: r.due_on,
      timingYear: r.timing_year,
      withdrawnAt: r.withdrawn_at,
      startsOn: r.starts_on,
      lastStatus: r.last_status,
      lastStatusPeriod: r.last_status_period,
      lastStatusAt: r.last_status_at,
      settledThrough: r.settled_through,
      overdue: r.overdue,
      dueSoon: r.due_soon,
      direct: { assignees: r.direct_assignees, completed: r.direct_completed, overdue: r.direct_overdue },
      below: { assignees: r.below_assignees, completed: r.below_completed, overdue: r.below_overdue },
    })),
  };
}
