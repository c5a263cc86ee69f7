import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { IsoDate } from '../org/org.schema.ts';
import { auditNames } from './audit-names.ts';
import { listAudit } from './audit.repository.ts';

const AuditQuery = Type.Object(
  {
    userId: Type.Optional(Type.Integer({ minimum: 1 })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    action: Type.Optional(Type.String({ maxLength: 60, description: 'Loại thao tác, hoặc phần đầu (vd. "auth.")' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    beforeId: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang tiếp: các dòng cũ hơn dòng này' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

const AuditItem = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  action: Type.String(),
  actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actor: Type.String(),
  actorName: Type.Union([Type.String(), Type.Null()], { description: 'Họ tên hiện nay của tài khoản thực hiện' }),
  unit: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  entityType: Type.Union([Type.String(), Type.Null()]),
  entityId: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  detail: Type.Unknown(),
  ip: Type.Union([Type.String(), Type.Null()]),
});

const NameMap = Type.Record(Type.String(), Type.String());
const AuditNames = Type.Object({
  entities: Type.Record(Type.String(), Type.String(), { description: 'Tên đối tượng của từng dòng, theo mã dòng' }),
  units: NameMap,
  unitCodes: NameMap,
  elements: NameMap,
  templates: NameMap,
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['Quản trị: nhật ký'],
        summary: 'Nhật ký hệ thống trong phạm vi',
        querystring: AuditQuery,
        response: {
          200: Type.Object({ items: Type.Array(AuditItem), names: AuditNames, nextBeforeId: Type.Union([Type.Integer(), Type.Null()]) }),
        },
      },
      config: { access: { permission: 'audit.read' } },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      const rows = await listAudit(db, { ...request.query, scopePath: requirePrincipal(request).scopePath, limit });
      return {
        items: rows.map((r) => ({
          id: Number(r.id),
          at: r.at.toISOString(),
          action: r.action,
          actorUserId: r.actor_user_id === null ? null : Number(r.actor_user_id),
          actor: r.actor_label,
          actorName: r.actor_name,
          unit: r.unit_id === null ? null : { id: Number(r.unit_id), name: r.unit_name ?? '' },
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before,
          after: r.after,
          detail: r.detail,
          ip: r.ip,
        })),
        names: await auditNames(db, rows),
        nextBeforeId: rows.length === limit ? Number(rows.at(-1)!.id) : null,
      };
    },
  );
};
