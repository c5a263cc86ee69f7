import { Alert, Button } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link } from 'react-router';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { currentCsrfToken, goToLogin, meKey } from '../api/auth.api.ts';
import { probeServer } from './connectivity.ts';
import { userKeyOf } from './device-copy.ts';
import { draftsOf } from './offline-db.ts';
import { AUTH_MESSAGE } from './report-sync.ts';
import { reportSync } from './report-sync.client.ts';
import { noteUnsentDrafts } from './session-ended.ts';
import './offline.css';
import { draftStateLabel, useDrafts, useOnline } from './use-offline.ts';

/** While something waits on the device and the browser says online, try again this often (a signal that comes and goes). */
const RETRY_MS = 30_000;
/** While the server cannot be reached, ask whether it answers again this often (one tiny GET). */
const PROBE_MS = 5_000;

/**
 * The shell's word on the network and on figures kept on this device, and the one place that
 * starts the sync: at start, when the network comes back, and every little while while anything
 * waits. Shows nothing when online with nothing waiting.
 */
export function OfflineStatus({ me }: { me: CurrentUser }) {
  const userKey = userKeyOf(me);
  const isOnline = useOnline();
  const drafts = useDrafts(userKey);
  const queryClient = useQueryClient();
  const hasPending = drafts.some((d) => d.state === 'pending');
  const needsLogin = drafts.some((d) => d.state === 'auth');
  // Only drafts the sync can still send (and so mark "log in again"); one awaiting the officer's
  // choice simply waits for them after the login page.
  const hasSendable = hasPending || needsLogin;
  useEffect(() => noteUnsentDrafts(hasSendable), [hasSendable]);

  useEffect(() => {
    if (!isOnline) return;
    void reportSync.request(userKey).then(async () => {
      // Opened offline, the app has no CSRF token: once the session answers (and has not ended), fetch it.
      const hasEnded = await draftsOf(userKey).then(
        (all) => all.some((d) => d.state === 'auth'),
        () => false,
      );
      if (!currentCsrfToken() && !hasEnded) void queryClient.invalidateQueries({ queryKey: meKey });
    });
  }, [isOnline, userKey, queryClient]);

  useEffect(() => {
    if (isOnline) return;
    // The browser does not always say when the network is back (connectivity.ts): ask the server.
    const onBrowserOnline = () => void probeServer();
    window.addEventListener('online', onBrowserOnline);
    const timer = setInterval(() => {
      if (navigator.onLine) void probeServer();
    }, PROBE_MS);
    return () => {
      window.removeEventListener('online', onBrowserOnline);
      clearInterval(timer);
    };
  }, [isOnline]);

  useEffect(() => {
    if (!isOnline || !hasPending) return;
    const timer = setInterval(() => void reportSync.request(userKey), RETRY_MS);
    return () => clearInterval(timer);
  }, [isOnline, hasPending, userKey]);

  const waiting = drafts.filter((d) => draftStateLabel(d, isOnline) !== null);
  const needsLook = waiting.filter((d) => d.state === 'conflict' || d.state === 'refused');
  const unsent = waiting.length > 0 ? ` ${waiting.length} báo cáo có số liệu chưa gửi, đang được giữ trên máy này.` : '';
  // Where they are, so an officer on another screen can open them.
  const links = waiting.length > 0 && (
    <span className="offline-status-links">
      {waiting.map((d) => (
        <Link key={d.key} to={`/bao-cao-dinh-ky/${d.reportId}`} data-testid={`offline-draft-${d.reportId}`}>
          {d.title}
        </Link>
      ))}
    </span>
  );
  if (needsLogin) {
    return (
      <Alert
        banner
        type="warning"
        data-testid="offline-login-needed"
        title={`${AUTH_MESSAGE}${unsent}`}
        action={
          <Button size="small" type="primary" onClick={goToLogin} data-testid="offline-login-again">
            Đăng nhập lại
          </Button>
        }
      />
    );
  }
  if (!isOnline) {
    return (
      <Alert
        banner
        type="warning"
        data-testid="offline-indicator"
        title={`Không có mạng. Báo cáo đã mở trước đó vẫn xem và nhập được; số liệu được lưu trên máy này và tự gửi khi có mạng.${unsent}`}
        description={links}
      />
    );
  }
  if (needsLook.length > 0) {
    return (
      <Alert
        banner
        type="error"
        data-testid="offline-needs-look"
        title={`${needsLook.length} báo cáo có số liệu nhập trên máy này chưa gửi được: mở báo cáo để chọn số liệu giữ lại hoặc xem lý do.`}
        description={links}
      />
    );
  }
  if (waiting.length > 0)
    return (
      <Alert banner type="info" data-testid="offline-unsent" title={`Đang gửi số liệu đã lưu trên máy.${unsent}`} description={links} />
    );
  return null;
}
