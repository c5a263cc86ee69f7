import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { notificationErrors } from './notifications.errors.ts';
import { emailModeOf, setEmailMode } from './notifications.repository.ts';

/** The caller's own choice of e-mail copies: each at once, or one digest a day from 07:00 (issue 21). */
const TAGS = ['Thông báo'];
const SELF = { access: { authenticated: true as const } };
const Mode = Type.Object({
  mode: Type.Union([Type.Literal('immediate'), Type.Literal('daily')], {
    description: 'immediate: gửi thư ngay từng thông báo; daily: một thư tóm tắt mỗi ngày, sau 7 giờ sáng',
  }),
});

export const emailModeRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  const userOf = (request: Parameters<typeof requirePrincipal>[0]) => {
    const { userId } = requirePrincipal(request);
    if (userId === null) throw notificationErrors.notAUser();
    return userId;
  };

  app.get(
    '/api/notifications/email-mode',
    {
      schema: { tags: TAGS, summary: 'Cách bạn nhận thư thông báo: ngay hoặc tóm tắt hằng ngày', response: { 200: Mode } },
      config: SELF,
    },
    async (request) => ({ mode: await emailModeOf(db, userOf(request)) }),
  );

  app.put(
    '/api/notifications/email-mode',
    {
      schema: {
        tags: TAGS,
        summary: 'Chọn nhận thư thông báo ngay hoặc tóm tắt hằng ngày',
        body: Type.Object(Mode.properties, { additionalProperties: false }),
        response: { 200: Mode },
      },
      config: SELF,
    },
    async (request) => {
      const userId = userOf(request);
      await setEmailMode(db, userId, request.body.mode);
      return { mode: await emailModeOf(db, userId) };
    },
  );
};
