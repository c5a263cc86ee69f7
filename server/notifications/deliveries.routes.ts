import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { writeAudit } from '../audit/audit.repository.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitOfRecord } from '../http/route-access.ts';
import * as repo from './deliveries.repository.ts';
import { notificationErrors } from './notifications.errors.ts';

/**
 * The e-mail outbox for administrators (issue 21): the dead-letter list (status=dead) and the
 * delivery log of the people in their subtree, and the action that sends a dead mail again.
 * users.manage: the administrators who fix the addresses that usually cause a dead letter.
 */
const TAGS = ['Thông báo'];
const Status = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('dead'),
  Type.Literal('digested'),
]);

const Delivery = Type.Object({
  id: Type.Integer(),
  status: Type.Union(Status.anyOf, {
    description:
      'pending: chờ gửi; sending: đang gửi; sent: đã gửi; dead: gửi không được sau mọi lần thử; digested: gộp vào thư tóm tắt hằng ngày',
  }),
  channel: Type.String(),
  recipient: Type.String(),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()], { description: 'Câu trả lời của máy chủ thư ở lần thử cuối' }),
  nextAttemptAt: Type.String(),
  sentAt: Type.Union([Type.String(), Type.Null()]),
  notification: Type.Object({ id: Type.Integer(), kind: Type.String(), title: Type.String(), createdAt: Type.String() }),
  user: Type.Object({ id: Type.Integer(), username: Type.String(), fullName: Type.String(), unitName: Type.String() }),
});

export const deliveriesRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  app.get(
    '/api/notifications/deliveries',
    {
      schema: {
        tags: TAGS,
        summary: 'Thư thông báo của người dùng trong phạm vi quản lý (status=dead: thư gửi không được)',
        querystring: Type.Object(
          {
            status: Type.Optional(Status),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang sau: các thư có id nhỏ hơn' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Delivery) }) },
      },
      config: { access: { permission: 'users.manage' } },
    },
    async (request) => {
      const rows = await repo.listDeliveries(db, {
        scopePath: requirePrincipal(request).scopePath,
        status: request.query.status ?? null,
        limit: request.query.limit ?? 50,
        before: request.query.before ?? null,
      });
      return { items: rows.map(present) };
    },
  );

  app.post(
    '/api/notifications/deliveries/:id/resend',
    {
      schema: {
        tags: TAGS,
        summary: 'Gửi lại một thư đã gửi không được (đến địa chỉ thư hiện tại của người nhận)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: Type.Object({ id: Type.Integer(), status: Type.Literal('pending'), recipient: Type.String() }) },
      },
      config: {
        access: {
          permission: 'users.manage',
          unit: unitOfRecord('id', (id) => repo.unitOfDelivery(db, id)),
          notFound: notificationErrors.deliveryNotFound,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const done = await db.transaction().execute(async (trx) => {
        const requeued = await repo.requeueDead(trx, id);
        if (requeued) {
          await writeAudit(trx, actorOf(request), {
            action: 'notification.email_resend',
            entityType: 'notification_delivery',
            entityId: id,
            unitId: await repo.unitOfDelivery(trx, id),
            before: { status: 'dead', attempts: requeued.attempts, lastError: requeued.lastError },
            after: { status: 'pending', recipient: requeued.recipient },
          });
        }
        return requeued;
      });
      if (!done) throw notificationErrors.deliveryNotDead();
      return { id, status: 'pending' as const, recipient: done.recipient };
    },
  );
};

function present(r: repo.DeliveryRow) {
  const iso = (d: Date | string) => new Date(d).toISOString();
  return {
    id: r.id,
    status: r.status,
    channel: r.channel,
    recipient: r.recipient,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: iso(r.next_attempt_at),
    sentAt: r.sent_at ? iso(r.sent_at) : null,
    notification: { id: r.notification_id, kind: r.kind, title: r.title, createdAt: iso(r.created_at) },
    user: { id: r.user_id, username: r.username, fullName: r.full_name, unitName: r.unit_name },
  };
}
