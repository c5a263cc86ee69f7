import { CheckOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { markNotificationRead, refreshNotifications, type NotificationItem } from '../../api/notifications.api.ts';
import { safeAppLink, timeAgo } from './time-ago.ts';

/** A click the browser should handle itself: a new tab or window (Ctrl, ⌘, Shift, the middle button). */
const opensElsewhere = (event: MouseEvent) => event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey;

/**
 * The notifications as links to what they are about. Opening one marks it read; the anchor has a
 * real href, so "open in a new tab" works as on any link (the mark is sent either way).
 */
export function NotificationItems({
  items,
  onOpen,
  showMarkRead = false,
}: {
  items: NotificationItem[];
  onOpen?: () => void;
  showMarkRead?: boolean;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const markRead = (item: NotificationItem) =>
    markNotificationRead(item.id).then(
      (answer) => refreshNotifications(queryClient, answer.unread),
      (error: unknown) => void message.error(errorMessage(error)),
    );

  const open = (item: NotificationItem, link: string | null, event: MouseEvent) => {
    if (!item.read) void markRead(item);
    if (!link || opensElsewhere(event)) return;
    event.preventDefault();
    onOpen?.();
    navigate(link);
  };

  return (
    <ul className="notification-items" data-testid="notification-items">
      {items.map((item) => {
        const link = safeAppLink(item.link);
        return (
          <li
            key={item.id}
            className={item.read ? 'notification-item' : 'notification-item is-unread'}
            data-testid={`notification-${item.id}`}
            data-kind={item.kind}
          >
            <a
              className="notification-link"
              href={link ?? undefined}
              role={link ? undefined : 'button'}
              tabIndex={0}
              onClick={(event) => open(item, link, event)}
              onKeyDown={(event) => {
                if (!link && (event.key === 'Enter' || event.key === ' ')) {
                  event.preventDefault();
                  if (!item.read) void markRead(item);
                }
              }}
            >
              {!item.read && <span className="notification-dot" aria-label="Chưa đọc" />}
              <span className="notification-text">
                <span className="notification-title" data-testid="notification-title">
                  {item.title}
                </span>
                {item.body && <span className="notification-body">{item.body}</span>}
                <time className="notification-time" dateTime={item.createdAt} title={new Date(item.createdAt).toLocaleString('vi-VN')}>
                  {timeAgo(item.createdAt)}
                </time>
              </span>
            </a>
            {showMarkRead && !item.read && (
              <IconAction
                label="Đánh dấu đã đọc"
                className="notification-mark"
                icon={<CheckOutlined />}
                onClick={() => void markRead(item)}
                testId={`notification-mark-${item.id}`}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
