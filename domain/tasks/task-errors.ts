import { AppError, badRequest, conflict, notFound } from '../errors/app-error.ts';

/** The errors of the task feature: one code, one Vietnamese message each. */
export const taskErrors = {
  notFound: () => notFound('TASK_NOT_FOUND', 'Không tìm thấy nhiệm vụ.'),
  assignmentNotFound: () => notFound('TASK_ASSIGNMENT_NOT_FOUND', 'Không tìm thấy việc giao nhiệm vụ.'),
  statusNotFound: () => notFound('TASK_STATUS_NOT_FOUND', 'Không tìm thấy trạng thái nhiệm vụ.'),
  evidenceNotFound: () => notFound('TASK_EVIDENCE_NOT_FOUND', 'Không tìm thấy tệp minh chứng.'),
  withdrawn: () => conflict('TASK_WITHDRAWN', 'Nhiệm vụ đã bị rút: không giao, không sửa, không báo cáo được nữa.'),
  hasStatuses: (n: number) =>
    conflict(
      'TASK_HAS_STATUSES',
      `Nhiệm vụ đã có ${n} lần báo cáo trạng thái: không xóa được, hãy dùng "Rút nhiệm vụ" kèm lý do (lịch sử được giữ lại).`,
    ),
  assignmentHasStatuses: (n: number) =>
    conflict('TASK_ASSIGNMENT_HAS_STATUSES', `Đơn vị đã báo cáo ${n} lần về nhiệm vụ này: không thu hồi việc giao được.`),
  assigneeNotBelow: (name: string) =>
    badRequest('TASK_ASSIGNEE_NOT_BELOW', `${name} không trực thuộc đơn vị giao nhiệm vụ: chỉ giao được cho đơn vị cấp dưới.`, [
      { path: 'assigneeUnitIds', message: `${name} không trực thuộc đơn vị giao.` },
    ]),
  alreadyAssigned: (names: string[]) =>
    conflict(
      'TASK_ALREADY_ASSIGNED',
      `Nhiệm vụ đã được giao cho ${names.slice(0, 3).join(', ')}${names.length > 3 ? ` và ${names.length - 3} đơn vị khác` : ''}.`,
    ),
  notAssignedTo: () => notFound('TASK_NOT_ASSIGNED', 'Đơn vị này không được giao nhiệm vụ.'),
  periodClosed: (reason: string) => new AppError('TASK_PERIOD_CLOSED', 'conflict', reason, [{ path: 'periodCode', message: reason }]),
  versionConflict: (by: string, at: string) =>
    conflict(
      'TASK_VERSION_CONFLICT',
      `Nhiệm vụ vừa được ${by} sửa lúc ${at}. Thay đổi của bạn chưa được lưu: hãy tải lại nhiệm vụ rồi sửa lại.`,
    ),
  leadInvalid: () =>
    badRequest('TASK_LEAD_INVALID', 'Đơn vị chủ trì là một đơn vị trong cây hoặc tên một ban, phòng (ghi bằng chữ), không phải cả hai.', [
      { path: 'leadUnitId', message: 'Chọn đơn vị hoặc ghi tên, không cả hai.' },
    ]),
  titleRequired: () => badRequest('TASK_TITLE_REQUIRED', 'Cần nội dung nhiệm vụ.', [{ path: 'title', message: 'Cần nội dung nhiệm vụ.' }]),
  reviewItemUnknown: (index: number) =>
    badRequest('TASK_REVIEW_ITEM_UNKNOWN', `Văn bản không có nhiệm vụ trích xuất số ${index + 1}.`, [
      { path: 'tasks', message: `Không có nhiệm vụ số ${index + 1}.` },
    ]),
  reviewItemTwice: (index: number) =>
    badRequest('TASK_REVIEW_ITEM_TWICE', `Nhiệm vụ trích xuất số ${index + 1} được chọn hai lần (mỗi nhiệm vụ chỉ gộp vào một nhiệm vụ).`, [
      { path: 'tasks', message: `Nhiệm vụ số ${index + 1} bị chọn hai lần.` },
    ]),
  reviewItemConfirmed: (index: number) =>
    conflict('TASK_REVIEW_ITEM_CONFIRMED', `Nhiệm vụ trích xuất số ${index + 1} đã được xác nhận trước đó.`),
  reviewMissing: () =>
    notFound('TASK_REVIEW_MISSING', 'Văn bản này không có kết quả đọc tự động (văn bản nhập tay): hãy thêm nhiệm vụ bằng tay.'),
  statusSuperseded: () =>
    conflict(
      'TASK_STATUS_SUPERSEDED',
      'Trạng thái này đã được thay bằng trạng thái mới hơn của cùng kỳ: hãy đính kèm minh chứng vào trạng thái hiện hành.',
    ),
  evidenceTooMany: (max: number) => conflict('TASK_EVIDENCE_TOO_MANY', `Mỗi trạng thái có tối đa ${max} tệp minh chứng.`),
  evidenceTooManyPages: (what: string, reason: string) =>
    new AppError('FILE_TOO_MANY_PAGES', 'too_large', `${what}: ${reason} Hãy tách tệp hoặc chỉ gửi các trang cần thiết.`),
  evidenceUnreadable: (what: string, reason: string) => badRequest('FILE_CORRUPT', `${what}: ${reason}`),
  periodCodeInvalid: (code: string) =>
    badRequest('TASK_PERIOD_INVALID', `Kỳ báo cáo "${code}" không hợp lệ. Dùng dạng 2026, 2026-H1 hoặc 2026-H2.`, [
      { path: 'periodCode', message: 'Kỳ không hợp lệ.' },
    ]),
  targetNotOfUnit: () =>
    badRequest('TASK_TARGET_INVALID', 'Chỉ tiêu được liên kết phải là chỉ tiêu của đơn vị hoặc của cấp trên đơn vị.', [
      { path: 'targetIds', message: 'Chỉ tiêu không phù hợp.' },
    ]),
};
