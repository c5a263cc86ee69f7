import { termsOf, type TargetTerms, type VersionRow } from './target-versions.repository.ts';
import type { TargetVersionListView, TargetVersionView } from './target-versions.schema.ts';

/** A target's terms in wire names, in the order a change is listed. */
export function presentTerms(t: TargetTerms) {
  return {
    indicator: t.indicator_code,
    comparator: t.comparator,
    value: Number(t.value),
    timing:
      t.timing === 'annual'
        ? { kind: 'annual' as const, from: Number(t.annual_from), to: Number(t.annual_to) }
        : { kind: 'deadline' as const, deadline: t.deadline! },
    sectors: t.sectors && t.sectors.length > 0 ? [...t.sectors] : null,
    minWorkers: t.min_workers === null ? null : Number(t.min_workers),
    subject: t.subject,
    baseline: t.baseline_value === null || t.baseline_date === null ? null : { value: Number(t.baseline_value), date: t.baseline_date },
  };
}

type TermField = keyof ReturnType<typeof presentTerms>;

/** The fields whose value differs between two versions (sectors compared as sets). */
export function changedFields(before: TargetTerms, after: TargetTerms): TermField[] {
  const a = presentTerms(before);
  const b = presentTerms(after);
  const same = (field: TermField) =>
    field === 'sectors'
      ? JSON.stringify([...(a.sectors ?? [])].sort()) === JSON.stringify([...(b.sectors ?? [])].sort())
      : JSON.stringify(a[field]) === JSON.stringify(b[field]);
  return (Object.keys(a) as TermField[]).filter((field) => !same(field));
}

interface TargetHead extends TargetTerms {
  id: number;
  unit_id: number;
  created_at: Date | string;
  closed_on: string | null;
  closed_reason: string | null;
  indicator_name: string;
  indicator_unit: string;
}

const iso = (at: Date | string) => (at instanceof Date ? at.toISOString() : new Date(at).toISOString());

function item(
  version: number,
  change: TargetVersionView['change'],
  validFrom: string | null,
  validTo: string | null,
  terms: TargetTerms,
  indicator: { name: string; unit: string },
  reason: string | null,
  by: TargetVersionView['by'],
  at: Date | string,
  changed: string[],
): TargetVersionView {
  const { indicator: code, ...rest } = presentTerms(terms);
  return {
    version,
    change,
    validFrom,
    validTo,
    indicator: { code, name: indicator.name, unit: indicator.unit },
    ...rest,
    reason,
    by,
    at: iso(at),
    changed,
  };
}

/**
 * The history of one target. A target never changed has no rows: its one version is read from
 * the target itself (ending on the day it was closed, if it was).
 */
export function presentVersions(target: TargetHead, rows: VersionRow[]): TargetVersionListView {
  const items: TargetVersionView[] = [];
  if (rows.length === 0) {
    items.push(
      item(
        1,
        'original',
        null,
        target.closed_on,
        termsOf(target),
        { name: target.indicator_name, unit: target.indicator_unit },
        null,
        null,
        target.created_at,
        [],
      ),
    );
  }
  let previous: TargetTerms | null = null;
  for (const row of rows) {
    const terms = termsOf(row);
    const by =
      row.change === 'original'
        ? null
        : { userId: row.actor_user_id === null ? null : Number(row.actor_user_id), label: row.actor_label ?? '' };
    const changed = row.change === 'revised' && previous ? changedFields(previous, terms) : [];
    items.push(
      item(
        Number(row.version),
        row.change,
        row.valid_from,
        row.valid_to,
        terms,
        { name: row.indicator_name, unit: row.indicator_unit },
        row.reason,
        by,
        row.created_at,
        changed,
      ),
    );
    previous = terms;
  }
  const current = [...items].reverse().find((v) => v.change !== 'withdrawn')?.version ?? 1;
  return {
    targetId: Number(target.id),
    unitId: Number(target.unit_id),
    current,
    withdrawn: target.closed_on === null ? null : { on: target.closed_on, reason: target.closed_reason ?? '' },
    items,
  };
}
