/**
 * The kinds of notification a person can turn off, per channel (issue 21). One list read by the
 * preferences API (which kinds exist, which a user may ever receive) and by the settings screen
 * (their Vietnamese names), so a new kind is added here once.
 */
import type { Permission } from '../access/permission.ts';
import type { ImportEventKind, TargetEventKind, TaskEventKind } from './other-events.ts';
import type { ReportEventKind } from './report-events.ts';
import type { ReminderKind } from './report-reminders.ts';

/**
 * The kinds a person may turn off. Not listed, so always sent: the account notices (a lock is a
 * security signal, the creation comes before any choice) and the daily digest (its own setting).
 */
export type NotificationKind = ReportEventKind | ReminderKind | TaskEventKind | TargetEventKind | ImportEventKind;
export type NotificationChannel = 'in_app' | 'email';

export interface NotificationKindInfo {
  kind: NotificationKind;
  label: string;
  /** Who is ever told this kind: a user without the permission is never sent it, so the screen leaves it out. */
  permission: Permission;
}

export const NOTIFICATION_KINDS: readonly NotificationKindInfo[] = [
  { kind: 'report.submitted', label: 'Đơn vị cấp dưới gửi báo cáo', permission: 'reports.review' },
  { kind: 'report.resubmitted', label: 'Đơn vị cấp dưới gửi lại báo cáo đã sửa', permission: 'reports.review' },
  { kind: 'report.returned', label: 'Báo cáo của đơn vị bị trả lại', permission: 'reports.submit' },
  { kind: 'report.accepted', label: 'Báo cáo của đơn vị được duyệt', permission: 'reports.submit' },
  { kind: 'report.reopened', label: 'Báo cáo của đơn vị được mở lại để sửa', permission: 'reports.submit' },
  { kind: 'report.due_in_7', label: 'Nhắc hạn: còn 7 ngày đến hạn gửi báo cáo', permission: 'reports.submit' },
  { kind: 'report.due_in_1', label: 'Nhắc hạn: ngày mai đến hạn gửi báo cáo', permission: 'reports.submit' },
  { kind: 'report.overdue', label: 'Nhắc hạn: báo cáo đã quá hạn', permission: 'reports.submit' },
  { kind: 'task.assigned', label: 'Nhiệm vụ được giao cho đơn vị', permission: 'reports.submit' },
  { kind: 'task.due_soon', label: 'Nhắc hạn: nhiệm vụ sắp đến hạn', permission: 'reports.submit' },
  { kind: 'task.overdue', label: 'Nhắc hạn: nhiệm vụ đã quá hạn', permission: 'reports.submit' },
  { kind: 'target.behind', label: 'Chỉ tiêu chuyển sang chậm tiến độ', permission: 'targets.read' },
  { kind: 'target.missed', label: 'Chỉ tiêu không đạt', permission: 'targets.read' },
  { kind: 'import.finished', label: 'Nhập danh sách từ tệp đã xong', permission: 'registry.write' },
  { kind: 'import.failed', label: 'Nhập danh sách từ tệp không thành công', permission: 'registry.write' },
];

export const NOTIFICATION_KIND_CODES = NOTIFICATION_KINDS.map((k) => k.kind);

/** The kinds a holder of these permissions can receive, in the catalogue's order. */
export function kindsFor(permissions: Iterable<string>): NotificationKindInfo[] {
  const held = new Set(permissions);
  return NOTIFICATION_KINDS.filter((k) => held.has(k.permission));
}
