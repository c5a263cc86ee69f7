import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { metricsRefusal } from './metrics.routes.ts';

const request = (remoteAddress: string, authorization?: string) =>
  ({ socket: { remoteAddress }, headers: authorization ? { authorization } : {} }) as unknown as FastifyRequest;

describe('who may read /metrics', () => {
  it('without METRICS_TOKEN: callers on this machine only', () => {
    for (const local of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) expect(metricsRefusal(request(local), null)).toBeNull();
    const refused = metricsRefusal(request('203.0.113.9'), null);
    expect(refused?.code).toBe('METRICS_LOCAL_ONLY');
    expect(refused?.message).toContain('METRICS_TOKEN');
  });

  it('with METRICS_TOKEN: exactly that bearer token, from anywhere — loopback alone is not enough', () => {
    expect(metricsRefusal(request('203.0.113.9', 'Bearer bí-mật'), 'bí-mật')).toBeNull();
    expect(metricsRefusal(request('127.0.0.1'), 'bí-mật')?.code).toBe('METRICS_TOKEN_REQUIRED');
    expect(metricsRefusal(request('127.0.0.1', 'Bearer sai'), 'bí-mật')?.code).toBe('METRICS_TOKEN_REQUIRED');
  });
});
