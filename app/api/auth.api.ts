import { queryOptions } from '@tanstack/react-query';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { forgetCurrentUser, rememberUser, sessionWithDeviceCopy } from '../offline/device-copy.ts';
import { ApiError, api } from './api-client.ts';

/**
 * The session lives in an httpOnly cookie the app never sees; what the app keeps is the CSRF
 * token the server hands out with the current user, sent back on every state-changing call.
 */
let csrfToken: string | null = null;

export function currentCsrfToken(): string | null {
  return csrfToken;
}

function remember(user: CurrentUser): CurrentUser {
  csrfToken = user.csrfToken;
  // Kept on the device so the app opens offline as this user (docs/offline.md).
  void rememberUser(user);
  return user;
}

/** The session answered another caller (the offline sync's check): take its CSRF token. */
export const acceptSession = remember;

export const meKey = ['auth', 'me'] as const;

export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    // No network: the user last signed in here, without a CSRF token (nothing is written until the
    // server answers again; the sync checks the session before it sends anything).
    queryFn: async ({ signal }) => remember(await sessionWithDeviceCopy(() => api.get<CurrentUser>('/api/auth/me', { signal }))),
    staleTime: 5 * 60_000,
    // Offline the device's copy answers (TanStack would otherwise pause the query).
    networkMode: 'offlineFirst',
    retry: (count, error) => !(error instanceof ApiError && error.status === 401) && count < 1,
  });

export async function login(username: string, password: string): Promise<CurrentUser> {
  return remember(await api.post<CurrentUser>('/api/auth/login', { username: username.normalize('NFC').trim(), password }));
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/auth/logout');
  } finally {
    csrfToken = null;
    await forgetCurrentUser();
  }
}

export const LOGIN_PATH = '/dang-nhap';
export const NEXT_PARAM = 'tiep';
export const CHANGE_PASSWORD_PATH = '/doi-mat-khau';

/** The one password-change call; the server answers PASSWORD_POLICY / CURRENT_PASSWORD_WRONG with the field in `issues`. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<{ ok: boolean; message: string }> {
  return api.post('/api/auth/change-password', { currentPassword, newPassword });
}

/** Ends every session of this user (a lost phone, a shared computer); this one ends too. */
export async function logoutEverywhere(): Promise<{ ok: boolean; message: string }> {
  try {
    return await api.post('/api/auth/logout-all');
  } finally {
    csrfToken = null;
    await forgetCurrentUser();
  }
}

/** To the login page and back here afterwards; a full load drops every cached answer. */
export function goToLogin(): void {
  const { pathname, search } = window.location;
  if (pathname.startsWith(LOGIN_PATH)) return;
  window.location.assign(`${LOGIN_PATH}?${new URLSearchParams({ [NEXT_PARAM]: pathname + search })}`);
}

/** Where to go after logging in: only paths inside the app, never another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith(LOGIN_PATH)) return '/tong-quan';
  return next;
}
