import { sql, type Kysely, type Transaction } from 'kysely';
import type { TemplateDefinition } from '../../domain/reporting/report-template.ts';
import type { ReportValues } from '../../domain/reporting/report-validation.ts';
import type { ReportStatus } from '../../domain/reporting/report-workflow.ts';
import type { DB } from '../db/schema.ts';
import type { SqlRow } from '../db/sql-row.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface TemplateRow {
  id: number;
  code: string;
  version: number;
  name: string;
  isCurrent: boolean;
  definition: TemplateDefinition;
}

export interface ReportRow {
  id: number;
  templateId: number;
  templateCode: string;
  unitId: number;
  unitName: string;
  unitKind: string;
  unitPath: string;
  periodCode: string;
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  status: ReportStatus;
  values: ReportValues;
  explanations: Record<string, string>;
  version: number;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  updatedAt: Date;
  updatedBy: string;
  /** The latest return's reason while the report is returned: lists show it so the unit knows what to fix without opening it. */
  returnReason: string | null;
}

interface TemplateDbRow {
  id: number;
  code: string;
  version: number;
  name: string;
  is_current: boolean;
  definition: unknown;
  owner_unit_id: number | null;
  from_period_start: string | null;
  published_at: unknown;
  created_at: unknown;
  created_by: string;
  based_on: number | null;
}

const toTemplate = (r: Pick<TemplateDbRow, 'id' | 'code' | 'version' | 'name' | 'is_current' | 'definition'>): TemplateRow => ({
  id: Number(r.id),
  code: r.code,
  version: r.version,
  name: r.name,
  isCurrent: r.is_current,
  definition: r.definition as TemplateDefinition,
});

/**
 * The newest published whole-tree version of each form: what a form is (its name, the kinds of
 * unit it is for, its calendar). Which version a unit fills for a period is `templateFor`.
 */
export async function currentTemplates(db: Db): Promise<TemplateRow[]> {
  const { rows } = await sql<TemplateDbRow>`
    SELECT DISTINCT ON (code) * FROM report_template WHERE from_period_start IS NOT NULL AND owner_unit_id IS NULL
    ORDER BY code, from_period_start DESC, version DESC`.execute(db);
  return rows.map(toTemplate).sort((a, b) => a.id - b.id);
}

export async function currentTemplate(db: Db, code: string): Promise<TemplateRow | undefined> {
  return (await currentTemplates(db)).find((t) => t.code === code);
}

export interface PublishedVersion extends TemplateRow {
  version: number;
  fromPeriodStart: string | null;
  ownerUnitId: number | null;
  /** ltree path of the owner (null: the whole tree). */
  ownerPath: string | null;
}

/** Every version of a form (drafts included) with its owner's place in the tree. */
export async function templateVersions(
  db: Db,
  code: string,
): Promise<
  (PublishedVersion & { createdAt: Date; createdBy: string; publishedAt: Date | null; basedOn: number | null; ownerName: string | null })[]
> {
  const { rows } = await sql<TemplateDbRow & { owner_path: string | null; owner_name: string | null }>`
    SELECT t.*, p.path::text AS owner_path, u.name AS owner_name FROM report_template t
    LEFT JOIN org_placement p ON p.unit_id = t.owner_unit_id AND p.valid_to IS NULL
    LEFT JOIN org_unit u ON u.id = t.owner_unit_id
    WHERE t.code = ${code} ORDER BY t.version`.execute(db);
  return rows.map((r) => ({
    ...toTemplate(r),
    fromPeriodStart: r.from_period_start,
    ownerUnitId: r.owner_unit_id === null ? null : Number(r.owner_unit_id),
    ownerPath: r.owner_path,
    createdAt: r.created_at as unknown as Date,
    createdBy: r.created_by,
    publishedAt: r.published_at as unknown as Date | null,
    basedOn: r.based_on,
    ownerName: r.owner_name,
  }));
}

export async function templateById(db: Db, id: number): Promise<TemplateRow | undefined> {
  const row = await db.selectFrom('report_template').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTemplate(row);
}

/** A new version becomes current; earlier versions stay for the reports made with them. */
export async function insertTemplateVersion(trx: Transaction<DB>, definition: TemplateDefinition, createdBy: string): Promise<TemplateRow> {
  const current = await trx
    .selectFrom('report_template')
    .select(['id', 'version'])
    .where('code', '=', definition.code)
    .where('is_current', '=', true)
    .forUpdate()
    .executeTakeFirst();
  await trx.updateTable('report_template').set({ is_current: false }).where('code', '=', definition.code).execute();
  // Version numbers run per form across owners and drafts.
  const last = await trx
    .selectFrom('report_template')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('code', '=', definition.code)
    .executeTakeFirst();
  const row = await trx
    .insertInto('report_template')
    .values({
      code: definition.code,
      version: Math.max(current?.version ?? 0, Number(last?.v ?? 0)) + 1,
      name: definition.name,
      definition: JSON.stringify(definition),
      created_by: createdBy,
      // A rules edit applies to every report opened from now on, as before versions had periods.
      owner_unit_id: null,
      from_period_start: '2000-01-01',
      published_at: sql`now()`,
      based_on: current?.version ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

const reportColumns = sql`
  r.id, r.template_id, r.template_code, r.unit_id, u.name AS unit_name, u.kind AS unit_kind, p.path::text AS unit_path,
  r.period_code, r.period_start, r.period_end, r.due_on, r.status, r."values", r.explanations, r.version,
  r.first_submitted_at, r.submitted_at, r.reviewed_at, r.reviewed_by, r.updated_at, r.updated_by,
  CASE WHEN r.status = 'returned' THEN (SELECT c.body FROM report_comment c WHERE c.report_id = r.id AND c.kind = 'return' ORDER BY c.id DESC LIMIT 1) END AS return_reason`;

function toReport(r: SqlRow): ReportRow {
  return {
    id: Number(r.id),
    templateId: Number(r.template_id),
    templateCode: r.template_code,
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    unitKind: r.unit_kind,
    unitPath: r.unit_path,
    periodCode: r.period_code,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueOn: r.due_on,
    status: r.status,
    values: r.values ?? {},
    explanations: r.explanations ?? {},
    version: r.version,
    firstSubmittedAt: r.first_submitted_at,
    submittedAt: r.submitted_at,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
    returnReason: r.return_reason ?? null,
  };
}

export async function findReport(db: Db, id: number, lock = false): Promise<ReportRow | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${reportColumns} FROM report r JOIN org_unit u ON u.id = r.unit_id JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
    WHERE r.id = ${id} ${lock ? sql`FOR UPDATE OF r` : sql``}`.execute(db);
  return rows[0] && toReport(rows[0]);
}

export async function reportUnitId(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('report').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.unit_id) : null;
}

export async function findReportByKey(db: Db, templateCode: string, unitId: number, periodCode: string): Promise<ReportRow | undefined> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${reportColumns} FROM report r JOIN org_unit u ON u.id = r.unit_id JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
    WHERE r.template_code = ${templateCode} AND r.unit_id = ${unitId} AND r.period_code = ${periodCode}`.execute(db);
  return rows[0] && toReport(rows[0]);
}

/** Creates the draft unless it exists (two people opening the same form at once get the same report). */
export async function insertReportIfAbsent(
  db: Db,
  r: {
    templateId: number;
    templateCode: string;
    unitId: number;
    periodCode: string;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    updatedBy: string;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('report')
    .values({
      template_id: r.templateId,
      template_code: r.templateCode,
      unit_id: r.unitId,
      period_code: r.periodCode,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      due_on: r.dueOn,
      updated_by: r.updatedBy,
    })
    .onConflict((oc) => oc.columns(['template_code', 'unit_id', 'period_code']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export interface ReportChange {
  status: ReportStatus;
  values?: ReportValues;
  explanations?: Record<string, string>;
  updatedBy: string;
  submitted?: boolean;
  reviewedBy?: string;
}

/**
 * Writes a change only if the report is still at `expectedVersion` (compare-and-set in one
 * statement, so two editors can never both win). Returns false when someone else got there first.
 */
export async function updateReport(trx: Transaction<DB>, id: number, expectedVersion: number, change: ReportChange): Promise<boolean> {
  const result = await trx
    .updateTable('report')
    .set({
      status: change.status,
      ...(change.values && { values: JSON.stringify(change.values) }),
      ...(change.explanations && { explanations: JSON.stringify(change.explanations) }),
      version: sql`version + 1`,
      updated_at: sql`now()`,
      updated_by: change.updatedBy,
      ...(change.submitted && { submitted_at: sql`now()`, first_submitted_at: sql`coalesce(first_submitted_at, now())` }),
      ...(change.reviewedBy && { reviewed_at: sql`now()`, reviewed_by: change.reviewedBy }),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What the dashboard counts for this report: its figures as submitted or accepted, or nothing. */
export async function replaceReportedValues(
  trx: Transaction<DB>,
  report: ReportRow,
  state: 'submitted' | 'accepted' | null,
  values: ReportValues,
): Promise<void> {
  await trx
    .deleteFrom('reported_value')
    .where('unit_id', '=', report.unitId)
    .where('period_code', '=', report.periodCode)
    .where('element_code', 'in', Object.keys(values).length ? Object.keys(values) : [''])
    .execute();
  if (!state) return;
  const rows = Object.entries(values)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([element, value]) => ({
      unit_id: report.unitId,
      element_code: element,
      period_code: report.periodCode,
      period_start: report.periodStart,
      period_end: report.periodEnd,
      value,
      state,
    }));
  if (rows.length) await trx.insertInto('reported_value').values(rows).execute();
}

export async function addComment(
  trx: Db,
  c: {
    reportId: number;
    kind: 'return' | 'reopen' | 'submit' | 'accept' | 'note';
    body: string;
    authorUserId: number | null;
    authorLabel: string;
  },
): Promise<void> {
  await trx
    .insertInto('report_comment')
    .values({ report_id: c.reportId, kind: c.kind, body: c.body, author_user_id: c.authorUserId, author_label: c.authorLabel })
    .execute();
}

export async function comments(db: Db, reportId: number) {
  const rows = await db
    .selectFrom('report_comment')
    .select(['id', 'kind', 'body', 'author_label', 'created_at'])
    .where('report_id', '=', reportId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    kind: r.kind,
    body: r.body,
    author: r.author_label,
    at: new Date(r.created_at as unknown as string).toISOString(),
  }));
}

/** The unit's figures of the period before, as accepted (the base of the "jump" warnings). */
export async function previousAcceptedValues(
  db: Db,
  templateCode: string,
  unitId: number,
  periodCode: string,
): Promise<ReportValues | null> {
  const row = await db
    .selectFrom('report')
    .select('values')
    .where('template_code', '=', templateCode)
    .where('unit_id', '=', unitId)
    .where('period_code', '=', periodCode)
    .where('status', '=', 'accepted')
    .executeTakeFirst();
  return row ? (row.values as ReportValues) : null;
}

export interface UnitRow {
  id: number;
  name: string;
  kind: string;
  path: string;
}

export async function unitOnToday(db: Db, id: number): Promise<UnitRow | undefined> {
  const { rows } = await sql<UnitRow>`
    SELECT u.id, u.name, u.kind, p.path::text AS path FROM org_unit u JOIN org_placement p ON p.unit_id = u.id AND p.valid_to IS NULL WHERE u.id = ${id}`.execute(
    db,
  );
  return rows[0] && { ...rows[0], id: Number(rows[0].id) };
}

export interface ReportListFilter {
  scopePath: string;
  /** Reports of units strictly below this one (the reviewer's own report is not theirs to review). */
  excludeUnitId: number;
  statuses?: ReportStatus[];
  templateCode?: string;
  periodCode?: string;
  limit: number;
  offset: number;
}

export async function listReports(db: Db, f: ReportListFilter): Promise<{ total: number; rows: ReportRow[] }> {
  const where = sql`p.path <@ ${f.scopePath}::ltree AND r.unit_id <> ${f.excludeUnitId}
    ${f.statuses?.length ? sql`AND r.status = ANY(${f.statuses}::text[])` : sql``}
    ${f.templateCode ? sql`AND r.template_code = ${f.templateCode}` : sql``}
    ${f.periodCode ? sql`AND r.period_code = ${f.periodCode}` : sql``}`;
  const from = sql`FROM report r JOIN org_unit u ON u.id = r.unit_id JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL`;
  const total = await sql<{ n: number }>`SELECT count(*)::int AS n ${from} WHERE ${where}`.execute(db);
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${reportColumns} ${from} WHERE ${where}
    ORDER BY (r.status = 'submitted') DESC, r.submitted_at NULLS LAST, search_normalize(u.name), r.id LIMIT ${f.limit} OFFSET ${f.offset}`.execute(
    db,
  );
  return { total: Number(total.rows[0]?.n ?? 0), rows: rows.map(toReport) };
}

export async function reportsForUnit(db: Db, unitId: number): Promise<ReportRow[]> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${reportColumns} FROM report r JOIN org_unit u ON u.id = r.unit_id JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
    WHERE r.unit_id = ${unitId}`.execute(db);
  return rows.map(toReport);
}

/** Codes of the elements units report (those a template's rules may name). */
export async function reportedElementCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('data_element').select('code').where('source', '=', 'reported').execute();
  return new Set(rows.map((e) => e.code));
}

export async function elementNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  const rows = await db.selectFrom('data_element').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((e) => [e.code, e.name]));
}

/** The unit a report goes up to: the parent of today's placement. */
export async function parentUnit(db: Db, unitId: number): Promise<{ id: number; name: string } | undefined> {
  const row = await db
    .selectFrom('org_placement as p')
    .innerJoin('org_unit as u', 'u.id', 'p.parent_id')
    .select(['u.id', 'u.name'])
    .where('p.unit_id', '=', unitId)
    .where('p.valid_to', 'is', null)
    .executeTakeFirst();
  return row && { id: Number(row.id), name: row.name };
}

/** Today's path of a unit, or undefined when it has no placement today. */
export async function unitPathToday(db: Db, unitId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('org_placement')
    .select((eb) => eb.cast<string>('path', 'text').as('path'))
    .where('unit_id', '=', unitId)
    .where('valid_to', 'is', null)
    .executeTakeFirst();
  return row?.path;
}
