/**
 * The pages under "Quản trị", each with the permission the server checks for its API. The menu
 * and the routes read this one list, so a page is never shown to someone its API would refuse.
 */
export interface AdminPage {
  key: string;
  path: string;
  label: string;
  /** null: every signed-in user (changing one's own password). */
  permission: string | null;
  /** Also shown, read-only, to callers holding this one (the page hides what they may not do). */
  readPermission?: string;
}

export const CHANGE_PASSWORD_PAGE_PATH = '/doi-mat-khau';

export const ADMIN_PAGES: readonly AdminPage[] = [
  { key: 'admin-users', path: '/quan-tri/tai-khoan', label: 'Tài khoản', permission: 'users.manage' },
  // GET /api/roles is guarded by users.manage: roles are read when granting them.
  { key: 'admin-roles', path: '/quan-tri/vai-tro', label: 'Vai trò', permission: 'users.manage' },
  // The outbox's dead letters are fixed by whoever fixes the accounts' addresses (users.manage).
  { key: 'admin-deliveries', path: '/quan-tri/thu-thong-bao', label: 'Thư thông báo', permission: 'users.manage' },
  { key: 'admin-tokens', path: '/quan-tri/khoa-api', label: 'Khóa API', permission: 'tokens.manage' },
  { key: 'admin-audit', path: '/quan-tri/nhat-ky', label: 'Nhật ký', permission: 'audit.read' },
  // The lists are read with targets.read (what targets are measured by); writes need measures.manage.
  {
    key: 'admin-measures',
    path: '/quan-tri/chi-so',
    label: 'Chỉ số và thành phần số liệu',
    permission: 'measures.manage',
    readPermission: 'targets.read',
  },
  { key: 'admin-password', path: CHANGE_PASSWORD_PAGE_PATH, label: 'Đổi mật khẩu', permission: null },
];

export function adminPagesFor(permissions: readonly string[]): AdminPage[] {
  return ADMIN_PAGES.filter(
    (page) =>
      page.permission === null ||
      permissions.includes(page.permission) ||
      (page.readPermission !== undefined && permissions.includes(page.readPermission)),
  );
}

export function adminPageForPath(pathname: string): AdminPage | undefined {
  return ADMIN_PAGES.find((page) => pathname === page.path || pathname.startsWith(`${page.path}/`));
}
