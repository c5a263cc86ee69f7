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
  'member.create': 'Thêm đoàn viên',
  'member.update': 'Sửa thông tin đoàn viên',
  'member.transfer': 'Chuyển sinh hoạt đoàn viên',
  'member.leave': 'Đoàn viên ra khỏi tổ chức',
  'member.merge': 'Gộp hồ sơ đoàn viên trùng',
  'import.members': 'Nhập danh sách đoàn viên',
  'employer.create': 'Thêm doanh nghiệp',
  'employer.update': 'Sửa thông tin doanh nghiệp',
  'agreement.create': 'Thêm thỏa ước',
  'agreement.renew': 'Gia hạn thỏa ước',
  'agreement.update': 'Sửa thỏa ước',
  'agreement.attach_file': 'Đính kèm tệp thỏa ước',
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
  { prefix: 'employer.', label: 'Doanh nghiệp' },
  { prefix: 'agreement.', label: 'Thỏa ước' },
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
  employer: 'Doanh nghiệp',
  agreement: 'Thỏa ước',
  org_unit: 'Đơn vị',
  unit: 'Đơn vị',
  data_element: 'Thành phần số liệu',
  indicator: 'Chỉ số',
  report_template: 'Biểu mẫu',
};

export function auditEntityLabel(entityType: string | null, entityId: string | null): string {
  if (!entityType) return '';
  const name = ENTITY_LABELS[entityType] ?? entityType;
  return entityId ? `${name} #${entityId}` : name;
}
