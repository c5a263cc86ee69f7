import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/database.ts';
import { currentVersion, LATEST_MIGRATION } from '../db/migrator.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  database: Type.Object({
    kind: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
    reachable: Type.Boolean(),
    migration: Type.Union([Type.String(), Type.Null()]),
    latestMigration: Type.String(),
    serverVersion: Type.Union([Type.String(), Type.Null()]),
  }),
  version: Type.String(),
});

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; version: string }> = async (app, { database, version }) => {
  app.get('/api/health', {
    schema: { tags: ['Hệ thống'], summary: 'Tình trạng máy chủ và cơ sở dữ liệu', response: { 200: Health, 503: Health } },
    config: { access: { public: true, reason: 'Giám sát hệ thống cần kiểm tra khi chưa đăng nhập' } },
  }, async (_request, reply) => {
    try {
      const row = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
      const migration = await currentVersion(database.db);
      return {
        status: 'ok' as const,
        database: { kind: database.kind, reachable: true, migration, latestMigration: LATEST_MIGRATION, serverVersion: row.rows[0]?.v ?? null },
        version,
      };
    } catch {
      return reply.status(503).send({
        status: 'degraded' as const,
        database: { kind: database.kind, reachable: false, migration: null, latestMigration: LATEST_MIGRATION, serverVersion: null },
        version,
      });
    }
  });
};
