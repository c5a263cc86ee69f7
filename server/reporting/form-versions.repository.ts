import { sql, type Kysely, type Transaction } from 'kysely';
import type { TemplateDefinition } from '../../domain/reporting/report-template.ts';
import type { DB } from '../db/schema.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Every data element by code, with what a form check needs to know of it. */
export async function elementsByCode(db: Db) {
  const rows = await db.selectFrom('data_element').select(['code', 'name', 'unit', 'source']).execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, unit: r.unit, source: r.source }]));
}

/** How many reports were opened with each of these template versions. */
export async function reportCountsByVersion(db: Db, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{
    id: number;
    n: number;
  }>`SELECT template_id AS id, count(*) AS n FROM report WHERE template_id = ANY(${ids}::bigint[]) GROUP BY 1`.execute(db);
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

export async function insertDraft(
  trx: Transaction<DB>,
  draft: { code: string; version: number; definition: TemplateDefinition; createdBy: string; ownerUnitId: number; basedOn: number },
) {
  return trx
    .insertInto('report_template')
    .values({
      code: draft.code,
      version: draft.version,
      name: draft.definition.name,
      definition: JSON.stringify(draft.definition),
      created_by: draft.createdBy,
      is_current: false,
      owner_unit_id: draft.ownerUnitId,
      from_period_start: null,
      based_on: draft.basedOn,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** One version of a form, locked until commit. */
export async function lockVersion(trx: Transaction<DB>, code: string, version: number) {
  return trx
    .selectFrom('report_template')
    .selectAll()
    .where('code', '=', code)
    .where('version', '=', version)
    .forUpdate()
    .executeTakeFirst();
}

export async function updateDefinition(trx: Transaction<DB>, id: number, definition: TemplateDefinition): Promise<void> {
  await trx
    .updateTable('report_template')
    .set({ definition: JSON.stringify(definition) })
    .where('id', '=', id)
    .execute();
}

export async function deleteVersion(trx: Transaction<DB>, id: number): Promise<void> {
  await trx.deleteFrom('report_template').where('id', '=', id).execute();
}

/** Serialises publications of one form: what the publisher checks must hold until commit. */
export async function lockForm(trx: Transaction<DB>, code: string): Promise<void> {
  await sql`SELECT id FROM report_template WHERE code = ${code} FOR UPDATE`.execute(trx);
}

/** The owner's version in force that starts last (the whole tree's when `ownerUnitId` is null). */
export async function latestPublished(trx: Transaction<DB>, code: string, ownerUnitId: number | null) {
  return trx
    .selectFrom('report_template')
    .select(['version', 'from_period_start'])
    .where('code', '=', code)
    .where('from_period_start', 'is not', null)
    .where((eb) => (ownerUnitId === null ? eb('owner_unit_id', 'is', null) : eb('owner_unit_id', '=', ownerUnitId)))
    .orderBy('from_period_start', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Reports of the form in the unit's subtree from a period on: how many, and the first period's code. */
export async function reportsFrom(trx: Transaction<DB>, unitId: number, code: string, periodStart: string) {
  const { rows } = await sql<{ n: number; label: string | null }>`
        SELECT count(*) AS n, min(r.period_code) AS label FROM report r JOIN org_placement p ON p.unit_id = r.unit_id AND p.valid_to IS NULL
        JOIN org_placement o ON o.unit_id = ${unitId} AND o.valid_to IS NULL
        WHERE r.template_code = ${code} AND r.period_start >= ${periodStart}::date AND p.path <@ o.path`.execute(trx);
  return { count: Number(rows[0]!.n), firstPeriodCode: rows[0]!.label };
}

export async function markPublished(trx: Transaction<DB>, id: number, fromPeriodStart: string): Promise<void> {
  await trx
    .updateTable('report_template')
    .set({ from_period_start: fromPeriodStart, published_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}
