/**
 * The one way the web app talks to the server. Every request goes through `request`, so the
 * next issue (accounts) adds the CSRF header in `prepareRequest` and the redirect to
 * /dang-nhap in `onUnauthenticated` without touching any screen.
 */

export interface ErrorIssue {
  path: string;
  message: string;
}

/** A failed call, carrying the server's stable code and its Vietnamese message (shown as is). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ErrorIssue[];
  /** The structured part of some answers (see the code's route), e.g. the existing document of a duplicate upload. */
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, code: string, message: string, issues: ErrorIssue[] = [], details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

export const NETWORK_ERROR_MESSAGE = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `/api/...?a=1` leaving out empty values, so callers can pass optional filters as is. */
export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Turns any error response into an ApiError; the body is `{error:{code,message,issues}}` when the server wrote it. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: Partial<{ code: unknown; message: unknown; issues: unknown; details: unknown }> } | null)?.error;
  if (error && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues) ? (error.issues as ErrorIssue[]) : [];
    const details =
      error.details && typeof error.details === 'object' && !Array.isArray(error.details)
        ? (error.details as Record<string, unknown>)
        : undefined;
    return new ApiError(status, typeof error.code === 'string' ? error.code : 'UNKNOWN', error.message, issues, details);
  }
  return new ApiError(status, 'BAD_RESPONSE', `Máy chủ trả lời không hợp lệ (mã HTTP ${status}). Vui lòng thử lại sau.`);
}

export interface ApiClientOptions {
  fetch?: typeof fetch;
  /** Adds headers before each request (the CSRF token, once sessions exist). */
  prepareRequest?: (headers: Headers, method: string) => void;
  /** Called on HTTP 401 (e.g. go to /dang-nhap); the ApiError is still thrown to the caller. */
  onUnauthenticated?: (error: ApiError) => void;
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
}

/** The JSON of an answer; null when it is empty or not JSON (e.g. a proxy's HTML error page), so the status decides. */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

export function createApiClient(options: ApiClientOptions = {}) {
  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers = new Headers({ accept: 'application/json' });
    if (opts.body !== undefined) headers.set('content-type', 'application/json');
    options.prepareRequest?.(headers, method);
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(buildUrl(path, opts.query), {
        method,
        headers,
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (cause) {
      if (opts.signal?.aborted) throw cause;
      throw new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);
    }
    const body = await readBody(response);
    if (!response.ok) {
      const error = toApiError(response.status, body);
      if (response.status === 401) options.onUnauthenticated?.(error);
      throw error;
    }
    return body as T;
  }

  return {
    get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
    post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, { ...opts, body }),
    put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, { ...opts, body }),
    patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, { ...opts, body }),
    delete: <T>(path: string, opts?: RequestOptions) => request<T>('DELETE', path, opts),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Late-bound so api-client.ts stays free of the session module (and of the browser in unit tests).
let csrfSource: () => string | null = () => null;
let unauthenticatedHandler: (error: ApiError) => void = () => {};

export function configureSession(options: { csrfToken: () => string | null; onUnauthenticated: (error: ApiError) => void }): void {
  csrfSource = options.csrfToken;
  unauthenticatedHandler = options.onUnauthenticated;
}

export const api: ApiClient = createApiClient({
  prepareRequest: (headers, method) => {
    const token = csrfSource();
    if (token && !SAFE_METHODS.has(method)) headers.set('x-csrf-token', token);
  },
  onUnauthenticated: (error) => unauthenticatedHandler(error),
});

/** The message to show for any error: the server's Vietnamese text when there is one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng tải lại trang.';
}
