import { AppError } from '../errors/app-error.ts';
import { parsePeriod, periodContaining, PeriodError, type Period, type ReportingCalendar } from '../periods/period.ts';
import type { ReportStatus } from '../reporting/report-workflow.ts';

/**
 * Statuses are reported per reporting period of the assignee: the periods of its periodic report
 * templates (a CĐCS: six months and year; an upper union or a province: year), on their calendar.
 * A unit that has no template reports per six months and year on the default calendar. A period's
 * statuses travel with the unit's report of that period: once the report is sent they are closed
 * until it is returned (or reopened).
 */
export type TaskPeriodKind = 'half' | 'year';

export interface TaskPeriodRule {
  kinds: TaskPeriodKind[];
  calendar: ReportingCalendar;
}

const periodInvalid = (message: string) => new AppError('TASK_PERIOD_INVALID', 'bad_request', message, [{ path: 'periodCode', message }]);

/** The period `code` for a unit with `rule`, refused when it is not one of the unit's periods or has not begun. */
export function taskPeriod(code: string, rule: TaskPeriodRule, today: string): Period {
  let period: Period;
  try {
    period = parsePeriod(code, rule.calendar);
  } catch (error) {
    if (error instanceof PeriodError) throw periodInvalid(error.message);
    throw error;
  }
  if (!rule.kinds.includes(period.kind as TaskPeriodKind)) {
    const examples = rule.kinds.map((k) => (k === 'year' ? 'năm (ví dụ 2026)' : '6 tháng (ví dụ 2026-H1)')).join(' hoặc ');
    throw periodInvalid(`Đơn vị báo cáo nhiệm vụ theo kỳ ${examples}, không theo kỳ "${code}".`);
  }
  if (period.start > today) throw periodInvalid(`Kỳ ${period.label} chưa bắt đầu: chưa báo cáo trạng thái nhiệm vụ cho kỳ này được.`);
  return period;
}

/** The periods a unit can report on today: for each kind, the current one and the one before. */
export function recentTaskPeriods(rule: TaskPeriodRule, today: string): Period[] {
  const out: Period[] = [];
  for (const kind of rule.kinds) {
    const current = periodContaining(kind, today, rule.calendar);
    const dayBefore = new Date(Date.parse(`${current.start}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    out.push(current, periodContaining(kind, dayBefore, rule.calendar));
  }
  return out.sort((a, b) => (b.end === a.end ? a.kind.localeCompare(b.kind) : b.end.localeCompare(a.end)));
}

/** Why a period's statuses cannot change now (the unit's report of the period), or null when they can. */
export function closedReason(period: Pick<Period, 'label'>, reportStatus: ReportStatus | null | undefined): string | null {
  if (reportStatus === 'submitted') {
    return `Kỳ ${period.label} đã khóa: báo cáo định kỳ của đơn vị đã gửi lên cấp trên và đang chờ duyệt; trạng thái nhiệm vụ được gửi cùng báo cáo. Nếu cần sửa, đề nghị cấp trên trả lại báo cáo.`;
  }
  if (reportStatus === 'accepted') {
    return `Kỳ ${period.label} đã khóa: báo cáo định kỳ của đơn vị đã được cấp trên duyệt. Cần cấp trên mở lại báo cáo mới sửa được trạng thái nhiệm vụ.`;
  }
  return null;
}
