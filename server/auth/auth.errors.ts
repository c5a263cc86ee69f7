// Refusals of logging in, sessions, API tokens and the access guard.
import { AppError } from '../../domain/errors/app-error.ts';

export const authErrors = {
  unauthenticated: () => new AppError('UNAUTHENTICATED', 'unauthenticated', 'Bạn cần đăng nhập để tiếp tục.'),
  /** What a caller outside the subtree reads too: it must not tell "elsewhere" from "nowhere". */
  notFound: () => new AppError('NOT_FOUND', 'not_found', 'Không tìm thấy dữ liệu yêu cầu.'),
  tokenInvalid: () => new AppError('TOKEN_INVALID', 'unauthenticated', 'Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.'),
  csrfInvalid: () =>
    new AppError('CSRF_INVALID', 'forbidden', 'Yêu cầu bị từ chối vì thiếu mã xác thực phiên (CSRF). Hãy tải lại trang và thử lại.'),
  passwordChangeRequired: () => new AppError('PASSWORD_CHANGE_REQUIRED', 'forbidden', 'Bạn cần đổi mật khẩu trước khi tiếp tục.'),
  forbidden: () => new AppError('FORBIDDEN', 'forbidden', 'Bạn không có quyền thực hiện thao tác này.'),
  invalidCredentials: () => new AppError('INVALID_CREDENTIALS', 'unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.'),
  accountLocked: (minutes: number) =>
    new AppError(
      'ACCOUNT_LOCKED',
      'rate_limited',
      `Tài khoản tạm khóa do nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau ${minutes} phút.`,
    ),
  /** Too many failed logins from one address (the HTTP rate limit has its own sentence, in error-handler.ts). */
  tooManyAttemptsFromAddress: (minutes: number) =>
    new AppError('RATE_LIMITED', 'rate_limited', `Quá nhiều lần thử từ địa chỉ này. Vui lòng thử lại sau ${minutes} phút.`),
  accountDisabled: () => new AppError('ACCOUNT_DISABLED', 'forbidden', 'Tài khoản đã bị khóa. Vui lòng liên hệ quản trị viên đơn vị.'),
  notAUser: () => new AppError('NOT_A_USER', 'forbidden', 'Chỉ người dùng mới đổi được mật khẩu.'),
  currentPasswordWrong: () =>
    new AppError('CURRENT_PASSWORD_WRONG', 'bad_request', 'Mật khẩu hiện tại không đúng.', [
      { path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' },
    ]),
  /** `message` is the password policy's own sentence (domain/access/password-policy.ts). */
  passwordPolicy: (message: string) => new AppError('PASSWORD_POLICY', 'bad_request', message, [{ path: 'newPassword', message }]),
};
