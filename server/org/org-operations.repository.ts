import { sql, type Kysely } from 'kysely';
import type { UnitKind } from '../../domain/org/org-unit.ts';
import type { PlanChanges, TreeUnit } from '../../domain/org/restructure-plan.ts';
import type { DB } from '../db/schema.ts';

/** Serialises tree operations: two plans computed on the same tree must not both write. */
const ORG_OPERATION_LOCK = 700612;

export interface ScopeUnit extends TreeUnit {
  path: string;
  depth: number;
}

/** The caller's subtree as placed on `date`, with what makes a change on that date overlap. */
export async function loadScopeTree(db: Kysely<DB>, scopeUnitId: number, date: string): Promise<ScopeUnit[]> {
  const result = await sql<{
    id: number;
    code: string;
    name: string;
    kind: UnitKind;
    parent_id: number | null;
    placed_from: string;
    changed_later_on: string | null;
    path: string;
    depth: number;
  }>`
    WITH root AS (
      SELECT path FROM org_placement WHERE unit_id = ${scopeUnitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)
    )
    SELECT u.id, u.code, u.name, u.kind, p.parent_id, p.valid_from AS placed_from, p.path::text AS path, p.depth,
      -- A placement that already ends, or a rename recorded after the date: changing the unit on
      -- the date would overlap that later history.
      coalesce(p.valid_to, (SELECT min(n.valid_from) FROM org_unit_name n WHERE n.unit_id = u.id AND n.valid_from > ${date}::date)) AS changed_later_on
    FROM org_placement p JOIN root ON p.path <@ root.path JOIN org_unit u ON u.id = p.unit_id
    WHERE p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
  `.execute(db);
  return result.rows.map((r) => ({
    id: Number(r.id),
    code: r.code,
    name: r.name,
    kind: r.kind,
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    placedFrom: r.placed_from,
    changedLaterOn: r.changed_later_on,
    path: r.path,
    depth: r.depth,
  }));
}

export async function existingCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('org_unit').where('code', 'in', codes).select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/** Members of each CĐCS on a date (memberships valid that day). */
export async function membersOn(db: Kysely<DB>, unitIds: number[], date: string): Promise<Map<number, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('membership')
    .where('unit_id', 'in', unitIds)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .select(['unit_id', sql<number>`count(*)`.as('n')])
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [Number(r.unit_id), Number(r.n)]));
}

export interface EmployerAreaRow {
  id: number;
  tax_code: string;
  name: string;
  area_unit_id: number;
  cdcs_unit_id: number | null;
}

export async function employersInAreas(db: Kysely<DB>, areaIds: number[]): Promise<EmployerAreaRow[]> {
  if (areaIds.length === 0) return [];
  const rows = await db
    .selectFrom('employer')
    .where('area_unit_id', 'in', areaIds)
    .select(['id', 'tax_code', 'name', 'area_unit_id', 'cdcs_unit_id'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    area_unit_id: Number(r.area_unit_id),
    cdcs_unit_id: r.cdcs_unit_id === null ? null : Number(r.cdcs_unit_id),
  }));
}

export async function lockTree(db: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ORG_OPERATION_LOCK})`.execute(db);
}

/**
 * Writes a checked plan. `tree` is the scope on the date (from loadScopeTree, in the same
 * transaction after lockTree); `employerAreas` maps employer id → its new area unit code.
 */
export async function writePlan(
  db: Kysely<DB>,
  changes: PlanChanges,
  tree: ScopeUnit[],
  employerAreas: Map<number, string>,
): Promise<Map<string, number>> {
  const date = changes.date;
  const byCode = new Map(tree.map((u) => [u.code, u]));
  const ids = new Map(tree.map((u) => [u.code, u.id]));

  // New units first (their ids make their paths).
  for (const c of changes.created) {
    const row = await db
      .insertInto('org_unit')
      .values({ code: c.code, name: c.name.normalize('NFC'), kind: c.kind, sector: null, valid_from: date })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(c.code, Number(row.id));
    await db
      .insertInto('org_unit_name')
      .values({ unit_id: Number(row.id), name: c.name.normalize('NFC'), valid_from: date })
      .execute();
  }

  for (const r of changes.renamed) {
    const unitId = ids.get(r.code)!;
    const current = await db
      .selectFrom('org_unit_name')
      .where('unit_id', '=', unitId)
      .where('valid_from', '<=', date)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
      .select(['id'])
      .executeTakeFirst();
    if (current) {
      await db.updateTable('org_unit_name').set({ valid_to: date }).where('id', '=', current.id).execute();
    } else {
      // A unit inserted without a name row (demo loader, CĐCS import): its old name from its start.
      const unit = await db.selectFrom('org_unit').where('id', '=', unitId).select(['valid_from']).executeTakeFirstOrThrow();
      if (unit.valid_from < date)
        await db
          .insertInto('org_unit_name')
          .values({ unit_id: unitId, name: r.from, valid_from: unit.valid_from, valid_to: date })
          .execute();
    }
    await db
      .insertInto('org_unit_name')
      .values({ unit_id: unitId, name: r.to.normalize('NFC'), valid_from: date })
      .execute();
    await db
      .updateTable('org_unit')
      .set({ name: r.to.normalize('NFC'), updated_at: new Date() })
      .where('id', '=', unitId)
      .execute();
  }

  // Closed units: their placement and their own validity end on the date.
  const closedIds = changes.closed.map((c) => ids.get(c.code)!);
  if (closedIds.length > 0) {
    await db.updateTable('org_placement').set({ valid_to: date }).where('unit_id', 'in', closedIds).where('valid_to', 'is', null).execute();
    await db.updateTable('org_unit').set({ valid_to: date, updated_at: new Date() }).where('id', 'in', closedIds).execute();
    await db
      .updateTable('grassroots_profile')
      .set({ status: 'dissolved', dissolved_on: date })
      .where('unit_id', 'in', closedIds)
      .where('dissolved_on', 'is', null)
      .execute();
  }

  // Every unit whose path changes (its parent changed, or an ancestor's) gets a new placement
  // from the date; the path is recomputed from the final parents, top down.
  const codeOfId = new Map(tree.map((u) => [u.id, u.code]));
  const closedSet = new Set(closedIds);
  const newPath = new Map<string, { path: string; depth: number; parentId: number | null }>();
  const pathOf = (code: string): { path: string; depth: number; parentId: number | null } => {
    const done = newPath.get(code);
    if (done) return done;
    const u = byCode.get(code);
    const parentCode = changes.parentOf.get(code) ?? (u?.parentId != null ? codeOfId.get(u.parentId) : undefined);
    let placed: { path: string; depth: number; parentId: number | null };
    if (parentCode === undefined)
      placed = { path: u!.path, depth: u!.depth, parentId: u!.parentId }; // the scope's root
    else {
      const parent = pathOf(parentCode);
      placed = { path: `${parent.path}.${ids.get(code)!}`, depth: parent.depth + 1, parentId: ids.get(parentCode)! };
    }
    newPath.set(code, placed);
    return placed;
  };
  const affected = tree.filter((u) => !closedSet.has(u.id) && pathOf(u.code).path !== u.path);
  for (const c of changes.created) pathOf(c.code);

  const movedIds = affected.map((u) => u.id);
  for (let i = 0; i < movedIds.length; i += 1000) {
    await db
      .updateTable('org_placement')
      .set({ valid_to: date })
      .where('unit_id', 'in', movedIds.slice(i, i + 1000))
      .where('valid_to', 'is', null)
      .execute();
  }
  const rows = [...affected.map((u) => u.code), ...changes.created.map((c) => c.code)].map((code) => {
    const p = newPath.get(code)!;
    return { unit_id: ids.get(code)!, parent_id: p.parentId, path: p.path, depth: p.depth, valid_from: date };
  });
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('org_placement')
      .values(rows.slice(i, i + 1000))
      .execute();

  if (changes.successions.length > 0) {
    await db
      .insertInto('org_succession')
      .values(
        changes.successions.map((s) => ({
          predecessor_id: ids.get(s.predecessorCode)!,
          successor_id: ids.get(s.successorCode)!,
          kind: s.kind,
          effective_on: date,
        })),
      )
      .execute();
  }

  const byTarget = new Map<number, number[]>();
  for (const [employerId, code] of employerAreas) {
    const target = ids.get(code)!;
    byTarget.set(target, [...(byTarget.get(target) ?? []), employerId]);
  }
  for (const [target, employerIds] of byTarget) {
    await db.updateTable('employer').set({ area_unit_id: target, updated_at: new Date() }).where('id', 'in', employerIds).execute();
  }
  return ids;
}

/** Members on the date in the CĐCS of the affected subtrees: they change upper unit. */
export async function membersUnder(db: Kysely<DB>, unitIds: number[], date: string): Promise<number> {
  if (unitIds.length === 0) return 0;
  const row = await db
    .selectFrom('membership')
    .where('unit_id', 'in', unitIds)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// ---- History and succession ----

export async function unitNames(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('org_unit_name')
    .where('unit_id', '=', unitId)
    .select(['name', 'valid_from', 'valid_to'])
    .orderBy('valid_from')
    .execute();
}

export async function unitPlacements(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('org_placement as p')
    .leftJoin('org_unit as parent', 'parent.id', 'p.parent_id')
    .where('p.unit_id', '=', unitId)
    .select(['p.valid_from', 'p.valid_to', 'p.parent_id', 'parent.code as parent_code', 'parent.name as parent_name'])
    .orderBy('p.valid_from')
    .execute();
}

export async function unitSuccessions(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('org_succession as s')
    .innerJoin('org_unit as pre', 'pre.id', 's.predecessor_id')
    .innerJoin('org_unit as suc', 'suc.id', 's.successor_id')
    .where((eb) => eb.or([eb('s.predecessor_id', '=', unitId), eb('s.successor_id', '=', unitId)]))
    .select([
      's.kind',
      's.effective_on',
      's.predecessor_id',
      'pre.code as predecessor_code',
      'pre.name as predecessor_name',
      's.successor_id',
      'suc.code as successor_code',
      'suc.name as successor_name',
    ])
    .orderBy('s.effective_on')
    .execute();
}

export async function unitIdentity(db: Kysely<DB>, unitId: number) {
  return db
    .selectFrom('org_unit')
    .where('id', '=', unitId)
    .select(['id', 'code', 'name', 'kind', 'valid_from', 'valid_to'])
    .executeTakeFirst();
}

/** Is the unit placed under `scopePath` on any date (the history of a closed unit stays readable)? */
export async function everInScope(db: Kysely<DB>, unitId: number, scopePath: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_placement')
    .where('unit_id', '=', unitId)
    .where(sql<boolean>`path <@ ${scopePath}::ltree`)
    .select('id')
    .executeTakeFirst();
  return !!row;
}
