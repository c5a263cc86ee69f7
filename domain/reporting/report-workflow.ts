import { AppError } from '../errors/app-error.ts';

/**
 * The life of a report: draft → submitted → accepted by the level above, or returned with a
 * reason → corrected and resubmitted. Accepted data is locked; the level above may reopen it
 * (with a reason), which puts it back to "returned" for the unit to correct.
 */
export type ReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';
export type ReportAction = 'save' | 'submit' | 'return' | 'accept' | 'reopen';

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: 'Đang nhập',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  accepted: 'Đã duyệt',
};

const ALLOWED: Record<ReportAction, { from: ReportStatus[]; to: ReportStatus }> = {
  save: { from: ['draft', 'returned'], to: 'draft' },
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  accept: { from: ['submitted'], to: 'accepted' },
  reopen: { from: ['accepted'], to: 'returned' },
};

const REFUSALS: Record<ReportAction, Partial<Record<ReportStatus, string>>> = {
  save: {
    submitted: 'Báo cáo đã gửi, đang chờ cấp trên duyệt: không sửa được nữa.',
    accepted: 'Báo cáo đã được duyệt và khóa: cần cấp trên mở lại mới sửa được.',
  },
  submit: { submitted: 'Báo cáo đã được gửi rồi.', accepted: 'Báo cáo đã được duyệt và khóa.' },
  return: {
    draft: 'Báo cáo chưa được gửi nên không thể trả lại.',
    returned: 'Báo cáo đã bị trả lại rồi.',
    accepted: 'Báo cáo đã duyệt: hãy dùng "Mở lại" kèm lý do.',
  },
  accept: {
    draft: 'Báo cáo chưa được gửi nên chưa thể duyệt.',
    returned: 'Báo cáo đang bị trả lại, chờ đơn vị sửa và gửi lại.',
    accepted: 'Báo cáo đã được duyệt rồi.',
  },
  reopen: {
    draft: 'Chỉ mở lại được báo cáo đã duyệt.',
    submitted: 'Chỉ mở lại được báo cáo đã duyệt.',
    returned: 'Chỉ mở lại được báo cáo đã duyệt.',
  },
};

/** The status after `action`, or a conflict naming why the action does not apply now. */
export function nextStatus(current: ReportStatus, action: ReportAction): ReportStatus {
  const rule = ALLOWED[action];
  if (!rule.from.includes(current)) {
    throw new AppError(
      'REPORT_STATE_INVALID',
      'conflict',
      REFUSALS[action][current] ?? 'Thao tác không phù hợp với trạng thái của báo cáo.',
    );
  }
  // Saving a returned report keeps it "returned" so the reviewer's reason stays in view.
  return action === 'save' && current === 'returned' ? 'returned' : rule.to;
}

export const isEditable = (status: ReportStatus) => status === 'draft' || status === 'returned';

/** Which data the dashboard may count for a report in this status. */
export function reportedState(status: ReportStatus): 'submitted' | 'accepted' | null {
  return status === 'accepted' ? 'accepted' : status === 'submitted' ? 'submitted' : null;
}

/** On time when first sent on or before the due day (Vietnam's calendar day). */
export function timeliness(dueOn: string, firstSubmittedOn: string | null, today: string): 'on_time' | 'late' | 'not_due' | 'overdue' {
  if (firstSubmittedOn) return firstSubmittedOn <= dueOn ? 'on_time' : 'late';
  return today <= dueOn ? 'not_due' : 'overdue';
}

export function requireReason(reason: string | undefined, what: string): string {
  const text = (reason ?? '').normalize('NFC').trim();
  if (text.length < 5) {
    throw new AppError('REASON_REQUIRED', 'bad_request', `Cần ghi lý do ${what} (ít nhất 5 ký tự) để đơn vị biết phải sửa gì.`, [
      { path: 'reason', message: 'Cần ghi lý do.' },
    ]);
  }
  return text;
}
