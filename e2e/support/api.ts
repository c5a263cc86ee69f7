/**
 * Reads the API directly, so specs pick their targets from the real data instead of
 * hard-coding names. Pass the cookie from `apiLogin` for routes that need a session.
 */
export async function apiGet<T>(baseUrl: string, path: string, cookie?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (cookie) headers.cookie = cookie;
  const response = await fetch(`${baseUrl}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** POSTs JSON with a session cookie and its CSRF token (from /api/auth/me); throws on an error answer. */
export async function apiPost<T>(baseUrl: string, path: string, body: unknown, session: { cookie: string; csrfToken: string }): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Logs in through the API and returns the session cookie ("name=value") for `apiGet`. */
export async function apiLogin(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`Login as ${username} answered ${response.status}: ${await response.text()}`);
  const cookies = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (cookies.length === 0) throw new Error(`Login as ${username} set no cookie`);
  return cookies.join('; ');
}
