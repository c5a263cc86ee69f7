import { sql, type Kysely, type Selectable } from 'kysely';
import type { DataElementTable, DB, IndicatorTable } from '../db/schema.ts';

/**
 * SQL of the measures catalogue (issue 19): data elements and indicators with their owner, every
 * version, and what uses a code — the lists a refused change or deletion names.
 */
/** Who owns a catalogue entry, and when and by whom it last changed. */
interface CatalogueEntryBookkeeping {
  owner_name: string | null;
  owner_path: string | null;
  updated_at: string;
}

export type ElementRow = Omit<Selectable<DataElementTable>, 'updated_at'> & CatalogueEntryBookkeeping;

export type IndicatorRow = Omit<Selectable<IndicatorTable>, 'updated_at'> & CatalogueEntryBookkeeping;

export interface UsageRef {
  kind: 'indicator' | 'target' | 'form' | 'data';
  code?: string;
  id?: number;
  label: string;
}

/**
 * Rows visible from a scope: the whole tree's (owner NULL), those of the units above or at the
 * scope (usable there), and those of units below it (managed from there).
 */
const visibleFrom = (scopePath: string) =>
  sql<boolean>`(x.owner_unit_id IS NULL OR p.path @> ${scopePath}::ltree OR p.path <@ ${scopePath}::ltree)`;

/**
 * The elements or indicators visible from a scope (or only those of `codes`), built-in ones first,
 * then by name, each with its owner unit's name and path. `columns`: the table's own columns read.
 */
async function visibleMeasures<R extends { owner_unit_id: number | null }>(
  db: Kysely<DB>,
  table: 'data_element' | 'indicator',
  columns: readonly string[],
  scopePath: string,
  codes: string[] | undefined,
): Promise<R[]> {
  const rows = await sql<R>`
    SELECT ${sql.join(columns.map((c) => sql.ref(`x.${c}`)))}, x.is_builtin, x.owner_unit_id,
      u.name AS owner_name, p.path::text AS owner_path, x.version, x.updated_at, x.updated_by
    FROM ${sql.table(table)} x
    LEFT JOIN org_unit u ON u.id = x.owner_unit_id
    LEFT JOIN org_placement p ON p.unit_id = x.owner_unit_id AND p.valid_to IS NULL
    WHERE ${visibleFrom(scopePath)} ${codes ? sql`AND x.code = ANY(${codes}::text[])` : sql``}
    ORDER BY x.is_builtin DESC, x.name`.execute(db);
  return rows.rows.map((r) => ({ ...r, owner_unit_id: r.owner_unit_id === null ? null : Number(r.owner_unit_id) }));
}

export function listElements(db: Kysely<DB>, scopePath: string, codes?: string[]): Promise<ElementRow[]> {
  return visibleMeasures(db, 'data_element', ['code', 'name', 'unit', 'source', 'description', 'definition'], scopePath, codes);
}

export function listIndicators(db: Kysely<DB>, scopePath: string, codes?: string[]): Promise<IndicatorRow[]> {
  const columns = ['code', 'name', 'unit', 'numerator', 'denominator', 'description', 'keywords', 'sector_group'];
  return visibleMeasures(db, 'indicator', columns, scopePath, codes);
}

/** Every element and indicator, for expression checks (codes are global: a check must see them all). */
export async function catalogueCodes(db: Kysely<DB>) {
  const [elements, indicators] = await Promise.all([
    db.selectFrom('data_element').select(['code', 'unit', 'source', 'definition']).execute(),
    db.selectFrom('indicator').select(['code', 'unit', 'numerator', 'denominator']).execute(),
  ]);
  return { elements, indicators };
}

export async function codeTaken(db: Kysely<DB>, code: string): Promise<boolean> {
  const row = await sql<{
    n: number;
  }>`SELECT (SELECT count(*) FROM data_element WHERE code = ${code}) + (SELECT count(*) FROM indicator WHERE code = ${code}) AS n`.execute(
    db,
  );
  return Number(row.rows[0]!.n) > 0;
}

const refPattern = (code: string) => `%#{${code}}%`;

/** What reads an element: indicators naming it, published forms with it as a field, reported figures. Targets are reached through their indicators. */
export async function elementUsage(db: Kysely<DB>, code: string): Promise<UsageRef[]> {
  const [indicators, forms, data] = await Promise.all([
    sql<{
      code: string;
      name: string;
    }>`SELECT code, name FROM indicator WHERE numerator LIKE ${refPattern(code)} OR denominator LIKE ${refPattern(code)} ORDER BY name`.execute(
      db,
    ),
    sql<{ id: number; name: string; version: number }>`
      SELECT t.id, t.name, t.version FROM report_template t
      WHERE t.from_period_start IS NOT NULL AND EXISTS (
        SELECT 1 FROM jsonb_array_elements(t.definition -> 'sections') s, jsonb_array_elements(s -> 'fields') f WHERE f ->> 'element' = ${code})
      ORDER BY t.code, t.version`.execute(db),
    sql<{ n: number }>`SELECT count(*) AS n FROM reported_value WHERE element_code = ${code}`.execute(db),
  ]);
  const usage: UsageRef[] = [
    ...indicators.rows.map((r) => ({ kind: 'indicator' as const, code: r.code, label: `Chỉ số «${r.name}»` })),
    ...forms.rows.map((r) => ({ kind: 'form' as const, id: Number(r.id), label: `Biểu mẫu «${r.name}», phiên bản ${r.version}` })),
  ];
  for (const i of indicators.rows) usage.push(...(await indicatorTargets(db, i.code)));
  const figures = Number(data.rows[0]!.n);
  if (figures > 0) usage.push({ kind: 'data', label: `${figures.toLocaleString('vi-VN')} số liệu đã báo cáo` });
  return usage;
}

async function indicatorTargets(db: Kysely<DB>, code: string): Promise<UsageRef[]> {
  const rows = await sql<{ id: number; subject: string; owner: string }>`
    SELECT t.id, t.subject, u.name AS owner FROM target t JOIN org_unit u ON u.id = t.unit_id
    WHERE t.indicator_code = ${code} AND t.parent_target_id IS NULL ORDER BY t.id LIMIT 20`.execute(db);
  return rows.rows.map((r) => ({ kind: 'target' as const, id: Number(r.id), label: `Chỉ tiêu «${r.subject || code}» của ${r.owner}` }));
}

/** What reads an indicator: targets measured with it, and indicators that reuse it. */
export async function indicatorUsage(db: Kysely<DB>, code: string): Promise<UsageRef[]> {
  const reusing = await sql<{ code: string; name: string }>`
    SELECT code, name FROM indicator WHERE code <> ${code} AND (numerator LIKE ${refPattern(code)} OR denominator LIKE ${refPattern(code)}) ORDER BY name`.execute(
    db,
  );
  return [
    ...(await indicatorTargets(db, code)),
    ...reusing.rows.map((r) => ({ kind: 'indicator' as const, code: r.code, label: `Chỉ số «${r.name}»` })),
  ];
}

/** What the lists need to say who uses what, read at once (the catalogue and its forms are small). */
export async function usageIndexData(db: Kysely<DB>) {
  const [indicators, forms, targets] = await Promise.all([
    db.selectFrom('indicator').select(['code', 'name', 'numerator', 'denominator']).execute(),
    sql<{ id: number; name: string; version: number; elements: string[] }>`
      SELECT t.id, t.name, t.version, array(SELECT f ->> 'element' FROM jsonb_array_elements(t.definition -> 'sections') s, jsonb_array_elements(s -> 'fields') f) AS elements
      FROM report_template t WHERE t.from_period_start IS NOT NULL ORDER BY t.code, t.version`.execute(db),
    sql<{
      code: string;
      n: number;
    }>`SELECT indicator_code AS code, count(*) AS n FROM target WHERE parent_target_id IS NULL GROUP BY 1`.execute(db),
  ]);
  return {
    indicators,
    forms: forms.rows.map((f) => ({ ...f, id: Number(f.id) })),
    targets: new Map(targets.rows.map((r) => [r.code, Number(r.n)])),
  };
}

export async function lockElement(db: Kysely<DB>, code: string) {
  return db.selectFrom('data_element').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function lockIndicator(db: Kysely<DB>, code: string) {
  return db.selectFrom('indicator').selectAll().where('code', '=', code).forUpdate().executeTakeFirst();
}

export async function writeVersion(
  db: Kysely<DB>,
  entry: { kind: 'element' | 'indicator'; code: string; version: number; snapshot: unknown; changedBy: string; reason: string | null },
) {
  await db
    .insertInto('measure_version')
    .values({
      kind: entry.kind,
      code: entry.code,
      version: entry.version,
      snapshot: JSON.stringify(entry.snapshot),
      changed_by: entry.changedBy,
      reason: entry.reason,
    })
    .execute();
}

export async function versionsOf(db: Kysely<DB>, kind: 'element' | 'indicator', code: string) {
  return db
    .selectFrom('measure_version')
    .select(['version', 'snapshot', 'changed_at', 'changed_by', 'reason'])
    .where('kind', '=', kind)
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .execute();
}

export async function unitPath(db: Kysely<DB>, unitId: number): Promise<string | null> {
  const row = await sql<{
    path: string;
  }>`SELECT path::text AS path FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL`.execute(db);
  return row.rows[0]?.path ?? null;
}

/** Code and name of every element or indicator (names are unique per kind, folded). */
export async function namesOf(db: Kysely<DB>, table: 'data_element' | 'indicator') {
  return db.selectFrom(table).select(['code', 'name']).execute();
}

export async function insertElement(
  db: Kysely<DB>,
  row: {
    code: string;
    name: string;
    unit: DB['data_element']['unit'];
    source: 'derived' | 'reported';
    description: string;
    definition: unknown;
    ownerUnitId: number;
    updatedBy: string;
  },
): Promise<void> {
  await db
    .insertInto('data_element')
    .values({
      code: row.code,
      name: row.name,
      unit: row.unit,
      source: row.source,
      description: row.description,
      definition: row.definition ? JSON.stringify(row.definition) : null,
      owner_unit_id: row.ownerUnitId,
      updated_by: row.updatedBy,
    })
    .execute();
}

export async function updateElement(
  db: Kysely<DB>,
  code: string,
  next: { name: string; unit: DB['data_element']['unit']; description: string; definition: unknown; version: number; updatedBy: string },
): Promise<void> {
  await db
    .updateTable('data_element')
    .set({
      name: next.name,
      unit: next.unit,
      description: next.description,
      definition: next.definition ? JSON.stringify(next.definition) : null,
      version: next.version,
      updated_at: sql`now()`,
      updated_by: next.updatedBy,
    })
    .where('code', '=', code)
    .execute();
}

export async function deleteElement(db: Kysely<DB>, code: string): Promise<void> {
  await db.deleteFrom('data_element').where('code', '=', code).execute();
}

export interface IndicatorFields {
  name: string;
  unit: DB['indicator']['unit'];
  numerator: string;
  denominator: string | null;
  description: string;
  keywords: string[];
}

export async function insertIndicator(
  db: Kysely<DB>,
  row: IndicatorFields & { code: string; ownerUnitId: number; updatedBy: string },
): Promise<void> {
  await db
    .insertInto('indicator')
    .values({
      code: row.code,
      name: row.name,
      unit: row.unit,
      numerator: row.numerator,
      denominator: row.denominator,
      description: row.description,
      keywords: row.keywords,
      sector_group: null,
      owner_unit_id: row.ownerUnitId,
      updated_by: row.updatedBy,
    })
    .execute();
}

export async function updateIndicator(
  db: Kysely<DB>,
  code: string,
  next: IndicatorFields & { version: number; updatedBy: string },
): Promise<void> {
  const { updatedBy, ...fields } = next;
  await db
    .updateTable('indicator')
    .set({ ...fields, updated_at: sql`now()`, updated_by: updatedBy })
    .where('code', '=', code)
    .execute();
}

export async function deleteIndicator(db: Kysely<DB>, code: string): Promise<void> {
  await db.deleteFrom('indicator').where('code', '=', code).execute();
}

/** Every target of an indicator, allocations and withdrawn ones included. */
export async function targetCount(db: Kysely<DB>, indicatorCode: string): Promise<number> {
  const row = await db
    .selectFrom('target')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('indicator_code', '=', indicatorCode)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
