import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { isOnlineNow, subscribeConnectivity } from './connectivity.ts';
import { draftsOf } from './offline-db.ts';
import type { ReportDraft } from './report-draft.ts';
import { reportSync } from './report-sync.client.ts';

/** Whether the server can be reached now (connectivity.ts: the browser's word and what requests saw). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeConnectivity, isOnlineNow, () => true);
}

export const draftsKey = (userKey: string | null) => ['offline', 'drafts', userKey] as const;

/** The drafts this user has on the device, kept current as the sync and the form change them. */
export function useDrafts(userKey: string | null): ReportDraft[] {
  const queryClient = useQueryClient();
  const drafts = useQuery({
    queryKey: draftsKey(userKey),
    queryFn: () => (userKey ? draftsOf(userKey).catch(() => []) : []),
    staleTime: Infinity,
    networkMode: 'always',
  });
  useEffect(() => reportSync.subscribe(() => void queryClient.invalidateQueries({ queryKey: draftsKey(userKey) })), [queryClient, userKey]);
  return drafts.data ?? [];
}

/** A report's state while its figures wait on the device, in the words shown beside the report. */
export function draftStateLabel(draft: ReportDraft, isOnline: boolean): string | null {
  switch (draft.state) {
    case 'conflict':
      return 'Chưa gửi được — cần chọn số liệu giữ lại';
    case 'auth':
      return 'Chưa gửi được — cần đăng nhập lại';
    case 'refused':
      return 'Chưa gửi được — xem lý do trong báo cáo';
    case 'pending':
      // While online a change waits a moment before it is sent: not worth a warning yet.
      if (isOnline && !draft.message) return null;
      return draft.submitRequested ? 'Chưa gửi được — sẽ gửi báo cáo khi có mạng' : 'Chưa gửi được — sẽ gửi khi có mạng';
  }
}
