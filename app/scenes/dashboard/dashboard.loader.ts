import type { QueryClient } from '@tanstack/react-query';
import { meKey, meQuery } from '../../api/auth.api.ts';
import { progressQuery, type ProgressFilter } from '../../api/progress.api.ts';
import type { CurrentUser } from '../../../server/auth/auth.schema.ts';
import { todayIso } from '../../lib/calendar-date.ts';

/** What Tổng quan opens on: the officer's own unit (the server's default), today, reviewed figures only. */
export const openingFilter = (): ProgressFilter => ({ unitId: undefined, asOf: todayIso(), includeSubmitted: false });

/**
 * The route's loader starts Tổng quan's main request with the navigation, beside the session
 * check (/api/auth/me) rather than after it: the cards wait one round trip less, 0.56 s on a
 * "Fast 3G" phone (bench/first-load.bench.ts). It returns at once; the screen reads the cache.
 */
export const dashboardLoader = (queryClient: QueryClient) => () => {
  // A user who must change the password first is refused everything else (403): the figures are
  // asked for only once the session is known to allow them — at once when it is already known.
  const known = queryClient.getQueryData<CurrentUser>(meKey);
  const session = known ? Promise.resolve(known) : queryClient.ensureQueryData(meQuery());
  void session.then(
    (me) => {
      if (me && !me.user.mustChangePassword) void queryClient.prefetchQuery(progressQuery(openingFilter()));
    },
    () => undefined,
  );
  return null;
};
