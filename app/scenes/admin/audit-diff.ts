/**
 * Before/after of an audit row as a list of changed fields. Rows store whole records (or just
 * the fields a write touched); a reader wants "what changed", so unchanged fields are dropped
 * and nested values are compared by their JSON.
 */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
  kind: 'added' | 'removed' | 'changed';
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  full_name: 'Họ và tên',
  unitId: 'Đơn vị',
  unit_id: 'Đơn vị',
  roles: 'Vai trò',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
  isDisabled: 'Bị khóa',
  is_disabled: 'Bị khóa',
  mustChangePassword: 'Phải đổi mật khẩu',
  must_change_password: 'Phải đổi mật khẩu',
  name: 'Tên',
  roleCode: 'Vai trò',
  role_code: 'Vai trò',
  expiresAt: 'Hết hạn',
  expires_at: 'Hết hạn',
  revokedAt: 'Thu hồi lúc',
  revoked_at: 'Thu hồi lúc',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A value as one line of text: strings as is, empty as "—", lists joined, objects as JSON. */
export function showValue(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  return JSON.stringify(value);
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  if (!b && !a) {
    if (before === null && after === null) return [];
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: '', before: showValue(before), after: showValue(after), kind: 'changed' }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const changes: FieldChange[] = [];
  for (const key of keys) {
    const hasBefore = b !== null && key in b;
    const hasAfter = a !== null && key in a;
    const bv = b?.[key];
    const av = a?.[key];
    if (hasBefore && hasAfter && JSON.stringify(bv) === JSON.stringify(av)) continue;
    const kind = !hasBefore ? 'added' : !hasAfter ? 'removed' : 'changed';
    // A created record's empty fields say nothing; only what it was created with is listed.
    if (kind === 'added' && showValue(av) === '—') continue;
    changes.push({ field: key, before: showValue(bv), after: showValue(av), kind });
  }
  return changes;
}
