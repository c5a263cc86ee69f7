import type { Kysely, Selectable } from 'kysely';
import type { DB, TargetTerms, TargetVersionTable } from '../db/schema.ts';

/** What a target says: the fields a version holds (as stored in `target` and `target_version`). */
export type { TargetTerms };

export const TERM_COLUMNS = [
  'indicator_code',
  'comparator',
  'value',
  'timing',
  'deadline',
  'annual_from',
  'annual_to',
  'baseline_value',
  'baseline_date',
  'sectors',
  'min_workers',
  'subject',
] as const satisfies readonly (keyof TargetTerms)[];

export const termsOf = (row: TargetTerms): TargetTerms => ({
  indicator_code: row.indicator_code,
  comparator: row.comparator,
  value: Number(row.value),
  timing: row.timing,
  deadline: row.deadline,
  annual_from: row.annual_from === null ? null : Number(row.annual_from),
  annual_to: row.annual_to === null ? null : Number(row.annual_to),
  baseline_value: row.baseline_value === null ? null : Number(row.baseline_value),
  baseline_date: row.baseline_date,
  sectors: row.sectors,
  min_workers: row.min_workers === null ? null : Number(row.min_workers),
  subject: row.subject,
});

/** The target row, locked for the change (two editors of one target take turns), or undefined. */
export async function lockTarget(trx: Kysely<DB>, id: number) {
  return trx
    .selectFrom('target')
    .select(['id', 'unit_id', 'document_id', 'created_at', 'closed_on', 'closed_reason', 'revised_from', ...TERM_COLUMNS])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type LockedTarget = NonNullable<Awaited<ReturnType<typeof lockTarget>>>;

/** The number of the last version written for a target (0: none, the target was never changed). */
export async function lastVersionNumber(trx: Kysely<DB>, targetId: number): Promise<number> {
  const row = await trx
    .selectFrom('target_version')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('target_id', '=', targetId)
    .executeTakeFirst();
  return row?.n === null || row?.n === undefined ? 0 : Number(row.n);
}

export async function documentTerm(trx: Kysely<DB>, documentId: number): Promise<{ term_from: number | null; term_to: number | null }> {
  const row = await trx.selectFrom('plan_document').select(['term_from', 'term_to']).where('id', '=', documentId).executeTakeFirstOrThrow();
  return { term_from: row.term_from === null ? null : Number(row.term_from), term_to: row.term_to === null ? null : Number(row.term_to) };
}

export async function indicatorUnitOf(db: Kysely<DB>, code: string): Promise<'count' | 'percent' | 'ratio' | 'money' | null> {
  const row = await db.selectFrom('indicator').select('unit').where('code', '=', code).executeTakeFirst();
  return row ? row.unit : null;
}

export interface VersionWrite {
  version: number;
  change: 'original' | 'revised' | 'withdrawn';
  validFrom: string | null;
  validTo: string | null;
  terms: TargetTerms;
  reason: string | null;
  actor: { userId: number | null; tokenId: number | null; label: string } | null;
  createdAt?: Date | string;
}

export async function insertVersion(trx: Kysely<DB>, targetId: number, v: VersionWrite): Promise<void> {
  await trx
    .insertInto('target_version')
    .values({
      target_id: targetId,
      version: v.version,
      change: v.change,
      valid_from: v.validFrom,
      valid_to: v.validTo,
      ...v.terms,
      reason: v.reason,
      actor_user_id: v.actor?.userId ?? null,
      actor_token_id: v.actor?.tokenId ?? null,
      actor_label: v.actor?.label ?? null,
      ...(v.createdAt ? { created_at: v.createdAt } : {}),
    })
    .execute();
}

/** Ends the version in force on `on` (its interval becomes [valid_from, on)). */
export async function endVersion(trx: Kysely<DB>, targetId: number, version: number, on: string): Promise<void> {
  await trx.updateTable('target_version').set({ valid_to: on }).where('target_id', '=', targetId).where('version', '=', version).execute();
}

export async function updateTargetTerms(trx: Kysely<DB>, targetId: number, terms: TargetTerms, revisedFrom: string): Promise<void> {
  await trx
    .updateTable('target')
    .set({ ...terms, revised_from: revisedFrom })
    .where('id', '=', targetId)
    .execute();
}

export async function closeTarget(trx: Kysely<DB>, targetId: number, on: string, reason: string): Promise<void> {
  await trx.updateTable('target').set({ closed_on: on, closed_reason: reason }).where('id', '=', targetId).execute();
}

export type VersionRow = Selectable<TargetVersionTable> & { indicator_name: string; indicator_unit: string };

/** Every version written for a target, oldest first, with its indicator's name. */
export async function versionRows(db: Kysely<DB>, targetId: number): Promise<VersionRow[]> {
  return db
    .selectFrom('target_version as v')
    .innerJoin('indicator as i', 'i.code', 'v.indicator_code')
    .selectAll('v')
    .select(['i.name as indicator_name', 'i.unit as indicator_unit'])
    .where('v.target_id', '=', targetId)
    .orderBy('v.version')
    .execute() as Promise<VersionRow[]>;
}

export async function targetWithIndicator(db: Kysely<DB>, targetId: number) {
  return db
    .selectFrom('target as t')
    .innerJoin('indicator as i', 'i.code', 't.indicator_code')
    .select([
      't.id',
      't.unit_id',
      't.created_at',
      't.closed_on',
      't.closed_reason',
      'i.name as indicator_name',
      'i.unit as indicator_unit',
      ...TERM_COLUMNS.map((c) => `t.${c}` as const),
    ])
    .where('t.id', '=', targetId)
    .executeTakeFirst();
}

/** Whether a target row's terms began after `asOf` (it was revised since): only then is an older version looked up. */
export function revisedAfter(row: { revised_from: unknown }, asOf: string): boolean {
  const from = row.revised_from as string | null;
  return from !== null && from > asOf;
}

/** A past version's terms as a progress row reads them (its indicator's expressions included). */
export interface TermsInForce extends TargetTerms {
  indicator_name: string;
  indicator_unit: string;
  numerator: string;
  denominator: string | null;
}

/**
 * The versions in force on `asOf` for targets whose current terms began after it, by target id:
 * one query for all of them. A target absent from the map had its current terms on that day
 * (its first version, before any change, is a row too once it was changed).
 */
export async function versionsInForce(db: Kysely<DB>, targetIds: number[], asOf: string): Promise<Map<number, TermsInForce>> {
  if (targetIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('target_version as v')
    .innerJoin('indicator as i', 'i.code', 'v.indicator_code')
    .select([
      'v.target_id',
      ...TERM_COLUMNS.map((c) => `v.${c}` as const),
      'i.name as indicator_name',
      'i.unit as indicator_unit',
      'i.numerator',
      'i.denominator',
    ])
    .where('v.target_id', 'in', targetIds)
    .where('v.change', '<>', 'withdrawn')
    .where((eb) => eb.or([eb('v.valid_from', 'is', null), eb('v.valid_from', '<=', asOf)]))
    .where('v.valid_to', '>', asOf)
    .execute();
  return new Map(
    rows.map((r) => [
      Number(r.target_id),
      {
        ...termsOf(r),
        indicator_name: r.indicator_name,
        indicator_unit: r.indicator_unit,
        numerator: r.numerator,
        denominator: r.denominator,
      },
    ]),
  );
}
