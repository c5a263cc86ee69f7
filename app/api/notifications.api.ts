import { infiniteQueryOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import type { NotificationKind } from '../../domain/notifications/notification-kinds.ts';
import { api } from './api-client.ts';

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string;
  /** The page the notification is about (a report's form, the reports list); null: nothing to open. */
  link: string | null;
  createdAt: string;
  read: boolean;
}

export interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

export interface NotificationPreference {
  kind: NotificationKind;
  label: string;
  inApp: boolean;
  email: boolean;
}

export interface NotificationPreferences {
  /** Where e-mail copies go; null when the account has none (the e-mail switches then do nothing yet). */
  email: string | null;
  items: NotificationPreference[];
}

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread-count'] as const,
  list: (filter: { unreadOnly: boolean; limit: number }) => ['notifications', 'list', filter] as const,
  preferences: ['notification-preferences'] as const,
};

/**
 * The bell's count. Polled once a minute (and on window focus, TanStack's default) so a return
 * made by the commune reaches an officer who keeps the tab open all day without a reload.
 */
export const unreadCountQuery = () =>
  queryOptions({
    queryKey: notificationKeys.unread,
    queryFn: ({ signal }) => api.get<{ unread: number }>('/api/notifications/unread-count', { signal }),
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    // Offline the count waits for the network instead of failing in red (docs/offline.md).
    retry: false,
  });

export const notificationsQuery = (filter: { unreadOnly: boolean; limit: number }) =>
  queryOptions({
    queryKey: notificationKeys.list(filter),
    queryFn: ({ signal }) =>
      api.get<NotificationList>('/api/notifications', {
        query: { unreadOnly: filter.unreadOnly || undefined, limit: filter.limit },
        signal,
      }),
    refetchOnWindowFocus: true,
  });

/** A page for the full list: the newest (`before` null), or for "Xem thêm" the ones below the last id shown. */
export const olderNotifications = (filter: { unreadOnly: boolean; before: number | null; limit: number }) =>
  api.get<NotificationList>('/api/notifications', {
    query: { unreadOnly: filter.unreadOnly || undefined, before: filter.before, limit: filter.limit },
  });

export const markNotificationRead = (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`);
export const markAllNotificationsRead = () => api.post<{ unread: number }>('/api/notifications/read-all');

/** After a read mark: the count and every list (bell and page) show it at once. */
export function refreshNotifications(queryClient: QueryClient, unread?: number): Promise<void> {
  if (unread !== undefined) queryClient.setQueryData(notificationKeys.unread, { unread });
  return queryClient.invalidateQueries({ queryKey: notificationKeys.all });
}

export const notificationPreferencesQuery = () =>
  queryOptions({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => api.get<NotificationPreferences>('/api/notifications/preferences', { signal }),
  });

export const saveNotificationPreferences = (items: Pick<NotificationPreference, 'kind' | 'inApp' | 'email'>[]) =>
  api.put<NotificationPreferences>('/api/notifications/preferences', { items });

/** Where a mail copy stands in the outbox (server/notifications/deliveries.routes.ts). */
export type DeliveryStatus = 'pending' | 'sending' | 'sent' | 'dead' | 'digested';

/** One e-mail copy as GET /api/notifications/deliveries returns it. */
export interface DeliveryItem {
  id: number;
  status: DeliveryStatus;
  channel: string;
  recipient: string;
  attempts: number;
  /** The mail server's answer at the last attempt. */
  lastError: string | null;
  nextAttemptAt: string;
  sentAt: string | null;
  notification: { id: number; kind: string; title: string; createdAt: string };
  user: { id: number; username: string; fullName: string; unitName: string };
}

export const DELIVERIES_PAGE_SIZE = 50;

// Its own root, not notificationKeys.all: a read mark on the bell must not reload the outbox.
export const deliveryKeys = {
  all: ['notification-deliveries'] as const,
  list: (status: DeliveryStatus | null) => ['notification-deliveries', status] as const,
};

/**
 * The administrators' outbox (users.manage), newest first; null status: the whole delivery log.
 * Keyset paging on id, so mails queued meanwhile never shift what "Xem thêm" appends. The API
 * gives no cursor: a full page means there may be more below its last id.
 */
export const deliveriesQuery = (status: DeliveryStatus | null) =>
  infiniteQueryOptions({
    queryKey: deliveryKeys.list(status),
    queryFn: ({ pageParam, signal }) =>
      api.get<{ items: DeliveryItem[] }>('/api/notifications/deliveries', {
        query: { status: status ?? undefined, before: pageParam, limit: DELIVERIES_PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.items.length < DELIVERIES_PAGE_SIZE ? undefined : last.items.at(-1)?.id),
  });

/** A dead mail back in the queue, to the recipient's current address (returned here). */
export const resendDelivery = (id: number) =>
  api.post<{ id: number; status: 'pending'; recipient: string }>(`/api/notifications/deliveries/${id}/resend`);

export const NOTIFICATIONS_PATH = '/thong-bao';
export const NOTIFICATION_SETTINGS_PATH = '/thong-bao/cai-dat';
