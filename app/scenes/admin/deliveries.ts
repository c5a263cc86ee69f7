import type { DeliveryItem, DeliveryStatus } from '../../api/notifications.api.ts';
import { NOTIFICATION_KINDS } from '../../../domain/notifications/notification-kinds.ts';
import { formatViDateMinute } from './date-time.ts';

/** The filter's value for the whole delivery log (the API's "no status"). */
export const ALL_DELIVERIES = 'all';
export type DeliveryFilter = DeliveryStatus | typeof ALL_DELIVERIES;

/** Dead first: the page exists for the mails nobody received. */
export const DELIVERY_STATUS_LABELS: Record<DeliveryStatus, string> = {
  dead: 'Gửi không được',
  pending: 'Đang chờ',
  sending: 'Đang gửi',
  sent: 'Đã gửi',
  digested: 'Đã gộp vào thư tổng hợp',
};

const STATUS_COLORS: Record<DeliveryStatus, string> = { dead: 'red', pending: 'gold', sending: 'blue', sent: 'green', digested: 'default' };

export const DELIVERY_FILTER_OPTIONS: { value: DeliveryFilter; label: string }[] = [
  ...(Object.keys(DELIVERY_STATUS_LABELS) as DeliveryStatus[]).map((value) => ({ value, label: DELIVERY_STATUS_LABELS[value] })),
  { value: ALL_DELIVERIES, label: 'Tất cả' },
];

/** The API's status parameter: none asks for the whole log. */
export const statusOfFilter = (filter: DeliveryFilter): DeliveryStatus | null => (filter === ALL_DELIVERIES ? null : filter);

// The account notices and the digest are not in the preferences catalogue (they cannot be turned off).
const EXTRA_KIND_LABELS: Record<string, string> = {
  'account.created': 'Tài khoản được tạo',
  'account.locked': 'Tài khoản bị tạm khóa',
  'digest.daily': 'Thư tổng hợp hằng ngày',
};
const KIND_LABELS: Record<string, string> = {
  ...EXTRA_KIND_LABELS,
  ...Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k.kind, k.label])),
};

/** A kind added on the server before this list shows its code rather than nothing. */
export const deliveryKindLabel = (kind: string): string => KIND_LABELS[kind] ?? kind;

export function deliveriesEmptyText(filter: DeliveryFilter): string {
  if (filter === 'dead') return 'Không có thư nào gửi không được.';
  if (filter === ALL_DELIVERIES) return 'Chưa có thư thông báo nào.';
  return `Không có thư nào ở trạng thái “${DELIVERY_STATUS_LABELS[filter]}”.`;
}

export interface DeliveryRow {
  id: number;
  name: string;
  username: string;
  recipient: string;
  unitName: string;
  kindLabel: string;
  title: string;
  status: { label: string; color: string };
  attempts: number;
  lastError: string;
  /** When the notification was made, then what the status says about time (sent at, next try). */
  createdAt: string;
  when: string | null;
  canResend: boolean;
}

/**
 * One table row, worded. For a dead or digested mail next_attempt_at is the retry that will never
 * happen, so only a pending mail shows it; a sent mail shows when the server accepted it.
 */
export function deliveryRow(item: DeliveryItem): DeliveryRow {
  let when: string | null = null;
  if (item.status === 'sent' && item.sentAt) when = `Đã gửi lúc ${formatViDateMinute(item.sentAt)}`;
  else if (item.status === 'pending') when = `Gửi lúc ${formatViDateMinute(item.nextAttemptAt)}`;
  return {
    id: item.id,
    name: item.user.fullName,
    username: item.user.username,
    recipient: item.recipient,
    unitName: item.user.unitName,
    kindLabel: deliveryKindLabel(item.notification.kind),
    title: item.notification.title,
    status: { label: DELIVERY_STATUS_LABELS[item.status] ?? item.status, color: STATUS_COLORS[item.status] ?? 'default' },
    attempts: item.attempts,
    lastError: item.lastError ?? '',
    createdAt: formatViDateMinute(item.notification.createdAt),
    when,
    canResend: item.status === 'dead',
  };
}
