/**
 * Correcting and withdrawing a confirmed target, without React: what the Sửa chỉ tiêu form starts
 * from and sends (only what changed), and how the Lịch sử thay đổi view words each change.
 */
import type { Static } from 'typebox';
import type { ReviseTargetBody, TargetVersionItem, TargetVersionList } from '../../../server/targets/target-versions.schema.ts';
import { formatCount, SECTOR_OPTIONS } from '../../components/registry/registry-format.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { formatIndicatorValue, targetValuePhrase } from '../dashboard/target-format.ts';

export type TargetVersion = Static<typeof TargetVersionItem>;
export type TargetVersions = Static<typeof TargetVersionList>;
export type ReviseBody = Static<typeof ReviseTargetBody>;
type Sector = NonNullable<ReviseBody['sectors']>[number];

export interface ReviseFormValues {
  indicatorCode: string;
  comparator: TargetVersion['comparator'];
  value: number;
  timing: 'deadline' | 'annual';
  deadlineYear?: number;
  sectors?: Sector[];
  minWorkers?: number | null;
  subject?: string;
  /** YYYY-MM-DD */
  effectiveFrom: string;
  reason: string;
}

/** The version in force now: the last one that is not the withdrawal. */
export function currentVersion(list: TargetVersions): TargetVersion | undefined {
  return list.items.find((v) => v.version === list.current);
}

export function reviseFormInitial(v: TargetVersion, today: string): ReviseFormValues {
  return {
    indicatorCode: v.indicator.code,
    comparator: v.comparator,
    value: v.value,
    timing: v.timing.kind,
    deadlineYear: v.timing.kind === 'deadline' ? Number(v.timing.deadline.slice(0, 4)) : undefined,
    sectors: (v.sectors ?? []) as Sector[],
    minWorkers: v.minWorkers,
    subject: v.subject,
    effectiveFrom: today,
    reason: '',
  };
}

const sameSet = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

/** The request: the fields that differ from the version in force, the reason, the day, and the version edited. */
export function toReviseBody(current: TargetVersion, v: ReviseFormValues, baseVersion: number): ReviseBody {
  const body: ReviseBody = { reason: v.reason.normalize('NFC').trim(), effectiveFrom: v.effectiveFrom, baseVersion };
  if (v.indicatorCode !== current.indicator.code) body.indicatorCode = v.indicatorCode;
  if (v.comparator !== current.comparator) body.comparator = v.comparator;
  if (v.value !== current.value) body.value = v.value;
  if (v.timing === 'annual' && current.timing.kind !== 'annual') body.annual = true;
  if (
    v.timing === 'deadline' &&
    v.deadlineYear !== undefined &&
    (current.timing.kind !== 'deadline' || `${v.deadlineYear}-12-31` !== current.timing.deadline)
  ) {
    body.deadlineYear = v.deadlineYear;
  }
  if (!sameSet(v.sectors, current.sectors)) body.sectors = v.sectors && v.sectors.length > 0 ? v.sectors : null;
  const minWorkers = v.minWorkers ?? null;
  if (minWorkers !== current.minWorkers) body.minWorkers = minWorkers;
  const subject = (v.subject ?? '').normalize('NFC').trim();
  if (subject !== current.subject) body.subject = subject;
  return body;
}

const FIELD_LABELS: Record<string, string> = {
  indicator: 'Chỉ số',
  comparator: 'Mức chỉ tiêu',
  value: 'Mức chỉ tiêu',
  timing: 'Thời hạn',
  sectors: 'Khu vực',
  minWorkers: 'Quy mô lao động',
  subject: 'Nội dung',
  baseline: 'Số liệu gốc',
};

const indicatorName = (v: TargetVersion) => v.indicator.name || v.indicator.code;

function describeField(field: string, v: TargetVersion): string {
  switch (field) {
    case 'indicator':
      return indicatorName(v);
    case 'comparator':
    case 'value':
      return targetValuePhrase(v.comparator, v.value, v.indicator.unit);
    case 'timing':
      return v.timing.kind === 'annual' ? `Hằng năm (${v.timing.from}–${v.timing.to})` : `Đến năm ${v.timing.deadline.slice(0, 4)}`;
    case 'sectors':
      return v.sectors && v.sectors.length > 0
        ? v.sectors.map((s) => SECTOR_OPTIONS.find((o) => o.value === s)?.label ?? s).join(', ')
        : 'Mọi khu vực';
    case 'minWorkers':
      return v.minWorkers === null ? 'Mọi quy mô' : `Từ ${formatCount(v.minWorkers)} lao động trở lên`;
    case 'subject':
      return v.subject || '(trống)';
    case 'baseline':
      return v.baseline
        ? `${formatIndicatorValue(v.baseline.value, v.indicator.unit)} (ngày ${formatViDate(v.baseline.date)})`
        : 'Không có';
    default:
      return '';
  }
}

export interface ChangeLine {
  label: string;
  before: string;
  after: string;
}

/** "Mức chỉ tiêu: Trên 140.000 → Từ 150.000 trở lên", one line per thing changed (comparator and value together). */
export function changeLines(previous: TargetVersion | undefined, v: TargetVersion): ChangeLine[] {
  if (!previous || v.change !== 'revised') return [];
  const fields = v.changed.filter((f, i, all) => !(f === 'comparator' && all.includes('value')) && all.indexOf(f) === i);
  return fields.map((f) => ({ label: FIELD_LABELS[f] ?? f, before: describeField(f, previous), after: describeField(f, v) }));
}

/** "Ban đầu", "Sửa — hiệu lực từ 01/01/2026", "Rút — từ 06/12/2026". */
export function versionTitle(v: TargetVersion): string {
  if (v.change === 'original') return 'Chỉ tiêu ban đầu';
  if (v.change === 'withdrawn') return `Rút chỉ tiêu — từ ngày ${formatViDate(v.validFrom)}`;
  return `Sửa — hiệu lực từ ngày ${formatViDate(v.validFrom)}`;
}

/** When a version was in force: "đến hết 31/12/2025", "từ 01/01/2026 đến nay", "không áp dụng ngày nào" (two edits in one day). */
export function versionInterval(v: TargetVersion): string {
  if (v.change === 'withdrawn') return '';
  if (v.validFrom !== null && v.validTo !== null && v.validFrom === v.validTo)
    return 'Không áp dụng ngày nào (được sửa lại ngay trong ngày)';
  const to = v.validTo === null ? 'đến nay' : `đến hết ngày ${formatViDate(dayBefore(v.validTo))}`;
  return v.validFrom === null ? `Từ khi giao ${to}` : `Từ ngày ${formatViDate(v.validFrom)} ${to}`;
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The whole target of a version in one line, for the history's "what it said". */
export function versionSummary(v: TargetVersion): string {
  return `${indicatorName(v)}: ${describeField('value', v)} — ${describeField('timing', v).toLowerCase()}`;
}
