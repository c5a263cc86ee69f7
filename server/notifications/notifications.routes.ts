import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors/app-error.ts';
import { requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './notifications.repository.ts';

const TAGS = ['Thông báo'];
// Every route is about the caller's own notifications: any signed-in person, never another's.
const SELF = { access: { authenticated: true as const } };
const notFound = () => new AppError('NOTIFICATION_NOT_FOUND', 'not_found', 'Không tìm thấy thông báo.');

const Item = Type.Object({
  id: Type.Integer(), kind: Type.String(), title: Type.String(), body: Type.String(), link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(), read: Type.Boolean(),
});

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  const userOf = (request: Parameters<typeof requirePrincipal>[0]) => {
    const principal = requirePrincipal(request);
    if (principal.userId === null) throw new AppError('NOT_A_USER', 'forbidden', 'Thông báo dành cho người dùng, không dành cho khóa API.');
    return principal.userId;
  };

  app.get('/api/notifications', {
    schema: {
      tags: TAGS, summary: 'Thông báo của bạn, mới nhất trước',
      querystring: Type.Object({
        unreadOnly: Type.Optional(Type.Boolean()), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
        before: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang sau: các thông báo có id nhỏ hơn' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(Item), unread: Type.Integer() }) },
    },
    config: SELF,
  }, async (request) => {
    const userId = userOf(request);
    const rows = await repo.listForUser(db, userId, { unreadOnly: request.query.unreadOnly ?? false, limit: request.query.limit ?? 30, before: request.query.before ?? null });
    return {
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null })),
      unread: await repo.unreadCount(db, userId),
    };
  });

  app.get('/api/notifications/unread-count', {
    schema: { tags: TAGS, summary: 'Số thông báo chưa đọc (cho biểu tượng chuông)', response: { 200: Type.Object({ unread: Type.Integer() }) } },
    config: SELF,
  }, async (request) => ({ unread: await repo.unreadCount(db, userOf(request)) }));

  app.post('/api/notifications/:id/read', {
    schema: { tags: TAGS, summary: 'Đánh dấu đã đọc một thông báo', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
    config: SELF,
  }, async (request) => {
    if (!(await repo.markRead(db, userOf(request), request.params.id))) throw notFound();
    return { unread: await repo.unreadCount(db, userOf(request)) };
  });

  app.post('/api/notifications/read-all', {
    schema: { tags: TAGS, summary: 'Đánh dấu đã đọc mọi thông báo' },
    config: SELF,
  }, async (request) => {
    await repo.markAllRead(db, userOf(request));
    return { unread: 0 };
  });
};
