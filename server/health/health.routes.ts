import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../db/database.ts';
import { currentVersion, LATEST_MIGRATION } from '../db/migrator.ts';
import { replicationLagSeconds } from '../metrics/metrics.ts';

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

const Check = Type.Object({ name: Type.String(), ok: Type.Boolean(), detail: Type.String() });
const Ready = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not_ready')]),
  checks: Type.Array(Check),
  /** Present with DATABASE_READ_URL: informative, never a reason to be not ready (reads fall back). */
  replica: Type.Optional(
    Type.Object({
      servingReads: Type.Boolean(),
      inRecovery: Type.Union([Type.Boolean(), Type.Null()]),
      lagSeconds: Type.Union([Type.Number(), Type.Null()]),
    }),
  ),
  version: Type.String(),
});

/** An e-mail copy still pending this long after it was due means the delivery loop has stopped. */
export const OUTBOX_STALL_MS = 10 * 60_000;

const PUBLIC = { public: true as const, reason: 'Giám sát hệ thống cần kiểm tra khi chưa đăng nhập' };

export const healthRoutes: FastifyPluginAsyncTypebox<{ database: Database; version: string; emailQueue?: boolean }> = async (
  app,
  { database, version, emailQueue = false },
) => {
  app.get(
    '/api/health',
    {
      schema: { tags: ['Hệ thống'], summary: 'Tình trạng máy chủ và cơ sở dữ liệu', response: { 200: Health, 503: Health } },
      config: { access: PUBLIC },
    },
    async (_request, reply) => {
      try {
        const row = await sql<{ v: string }>`SELECT current_setting('server_version') AS v`.execute(database.db);
        const migration = await currentVersion(database.db);
        return {
          status: 'ok' as const,
          database: {
            kind: database.kind,
            reachable: true,
            migration,
            latestMigration: LATEST_MIGRATION,
            serverVersion: row.rows[0]?.v ?? null,
          },
          version,
        };
      } catch {
        return reply.status(503).send({
          status: 'degraded' as const,
          database: { kind: database.kind, reachable: false, migration: null, latestMigration: LATEST_MIGRATION, serverVersion: null },
          version,
        });
      }
    },
  );

  // Liveness: the process answers at all (its event loop turns). Nothing external is checked, so
  // a database outage makes the server not ready, never restarted in a loop by its supervisor.
  app.get(
    '/api/health/live',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Tiến trình máy chủ còn hoạt động (không kiểm tra cơ sở dữ liệu)',
        response: { 200: Type.Object({ status: Type.Literal('alive'), uptimeSeconds: Type.Number(), version: Type.String() }) },
      },
      config: { access: PUBLIC },
    },
    async () => ({ status: 'alive' as const, uptimeSeconds: Math.round(process.uptime()), version }),
  );

  // Readiness: may this process take traffic — database reachable, schema current, queue moving.
  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['Hệ thống'],
        summary: 'Sẵn sàng phục vụ: cơ sở dữ liệu, phiên bản lược đồ, hàng đợi gửi thư',
        response: { 200: Ready, 503: Ready },
      },
      config: { access: PUBLIC },
    },
    async (_request, reply) => {
      const checks: { name: string; ok: boolean; detail: string }[] = [];
      let reachable = false;
      try {
        await sql`SELECT 1`.execute(database.db);
        reachable = true;
        checks.push({
          name: 'database',
          ok: true,
          detail: `Kết nối được cơ sở dữ liệu (${database.kind === 'pglite' ? 'nhúng' : 'PostgreSQL'}).`,
        });
      } catch {
        checks.push({ name: 'database', ok: false, detail: 'Không kết nối được cơ sở dữ liệu.' });
      }
      if (reachable) {
        const migration = await currentVersion(database.db).catch(() => null);
        const current = migration === LATEST_MIGRATION;
        checks.push({
          name: 'migrations',
          ok: current,
          detail: current
            ? `Lược đồ ở phiên bản mới nhất (${LATEST_MIGRATION}).`
            : `Lược đồ ở phiên bản ${migration ?? 'chưa có'}, cần ${LATEST_MIGRATION}: hãy chạy "tiendo migrate".`,
        });
        if (emailQueue) checks.push(await outboxCheck(database));
      }
      const replica = database.replica ? await replicaStatus(database) : undefined;
      const ok = checks.every((c) => c.ok);
      return reply
        .status(ok ? 200 : 503)
        .send({ status: ok ? ('ready' as const) : ('not_ready' as const), checks, ...(replica ? { replica } : {}), version });
    },
  );
};

async function outboxCheck(database: Database) {
  const row = await sql<{ overdue: number | null }>`
    SELECT (extract(epoch FROM now() - min(next_attempt_at)) * 1000)::float8 AS overdue FROM notification_delivery WHERE status = 'pending'`.execute(
    database.db,
  );
  const overdue = row.rows[0]?.overdue ?? null;
  const ok = overdue === null || overdue < OUTBOX_STALL_MS;
  return {
    name: 'email_queue',
    ok,
    detail: ok
      ? 'Hàng đợi gửi thư điện tử đang chạy.'
      : `Hàng đợi gửi thư điện tử bị dừng: có thư chờ gửi quá hạn ${Math.round(overdue! / 60_000)} phút.`,
  };
}

/** Asked through the read handle: `inRecovery` false with a replica configured means reads fell back to the primary. */
async function replicaStatus(database: Database) {
  const inRecovery = await sql<{ r: boolean }>`SELECT pg_is_in_recovery() AS r`.execute(database.read).then(
    (r) => r.rows[0]?.r ?? null,
    () => null,
  );
  const lagSeconds = await replicationLagSeconds(database).catch(() => null);
  return { servingReads: inRecovery === true && database.replica!.healthy, inRecovery, lagSeconds };
}
