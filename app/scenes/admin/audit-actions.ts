/**
 * Vietnamese names for the audit log's action codes. Codes are stable English identifiers
 * written by the server; an action added later and not yet named here shows its code, which
 * is still searchable, rather than disappearing.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập thất bại',
  'auth.lockout': 'Tạm khóa do nhập sai mật khẩu nhiều lần',
  'auth.login_refused_locked': 'Từ chối đăng nhập (đang tạm khóa)',
  'auth.login_refused_disabled': 'Từ chối đăng nhập (tài khoản bị khóa)',
  'auth.logout': 'Đăng xuất',
  'auth.logout_all': 'Đăng xuất khỏi mọi thiết bị',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.password_change_failed': 'Đổi mật khẩu thất bại (sai mật khẩu hiện tại)',
  'auth.password_change_refused_locked': 'Từ chối đổi mật khẩu (đang tạm khóa)',
  'user.create': 'Tạo tài khoản',
  'user.update': 'Sửa tài khoản',
  'user.reset_password': 'Đặt lại mật khẩu',
  'user.lock': 'Khóa tài khoản',
  'user.unlock': 'Mở khóa tài khoản',
  'token.create': 'Tạo khóa API',
  'token.revoke': 'Thu hồi khóa API',
  'token.use': 'Sử dụng khóa API',
  'personal_data.view': 'Xem dữ liệu cá nhân đầy đủ',
  'personal_data.export': 'Xuất danh sách có dữ liệu cá nhân đầy đủ',
  'member.create': 'Thêm đoàn viên',
  'member.update': 'Sửa thông tin đoàn viên',
  'member.transfer': 'Chuyển sinh hoạt đoàn viên',
  'member.leave': 'Đoàn viên ra khỏi tổ chức',
  'member.merge': 'Gộp hồ sơ đoàn viên trùng',
  'member.export': 'Xuất danh sách đoàn viên',
  'import.members': 'Nhập danh sách đoàn viên từ tệp',
  'import.employers': 'Nhập danh sách doanh nghiệp từ tệp',
  'import.grassroots': 'Nhập danh sách công đoàn cơ sở từ tệp',
  'import.agreements': 'Nhập danh sách thỏa ước từ tệp',
  'grassroots.update': 'Sửa hồ sơ công đoàn cơ sở',
  'grassroots.export': 'Xuất danh sách công đoàn cơ sở',
  'employer.create': 'Thêm doanh nghiệp',
  'employer.update': 'Sửa thông tin doanh nghiệp',
  'agreement.create': 'Thêm thỏa ước',
  'agreement.renew': 'Gia hạn thỏa ước',
  'agreement.update': 'Sửa thỏa ước',
  'agreement.attach_file': 'Đính kèm tệp thỏa ước',
  'org.restructure': 'Sắp xếp tổ chức (áp dụng kế hoạch)',
  'org.targets_carried': 'Chuyển chỉ tiêu khi sắp xếp tổ chức',
  'document.upload': 'Tải văn bản lên',
  'document.create': 'Thêm văn bản',
  'document.review_draft': 'Lưu nháp rà soát văn bản',
  'document.review_save': 'Lưu kết quả rà soát văn bản',
  'document.confirm': 'Lưu và theo dõi chỉ tiêu của văn bản',
  'document.discard': 'Bỏ văn bản',
  'document.link': 'Liên kết văn bản cấp trên',
  'document.unlink': 'Bỏ liên kết văn bản',
  'notification.email_sent': 'Gửi thư thông báo',
  'notification.email_dead': 'Thư thông báo gửi không được',
  'notification.email_resend': 'Gửi lại thư thông báo',
  'target.create': 'Thêm chỉ tiêu',
  'target.revise': 'Điều chỉnh chỉ tiêu',
  'target.withdraw': 'Rút chỉ tiêu',
  'target.allocate': 'Giao chỉ tiêu cho cấp dưới',
  'task.create': 'Thêm nhiệm vụ',
  'task.confirm': 'Xác nhận nhiệm vụ từ văn bản',
  'task.update': 'Sửa nhiệm vụ',
  'task.withdraw': 'Rút nhiệm vụ',
  'task.delete': 'Xóa nhiệm vụ',
  'task.assign': 'Giao nhiệm vụ cho cấp dưới',
  'task.unassign': 'Thu hồi nhiệm vụ đã giao',
  'task.status': 'Cập nhật tình hình thực hiện nhiệm vụ',
  'task.evidence_add': 'Đính kèm minh chứng nhiệm vụ',
  'task.evidence_delete': 'Xóa minh chứng nhiệm vụ',
  'report.create': 'Lập báo cáo định kỳ',
  'report.save': 'Lưu nháp báo cáo định kỳ',
  'report.submit': 'Gửi báo cáo định kỳ',
  'report.accept': 'Duyệt báo cáo định kỳ',
  'report.return': 'Trả lại báo cáo định kỳ',
  'report.reopen': 'Mở lại báo cáo đã duyệt',
  'demo.create': 'Tạo dữ liệu mẫu',
  'measure.element_created': 'Thêm thành phần số liệu',
  'measure.element_updated': 'Sửa thành phần số liệu',
  'measure.element_deleted': 'Xóa thành phần số liệu',
  'measure.indicator_created': 'Thêm chỉ số',
  'measure.indicator_updated': 'Sửa chỉ số',
  'measure.indicator_deleted': 'Xóa chỉ số',
  'report_template.update': 'Sửa quy tắc kiểm tra biểu mẫu',
  'report_template.draft_created': 'Tạo bản nháp biểu mẫu',
  'report_template.draft_updated': 'Sửa bản nháp biểu mẫu',
  'report_template.draft_deleted': 'Xóa bản nháp biểu mẫu',
  'report_template.published': 'Áp dụng phiên bản biểu mẫu',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}

/** Kinds of action for the filter: the server accepts a prefix ("auth.") as well as a full code. */
export const AUDIT_ACTION_KINDS: readonly { prefix: string; label: string }[] = [
  { prefix: 'auth.', label: 'Đăng nhập, đăng xuất, mật khẩu' },
  { prefix: 'user.', label: 'Tài khoản' },
  { prefix: 'token.', label: 'Khóa API' },
  { prefix: 'personal_data.', label: 'Xem dữ liệu cá nhân' },
  { prefix: 'member.', label: 'Đoàn viên' },
  { prefix: 'grassroots.', label: 'Công đoàn cơ sở' },
  { prefix: 'import.', label: 'Nhập từ tệp' },
  { prefix: 'employer.', label: 'Doanh nghiệp' },
  { prefix: 'agreement.', label: 'Thỏa ước' },
  { prefix: 'org.', label: 'Sắp xếp tổ chức' },
  { prefix: 'document.', label: 'Văn bản' },
  { prefix: 'target.', label: 'Chỉ tiêu' },
  { prefix: 'task.', label: 'Nhiệm vụ' },
  { prefix: 'report.', label: 'Báo cáo định kỳ' },
  { prefix: 'measure.', label: 'Chỉ số và thành phần số liệu' },
  { prefix: 'report_template.', label: 'Biểu mẫu báo cáo' },
];

/** Options grouped by kind: "all of a kind" first, then each action of that kind. */
export function auditActionOptions(): { label: string; options: { value: string; label: string }[] }[] {
  return AUDIT_ACTION_KINDS.map((kind) => ({
    label: kind.label,
    options: [
      { value: kind.prefix, label: `Tất cả: ${kind.label.toLowerCase()}` },
      ...Object.keys(AUDIT_ACTION_LABELS)
        .filter((code) => code.startsWith(kind.prefix))
        .map((code) => ({ value: code, label: AUDIT_ACTION_LABELS[code]! })),
    ],
  }));
}

const ENTITY_LABELS: Readonly<Record<string, string>> = {
  user: 'Tài khoản',
  token: 'Khóa API',
  api_token: 'Khóa API',
  member: 'Đoàn viên',
  member_list: 'Danh sách đoàn viên',
  employer: 'Doanh nghiệp',
  agreement: 'Thỏa ước',
  org_unit: 'Đơn vị',
  unit: 'Đơn vị',
  grassroots: 'Công đoàn cơ sở',
  grassroots_list: 'Danh sách công đoàn cơ sở',
  import_job: 'Tệp nhập',
  data_element: 'Thành phần số liệu',
  indicator: 'Chỉ số',
  report_template: 'Biểu mẫu',
  report: 'Báo cáo',
  plan_document: 'Văn bản',
  target: 'Chỉ tiêu',
  task: 'Nhiệm vụ',
};

/**
 * "Kind: name" of what a row is about. The name comes from the server (looked up for the page)
 * or, for a record deleted since, from the name the row itself captured; never a bare "#12",
 * which means nothing to a reader — that only remains when neither exists.
 */
export function auditEntityLabel(entityType: string | null, entityId: string | null, name?: string | null): string {
  if (!entityType) return '';
  const kind = ENTITY_LABELS[entityType] ?? 'Đối tượng';
  if (name) return `${kind}: ${name}`;
  if (entityType === 'org_unit' && entityId === null) return 'Cơ cấu tổ chức';
  return entityId ? `${kind} (mã ${entityId})` : kind;
}

/** The name a row captured of its record (useful once the record is deleted or renamed). */
export function capturedName(before: unknown, after: unknown): string | null {
  for (const side of [after, before]) {
    if (side === null || typeof side !== 'object' || Array.isArray(side)) continue;
    const s = side as Record<string, unknown>;
    const name = s.fullName ?? s.title ?? s.name ?? s.fileName;
    if (typeof name === 'string' && name) return typeof s.symbol === 'string' && s.symbol ? `${s.symbol} — ${name}` : name;
  }
  return null;
}
