import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppError } from '../../domain/errors/app-error.ts';
import { metricsErrors } from './metrics.errors.ts';
import { safeEqual } from '../auth/secrets.ts';
import type { AppMetrics } from './metrics.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Whether a scraper may read /metrics: with METRICS_TOKEN set, exactly that Bearer token (from
 * anywhere); without it, only a caller on this machine. The figures name no person, but route
 * latencies and job counts still describe the organisation's activity: not for the internet.
 */
export function metricsRefusal(request: FastifyRequest, token: string | null): AppError | null {
  if (token) {
    const sent = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (sent && safeEqual(sent, token)) return null;
    return metricsErrors.tokenRequired();
  }
  // The socket's address (no trustProxy): a proxy on this machine makes every caller loopback,
  // so behind one, set METRICS_TOKEN (docs/replica-and-metrics.md).
  if (LOOPBACK.has(request.socket.remoteAddress ?? '')) return null;
  return metricsErrors.localOnly();
}

export const metricsRoutes: FastifyPluginAsync<{ metrics: AppMetrics; token: string | null }> = async (app, { metrics, token }) => {
  app.get(
    '/metrics',
    {
      schema: { tags: ['Hệ thống'], summary: 'Số đo cho Prometheus (cần METRICS_TOKEN, hoặc gọi từ chính máy chủ khi chưa cấu hình)' },
      // Public to the session guard: a scraper has no account. The handler's own check (token or
      // loopback) is what protects it — declared here so the route table shows why.
      config: {
        access: { public: true, reason: 'Prometheus đọc số đo bằng METRICS_TOKEN (hoặc từ chính máy chủ khi chưa cấu hình khóa)' },
      },
    },
    async (request, reply) => {
      const refusal = metricsRefusal(request, token);
      if (refusal) throw refusal;
      reply.header('cache-control', 'no-store');
      const { contentType, body } = await metrics.scrape();
      return reply.type(contentType).send(body);
    },
  );
};
