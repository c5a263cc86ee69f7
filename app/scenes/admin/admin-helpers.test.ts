import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-client.ts';
import { adminPageForPath, adminPagesFor } from './admin-pages.ts';
import { AUDIT_ACTION_LABELS, auditActionLabel, auditActionOptions, auditEntityLabel, capturedName } from './audit-actions.ts';
import { detailEntries, diffFields, fieldLabel, showValue } from './audit-diff.ts';
import { formatViDateTime, formatViTime } from './date-time.ts';
import { splitFormErrors } from './form-errors.ts';
import { userStatusTags } from './user-status.ts';

const NOW = new Date('2026-03-05T01:00:00Z');

describe('user status tags', () => {
  const base = { isDisabled: false, lockedUntil: null as string | null, mustChangePassword: false };
  const labels = (u: Partial<typeof base>) => userStatusTags({ ...base, ...u }, NOW).map((t) => t.label);

  it('says an ordinary account is active', () => {
    expect(labels({})).toEqual(['Đang hoạt động']);
  });

  it('names a disabled account and a temporary lockout with its end on Vietnamese time', () => {
    expect(labels({ isDisabled: true })).toEqual(['Bị khóa']);
    expect(labels({ lockedUntil: '2026-03-05T01:15:00Z' })).toEqual(['Tạm khóa đến 08:15']);
  });

  it('ignores a lockout that has already ended', () => {
    expect(labels({ lockedUntil: '2026-03-05T00:59:00Z' })).toEqual(['Đang hoạt động']);
  });

  it('adds the first-login reminder next to the state', () => {
    expect(labels({ mustChangePassword: true })).toEqual(['Đang hoạt động', 'Chưa đổi mật khẩu lần đầu']);
  });
});

describe('audit labels', () => {
  it('names every action listed for the audit screen in Vietnamese', () => {
    for (const code of ['auth.login', 'auth.lockout', 'user.create', 'token.use', 'personal_data.view', 'member.merge', 'demo.create']) {
      expect(auditActionLabel(code)).not.toBe(code);
    }
    expect(auditActionLabel('user.create')).toBe('Tạo tài khoản');
  });

  it('names the actions of every part of the system, reports and restructuring included', () => {
    expect(auditActionLabel('report.submit')).toBe('Gửi báo cáo định kỳ');
    expect(auditActionLabel('report.save')).toBe('Lưu nháp báo cáo định kỳ');
    expect(auditActionLabel('org.restructure')).toBe('Sắp xếp tổ chức (áp dụng kế hoạch)');
  });

  it('shows an unknown action by its code', () => {
    expect(auditActionLabel('something.new')).toBe('something.new');
  });

  it('offers each kind as a prefix, then its actions', () => {
    const auth = auditActionOptions().find((g) => g.options[0]?.value === 'auth.')!;
    expect(auth.options.map((o) => o.value)).toContain('auth.lockout');
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).toBe(label.normalize('NFC'));
  });

  it('names the entity by its name, else by what the row captured, never "#12"', () => {
    expect(auditEntityLabel('user', '12', 'Lê Văn Phúc (canbo.tanninh)')).toBe('Tài khoản: Lê Văn Phúc (canbo.tanninh)');
    expect(auditEntityLabel('report', '1', 'Báo cáo năm — CĐCS A')).toBe('Báo cáo: Báo cáo năm — CĐCS A');
    expect(auditEntityLabel('data_element', 'x', capturedName({ name: 'Số đoàn viên nữ' }, null))).toBe(
      'Thành phần số liệu: Số đoàn viên nữ',
    );
    expect(auditEntityLabel('org_unit', null)).toBe('Cơ cấu tổ chức');
    expect(auditEntityLabel(null, null)).toBe('');
  });
});

describe('audit diff', () => {
  it('lists only changed fields', () => {
    const changes = diffFields({ fullName: 'A', roles: ['viewer'], email: null }, { fullName: 'B', roles: ['viewer'], email: 'a@b.vn' });
    expect(changes).toEqual([
      { field: 'fullName', before: 'A', after: 'B', kind: 'changed' },
      { field: 'email', before: '—', after: 'a@b.vn', kind: 'changed' },
    ]);
  });

  it('treats a creation as all fields added and a removal as removed', () => {
    expect(diffFields(null, { name: 'x', roles: ['a', 'b'] })).toEqual([
      { field: 'name', before: '—', after: 'x', kind: 'added' },
      { field: 'roles', before: '—', after: 'a, b', kind: 'added' },
    ]);
    expect(diffFields({ name: 'x' }, {})).toEqual([{ field: 'name', before: 'x', after: '—', kind: 'removed' }]);
    expect(diffFields(null, null)).toEqual([]);
  });

  it('shows values readably', () => {
    expect(showValue(true)).toBe('Có');
    expect(showValue({ fullName: 'A', cardNumber: '12' })).toBe('Họ và tên: A; Số thẻ đoàn viên: 12');
    expect(showValue('2026-06-30')).toBe('30/06/2026');
  });

  const names = {
    units: { '7': 'Công đoàn phường Tân Ninh' },
    unitCodes: { 'TNI-P01': 'Công đoàn phường Tân Ninh', 'TNI-P02': 'Công đoàn phường Hòa Thành' },
    elements: { members_total: 'Tổng số đoàn viên' },
    templates: { 'cdcs-nam': 'Báo cáo năm của CĐCS' },
  };

  it("lists a report's figures one by one under their labels, with its status in words", () => {
    const changes = diffFields(
      { status: 'draft', values: { members_total: 100, women: 5 } },
      { status: 'submitted', values: { members_total: 120, women: 5 } },
      names,
    );
    expect(changes.map((c) => [fieldLabel(c.field, names), c.before, c.after])).toEqual([
      ['Trạng thái', 'Đang nhập', 'Đã gửi, chờ duyệt'],
      ['Tổng số đoàn viên', '100', '120'],
    ]);
  });

  it('names units, roles, forms and periods, and leaves technical keys out', () => {
    expect(
      diffFields({ unitId: 7, roles: ['viewer'] }, { unitId: 8, roles: ['union_staff'] }, names).map((c) => [c.before, c.after]),
    ).toEqual([
      ['Công đoàn phường Tân Ninh', 'đơn vị (mã 8)'],
      ['Người xem', 'Cán bộ công đoàn'],
    ]);
    expect(detailEntries({ sessionId: 'abc', templateCode: 'cdcs-nam', periodCode: '2026-H1', version: 3 }, names)).toEqual([
      { field: 'templateCode', label: 'Biểu mẫu', value: 'Báo cáo năm của CĐCS' },
      { field: 'periodCode', label: 'Kỳ báo cáo', value: '6 tháng đầu năm 2026' },
    ]);
    expect(detailEntries({ moved: [['TNI-P01', 'TNI-P02']], created: ['TNI-P02'] }, names).map((d) => d.value)).toEqual([
      'Công đoàn phường Tân Ninh → Công đoàn phường Hòa Thành',
      'Công đoàn phường Hòa Thành',
    ]);
  });
});

describe('Vietnamese time', () => {
  it('shows instants on Hà Nội time whatever the machine zone', () => {
    expect(formatViDateTime('2026-03-04T23:02:03Z')).toBe('05/03/2026 06:02:03');
    expect(formatViTime('2026-03-05T01:15:00Z')).toBe('08:15');
    expect(formatViDateTime(null)).toBe('');
  });
});

describe('admin pages', () => {
  it('shows each page only with its permission; changing one’s password always', () => {
    expect(adminPagesFor([]).map((p) => p.label)).toEqual(['Đổi mật khẩu']);
    expect(adminPagesFor(['audit.read']).map((p) => p.label)).toEqual(['Nhật ký', 'Đổi mật khẩu']);
    expect(adminPagesFor(['users.manage', 'tokens.manage', 'audit.read'])).toHaveLength(6);
    expect(adminPagesFor(['audit.read']).map((p) => p.key)).not.toContain('admin-deliveries');
    expect(adminPageForPath('/quan-tri/thu-thong-bao')?.permission).toBe('users.manage');
    expect(adminPageForPath('/quan-tri/tai-khoan')?.label).toBe('Tài khoản');
  });

  it('shows the measures page to managers, and read-only to whoever reads targets', () => {
    const measures = 'Chỉ số và thành phần số liệu';
    expect(adminPagesFor(['measures.manage']).map((p) => p.label)).toEqual([measures, 'Đổi mật khẩu']);
    expect(adminPagesFor(['targets.read']).map((p) => p.label)).toEqual([measures, 'Đổi mật khẩu']);
    expect(adminPagesFor(['reports.read']).map((p) => p.label)).toEqual(['Đổi mật khẩu']);
    expect(adminPageForPath('/quan-tri/chi-so')?.key).toBe('admin-measures');
  });
});

describe('form errors', () => {
  it('puts server issues on their fields and other errors on the form', () => {
    const policy = new ApiError(400, 'PASSWORD_POLICY', 'Mật khẩu cần…', [{ path: 'newPassword', message: 'Mật khẩu cần…' }]);
    expect(splitFormErrors(policy, ['currentPassword', 'newPassword'])).toEqual({
      fields: [{ name: 'newPassword', errors: ['Mật khẩu cần…'] }],
    });
    const taken = new ApiError(409, 'USERNAME_TAKEN', 'Đã có', []);
    expect(splitFormErrors(taken, ['username'], { USERNAME_TAKEN: 'username' })).toEqual({
      fields: [{ name: 'username', errors: ['Đã có'] }],
    });
    expect(splitFormErrors(new ApiError(403, 'ROLE_NOT_GRANTABLE', 'Không cấp được', []), ['roles'])).toEqual({
      fields: [],
      form: 'Không cấp được',
    });
  });
});
