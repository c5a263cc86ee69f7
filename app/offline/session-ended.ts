/**
 * A 401 normally sends the officer straight to the login page. With figures still waiting on the
 * device that would look like they were lost: instead the page stays, the sync marks the drafts
 * "log in again" and the shell says so, with a button to the login page (the drafts stay in
 * IndexedDB either way, and are sent after the next login as this user).
 */
import { offlineUserKey } from './device-copy.ts';
import { reportSync } from './report-sync.client.ts';

let hasUnsentDrafts = false;

/** Kept current by the shell from the device's drafts (offline-status.tsx). */
export function noteUnsentDrafts(isAny: boolean): void {
  hasUnsentDrafts = isAny;
}

/** True when the session's end is shown on the page rather than by leaving for the login page. */
export function holdsLoginRedirect(): boolean {
  const userKey = offlineUserKey();
  if (!hasUnsentDrafts || !userKey) return false;
  void reportSync.request(userKey);
  return true;
}
