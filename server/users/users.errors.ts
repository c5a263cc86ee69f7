// Refusals of the accounts module (administrators managing users in their subtree).
import { AppError } from '../../domain/errors/app-error.ts';

export const userErrors = {
  notFound: () => new AppError('USER_NOT_FOUND', 'not_found', 'Không tìm thấy tài khoản.'),
  stronger: () => new AppError('USER_STRONGER', 'forbidden', 'Bạn không thể thay đổi tài khoản có quyền cao hơn quyền của bạn.'),
  rolesUnknown: (codes: string[]) =>
    new AppError('ROLE_UNKNOWN', 'bad_request', `Vai trò không tồn tại: ${codes.join(', ')}.`, [
      { path: 'roles', message: 'Vai trò không tồn tại.' },
    ]),
  roleNotGrantable: (roleName: string) =>
    new AppError('ROLE_NOT_GRANTABLE', 'forbidden', `Bạn không thể cấp vai trò "${roleName}" vì vai trò này có quyền mà bạn không có.`),
  usernameTaken: (username: string) =>
    new AppError('USERNAME_TAKEN', 'conflict', `Tên đăng nhập "${username}" đã có người dùng. Hãy chọn tên khác.`),
  selfRoleChange: () => new AppError('SELF_ROLE_CHANGE', 'forbidden', 'Bạn không thể tự thay đổi vai trò của chính mình.'),
  selfLock: () => new AppError('SELF_LOCK', 'forbidden', 'Bạn không thể tự khóa tài khoản của mình.'),
};
