import { BellOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Badge, Button, Drawer, Popover, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import {
  NOTIFICATIONS_PATH,
  NOTIFICATION_SETTINGS_PATH,
  markAllNotificationsRead,
  notificationKeys,
  notificationsQuery,
  refreshNotifications,
  unreadCountQuery,
} from '../../api/notifications.api.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { NotificationItems } from './notification-items.tsx';
import './notifications.css';

/** The latest few: the bell answers "what is new", the page holds the rest. */
const LATEST = 8;

/**
 * The header's bell: the unread count (polled, and again when the window regains focus), and on
 * a click the latest notifications. A laptop shows them in a panel under the bell; a phone in a
 * drawer as wide as the screen (a 380 px panel would run off a 360 px one).
 */
export function NotificationBell() {
  const isPhone = useIsPhone();
  const [isOpen, setOpen] = useState(false);
  const count = useQuery(unreadCountQuery());
  const unread = count.data?.unread ?? 0;
  const label = unread > 0 ? `Thông báo: ${unread} chưa đọc` : 'Thông báo';

  // On a laptop the Popover opens and closes itself on the click; on a phone the button opens the drawer.
  const button = (
    <Button
      type="text"
      className="notification-bell"
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      aria-expanded={isOpen}
      data-testid="notification-bell"
      data-unread={unread}
      onClick={isPhone ? () => setOpen(true) : undefined}
    >
      <Badge count={unread} overflowCount={99} size="small" offset={[2, -2]}>
        <BellOutlined className="notification-bell-icon" />
      </Badge>
    </Button>
  );
  const panel = <LatestPanel isOpen={isOpen} onClose={() => setOpen(false)} />;

  if (isPhone) {
    return (
      <>
        {button}
        <Drawer
          open={isOpen}
          placement="right"
          size="100%"
          title="Thông báo"
          onClose={() => setOpen(false)}
          closable={{ 'aria-label': 'Đóng thông báo' }}
          className="notification-drawer"
          data-testid="notification-panel"
        >
          {panel}
        </Drawer>
      </>
    );
  }
  return (
    <Popover
      open={isOpen}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      title={null}
      content={
        <div className="notification-popover" data-testid="notification-panel">
          {panel}
        </div>
      }
    >
      {button}
    </Popover>
  );
}

function LatestPanel({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  // Read only while open: the count alone is polled, not a list nobody is looking at.
  const latest = useQuery({ ...notificationsQuery({ unreadOnly: false, limit: LATEST }), enabled: isOpen });
  const readAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: (answer) => refreshNotifications(queryClient, answer.unread),
    onError: (error) => void message.error(errorMessage(error)),
  });
  const items = latest.data?.items ?? [];
  const unread = latest.data?.unread ?? 0;
  // The list carries the count too: the badge never disagrees with the panel under it.
  useEffect(() => {
    if (latest.data) queryClient.setQueryData(notificationKeys.unread, { unread: latest.data.unread });
  }, [latest.data, queryClient]);

  return (
    <div className="notification-panel">
      <div className="notification-panel-head">
        <strong className="notification-panel-title">Thông báo</strong>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={readAll.isPending}
          onClick={() => readAll.mutate()}
          data-testid="notification-read-all"
        >
          Đánh dấu tất cả đã đọc
        </Button>
      </div>
      {latest.isPending ? (
        <div className="notification-empty">
          <Spin size="small" />
        </div>
      ) : latest.isError ? (
        <div className="notification-empty">{errorMessage(latest.error)}</div>
      ) : items.length === 0 ? (
        <div className="notification-empty" data-testid="notification-empty">
          Chưa có thông báo nào.
        </div>
      ) : (
        <NotificationItems items={items} onOpen={onClose} />
      )}
      <div className="notification-panel-foot">
        <Link to={NOTIFICATIONS_PATH} onClick={onClose} data-testid="notification-see-all">
          Xem tất cả thông báo
        </Link>
        <Link
          to={NOTIFICATION_SETTINGS_PATH}
          onClick={onClose}
          className="notification-settings-link"
          data-testid="notification-settings-link"
        >
          <SettingOutlined /> Cài đặt
        </Link>
      </div>
    </div>
  );
}
