/**
 * The versions of a form as the list shows them: which one a period uses now, which are to come
 * or replaced, and the periods a draft may be published from. Pure: the versions come from
 * GET /api/report-templates/:code/versions, the calendar from the form itself.
 */
import { parsePeriod, periodContaining, type ReportingCalendar } from '../../../../domain/periods/period.ts';
import type { TemplatePeriodKind } from '../../../../domain/reporting/report-template.ts';
import { versionForPeriod } from '../../../../domain/reporting/template-editing.ts';

export interface FormCalendar {
  periodKind: TemplatePeriodKind;
  calendar: ReportingCalendar;
}

export interface VersionLike {
  id: number;
  version: number;
  status: 'draft' | 'published';
  fromPeriod: string | null;
  owner: { id: number; name: string } | null;
}

export function nextPeriodCode(code: string): string {
  const half = /^(\d{4})-H([12])$/.exec(code);
  if (half) return half[2] === '1' ? `${half[1]}-H2` : `${Number(half[1]) + 1}-H1`;
  if (/^\d{4}$/.test(code)) return String(Number(code) + 1);
  throw new RangeError(`Kỳ "${code}" không có kỳ liền sau.`);
}

/** "2027-H1" → "6 tháng đầu năm 2027"; a code the calendar does not read is shown as is. */
export function periodLabel(code: string, calendar: ReportingCalendar): string {
  try {
    return parsePeriod(code, calendar).label;
  } catch {
    return code;
  }
}

/** The period running today and the next ones: where a draft may start (the server refuses a period that already has reports). */
export function publishPeriodOptions(form: FormCalendar, today: string, count = 4): { code: string; label: string; isCurrent: boolean }[] {
  const options = [];
  let code = periodContaining(form.periodKind, today, form.calendar).code;
  for (let i = 0; i < count; i++) {
    options.push({ code, label: periodLabel(code, form.calendar), isCurrent: i === 0 });
    code = nextPeriodCode(code);
  }
  return options;
}

export type VersionState = 'draft' | 'in_force' | 'scheduled' | 'replaced';

export interface VersionStatus {
  state: VersionState;
  label: string;
  color: string;
}

const periodStart = (code: string, calendar: ReportingCalendar): string | null => {
  try {
    return parsePeriod(code, calendar).start;
  } catch {
    return null;
  }
};

/**
 * Each version's status for the period running today. Versions of different owners (the whole
 * tree, a province) live side by side: each owner has its own version in force.
 */
export function versionStatuses<V extends VersionLike>(versions: V[], form: FormCalendar, today: string): Map<number, VersionStatus> {
  const nowStart = periodContaining(form.periodKind, today, form.calendar).start;
  const byOwner = new Map<number, (V & { fromPeriodStart: string | null })[]>();
  for (const v of versions) {
    if (v.status !== 'published') continue;
    const key = v.owner?.id ?? 0;
    byOwner.set(key, [...(byOwner.get(key) ?? []), { ...v, fromPeriodStart: v.fromPeriod ? periodStart(v.fromPeriod, form.calendar) : null }]);
  }
  const inForce = new Set([...byOwner.values()].map((vs) => versionForPeriod(vs, nowStart)?.id).filter((id): id is number => id !== undefined));
  const result = new Map<number, VersionStatus>();
  for (const v of versions) {
    const from = v.fromPeriod ? periodLabel(v.fromPeriod, form.calendar) : '';
    if (v.status === 'draft') result.set(v.id, { state: 'draft', label: 'Bản nháp', color: 'gold' });
    else if (inForce.has(v.id)) result.set(v.id, { state: 'in_force', label: from ? `Đang áp dụng từ kỳ ${from}` : 'Đang áp dụng', color: 'green' });
    else if (v.fromPeriod && (periodStart(v.fromPeriod, form.calendar) ?? '') > nowStart) result.set(v.id, { state: 'scheduled', label: `Sẽ áp dụng từ kỳ ${from}`, color: 'blue' });
    else result.set(v.id, { state: 'replaced', label: from ? `Đã thay thế (áp dụng từ kỳ ${from})` : 'Đã thay thế', color: 'default' });
  }
  return result;
}

/**
 * The version a new draft starts from: the one in force for the caller's own unit when it has
 * one, else the latest version in force (a form of the whole tree), else the newest published.
 */
export function sourceForNewVersion<V extends VersionLike>(versions: V[], statuses: Map<number, VersionStatus>, myUnitId: number | undefined): V | undefined {
  const inForce = versions.filter((v) => statuses.get(v.id)?.state === 'in_force');
  const mine = inForce.find((v) => v.owner?.id === myUnitId);
  if (mine) return mine;
  const newest = (vs: V[]) => [...vs].sort((a, b) => b.version - a.version)[0];
  return newest(inForce) ?? newest(versions.filter((v) => v.status === 'published'));
}

/** The caller's own draft of the form (one per form and owner; the whole tree's when the owner is not given). */
export function ownDraft<V extends VersionLike>(versions: V[], myUnitId: number | undefined): V | undefined {
  return versions.find((v) => v.status === 'draft' && (v.owner === null || v.owner.id === myUnitId));
}
