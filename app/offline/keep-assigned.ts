import { useEffect } from 'react';
import { api } from '../api/api-client.ts';
import { isOnlineNow } from './connectivity.ts';
import { withDeviceCopy } from './device-copy.ts';

/**
 * Keeps on the device every report the unit still has to fill (draft or returned), as soon as the
 * list shows them online: an officer who looked at the list in the office can open and fill any of
 * them on the factory floor, not only the one they happened to open. A report not yet created
 * ("Lập báo cáo") is created on the server first, so it needs the network once.
 */
export function useKeepAssignedReports(items: { reportId: number | null; status: string | null }[] | undefined): void {
  const ids = (items ?? []).filter((i) => i.reportId !== null && (i.status === 'draft' || i.status === 'returned')).map((i) => i.reportId!);
  const idList = ids.join(',');
  useEffect(() => {
    if (!idList || !isOnlineNow()) return;
    const controller = new AbortController();
    void (async () => {
      for (const id of idList.split(',')) {
        for (const url of [`/api/reports/${id}`, `/api/reports/${id}/tasks`]) {
          if (controller.signal.aborted) return;
          await withDeviceCopy(url, () => api.get(url, { signal: controller.signal })).catch(() => undefined);
        }
      }
    })();
    return () => controller.abort();
  }, [idList]);
}
