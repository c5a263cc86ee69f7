import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { NOTIFICATION_KIND_CODES, kindsFor, type NotificationKind } from '../../domain/notifications/notification-kinds.ts';
import { requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { deliveriesRoutes } from './deliveries.routes.ts';
import { emailModeRoutes } from './email-mode.routes.ts';
import { notificationErrors } from './notifications.errors.ts';
import * as repo from './notifications.repository.ts';

const TAGS = ['Thông báo'];
// Every route is about the caller's own notifications: any signed-in person, never another's.
const SELF = { access: { authenticated: true as const } };

const Item = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  read: Type.Boolean(),
});

const PreferenceItem = Type.Object({
  kind: Type.Unsafe<NotificationKind>({ type: 'string', enum: NOTIFICATION_KIND_CODES }),
  label: Type.String(),
  inApp: Type.Boolean(),
  email: Type.Boolean(),
});
const Preferences = Type.Object({
  email: Type.Union([Type.String(), Type.Null()], { description: 'Địa chỉ nhận bản sao qua thư; null: tài khoản chưa có địa chỉ' }),
  items: Type.Array(PreferenceItem, { description: 'Các loại thông báo người này có thể nhận (theo quyền của họ)' }),
});

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  // The administrators' view of the e-mail outbox (dead letters, resend): deliveries.routes.ts.
  await app.register(deliveriesRoutes, { db });
  // The caller's choice of immediate e-mails or one daily digest: email-mode.routes.ts.
  await app.register(emailModeRoutes, { db });
  const userOf = (request: Parameters<typeof requirePrincipal>[0]) => {
    const principal = requirePrincipal(request);
    if (principal.userId === null) throw notificationErrors.notAUser();
    return principal.userId;
  };

  app.get(
    '/api/notifications',
    {
      schema: {
        tags: TAGS,
        summary: 'Thông báo của bạn, mới nhất trước',
        querystring: Type.Object(
          {
            unreadOnly: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 30 })),
            before: Type.Optional(Type.Integer({ minimum: 1, description: 'Trang sau: các thông báo có id nhỏ hơn' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Item), unread: Type.Integer() }) },
      },
      config: SELF,
    },
    async (request) => {
      const userId = userOf(request);
      const rows = await repo.listForUser(db, userId, {
        unreadOnly: request.query.unreadOnly ?? false,
        limit: request.query.limit ?? 30,
        before: request.query.before ?? null,
      });
      return {
        items: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          title: r.title,
          body: r.body,
          link: r.link,
          createdAt: new Date(r.created_at).toISOString(),
          read: r.read_at !== null,
        })),
        unread: await repo.unreadCount(db, userId),
      };
    },
  );

  app.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags: TAGS,
        summary: 'Số thông báo chưa đọc (cho biểu tượng chuông)',
        response: { 200: Type.Object({ unread: Type.Integer() }) },
      },
      config: SELF,
    },
    async (request) => ({ unread: await repo.unreadCount(db, userOf(request)) }),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: { tags: TAGS, summary: 'Đánh dấu đã đọc một thông báo', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
      config: SELF,
    },
    async (request) => {
      if (!(await repo.markRead(db, userOf(request), request.params.id))) throw notificationErrors.notFound();
      return { unread: await repo.unreadCount(db, userOf(request)) };
    },
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: { tags: TAGS, summary: 'Đánh dấu đã đọc mọi thông báo' },
      config: SELF,
    },
    async (request) => {
      await repo.markAllRead(db, userOf(request));
      return { unread: 0 };
    },
  );

  // The caller's own choices per kind and channel; only the kinds their permissions can bring.
  const preferencesOf = async (userId: number, permissions: Iterable<string>) => {
    const saved = new Map((await repo.preferencesOf(db, userId)).map((p) => [`${p.kind}|${p.channel}`, p.enabled]));
    return {
      email: await repo.emailOf(db, userId),
      items: kindsFor(permissions).map((k) => ({
        kind: k.kind,
        label: k.label,
        inApp: saved.get(`${k.kind}|in_app`) ?? true,
        email: saved.get(`${k.kind}|email`) ?? true,
      })),
    };
  };

  app.get(
    '/api/notifications/preferences',
    {
      schema: { tags: TAGS, summary: 'Loại thông báo bạn nhận, trong ứng dụng và qua thư', response: { 200: Preferences } },
      config: SELF,
    },
    async (request) => preferencesOf(userOf(request), requirePrincipal(request).permissions),
  );

  app.put(
    '/api/notifications/preferences',
    {
      schema: {
        tags: TAGS,
        summary: 'Bật, tắt từng loại thông báo của bạn',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Object(
                { kind: PreferenceItem.properties.kind, inApp: Type.Boolean(), email: Type.Boolean() },
                { additionalProperties: false },
              ),
              { maxItems: 100 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Preferences },
      },
      config: SELF,
    },
    async (request) => {
      const userId = userOf(request);
      await repo.savePreferences(
        db,
        userId,
        request.body.items.flatMap((i) => [
          { kind: i.kind, channel: 'in_app' as const, enabled: i.inApp },
          { kind: i.kind, channel: 'email' as const, enabled: i.email },
        ]),
      );
      return preferencesOf(userId, requirePrincipal(request).permissions);
    },
  );
};
