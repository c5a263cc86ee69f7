import { Spin } from 'antd';
import { RetryAlert } from '../../components/retry.alert.tsx';

/** What the notifications pages show until their query has an answer: a spinner, or the error with Thử lại. */
export function NotificationsNotReady({ query }: { query: { isPending: boolean; error: unknown; refetch: () => Promise<unknown> } }) {
  return query.isPending ? (
    <div className="notification-empty">
      <Spin />
    </div>
  ) : (
    <RetryAlert error={query.error} onRetry={() => void query.refetch()} />
  );
}
