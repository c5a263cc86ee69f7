import { SettingOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Segmented } from 'antd';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import {
  NOTIFICATION_SETTINGS_PATH,
  markAllNotificationsRead,
  notificationKeys,
  olderNotifications,
  refreshNotifications,
} from '../../api/notifications.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { NotificationItems } from './notification-items.tsx';
import './notifications.css';
import { NotificationsNotReady } from './notifications-not-ready.tsx';

const PAGE = 30;
// In the address, so a bookmark or a reload keeps the filter.
const FILTER_PARAM = 'xem';
const UNREAD = 'chua-doc';

/** Every notification of the signed-in person, newest first, with the unread ones marked. */
export default function NotificationsScene() {
  useDocumentTitle('Thông báo');
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get(FILTER_PARAM) === UNREAD;
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  const list = useInfiniteQuery({
    queryKey: [...notificationKeys.all, 'page', { unreadOnly }],
    queryFn: ({ pageParam }) => olderNotifications({ unreadOnly, before: pageParam, limit: PAGE }),
    // The first page is the newest; each next one starts below the last id shown.
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.items.length < PAGE ? undefined : last.items.at(-1)!.id),
    refetchOnWindowFocus: true,
  });
  const readAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: (answer) => refreshNotifications(queryClient, answer.unread),
    onError: (error) => void message.error(errorMessage(error)),
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  // The page and the bell above it say the same number.
  const firstUnread = list.data?.pages[0]?.unread;
  useEffect(() => {
    if (firstUnread !== undefined) queryClient.setQueryData(notificationKeys.unread, { unread: firstUnread });
  }, [firstUnread, queryClient]);
  const setFilter = (value: string) => setParams(value === UNREAD ? { [FILTER_PARAM]: UNREAD } : {}, { replace: true });

  return (
    <div className="scene notifications-scene" data-testid="notifications-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Thông báo</h1>
          {list.isSuccess && (
            <span className="notification-summary" data-testid="notifications-unread">
              {unread > 0 ? `${unread} thông báo chưa đọc` : 'Bạn đã đọc hết thông báo'}
            </span>
          )}
        </div>
        <div className="notifications-actions">
          <Segmented
            value={unreadOnly ? UNREAD : 'tat-ca'}
            onChange={(v) => setFilter(String(v))}
            data-testid="notifications-filter"
            options={[
              { value: 'tat-ca', label: 'Tất cả' },
              { value: UNREAD, label: 'Chưa đọc' },
            ]}
          />
          <Button disabled={unread === 0} loading={readAll.isPending} onClick={() => readAll.mutate()} data-testid="notifications-read-all">
            Đánh dấu tất cả đã đọc
          </Button>
          <Link to={NOTIFICATION_SETTINGS_PATH} className="notifications-settings" data-testid="notifications-settings">
            <SettingOutlined /> Cài đặt thông báo
          </Link>
        </div>
      </div>

      {list.isPending || list.isError ? (
        <NotificationsNotReady query={list} />
      ) : items.length === 0 ? (
        <div className="notification-empty notifications-page-empty" data-testid="notifications-empty">
          {unreadOnly
            ? 'Không có thông báo chưa đọc.'
            : 'Chưa có thông báo nào. Khi báo cáo của đơn vị được gửi, trả lại, duyệt hoặc sắp đến hạn, bạn sẽ được báo tại đây.'}
        </div>
      ) : (
        <div className="notifications-page-list">
          <NotificationItems items={items} showMarkRead />
          {list.hasNextPage && (
            <div className="notifications-more">
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="notifications-more">
                Xem thêm
              </Button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
