import { describe, expect, it } from 'vitest';
import { ApiError, buildUrl, createApiClient, toApiError } from './api-client.ts';

describe('api client', () => {
  it('leaves empty query values out of the URL', () => {
    expect(buildUrl('/api/org/search', { q: 'cong doan', under: undefined, asOf: '', limit: 20 })).toBe(
      '/api/org/search?q=cong+doan&limit=20',
    );
    expect(buildUrl('/api/org/roots')).toBe('/api/org/roots');
  });

  it("keeps the server's Vietnamese message and code", () => {
    const error = toApiError(404, { error: { code: 'UNIT_NOT_FOUND', message: 'Không tìm thấy đơn vị.', issues: [] } });
    expect([error.status, error.code, error.message]).toEqual([404, 'UNIT_NOT_FOUND', 'Không tìm thấy đơn vị.']);
    expect(toApiError(502, null).message).toContain('502');
  });

  it('adds headers before each request and reports 401 to the session handler', async () => {
    const seen: Headers[] = [];
    let unauthenticated = 0;
    const client = createApiClient({
      fetch: async (_url, init) => {
        seen.push(new Headers(init?.headers));
        return new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để tiếp tục.', issues: [] } }), {
          status: 401,
        });
      },
      prepareRequest: (headers, method) => {
        if (method !== 'GET') headers.set('x-csrf-token', 'abc');
      },
      onUnauthenticated: () => unauthenticated++,
    });
    await expect(client.post('/api/x', { a: 1 })).rejects.toBeInstanceOf(ApiError);
    expect(seen[0]?.get('x-csrf-token')).toBe('abc');
    expect(seen[0]?.get('content-type')).toBe('application/json');
    expect(unauthenticated).toBe(1);
  });
});
