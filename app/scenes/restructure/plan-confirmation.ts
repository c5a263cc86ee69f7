import type { PlanReport } from '../../api/org.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { formatViDate } from '../../lib/calendar-date.ts';

export interface PlanConfirmation {
  title: string;
  content: string;
}

/**
 * The question asked before a plan is applied, built from the preview's own figures: applying
 * redraws the tree and moves members' figures to new upper unions from the effective date, and
 * there is no undo button, so the officer confirms the same counts the preview just showed.
 */
export function planConfirmation(report: PlanReport): PlanConfirmation {
  const counts: [number, string][] = [
    [report.created.length, 'thành lập'],
    [report.renamed.length, 'đổi tên'],
    [report.merged.length, 'sáp nhập'],
    [report.split.length, 'chia tách'],
    [report.dissolved.length, 'giải thể'],
  ];
  const parts = counts.filter(([count]) => count > 0).map(([count, verb]) => `${verb} ${formatCount(count)} đơn vị`);
  if (report.moved.length > 0) parts.push(`chuyển ${formatCount(report.moved.length)} đơn vị sang đơn vị cấp trên mới`);
  const from = report.date ? ` từ ngày ${formatViDate(report.date)}` : '';
  const title = `Áp dụng kế hoạch sắp xếp${from}${parts.length ? `: ${parts.join(', ')}` : ''}?`;

  const effects: string[] = [];
  if (report.cdcsChangingUpper > 0) {
    effects.push(
      `${formatCount(report.cdcsChangingUpper)} CĐCS với ${formatCount(report.membersChangingUpper)} đoàn viên sẽ thuộc đơn vị cấp trên mới.`,
    );
  }
  if (report.employersChangingAreaCount > 0)
    effects.push(`${formatCount(report.employersChangingAreaCount)} doanh nghiệp đổi công đoàn địa bàn.`);
  const when = report.date ? `từ ngày ${formatViDate(report.date)}` : 'từ ngày hiệu lực';
  effects.push(`Cây tổ chức và số liệu tổng hợp sẽ thay đổi ${when}; số liệu trước ngày đó vẫn theo cây cũ. Có thể xem lại trong Nhật ký.`);
  return { title, content: effects.join(' ') };
}
