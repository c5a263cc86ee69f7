import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitOfRecord } from '../http/route-access.ts';
import {
  CreateUserBody,
  RoleList,
  UpdateUserBody,
  UserIdParams,
  UserItem,
  UserList,
  UserListQuery,
  UserWithPassword,
} from './users.schema.ts';
import { unitOfUser } from './users.repository.ts';
import { userNotFound, type UsersService } from './users.service.ts';

const TAGS = ['Quản trị: tài khoản'];

export const usersRoutes: FastifyPluginAsyncTypebox<{ users: UsersService; db: Kysely<DB> }> = async (app, { users, db }) => {
  const onUser = { permission: 'users.manage' as const, unit: unitOfRecord('id', (id) => unitOfUser(db, id)), notFound: userNotFound };

  app.get(
    '/api/users',
    {
      schema: { tags: TAGS, summary: 'Danh sách tài khoản trong phạm vi', querystring: UserListQuery, response: { 200: UserList } },
      config: { access: { permission: 'users.manage' } },
    },
    (request) => users.list(requirePrincipal(request), request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: TAGS,
        summary: 'Tạo tài khoản (mật khẩu tạm hiển thị một lần)',
        body: CreateUserBody,
        response: { 200: UserWithPassword },
      },
      config: { access: { permission: 'users.manage' } },
    },
    (request) => users.create(requirePrincipal(request), actorOf(request), request.body),
  );

  app.get(
    '/api/users/:id',
    {
      schema: { tags: TAGS, summary: 'Thông tin tài khoản', params: UserIdParams, response: { 200: UserItem } },
      config: { access: onUser },
    },
    (request) => users.detail(requirePrincipal(request), actorOf(request), request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: { tags: TAGS, summary: 'Sửa tài khoản', params: UserIdParams, body: UpdateUserBody, response: { 200: UserItem } },
      config: { access: onUser },
    },
    (request) => users.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: TAGS,
        summary: 'Đặt lại mật khẩu (mật khẩu tạm hiển thị một lần)',
        params: UserIdParams,
        response: { 200: UserWithPassword },
      },
      config: { access: onUser },
    },
    (request) => users.resetPassword(requirePrincipal(request), actorOf(request), request.params.id),
  );

  app.post(
    '/api/users/:id/lock',
    {
      schema: { tags: TAGS, summary: 'Khóa tài khoản', params: UserIdParams, response: { 200: UserItem } },
      config: { access: onUser },
    },
    (request) => users.setDisabled(requirePrincipal(request), actorOf(request), request.params.id, true),
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: { tags: TAGS, summary: 'Mở khóa tài khoản', params: UserIdParams, response: { 200: UserItem } },
      config: { access: onUser },
    },
    (request) => users.setDisabled(requirePrincipal(request), actorOf(request), request.params.id, false),
  );

  app.get(
    '/api/roles',
    {
      schema: { tags: TAGS, summary: 'Các vai trò và quyền của từng vai trò', response: { 200: RoleList } },
      // Role names are not secret, and both the account and the API-key forms need them.
      config: { access: { authenticated: true } },
    },
    () => users.roles(),
  );
};
