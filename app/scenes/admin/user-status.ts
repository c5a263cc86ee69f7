import type { UserItem } from '../../api/users.api.ts';
import { formatViTime } from './date-time.ts';

export interface StatusTag {
  key: 'active' | 'disabled' | 'locked' | 'must-change';
  label: string;
  color: string;
}

/**
 * What an administrator needs to know at a glance: can this person log in now, and if not,
 * why. A temporary lockout (too many wrong passwords) ends by itself; "Bị khóa" needs an unlock.
 */
export function userStatusTags(
  user: Pick<UserItem, 'isDisabled' | 'lockedUntil' | 'mustChangePassword'>,
  now: Date = new Date(),
): StatusTag[] {
  const tags: StatusTag[] = [];
  if (user.isDisabled) tags.push({ key: 'disabled', label: 'Bị khóa', color: 'red' });
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) {
    tags.push({ key: 'locked', label: `Tạm khóa đến ${formatViTime(user.lockedUntil)}`, color: 'orange' });
  }
  if (tags.length === 0) tags.push({ key: 'active', label: 'Đang hoạt động', color: 'green' });
  if (user.mustChangePassword) tags.push({ key: 'must-change', label: 'Chưa đổi mật khẩu lần đầu', color: 'gold' });
  return tags;
}
