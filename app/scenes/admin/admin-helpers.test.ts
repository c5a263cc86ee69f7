import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-client.ts';
import { adminPageForPath, adminPagesFor } from './admin-pages.ts';
import { AUDIT_ACTION_LABELS, auditActionLabel, auditActionOptions, auditEntityLabel } from './audit-actions.ts';
import { diffFields, showValue } from './audit-diff.ts';
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

  it('shows an unknown action by its code', () => {
    expect(auditActionLabel('report.submit')).toBe('report.submit');
  });

  it('offers each kind as a prefix, then its actions', () => {
    const auth = auditActionOptions().find((g) => g.options[0]?.value === 'auth.')!;
    expect(auth.options.map((o) => o.value)).toContain('auth.lockout');
    for (const label of Object.values(AUDIT_ACTION_LABELS)) expect(label).toBe(label.normalize('NFC'));
  });

  it('names the entity', () => {
    expect(auditEntityLabel('user', '12')).toBe('Tài khoản #12');
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
    expect(showValue({ a: 1 })).toBe('{"a":1}');
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
    expect(adminPagesFor(['users.manage', 'tokens.manage', 'audit.read'])).toHaveLength(5);
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
    expect(splitFormErrors(policy, ['currentPassword', 'newPassword'])).toEqual({ fields: [{ name: 'newPassword', errors: ['Mật khẩu cần…'] }] });
    const taken = new ApiError(409, 'USERNAME_TAKEN', 'Đã có', []);
    expect(splitFormErrors(taken, ['username'], { USERNAME_TAKEN: 'username' })).toEqual({ fields: [{ name: 'username', errors: ['Đã có'] }] });
    expect(splitFormErrors(new ApiError(403, 'ROLE_NOT_GRANTABLE', 'Không cấp được', []), ['roles'])).toEqual({ fields: [], form: 'Không cấp được' });
  });
});
