/**
 * Password rules, stated once in a sentence a user can follow. Long passphrases are encouraged;
 * composition rules are kept to the minimum that stops the commonest guesses.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export const PASSWORD_POLICY_TEXT =
  `Mật khẩu cần từ ${PASSWORD_MIN_LENGTH} đến ${PASSWORD_MAX_LENGTH} ký tự, có cả chữ và số, ` +
  'không chứa tên đăng nhập và khác mật khẩu hiện tại.';

const COMMON = ['1234567890', 'password', 'matkhau', 'congdoan', 'qwerty', 'abc123'];

export function passwordProblem(password: string, username: string, current?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return PASSWORD_POLICY_TEXT;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return PASSWORD_POLICY_TEXT;
  const lower = password.toLowerCase();
  if (username.length >= 3 && lower.includes(username.toLowerCase())) return PASSWORD_POLICY_TEXT;
  if (current !== undefined && password === current) return PASSWORD_POLICY_TEXT;
  if (COMMON.some((c) => lower.includes(c))) return 'Mật khẩu quá dễ đoán. ' + PASSWORD_POLICY_TEXT;
  return null;
}
