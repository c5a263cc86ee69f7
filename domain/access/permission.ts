/**
 * Permissions are the vocabulary routes are guarded with. Roles (rows in the database, seeded
 * from ROLE_SEEDS) grant sets of them; a route declares the one it needs and where its unit is,
 * and one guard (server/auth/access-guard.ts) decides. Scope — which part of the tree — is not a
 * permission: it always comes from the unit the user or token is attached to.
 */
export const PERMISSIONS = [
  'org.read',
  'org.write',
  'org.restructure',
  'registry.read',
  'registry.write',
  'targets.read',
  'targets.write',
  'personal_data.view',
  'users.manage',
  'tokens.manage',
  'audit.read',
  'reports.read',
  'reports.submit',
  'reports.review',
  'reports.manage',
  'measures.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  'org.read': 'Xem cơ cấu tổ chức',
  'org.write': 'Sửa cơ cấu tổ chức',
  'org.restructure': 'Sắp xếp tổ chức: thành lập, đổi tên, chuyển, sáp nhập, chia tách, giải thể đơn vị',
  'registry.read': 'Xem sổ đoàn viên, CĐCS, doanh nghiệp, thỏa ước',
  'registry.write': 'Cập nhật sổ đoàn viên, CĐCS, doanh nghiệp, thỏa ước',
  'targets.read': 'Xem văn bản, chỉ tiêu và tiến độ thực hiện',
  'targets.write': 'Nhập, sửa văn bản và chỉ tiêu của đơn vị',
  'personal_data.view': 'Xem đầy đủ dữ liệu cá nhân (số CCCD, điện thoại)',
  'users.manage': 'Quản lý tài khoản người dùng',
  'tokens.manage': 'Quản lý khóa API cho hệ thống khác',
  'audit.read': 'Xem nhật ký hệ thống',
  'reports.read': 'Xem báo cáo định kỳ và tình hình nộp báo cáo',
  'reports.submit': 'Nhập và gửi báo cáo định kỳ của đơn vị',
  'reports.review': 'Duyệt, trả lại, mở lại báo cáo của đơn vị cấp dưới',
  'reports.manage': 'Quản lý biểu mẫu và quy tắc kiểm tra báo cáo',
  'measures.manage': 'Quản lý biểu mẫu và chỉ số: thành phần số liệu, chỉ số, phiên bản biểu mẫu của đơn vị và cấp dưới',
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export interface RoleSeed {
  code: string;
  name: string;
  description: string;
  permissions: Permission[];
}

/** The roles every installation starts with. Administrators can add others (data, not code). */
export const ROLE_SEEDS: RoleSeed[] = [
  {
    code: 'system_admin',
    name: 'Quản trị hệ thống',
    description: 'Quản lý tài khoản, khóa API và nhật ký trong phạm vi đơn vị của mình; xem và sửa mọi dữ liệu trong phạm vi đó.',
    // Every permission but seeing personal data in full (CCCD, phone numbers).
    permissions: PERMISSIONS.filter((p) => p !== 'personal_data.view'),
  },
  {
    code: 'union_staff',
    name: 'Cán bộ công đoàn',
    description: 'Xem và cập nhật dữ liệu của đơn vị mình và các đơn vị trực thuộc.',
    permissions: [
      'org.read',
      'org.write',
      'org.restructure',
      'registry.read',
      'registry.write',
      'targets.read',
      'targets.write',
      'reports.read',
      'reports.submit',
      'reports.review',
    ],
  },
  {
    code: 'grassroots_officer',
    name: 'Cán bộ CĐCS',
    description: 'Xem và cập nhật dữ liệu của công đoàn cơ sở mình và đoàn viên của công đoàn cơ sở đó.',
    permissions: ['org.read', 'registry.read', 'registry.write', 'targets.read', 'reports.read', 'reports.submit'],
  },
  {
    code: 'viewer',
    name: 'Người xem',
    description: 'Chỉ xem dữ liệu của đơn vị mình và các đơn vị trực thuộc.',
    permissions: ['org.read', 'registry.read', 'targets.read', 'reports.read'],
  },
  {
    code: 'personal_data_officer',
    name: 'Được xem dữ liệu cá nhân',
    description: 'Bổ sung cho vai trò khác: xem đầy đủ số CCCD, điện thoại của đoàn viên trong phạm vi (mỗi lần xem được ghi nhật ký).',
    permissions: ['personal_data.view'],
  },
];
