import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { unitOfRecord } from '../http/route-access.ts';
import { CreatedToken, CreateTokenBody, TokenIdParams, TokenItem, TokenList } from './tokens.schema.ts';
import { tokenNotFound, type TokensService } from './tokens.service.ts';

const TAGS = ['Quản trị: khóa API'];

export const tokensRoutes: FastifyPluginAsyncTypebox<{ tokens: TokensService }> = async (app, { tokens }) => {
  app.get(
    '/api/tokens',
    {
      schema: { tags: TAGS, summary: 'Các khóa API trong phạm vi', response: { 200: TokenList } },
      config: { access: { permission: 'tokens.manage' } },
    },
    (request) => tokens.list(requirePrincipal(request)),
  );

  app.post(
    '/api/tokens',
    {
      schema: {
        tags: TAGS,
        summary: 'Tạo khóa API cho hệ thống khác (hiển thị một lần)',
        body: CreateTokenBody,
        response: { 200: CreatedToken },
      },
      config: { access: { permission: 'tokens.manage' } },
    },
    (request) => tokens.create(requirePrincipal(request), actorOf(request), request.body),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags: TAGS, summary: 'Thu hồi khóa API', params: TokenIdParams, response: { 200: TokenItem } },
      config: { access: { permission: 'tokens.manage', unit: unitOfRecord('id', (id) => tokens.unitOf(id)), notFound: tokenNotFound } },
    },
    (request) => tokens.revoke(requirePrincipal(request), actorOf(request), request.params.id),
  );
};
