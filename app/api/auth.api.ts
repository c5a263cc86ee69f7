import { queryOptions } from '@tanstack/react-query';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
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
  return user;
}

export const meKey = ['auth', 'me'] as const;

export const meQuery = () =>
  queryOptions({
    queryKey: meKey,
    queryFn: async ({ signal }) => remember(await api.get<CurrentUser>('/api/auth/me', { signal })),
    staleTime: 5 * 60_000,
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
  }
}

export const LOGIN_PATH = '/dang-nhap';
export const NEXT_PARAM = 'tiep';

/** Where to go after logging in: only paths inside the app, never another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith(LOGIN_PATH)) return '/tong-quan';
  return next;
}
