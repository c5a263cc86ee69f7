import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Switch, Typography } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import {
  NOTIFICATIONS_PATH,
  notificationKeys,
  notificationPreferencesQuery,
  saveNotificationPreferences,
  type NotificationPreference,
  type NotificationPreferences,
} from '../../api/notifications.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import './notifications.css';
import { NotificationsNotReady } from './notifications-not-ready.tsx';

type Channel = 'inApp' | 'email';

/**
 * Which kinds of notification the signed-in person receives, in the app and by e-mail. Only the
 * kinds their roles can bring are listed (the server decides). Each switch saves at once: there is
 * no form to forget to submit.
 */
export default function NotificationSettingsScene() {
  useDocumentTitle('Cài đặt thông báo');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const prefs = useQuery(notificationPreferencesQuery());
  const save = useMutation({
    mutationFn: (item: NotificationPreference) => saveNotificationPreferences([{ kind: item.kind, inApp: item.inApp, email: item.email }]),
    // The switch moves at once; the server's answer then replaces the whole table.
    onMutate: (item) => {
      queryClient.setQueryData<NotificationPreferences>(
        notificationKeys.preferences,
        (old) => old && { ...old, items: old.items.map((i) => (i.kind === item.kind ? item : i)) },
      );
    },
    onSuccess: (answer) => {
      queryClient.setQueryData(notificationKeys.preferences, answer);
      void message.success({ content: 'Đã lưu cài đặt thông báo.', key: 'notification-settings' });
    },
    onError: (error) => {
      void message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: notificationKeys.preferences });
    },
  });

  const toggle = (item: NotificationPreference, channel: Channel, on: boolean) => save.mutate({ ...item, [channel]: on });

  return (
    <div className="scene notification-settings-scene" data-testid="notification-settings">
      <div className="scene-header">
        <div>
          <Typography.Text type="secondary">
            <Link to={NOTIFICATIONS_PATH}>Thông báo</Link> / Cài đặt
          </Typography.Text>
          <h1 className="scene-title">Cài đặt thông báo</h1>
          <Typography.Paragraph type="secondary" className="notification-settings-lead">
            Chọn loại thông báo bạn muốn nhận trong ứng dụng (biểu tượng chuông) và qua thư điện tử. Thay đổi được lưu ngay.
          </Typography.Paragraph>
        </div>
      </div>
      {prefs.isPending || prefs.isError ? (
        <NotificationsNotReady query={prefs} />
      ) : (
        <>
          {prefs.data.email ? (
            <Alert
              type="info"
              showIcon
              className="notification-settings-email"
              data-testid="notification-settings-email"
              title={
                <>
                  Bản sao qua thư được gửi tới <strong>{prefs.data.email}</strong> khi hệ thống có máy chủ thư.
                </>
              }
            />
          ) : (
            <Alert
              type="warning"
              showIcon
              className="notification-settings-email"
              data-testid="notification-settings-email"
              title="Tài khoản của bạn chưa có địa chỉ thư điện tử: thông báo chỉ hiện trong ứng dụng. Nhờ quản trị viên đơn vị bổ sung địa chỉ nếu muốn nhận qua thư."
            />
          )}
          {prefs.data.items.length === 0 ? (
            <div className="notification-empty">Vai trò của bạn chưa nhận loại thông báo nào.</div>
          ) : (
            <div className="notification-settings-table" role="table" aria-label="Loại thông báo">
              <div className="notification-settings-row is-head" role="row">
                <span role="columnheader">Loại thông báo</span>
                <span role="columnheader">Trong ứng dụng</span>
                <span role="columnheader">Qua thư điện tử</span>
              </div>
              {prefs.data.items.map((item) => (
                <div className="notification-settings-row" role="row" key={item.kind} data-testid={`pref-${item.kind}`}>
                  <span role="cell" className="notification-settings-kind">
                    {item.label}
                  </span>
                  {(['inApp', 'email'] as const).map((channel) => (
                    <label role="cell" key={channel} className="notification-settings-switch">
                      <Switch
                        checked={item[channel]}
                        onChange={(on) => toggle(item, channel, on)}
                        data-testid={`pref-${item.kind}-${channel}`}
                        aria-label={`${item.label}: ${channel === 'inApp' ? 'trong ứng dụng' : 'qua thư điện tử'}`}
                      />
                      <span className="notification-settings-channel">{channel === 'inApp' ? 'Trong ứng dụng' : 'Qua thư điện tử'}</span>
                    </label>
                  ))}
                </div>
              ))}
            </div>
          )}
        </>
      )}
    </div>
  );
}
