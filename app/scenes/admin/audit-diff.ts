import { ROLE_SEEDS } from '../../../domain/access/permission.ts';
import { parsePeriod } from '../../../domain/periods/period.ts';
import { REPORT_STATUS_LABELS } from '../../../domain/reporting/report-workflow.ts';
import { TASK_STATUS_LABELS } from '../../../domain/tasks/task-status.ts';
import { sectorLabel } from '../../components/registry/registry-format.ts';

/**
 * Before/after of an audit row as a list of changed fields, in words. Rows store whole records
 * (or just the fields a write touched) with ids and codes; a reader wants "what changed", named
 * as the screens name it: unchanged fields are dropped, a report's figures are listed one by one
 * under their own labels, ids and codes become names, technical keys (a session id, a checksum)
 * are left out.
 */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
  kind: 'added' | 'removed' | 'changed';
}

/** Names the server looked up for the page (GET /api/audit → names). */
export interface AuditNameContext {
  units: Record<string, string>;
  unitCodes: Record<string, string>;
  elements: Record<string, string>;
  templates: Record<string, string>;
}

const NO_NAMES: AuditNameContext = { units: {}, unitCodes: {}, elements: {}, templates: {} };

const FIELD_LABELS: Readonly<Record<string, string>> = {
  username: 'Tên đăng nhập',
  fullName: 'Họ và tên',
  full_name: 'Họ và tên',
  unitId: 'Đơn vị',
  unit_id: 'Đơn vị',
  toUnitId: 'Chuyển đến đơn vị',
  cdcsUnitId: 'Công đoàn cơ sở',
  cdcs_unit_id: 'Công đoàn cơ sở',
  areaUnitId: 'Công đoàn địa bàn',
  area_unit_id: 'Công đoàn địa bàn',
  issuerUnitId: 'Đơn vị ban hành',
  assigneeUnitIds: 'Giao cho',
  roles: 'Vai trò',
  email: 'Thư điện tử',
  phone: 'Điện thoại',
  cccd: 'Số CCCD',
  gender: 'Giới tính',
  birthDate: 'Ngày sinh',
  cardNumber: 'Số thẻ đoàn viên',
  joinedOn: 'Ngày vào công đoàn',
  isDisabled: 'Bị khóa',
  is_disabled: 'Bị khóa',
  mustChangePassword: 'Phải đổi mật khẩu',
  must_change_password: 'Phải đổi mật khẩu',
  name: 'Tên',
  title: 'Tiêu đề',
  symbol: 'Số, ký hiệu',
  subject: 'Nội dung chỉ tiêu',
  roleCode: 'Vai trò',
  role_code: 'Vai trò',
  expiresAt: 'Hết hạn',
  expires_at: 'Hết hạn',
  revokedAt: 'Thu hồi lúc',
  revoked_at: 'Thu hồi lúc',
  status: 'Trạng thái',
  templateCode: 'Biểu mẫu',
  periodCode: 'Kỳ báo cáo',
  comment: 'Ý kiến',
  reason: 'Lý do',
  date: 'Ngày',
  on: 'Từ ngày',
  effectiveFrom: 'Có hiệu lực từ',
  closedOn: 'Ngày rút',
  closedReason: 'Lý do rút',
  fileName: 'Tên tệp',
  size: 'Dung lượng (byte)',
  sizeBytes: 'Dung lượng (byte)',
  targetsFound: 'Số chỉ tiêu đọc được',
  fields: 'Thông tin đã xem',
  format: 'Định dạng tệp',
  unmasked: 'Hiện đầy đủ CCCD, điện thoại',
  rows: 'Số dòng',
  inserted: 'Số dòng thêm mới',
  updated: 'Số dòng cập nhật',
  attempts: 'Số lần nhập sai liên tiếp',
  lockedUntil: 'Tạm khóa đến',
  sessions: 'Số phiên đăng nhập đã kết thúc',
  tax_code: 'Mã số thuế',
  taxCode: 'Mã số thuế',
  sector: 'Khu vực',
  industry: 'Ngành nghề',
  address: 'Địa chỉ',
  province_name: 'Tỉnh, thành phố',
  commune_name: 'Xã, phường',
  workers: 'Số lao động',
  women_workers: 'Số lao động nữ',
  workers_counted_on: 'Ngày tính số lao động',
  number: 'Số thỏa ước',
  kind: 'Loại',
  mode: 'Cách chuyển',
  signedOn: 'Ngày ký',
  expiresOn: 'Ngày hết hạn',
  qualityClass: 'Xếp loại',
  betterThanLaw: 'Có lợi hơn so với luật',
  comparator: 'So sánh',
  value: 'Giá trị',
  indicatorCode: 'Chỉ số',
  timing: 'Thời hạn',
  deadline: 'Hạn hoàn thành',
  annualFrom: 'Hằng năm từ',
  annualTo: 'Hằng năm đến',
  documentId: 'Văn bản (mã)',
  created: 'Thành lập',
  moved: 'Chuyển đơn vị',
  merged: 'Sáp nhập',
  split: 'Chia tách',
  dissolved: 'Giải thể',
  renamed: 'Đổi tên',
  employers: 'Số doanh nghiệp đổi công đoàn địa bàn',
  seed: 'Hạt giống dữ liệu mẫu',
  units: 'Số đơn vị',
  accounts: 'Số tài khoản',
  members: 'Số đoàn viên',
  agreements: 'Số thỏa ước',
  unit: 'Đơn vị tính',
  definition: 'Định nghĩa',
  numerator: 'Tử số',
  denominator: 'Mẫu số',
  rules: 'Quy tắc kiểm tra',
  keptId: 'Hồ sơ giữ lại (mã)',
  withdrawn: 'Số nơi đã thu hồi',
};

/** Keys that mean nothing to a reader of the log (they stay in the database for investigators). */
const HIDDEN = new Set([
  'sessionId',
  'sha256',
  'version',
  'templateVersion',
  'evidenceId',
  'statusId',
  'linkId',
  'parentAssignmentId',
  'assignmentId',
  'firstRow',
  'history',
  'items',
  'phases',
  'deferred',
  'seconds',
  'scale',
  'linkedDocumentId',
]);

export function fieldLabel(field: string, names: AuditNameContext = NO_NAMES): string {
  if (field.startsWith('values.')) {
    const code = field.slice('values.'.length);
    return names.elements[code] ?? `Số liệu ${code}`;
  }
  return FIELD_LABELS[field] ?? field;
}

const ROLE_NAMES = new Map(ROLE_SEEDS.map((r) => [r.code, r.name]));
const STATUS_LABELS: Record<string, string> = {
  ...REPORT_STATUS_LABELS,
  ...TASK_STATUS_LABELS,
  active: 'Đang sinh hoạt',
  left: 'Đã ra khỏi tổ chức',
};
/** Coded values whose field is ambiguous (kind: an agreement's kind, or a restructuring step). */
const VALUE_LABELS: Record<string, string> = {
  create: 'Thành lập',
  rename: 'Đổi tên',
  move: 'Chuyển đơn vị',
  merge: 'Sáp nhập',
  split: 'Chia tách',
  dissolve: 'Giải thể',
  enterprise: 'Thỏa ước doanh nghiệp',
  sector: 'Thỏa ước ngành',
  multi_employer: 'Thỏa ước nhiều doanh nghiệp',
  combine: 'Gộp chỉ tiêu',
  close: 'Đóng chỉ tiêu',
};
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function unitName(id: unknown, names: AuditNameContext): string {
  return names.units[String(id)] ?? `đơn vị (mã ${String(id)})`;
}
const unitByCode = (code: unknown, names: AuditNameContext) => names.unitCodes[String(code)] ?? String(code);

/** A value as one line of text, in the words of the field it belongs to. */
export function showValue(value: unknown, field = '', names: AuditNameContext = NO_NAMES): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (/(^u|U)nitIds?$/.test(field) || field.endsWith('_unit_id') || field === 'unit_id') {
    return Array.isArray(value) ? value.map((v) => unitName(v, names)).join(', ') : unitName(value, names);
  }
  if (field === 'roles' || field === 'roleCode' || field === 'role_code') {
    const codes = Array.isArray(value) ? value : [value];
    return codes.map((c) => ROLE_NAMES.get(String(c)) ?? String(c)).join(', ');
  }
  if (field === 'status' && typeof value === 'string') return STATUS_LABELS[value] ?? value;
  if (field === 'templateCode' && typeof value === 'string') return names.templates[value] ?? value;
  if (field === 'periodCode' && typeof value === 'string') {
    try {
      return parsePeriod(value).label;
    } catch {
      return value;
    }
  }
  if (field === 'gender') return value === 'male' ? 'Nam' : value === 'female' ? 'Nữ' : String(value);
  if (field === 'sector' && typeof value === 'string') return sectorLabel(value) || value;
  if (field === 'fields' && Array.isArray(value)) return value.map((f) => fieldLabel(String(f)).toLowerCase()).join(', ');
  if (field === 'format' && typeof value === 'string') return value.toUpperCase();
  if ((field === 'kind' || field === 'mode') && typeof value === 'string') return VALUE_LABELS[value] ?? value;
  if (field === 'renamed' && Array.isArray(value)) {
    return value
      .map((r) =>
        r && typeof r === 'object' ? `${String((r as { from?: unknown }).from)} → ${String((r as { to?: unknown }).to)}` : String(r),
      )
      .join('; ');
  }
  if (field === 'created' && Array.isArray(value)) return value.map((c) => unitByCode(c, names)).join(', ');
  if ((field === 'moved' || field === 'dissolved') && Array.isArray(value)) {
    return value
      .map((pair) => (Array.isArray(pair) ? `${unitByCode(pair[0], names)} → ${unitByCode(pair[1], names)}` : String(pair)))
      .join('; ');
  }
  if ((field === 'merged' || field === 'split') && Array.isArray(value)) {
    return value
      .map((pair) =>
        Array.isArray(pair)
          ? `${unitByCode(pair[0], names)} → ${(Array.isArray(pair[1]) ? pair[1] : [pair[1]]).map((c) => unitByCode(c, names)).join(', ')}`
          : String(pair),
      )
      .join('; ');
  }
  if (typeof value === 'number') return value.toLocaleString('vi-VN');
  if (typeof value === 'string') {
    const date = DATE.exec(value);
    if (date) return `${date[3]}/${date[2]}/${date[1]}`;
    if (TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value)))
      return new Date(value).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
    return value;
  }
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ');
  if (Array.isArray(value)) return value.map((v) => showValue(v, '', names)).join('; ');
  // A nested record: its fields in words, one after another.
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => !HIDDEN.has(k))
    .map(([k, v]) => `${fieldLabel(k, names)}: ${showValue(v, k, names)}`)
    .join('; ');
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** A report's figures are one field per data element, not one JSON blob. */
function flatten(record: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!record) return null;
  const values = asRecord(record.values);
  if (!values) return record;
  const { values: _values, ...rest } = record;
  return { ...rest, ...Object.fromEntries(Object.entries(values).map(([code, v]) => [`values.${code}`, v])) };
}

export function diffFields(before: unknown, after: unknown, names: AuditNameContext = NO_NAMES): FieldChange[] {
  const b = flatten(asRecord(before));
  const a = flatten(asRecord(after));
  if (!b && !a) {
    if (before === null && after === null) return [];
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    return [{ field: '', before: showValue(before, '', names), after: showValue(after, '', names), kind: 'changed' }];
  }
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !HIDDEN.has(k));
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
    changes.push({ field: key, before: showValue(bv, key, names), after: showValue(av, key, names), kind });
  }
  return changes;
}

/** The row's detail as label/value pairs, technical keys left out. */
export function detailEntries(detail: unknown, names: AuditNameContext = NO_NAMES): { field: string; label: string; value: string }[] {
  const record = asRecord(detail);
  if (!record) return [];
  return Object.entries(record)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined)
    .map(([k, v]) => ({ field: k, label: fieldLabel(k, names), value: showValue(v, k, names) }));
}
