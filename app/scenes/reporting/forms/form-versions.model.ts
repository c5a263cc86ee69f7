/**
 * The versions of a form as the list shows them: which one a period uses now, which are to come
 * or replaced, and the periods a draft may be published from. Pure: the versions come from
 * GET /api/report-templates/:code/versions, the calendar from the form itself.
 */
import { parsePeriod, periodContaining, type ReportingCalendar } from '../../../../domain/periods/period.ts';
import { previousPeriodCode, templatePeriod, type TemplatePeriodKind } from '../../../../domain/reporting/report-template.ts';
import { versionForPeriod } from '../../../../domain/reporting/template-editing.ts';

export interface FormCalendar {
  periodKind: TemplatePeriodKind;
  calendar: ReportingCalendar;
  /** When entry opens and closes around a period's cut-off (for the periods still being reported). */
  opensBeforeEndDays: number;
  deadlineDays: number;
}

export interface VersionLike {
  id: number;
  version: number;
  status: 'draft' | 'published';
  fromPeriod: string | null;
  /** When the server gives it: the first day the version applies (read before `fromPeriod`). */
  fromPeriodStart?: string | null;
  owner: { id: number; name: string } | null;
  /** The server's word on whether the caller may edit this draft. */
  canEdit?: boolean;
}

/** Versions made before forms had periods apply "from the start" (the migration dates them 2000-01-01). */
const ORIGINAL_START = '2000-01-02';

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

export interface PublishOption {
  code: string;
  label: string;
  /** Open for entry today (reports may already exist: the server then refuses), or not open yet. */
  isOpen: boolean;
  /** The first period not open for entry yet: no report can use another version there. */
  isDefault: boolean;
}

/**
 * Where a draft may start: the periods still being reported today (not past their due date),
 * then the period running today and the next ones up to `upcoming` not yet open. The server
 * refuses a period that already has reports of the form, in its own words.
 */
export function publishPeriodOptions(form: FormCalendar, today: string, upcoming = 3): PublishOption[] {
  const running = periodContaining(form.periodKind, today, form.calendar).code;
  const codes: string[] = [];
  for (let code = previousPeriodCode(running), i = 0; i < 2; i++, code = previousPeriodCode(code)) {
    if (templatePeriod(form, code).dueOn >= today) codes.unshift(code);
  }
  let code = running;
  for (let notOpen = 0; notOpen < upcoming; code = nextPeriodCode(code)) {
    codes.push(code);
    if (templatePeriod(form, code).opensOn > today) notOpen++;
  }
  let defaultTaken = false;
  return codes.map((c) => {
    const isOpen = templatePeriod(form, c).opensOn <= today;
    const isDefault = !isOpen && !defaultTaken;
    if (isDefault) defaultTaken = true;
    return { code: c, label: periodLabel(c, form.calendar), isOpen, isDefault };
  });
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

function startOf(v: VersionLike, calendar: ReportingCalendar): string | null {
  if (v.fromPeriodStart) return v.fromPeriodStart;
  return v.fromPeriod ? periodStart(v.fromPeriod, calendar) : null;
}

/** "6 tháng đầu năm 2027"; null for a draft and for the versions in force since before forms had periods. */
export function fromPeriodLabel(v: VersionLike, calendar: ReportingCalendar): string | null {
  const start = startOf(v, calendar);
  if (v.status === 'draft' || (start !== null && start < ORIGINAL_START)) return null;
  return v.fromPeriod ? periodLabel(v.fromPeriod, calendar) : start;
}

/** The latest period open for entry today: the one units are reporting now (the running half-year opens only near its end). */
export function reportingPeriodStart(form: FormCalendar, today: string): string {
  const running = periodContaining(form.periodKind, today, form.calendar).code;
  const period = templatePeriod(form, running);
  return period.opensOn <= today ? period.start : templatePeriod(form, previousPeriodCode(running)).start;
}

/**
 * Each version's status for the period units are reporting now. Versions of different owners
 * (the whole tree, a province) live side by side: each owner has its own version in force.
 */
export function versionStatuses<V extends VersionLike>(versions: V[], form: FormCalendar, today: string): Map<number, VersionStatus> {
  const nowStart = reportingPeriodStart(form, today);
  const byOwner = new Map<number, (V & { fromPeriodStart: string | null })[]>();
  for (const v of versions) {
    if (v.status !== 'published') continue;
    const key = v.owner?.id ?? 0;
    byOwner.set(key, [...(byOwner.get(key) ?? []), { ...v, fromPeriodStart: startOf(v, form.calendar) }]);
  }
  const inForce = new Set(
    [...byOwner.values()].map((vs) => versionForPeriod(vs, nowStart)?.id).filter((id): id is number => id !== undefined),
  );
  const result = new Map<number, VersionStatus>();
  for (const v of versions) {
    const from = fromPeriodLabel(v, form.calendar);
    if (v.status === 'draft') result.set(v.id, { state: 'draft', label: 'Bản nháp', color: 'gold' });
    else if (inForce.has(v.id))
      result.set(v.id, {
        state: 'in_force',
        label: `${from ? `Đang áp dụng từ kỳ ${from}` : 'Đang áp dụng'}${inForce.size > 1 ? forWhom(v) : ''}`,
        color: 'green',
      });
    else if ((startOf(v, form.calendar) ?? '') > nowStart)
      result.set(v.id, { state: 'scheduled', label: `Sẽ áp dụng từ kỳ ${from}`, color: 'blue' });
    else result.set(v.id, { state: 'replaced', label: from ? `Đã thay thế (áp dụng từ kỳ ${from})` : 'Đã thay thế', color: 'default' });
  }
  return result;
}

/** Who a version in force is for, when several owners have one (the whole tree's yields to a unit's own below it). */
const forWhom = (v: VersionLike) => (v.owner ? ` cho ${v.owner.name} và cấp dưới` : ' cho các đơn vị chưa có phiên bản riêng');

/**
 * The version a new draft starts from: the one in force for the caller's own unit when it has
 * one, else the latest version in force (a form of the whole tree), else the newest published.
 */
export function sourceForNewVersion<V extends VersionLike>(
  versions: V[],
  statuses: Map<number, VersionStatus>,
  myUnitId: number | undefined,
): V | undefined {
  const inForce = versions.filter((v) => statuses.get(v.id)?.state === 'in_force');
  const mine = inForce.find((v) => v.owner?.id === myUnitId);
  if (mine) return mine;
  const newest = (vs: V[]) => [...vs].sort((a, b) => b.version - a.version)[0];
  return newest(inForce) ?? newest(versions.filter((v) => v.status === 'published'));
}

/** The caller's own draft of the form (one per form and owner): the server says so with `canEdit`, else its owner is the caller's unit. */
export function ownDraft<V extends VersionLike>(versions: V[], myUnitId: number | undefined): V | undefined {
  return versions.find((v) => v.status === 'draft' && (v.canEdit ?? v.owner?.id === myUnitId));
}
