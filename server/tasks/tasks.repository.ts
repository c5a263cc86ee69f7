// Every query of the task feature but the list (task-list.repository.ts): tasks, their
// assignments down the tree (one ltree path of assignment ids per row), statuses per period,
// evidence, the reporting hook and the document review's extracted tasks.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { TaskStatus } from '../../domain/tasks/task-status.ts';
import type { DB, TaskTimingKind } from '../db/schema.ts';
import type { SqlRow } from '../db/sql-row.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** The owner unit of a task (route locators). */
export async function unitOfTask(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('task').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.unit_id) : null;
}

/** The unit that carries an assignment. */
export async function unitOfAssignment(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('task_assignment').select('assignee_unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.assignee_unit_id) : null;
}

/** The unit that gave an assignment (its parent's assignee); null for the owner's own row. */
export async function assignerOfAssignment(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('task_assignment as a')
    .innerJoin('task_assignment as p', 'p.id', 'a.parent_assignment_id')
    .select('p.assignee_unit_id')
    .where('a.id', '=', id)
    .executeTakeFirst();
  return row ? Number(row.assignee_unit_id) : null;
}

export async function unitOfStatus(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('task_status as s')
    .innerJoin('task_assignment as a', 'a.id', 's.assignment_id')
    .select('a.assignee_unit_id')
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row ? Number(row.assignee_unit_id) : null;
}

export async function unitOfEvidence(db: Db, id: number): Promise<number | null> {
  const row = await db
    .selectFrom('task_evidence as e')
    .innerJoin('task_status as s', 's.id', 'e.status_id')
    .innerJoin('task_assignment as a', 'a.id', 's.assignment_id')
    .select('a.assignee_unit_id')
    .where('e.id', '=', id)
    .executeTakeFirst();
  return row ? Number(row.assignee_unit_id) : null;
}

/** What a task says, as written and as read back. */
interface TaskFields {
  title: string;
  documentId: number | null;
  section: string | null;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  sourceItems: number[] | null;
  leadUnitId: number | null;
  leadName: string | null;
  timingKind: TaskTimingKind;
  dueOn: string | null;
  timingYear: number | null;
}

export interface TaskRow extends TaskFields {
  id: number;
  unitId: number;
  unitName: string;
  documentSymbol: string | null;
  documentTitle: string | null;
  leadUnitName: string | null;
  withdrawnAt: Date | null;
  withdrawnReason: string | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export async function findTask(db: Db, id: number): Promise<TaskRow | undefined> {
  const row = await db
    .selectFrom('task as t')
    .innerJoin('org_unit as u', 'u.id', 't.unit_id')
    .leftJoin('plan_document as d', 'd.id', 't.document_id')
    .leftJoin('org_unit as lu', 'lu.id', 't.lead_unit_id')
    .select([
      't.id',
      't.unit_id',
      'u.name as unit_name',
      't.title',
      't.document_id',
      'd.symbol',
      'd.title as document_title',
      't.source_section',
      't.source_quote',
      't.source_start',
      't.source_end',
      't.source_items',
      't.lead_unit_id',
      'lu.name as lead_unit_name',
      't.lead_name',
      't.timing_kind',
      't.due_on',
      't.timing_year',
      't.withdrawn_at',
      't.withdrawn_reason',
      't.created_by_label',
      't.created_at',
      't.updated_at',
      't.version',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: Number(row.id),
    unitId: Number(row.unit_id),
    unitName: row.unit_name,
    title: row.title,
    documentId: row.document_id === null ? null : Number(row.document_id),
    documentSymbol: row.symbol ?? null,
    documentTitle: row.document_title ?? null,
    section: row.source_section,
    quote: row.source_quote,
    quoteStart: row.source_start,
    quoteEnd: row.source_end,
    sourceItems: row.source_items,
    leadUnitId: row.lead_unit_id === null ? null : Number(row.lead_unit_id),
    leadUnitName: row.lead_unit_name ?? null,
    leadName: row.lead_name,
    timingKind: row.timing_kind,
    dueOn: row.due_on,
    timingYear: row.timing_year,
    withdrawnAt: row.withdrawn_at,
    withdrawnReason: row.withdrawn_reason,
    createdBy: row.created_by_label,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function partnersOf(db: Db, taskId: number) {
  const rows = await db
    .selectFrom('task_partner as p')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.unit_id', 'p.name', 'u.name as unit_name'])
    .where('p.task_id', '=', taskId)
    .orderBy('p.position')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id === null ? null : Number(r.unit_id), name: r.unit_name ?? r.name ?? '' }));
}

export async function targetsOf(db: Db, taskId: number) {
  const rows = await db
    .selectFrom('task_target as tt')
    .innerJoin('target as g', 'g.id', 'tt.target_id')
    .innerJoin('indicator as i', 'i.code', 'g.indicator_code')
    .select(['g.id', 'g.subject', 'i.name as indicator_name', 'g.unit_id'])
    .where('tt.task_id', '=', taskId)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ id: Number(r.id), unitId: Number(r.unit_id), name: r.subject || r.indicator_name }));
}

export interface TaskWrite extends TaskFields {
  unitId: number;
  partners: { unitId: number | null; name: string | null }[];
  targetIds: number[];
}

/** A task, its partners and targets, and the owner's own assignment (the root of its tree). */
export async function insertTask(trx: Transaction<DB>, t: TaskWrite, by: string, startsOn: string): Promise<number> {
  const row = await trx
    .insertInto('task')
    .values({
      unit_id: t.unitId,
      title: t.title,
      document_id: t.documentId,
      source_section: t.section,
      source_quote: t.quote,
      source_start: t.quoteStart,
      source_end: t.quoteEnd,
      source_items: t.sourceItems,
      lead_unit_id: t.leadUnitId,
      lead_name: t.leadName,
      timing_kind: t.timingKind,
      due_on: t.dueOn,
      timing_year: t.timingYear,
      created_by_label: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await writeLinks(trx, id, t.partners, t.targetIds);
  const root = await trx
    .insertInto('task_assignment')
    .values({
      task_id: id,
      assignee_unit_id: t.unitId,
      parent_assignment_id: null,
      depth: 0,
      path: '0',
      starts_on: startsOn,
      assigned_by_label: by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('task_assignment')
    .set({ path: String(root.id) })
    .where('id', '=', root.id)
    .execute();
  return id;
}

async function writeLinks(trx: Transaction<DB>, taskId: number, partners: TaskWrite['partners'], targetIds: number[]): Promise<void> {
  await trx.deleteFrom('task_partner').where('task_id', '=', taskId).execute();
  await trx.deleteFrom('task_target').where('task_id', '=', taskId).execute();
  if (partners.length)
    await trx
      .insertInto('task_partner')
      .values(partners.map((p, position) => ({ task_id: taskId, position, unit_id: p.unitId, name: p.unitId === null ? p.name : null })))
      .execute();
  if (targetIds.length)
    await trx
      .insertInto('task_target')
      .values([...new Set(targetIds)].map((target_id) => ({ task_id: taskId, target_id })))
      .execute();
}

/** Writes the edited task if it is still at `version` (compare-and-set); false when someone saved first. */
export async function updateTask(
  trx: Transaction<DB>,
  id: number,
  version: number | undefined,
  t: Omit<TaskWrite, 'unitId' | 'documentId' | 'quote' | 'quoteStart' | 'quoteEnd' | 'sourceItems' | 'section'>,
): Promise<boolean> {
  let q = trx
    .updateTable('task')
    .set({
      title: t.title,
      lead_unit_id: t.leadUnitId,
      lead_name: t.leadName,
      timing_kind: t.timingKind,
      due_on: t.dueOn,
      timing_year: t.timingYear,
      updated_at: new Date(),
      version: sql`version + 1`,
    })
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const result = await q.executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await writeLinks(trx, id, t.partners, t.targetIds);
  return true;
}

export async function withdrawTask(trx: Transaction<DB>, id: number, reason: string): Promise<void> {
  await trx
    .updateTable('task')
    .set({ withdrawn_at: new Date(), withdrawn_reason: reason, updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

export async function statusCount(db: Db, taskId: number, underAssignment?: number): Promise<number> {
  let q = db
    .selectFrom('task_status as s')
    .innerJoin('task_assignment as a', 'a.id', 's.assignment_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('a.task_id', '=', taskId);
  if (underAssignment !== undefined) {
    q = q.where(sql<boolean>`a.path <@ (SELECT path FROM task_assignment WHERE id = ${underAssignment})`);
  }
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Deletes a task and everything of it (its evidence files included). */
export async function deleteTask(trx: Transaction<DB>, id: number): Promise<void> {
  const files = await trx
    .selectFrom('task_evidence as e')
    .innerJoin('task_status as s', 's.id', 'e.status_id')
    .innerJoin('task_assignment as a', 'a.id', 's.assignment_id')
    .select('e.file_id')
    .where('a.task_id', '=', id)
    .execute();
  await trx.deleteFrom('task').where('id', '=', id).execute();
  if (files.length)
    await trx
      .deleteFrom('stored_file')
      .where(
        'id',
        'in',
        files.map((f) => f.file_id),
      )
      .execute();
}

export interface AssignmentRow {
  id: number;
  taskId: number;
  unitId: number;
  unitName: string;
  parentId: number | null;
  depth: number;
  path: string;
  startsOn: string;
  assignedBy: string;
  assignedAt: Date;
  withdrawnAt: Date | null;
  lastStatus: TaskStatus | null;
  lastStatusPeriod: string | null;
  lastStatusAt: Date | null;
  settledThrough: string | null;
}

const assignmentColumns = sql`a.id, a.task_id, a.assignee_unit_id, u.name AS unit_name, a.parent_assignment_id, a.depth, a.path::text AS path, a.starts_on,
  a.assigned_by_label, a.assigned_at, a.withdrawn_at, a.last_status, a.last_status_period, a.last_status_at, a.settled_through`;

function toAssignment(r: SqlRow): AssignmentRow {
  return {
    id: Number(r.id),
    taskId: Number(r.task_id),
    unitId: Number(r.assignee_unit_id),
    unitName: r.unit_name,
    parentId: r.parent_assignment_id === null ? null : Number(r.parent_assignment_id),
    depth: r.depth,
    path: r.path,
    startsOn: r.starts_on,
    assignedBy: r.assigned_by_label,
    assignedAt: r.assigned_at,
    withdrawnAt: r.withdrawn_at,
    lastStatus: r.last_status,
    lastStatusPeriod: r.last_status_period,
    lastStatusAt: r.last_status_at,
    settledThrough: r.settled_through,
  };
}

export async function findAssignment(db: Db, id: number): Promise<AssignmentRow | undefined> {
  const { rows } = await sql<
    Record<string, unknown>
  >`SELECT ${assignmentColumns} FROM task_assignment a JOIN org_unit u ON u.id = a.assignee_unit_id WHERE a.id = ${id}`.execute(db);
  return rows[0] && toAssignment(rows[0]);
}

export async function assignmentOf(db: Db, taskId: number, unitId: number): Promise<AssignmentRow | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${assignmentColumns} FROM task_assignment a JOIN org_unit u ON u.id = a.assignee_unit_id
    WHERE a.task_id = ${taskId} AND a.assignee_unit_id = ${unitId}`.execute(db);
  return rows[0] && toAssignment(rows[0]);
}

/** The assignments directly below one (or every one below it with `all`), with the units' names. */
export async function assignmentsBelow(db: Db, parent: AssignmentRow, all: boolean): Promise<AssignmentRow[]> {
  const where = all ? sql`a.path <@ ${parent.path}::ltree AND a.id <> ${parent.id}` : sql`a.parent_assignment_id = ${parent.id}`;
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${assignmentColumns} FROM task_assignment a JOIN org_unit u ON u.id = a.assignee_unit_id
    WHERE ${where} AND a.withdrawn_at IS NULL ORDER BY a.depth, u.name, a.id`.execute(db);
  return rows.map(toAssignment);
}

/** Units among `ids` that already carry the task (any assignment, withdrawn or not). */
export async function existingAssignees(db: Db, taskId: number, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('task_assignment as a')
    .innerJoin('org_unit as u', 'u.id', 'a.assignee_unit_id')
    .select(['a.id', 'a.assignee_unit_id', 'u.name', 'a.withdrawn_at'])
    .where('a.task_id', '=', taskId)
    .where('a.assignee_unit_id', 'in', ids)
    .execute();
}

/** For each id: its name and whether it lies strictly below `path` on today's tree. */
export async function unitsBelow(db: Db, ids: number[], path: string) {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: number; name: string; below: boolean }>`
    SELECT u.id, u.name, (p.path <@ ${path}::ltree AND p.path <> ${path}::ltree) AS below
    FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE u.id = ANY(${ids}::bigint[])`.execute(db);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertAssignments(
  trx: Transaction<DB>,
  parent: AssignmentRow,
  unitIds: number[],
  by: string,
  startsOn: string,
): Promise<number[]> {
  if (unitIds.length === 0) return [];
  const { rows } = await sql<{ id: number }>`
    INSERT INTO task_assignment (task_id, assignee_unit_id, parent_assignment_id, depth, path, starts_on, assigned_by_label)
    SELECT ${parent.taskId}, unit_id, ${parent.id}, ${parent.depth + 1}, ${parent.path}::ltree, ${startsOn}::date, ${by}
    FROM unnest(${unitIds}::bigint[]) AS x(unit_id)
    RETURNING id`.execute(trx);
  const ids = rows.map((r) => Number(r.id));
  await sql`UPDATE task_assignment SET path = path || id::text WHERE id = ANY(${ids}::bigint[])`.execute(trx);
  return ids;
}

/** Re-assigning a unit whose assignment was withdrawn brings it (and its own sub-assignments) back. */
export async function restoreAssignments(trx: Transaction<DB>, ids: number[]): Promise<void> {
  if (ids.length) await trx.updateTable('task_assignment').set({ withdrawn_at: null }).where('id', 'in', ids).execute();
}

export async function withdrawAssignment(trx: Transaction<DB>, assignment: AssignmentRow): Promise<number> {
  const result =
    await sql`UPDATE task_assignment SET withdrawn_at = now() WHERE path <@ ${assignment.path}::ltree AND withdrawn_at IS NULL`.execute(
      trx,
    );
  return Number(result.numAffectedRows ?? 0);
}

export interface StatusRow {
  id: number;
  assignmentId: number;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  status: TaskStatus;
  comment: string | null;
  isCurrent: boolean;
  reportState: 'submitted' | 'returned' | 'accepted' | null;
  setBy: string;
  setAt: Date;
}

export async function statusesOf(db: Db, assignmentIds: number[]): Promise<StatusRow[]> {
  if (assignmentIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_status')
    .selectAll()
    .where('assignment_id', 'in', assignmentIds)
    .orderBy('period_end', 'desc')
    .orderBy('set_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    assignmentId: Number(r.assignment_id),
    periodCode: r.period_code,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    status: r.status,
    comment: r.comment,
    isCurrent: r.is_current,
    reportState: r.report_state,
    setBy: r.set_by_label,
    setAt: r.set_at,
  }));
}

export async function findStatus(db: Db, id: number): Promise<StatusRow | undefined> {
  const r = await db.selectFrom('task_status').selectAll().where('id', '=', id).executeTakeFirst();
  return r && (await statusesOf(db, [Number(r.assignment_id)])).find((s) => s.id === id);
}

export async function evidenceOf(db: Db, statusIds: number[]) {
  if (statusIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_evidence')
    .select(['id', 'status_id', 'file_name', 'mime_type', 'size_bytes', 'uploaded_by_label', 'uploaded_at'])
    .where('status_id', 'in', statusIds)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    statusId: Number(r.status_id),
    fileName: r.file_name,
    mimeType: r.mime_type,
    sizeBytes: r.size_bytes,
    uploadedBy: r.uploaded_by_label,
    uploadedAt: r.uploaded_at,
  }));
}

/**
 * Appends a status (the new current one of its period) and copies the assignment's latest status
 * and settled day, computed by the caller from the current statuses.
 */
export async function insertStatus(
  trx: Transaction<DB>,
  s: {
    assignmentId: number;
    periodCode: string;
    periodStart: string;
    periodEnd: string;
    status: TaskStatus;
    comment: string | null;
    userId: number | null;
    by: string;
  },
): Promise<number> {
  await trx
    .updateTable('task_status')
    .set({ is_current: false })
    .where('assignment_id', '=', s.assignmentId)
    .where('period_code', '=', s.periodCode)
    .where('is_current', '=', true)
    .execute();
  const row = await trx
    .insertInto('task_status')
    .values({
      assignment_id: s.assignmentId,
      period_code: s.periodCode,
      period_start: s.periodStart,
      period_end: s.periodEnd,
      status: s.status,
      comment: s.comment,
      set_by_user_id: s.userId,
      set_by_label: s.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function setAssignmentSummary(
  trx: Transaction<DB>,
  id: number,
  summary: { lastStatus: TaskStatus | null; lastStatusPeriod: string | null; lastStatusAt: Date | null; settledThrough: string | null },
): Promise<void> {
  await trx
    .updateTable('task_assignment')
    .set({
      last_status: summary.lastStatus,
      last_status_period: summary.lastStatusPeriod,
      last_status_at: summary.lastStatusAt,
      settled_through: summary.settledThrough,
    })
    .where('id', '=', id)
    .execute();
}

/** Locks an assignment row for a status write (two statuses at once for one unit serialise). */
export async function lockAssignment(trx: Transaction<DB>, id: number): Promise<void> {
  await sql`SELECT id FROM task_assignment WHERE id = ${id} FOR UPDATE`.execute(trx);
}

export async function insertEvidence(
  trx: Transaction<DB>,
  e: { statusId: number; fileName: string; mimeType: string; sha256: string; content: Buffer; by: string },
): Promise<number> {
  const file = await trx
    .insertInto('stored_file')
    .values({ file_name: e.fileName, mime_type: e.mimeType, size_bytes: e.content.length, sha256: e.sha256, content: e.content })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await trx
    .insertInto('task_evidence')
    .values({
      status_id: e.statusId,
      file_id: Number(file.id),
      file_name: e.fileName,
      mime_type: e.mimeType,
      size_bytes: e.content.length,
      uploaded_by_label: e.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function evidenceFile(db: Db, id: number) {
  return db
    .selectFrom('task_evidence as e')
    .innerJoin('stored_file as f', 'f.id', 'e.file_id')
    .select(['e.id', 'e.status_id', 'e.file_name', 'e.mime_type', 'f.content', 'e.file_id'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function deleteEvidence(trx: Transaction<DB>, id: number, fileId: number): Promise<void> {
  await trx.deleteFrom('task_evidence').where('id', '=', id).execute();
  await trx.deleteFrom('stored_file').where('id', '=', fileId).execute();
}

/** The status of a report of `unitId` for `periodCode` (any template), for closure. */
export async function reportOfPeriod(db: Db, unitId: number, periodCode: string) {
  const row = await db
    .selectFrom('report')
    .select(['id', 'status'])
    .where('unit_id', '=', unitId)
    .where('period_code', '=', periodCode)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? { id: Number(row.id), status: row.status } : null;
}

/** The unit's latest report of the period, share-locked: a submission waits for the caller's commit, then carries its write. */
export async function shareReportOfPeriod(trx: Transaction<DB>, unitId: number, periodCode: string) {
  const { rows } = await sql<{ id: number; status: 'draft' | 'submitted' | 'returned' | 'accepted' }>`
      SELECT id, status FROM report WHERE unit_id = ${unitId} AND period_code = ${periodCode} ORDER BY id DESC LIMIT 1 FOR SHARE`.execute(
    trx,
  );
  return rows[0] ?? null;
}

/** A status written while the unit's report is returned stays "returned" until it is sent again. */
export async function markStatusReturned(trx: Transaction<DB>, statusId: number, reportId: number): Promise<void> {
  await trx.updateTable('task_status').set({ report_state: 'returned', report_id: reportId }).where('id', '=', statusId).execute();
}

/** How many of these targets belong to the unit at `path` or to a unit above it. */
export async function targetsOnPathCount(db: Db, ids: number[], path: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM target g JOIN org_placement p ON p.unit_id = g.unit_id AND p.valid_to IS NULL
        WHERE g.id = ANY(${ids}::bigint[]) AND p.path @> ${path}::ltree`.execute(db);
  return rows[0]!.n;
}

/**
 * The reporting hook: the current task statuses of a unit for a period take the state of its
 * report of that period (submitted, returned, accepted), in the report's transaction.
 */
export async function setReportState(
  trx: Transaction<DB>,
  r: { reportId: number; unitId: number; periodCode: string; state: 'submitted' | 'returned' | 'accepted' },
): Promise<number> {
  const result = await sql`
    UPDATE task_status s SET report_state = ${r.state}, report_id = ${r.reportId}
    FROM task_assignment a
    WHERE a.id = s.assignment_id AND a.assignee_unit_id = ${r.unitId} AND s.period_code = ${r.periodCode} AND s.is_current`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

// ---------------------------------------------------------------- from a document review

export async function reviewOf(db: Db, documentId: number) {
  const row = await db
    .selectFrom('document_review as r')
    .innerJoin('plan_document as d', 'd.id', 'r.document_id')
    .select(['r.extraction', 'd.issuer_unit_id', 'd.id'])
    .where('r.document_id', '=', documentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const extraction = (typeof row.extraction === 'string' ? JSON.parse(row.extraction) : row.extraction) as { tasks?: unknown[] } | null;
  return { documentId: Number(row.id), issuerUnitId: Number(row.issuer_unit_id), tasks: (extraction?.tasks ?? []) as ReviewTask[] };
}

export interface ReviewTask {
  text: string;
  start: number;
  end: number;
  section: 'tasks' | 'organisation';
  group: string | null;
  lead: string | null;
  coordinating: string[];
}

/** Review item index → the task confirmed from it, for a document. */
export async function confirmedItems(db: Db, documentId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('task')
    .select(['id', 'source_items'])
    .where('document_id', '=', documentId)
    .where('source_items', 'is not', null)
    .execute();
  const out = new Map<number, number>();
  for (const r of rows) for (const i of r.source_items ?? []) out.set(i, Number(r.id));
  return out;
}

/** Tasks of a unit due in a period (a one-off due in it, every recurring or ongoing one), with the unit's status for it. */
export async function tasksForPeriod(db: Db, unitId: number, period: { code: string; start: string; end: string }) {
  const { rows } = await sql<SqlRow>`
    SELECT a.id AS assignment_id, t.id AS task_id, t.title, t.timing_kind, t.due_on, t.timing_year, t.lead_name, lu.name AS lead_unit_name,
      s.id AS status_id, s.status, s.comment, s.report_state, s.set_by_label, s.set_at,
      (SELECT count(*)::int FROM task_evidence e WHERE e.status_id = s.id) AS evidence
    FROM task_assignment a JOIN task t ON t.id = a.task_id
    LEFT JOIN org_unit lu ON lu.id = t.lead_unit_id
    LEFT JOIN task_status s ON s.assignment_id = a.id AND s.period_code = ${period.code} AND s.is_current
    WHERE a.assignee_unit_id = ${unitId} AND a.withdrawn_at IS NULL AND t.withdrawn_at IS NULL AND (a.starts_on <= ${period.end}::date OR s.id IS NOT NULL
        -- A one-off task given after the period ended but due in it (or before) is reported there.
        OR (t.timing_kind IN ('deadline', 'year') AND t.due_on <= ${period.end}::date))
      AND (t.timing_kind NOT IN ('deadline', 'year') OR (t.due_on >= ${period.start}::date AND t.due_on <= ${period.end}::date)
        OR (t.due_on < ${period.start}::date AND (a.settled_through IS NULL OR s.id IS NOT NULL)))
    ORDER BY t.due_on NULLS LAST, t.id`.execute(db);
  return rows;
}
