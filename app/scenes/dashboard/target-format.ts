/**
 * Pure wording and colours of targets and their progress, shared by Tổng quan and Chỉ tiêu.
 * Kept free of React so every sentence an officer reads is unit-tested in node.
 */
import type { ProgressStatus, TargetProgress } from '../../api/progress.api.ts';
import { formatCount, formatIndicatorValue, targetValuePhrase } from '../../../domain/report-documents/report-wording.ts';
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
export function targetSentence(t: Pick<TargetProgress, 'comparator' | 'targetValue' | 'timing'> & { indicator: { unit: string; code?: string } }): string {
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

/** The forecast line under a card; empty when there is nothing honest to say. */
export function forecastSentence(t: Pick<TargetProgress, 'timing' | 'progress'> & { indicator: { unit: string } }): string {
  const f = t.progress.forecast;
  if (!f || t.progress.status === 'no_data') return '';
  if (t.progress.status === 'met' && f.metOn) return `Đã đạt được vào ngày ${formatViDate(f.metOn)}`;
  if (!f.willBeMet) return 'Theo tốc độ hiện nay sẽ không đạt';
  const at = t.timing.kind === 'deadline' ? ` vào ${formatViDate(t.timing.deadline)}` : ` cuối năm ${t.timing.year}`;
  const when = f.metOn ? `, đạt được vào ngày ${formatViDate(f.metOn)}` : '';
  return `Dự báo đạt ${formatIndicatorValue(f.projectedValue, t.indicator.unit)}${at} — sẽ đạt${when}`;
}

/** "12 đơn vị đã báo cáo" for reported figures; registry counts have no reporting units. */
export function reportingSentence(reportingUnits: number | null | undefined): string {
  return reportingUnits === null || reportingUnits === undefined ? '' : `${formatCount(reportingUnits)} đơn vị đã báo cáo`;
}

export const STATUS_ORDER: readonly ProgressStatus[] = ['missed', 'behind', 'on_track', 'met', 'no_data'];

export const STATUS_LABELS: Record<ProgressStatus, string> = {
  met: 'Đã đạt',
  on_track: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  missed: 'Không đạt',
  no_data: 'Chưa có số liệu',
};

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
export function visibleTargets<T extends Pick<TargetProgress, 'progress' | 'targetId'>>(items: readonly T[], filter: { status?: ProgressStatus }): T[] {
  return items
    .filter((t) => (filter.status ? t.progress.status === filter.status : true))
    .sort((a, b) => STATUS_ORDER.indexOf(a.progress.status) - STATUS_ORDER.indexOf(b.progress.status) || a.targetId - b.targetId);
}
