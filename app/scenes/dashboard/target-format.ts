/**
 * Pure wording and colours of targets and their progress, shared by Tổng quan and Chỉ tiêu.
 * Kept free of React so every sentence an officer reads is unit-tested in node.
 */
import type { BreakdownItem, ProgressStatus, TargetProgress } from '../../api/progress.api.ts';
import type { ContributionBase } from '../../../domain/indicators/breakdown.ts';
import { STATUS_LABELS } from '../../../domain/indicators/progress.ts';
import { formatCount, formatIndicatorValue, formatShare, targetValuePhrase } from '../../../domain/report-documents/report-wording.ts';
import { formatViDate } from '../../lib/calendar-date.ts';

export type IndicatorUnit = 'count' | 'percent' | 'ratio' | string;
export type Comparator = TargetProgress['comparator'];

// Figures read the same on Tổng quan and in the drafted report documents: one set of rules, in domain/.
export { formatIndicatorValue, formatShare, targetValuePhrase } from '../../../domain/report-documents/report-wording.ts';

export function timingPhrase(timing: TargetProgress['timing']): string {
  return timing.kind === 'annual' ? 'hằng năm' : `đến năm ${timing.deadline.slice(0, 4)}`;
}

/**
 * "Trên 140.000 đoàn viên — đến năm 2028", "Từ 85% trở lên — hằng năm". The noun only follows
 * counts (a percent or ratio already names itself through the indicator).
 */
export function targetSentence(
  t: Pick<TargetProgress, 'comparator' | 'targetValue' | 'timing'> & { indicator: { unit: string; code?: string } },
): string {
  const noun = t.indicator.unit === 'count' ? countNoun(t.indicator.code) : '';
  return `${targetValuePhrase(t.comparator, t.targetValue, t.indicator.unit)}${noun ? ` ${noun}` : ''} — ${timingPhrase(t.timing)}`;
}

const COUNT_NOUNS: Record<string, string> = {
  members: 'đoàn viên',
  members_new: 'đoàn viên',
  cdcs_new_count: 'CĐCS',
  union_homes: 'nhà',
};

function countNoun(code: string | undefined): string {
  return code ? (COUNT_NOUNS[code] ?? '') : '';
}

/**
 * The forecast line under a card, always in agreement with the status (one rule,
 * docs/progress-rules.md §3): since when a met target is met; the projection when the history is
 * long enough for one; otherwise why there is none ("Chưa đủ số liệu để dự báo").
 */
export function forecastSentence(t: Pick<TargetProgress, 'timing' | 'progress'> & { indicator: { unit: string } }): string {
  const p = t.progress;
  const f = p.forecast;
  if (p.status === 'met') return f?.metOn ? `Đã đạt được vào ngày ${formatViDate(f.metOn)}` : 'Đã đạt';
  if (!f) return p.forecastNote ?? (p.status === 'no_data' ? 'Chưa có số liệu để dự báo' : 'Chưa đủ số liệu để dự báo');
  if (!f.willBeMet) return 'Theo tốc độ hiện nay sẽ không đạt';
  const at = t.timing.kind === 'deadline' ? ` vào ${formatViDate(t.timing.deadline)}` : ` cuối năm ${t.timing.year}`;
  const when = f.metOn ? `, đạt được vào ngày ${formatViDate(f.metOn)}` : '';
  return `Dự báo đạt ${formatIndicatorValue(f.projectedValue, t.indicator.unit)}${at} — sẽ đạt${when}`;
}

/** How the forecast line reads: a warning when it says "will not be met", muted when there is no projection. */
export function forecastTone(p: Pick<TargetProgress['progress'], 'status' | 'forecast'>): 'danger' | 'secondary' | undefined {
  if (p.status === 'missed' || p.forecast?.willBeMet === false) return 'danger';
  return p.forecast ? undefined : 'secondary';
}

/** "Tính từ 35,2% ngày 31/12/2025": where the expected path starts (docs/progress-rules.md §2). */
export function pathStartSentence(start: { date: string; value: number }, unit: string): string {
  return `Tính từ ${formatIndicatorValue(start.value, unit)} ngày ${formatViDate(start.date)}`;
}

/** "+1.250", "-40", "0": a change, signed. */
function signedCount(value: number): string {
  return value > 0 ? `+${formatCount(value)}` : formatCount(value);
}

const PER_100 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
/** "+12,9%", "-28,6%", "0%": a growth rate, signed. */
function signedPercent(value: number): string {
  return `${value > 0 ? '+' : ''}${PER_100.format(value)}%`;
}

/**
 * A child without an allocation: what it contributed and at what rate against the group's — the
 * figure it is ranked by. "-2 (-28,6%; mức chung +12,9%)" for a stock, "12 (1,2 trên 100 đoàn
 * viên; mức chung 2)" for a flow.
 */
export function contributionSentence(c: BreakdownItem['contribution'], base: ContributionBase | null): string {
  if (!c || c.value === null) return '';
  const value = base === 'members' ? formatCount(c.value) : signedCount(c.value);
  if (c.rate === null || c.groupRate === null) return value;
  if (base === 'members') return `${value} (${PER_100.format(c.rate)} trên 100 đoàn viên; mức chung ${PER_100.format(c.groupRate)})`;
  return `${value} (${signedPercent(c.rate)}; mức chung ${signedPercent(c.groupRate)})`;
}

/**
 * Its share of what all the children contributed, against its expected share, saying which base:
 * "4% mức tăng chung · tỷ trọng 10%", "3,2% tổng số · tỷ trọng đoàn viên 8,1%". The base's date is
 * in the line above the table.
 */
export function contributionShareSentence(c: BreakdownItem['contribution'], base: ContributionBase | null): string {
  if (!c || c.expectedShare === null) return '';
  const weight = `tỷ trọng${base === 'members' ? ' đoàn viên' : ''} ${formatShare(c.expectedShare) || '0%'}`;
  if (c.share === null || c.share < 0 || c.share > 100) return weight;
  return `${formatShare(c.share) || '0%'} ${base === 'members' ? 'tổng số' : 'mức tăng chung'} · ${weight}`;
}

/** "Được giao: trên 12.000 — đến năm 2028" under a child judged against its allocation. */
export function allocationSentence(a: BreakdownItem['allocation'], unit: string): string {
  if (!a) return '';
  return `Được giao: ${lowerFirst(targetValuePhrase(a.comparator, a.targetValue, unit))} — ${timingPhrase(a.timing)}`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "12 đơn vị đã báo cáo" for reported figures; registry counts have no reporting units. */
export function reportingSentence(reportingUnits: number | null | undefined): string {
  return reportingUnits === null || reportingUnits === undefined ? '' : `${formatCount(reportingUnits)} đơn vị đã báo cáo`;
}

export const STATUS_ORDER: readonly ProgressStatus[] = ['missed', 'behind', 'on_track', 'met', 'no_data'];

// The words the server's statusLabel uses: one table for both.
export { STATUS_LABELS };

/** Met green, on track blue, behind orange, missed red, no data grey (antd's palette, readable on white). */
export const STATUS_COLORS: Record<ProgressStatus, string> = {
  met: '#389e0d',
  on_track: '#1d5fa8',
  behind: '#d46b08',
  missed: '#cf1322',
  no_data: '#8c8c8c',
};

/** antd Tag preset of the same meaning. */
export const STATUS_TAG: Record<ProgressStatus, string> = {
  met: 'success',
  on_track: 'processing',
  behind: 'warning',
  missed: 'error',
  no_data: 'default',
};

export function statusColor(status: string): string {
  return STATUS_COLORS[status as ProgressStatus] ?? STATUS_COLORS.no_data;
}

/** The bar fills to the share achieved, capped at 100 (a target passed by 30% is still a full bar). */
export function barPercent(share: number | null | undefined): number {
  if (share === null || share === undefined || !Number.isFinite(share)) return 0;
  return Math.max(0, Math.min(100, Math.round(share * 10) / 10));
}

export function countByStatus(items: readonly Pick<TargetProgress, 'progress'>[]): Record<ProgressStatus, number> {
  const counts: Record<ProgressStatus, number> = { met: 0, on_track: 0, behind: 0, missed: 0, no_data: 0 };
  for (const item of items) counts[item.progress.status] += 1;
  return counts;
}

/**
 * The period filter picks the year being judged: a past year is read at its last day (annual
 * targets are judged on it), the current year today. Never a future date: nothing is known yet.
 */
export function periodAsOf(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

/** Cards to show: the status filter, then the ones needing attention first (missed, behind, …, no data). */
export function visibleTargets<T extends Pick<TargetProgress, 'progress' | 'targetId'>>(
  items: readonly T[],
  filter: { status?: ProgressStatus },
): T[] {
  return items
    .filter((t) => (filter.status ? t.progress.status === filter.status : true))
    .sort((a, b) => STATUS_ORDER.indexOf(a.progress.status) - STATUS_ORDER.indexOf(b.progress.status) || a.targetId - b.targetId);
}
