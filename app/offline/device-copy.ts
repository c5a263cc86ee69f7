/**
 * Network first, the device's copy when there is no network: the few answers an officer needs to
 * open an assigned report offline (who they are, their reports, each report) are kept in
 * IndexedDB each time they arrive, per user, and read back only when the server cannot be reached.
 * Kept in the app rather than in the service worker's cache so that the app knows which user an
 * answer belongs to, can say that it is showing a copy, and forgets it on logout.
 */
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { ApiError } from '../api/api-client.ts';
import { noteReachable } from './connectivity.ts';
import { forgetUser, readAnswer, readSession, saveAnswer, saveSession } from './offline-db.ts';

let currentUserKey: string | null = null;
const servedFromDevice = new Map<string, string>();

export const userKeyOf = (me: Pick<CurrentUser, 'user'>) => String(me.user.id ?? me.user.username);

/** Whose copies and drafts this page reads and writes (null before anyone signed in). */
export const offlineUserKey = () => currentUserKey;

/** The server cannot be reached (as opposed to answering no): the cases a device copy stands in for. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504);
}

/** Signed in (or the session answered): remember who, for the next offline start. */
export async function rememberUser(me: CurrentUser): Promise<void> {
  currentUserKey = userKeyOf(me);
  try {
    await saveSession({ userKey: currentUserKey, me: { ...me, csrfToken: null }, savedAt: new Date().toISOString() });
  } catch {
    // No IndexedDB here: the app works online as before.
  }
}

/** /api/auth/me, or the user last signed in on this device when the server is unreachable (no CSRF token: nothing can be written until online). */
export async function sessionWithDeviceCopy(fetcher: () => Promise<CurrentUser>): Promise<CurrentUser> {
  try {
    const me = await fetcher();
    noteReachable(true);
    return me;
  } catch (error) {
    noteReachable(!isUnreachable(error));
    const last = isUnreachable(error) ? await lastUser() : null;
    if (!last) throw error;
    return last;
  }
}

async function lastUser(): Promise<CurrentUser | null> {
  try {
    const record = await readSession();
    if (!record) return null;
    currentUserKey = record.userKey;
    return record.me as CurrentUser;
  } catch {
    return null;
  }
}

export async function forgetCurrentUser(): Promise<void> {
  const key = currentUserKey;
  currentUserKey = null;
  servedFromDevice.clear();
  if (key) await forgetUser(key).catch(() => undefined);
}

/** GETs `url` with `fetcher`; keeps the answer on the device, or reads the kept one when the server is unreachable. */
export async function withDeviceCopy<T>(url: string, fetcher: () => Promise<T>): Promise<T> {
  const userKey = currentUserKey;
  try {
    const body = await fetcher();
    noteReachable(true);
    servedFromDevice.delete(url);
    if (userKey)
      await saveAnswer({ key: `${userKey}|${url}`, userKey, url, body, savedAt: new Date().toISOString() }).catch(() => undefined);
    return body;
  } catch (error) {
    noteReachable(!isUnreachable(error));
    if (!userKey || !isUnreachable(error)) throw error;
    const kept = await readAnswer(userKey, url).catch(() => undefined);
    if (!kept) throw error;
    servedFromDevice.set(url, kept.savedAt);
    return kept.body as T;
  }
}

/** When the answer for `url` shown now is the device's copy: the time it was kept; otherwise undefined. */
export const deviceCopyTime = (url: string) => servedFromDevice.get(url);

/** Whether the device holds a copy of `url` for the current user (the report opens offline). */
export async function hasDeviceCopy(url: string): Promise<boolean> {
  if (!currentUserKey) return false;
  return (await readAnswer(currentUserKey, url).catch(() => undefined)) !== undefined;
}

/** Replaces the kept copy (after a save or a submission the sync made, so an offline reopen shows it). */
export async function patchDeviceCopy<T>(url: string, change: (body: T) => T): Promise<void> {
  const userKey = currentUserKey;
  if (!userKey) return;
  const kept = await readAnswer(userKey, url).catch(() => undefined);
  if (kept) await saveAnswer({ ...kept, body: change(kept.body as T), savedAt: new Date().toISOString() }).catch(() => undefined);
}
