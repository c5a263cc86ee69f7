// Refusals of the API tokens module.
import { AppError } from '../../domain/errors/app-error.ts';

export const tokenErrors = {
  notFound: () => new AppError('TOKEN_NOT_FOUND', 'not_found', 'Không tìm thấy khóa API.'),
  roleUnknown: (roleCode: string) =>
    new AppError('ROLE_UNKNOWN', 'bad_request', `Vai trò không tồn tại: ${roleCode}.`, [
      { path: 'roleCode', message: 'Vai trò không tồn tại.' },
    ]),
  roleNotGrantable: (roleName: string) =>
    new AppError(
      'ROLE_NOT_GRANTABLE',
      'forbidden',
      `Bạn không thể cấp vai trò "${roleName}" cho khóa API vì vai trò này có quyền mà bạn không có.`,
    ),
  expiryInPast: () =>
    new AppError('EXPIRY_IN_PAST', 'bad_request', 'Ngày hết hạn của khóa API phải ở tương lai.', [
      { path: 'expiresAt', message: 'Ngày hết hạn phải ở tương lai.' },
    ]),
  stronger: () =>
    new AppError(
      'TOKEN_STRONGER',
      'forbidden',
      'Bạn không thể thu hồi khóa API có quyền cao hơn quyền của bạn; hãy đề nghị người quản trị cấp trên.',
    ),
};
