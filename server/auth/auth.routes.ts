import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config/config.ts';
import type { DB } from '../db/schema.ts';
import { actorOf, requirePrincipal, SESSION_COOKIE } from './access-guard.ts';
import { ChangePasswordBody, CurrentUser, LoginBody, Ok } from './auth.schema.ts';
import { AUTH_POLICY, LoginFailuresPerAddress, type AuthService } from './auth.service.ts';

const TAGS = ['Đăng nhập'];

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  /** Unused since the current user is read by AuthService; server/app.ts still passes it. */
  db: Kysely<DB>;
  config: Pick<AppConfig, 'secureCookies'>;
  loginRateLimitPerIp: number;
}> = async (app, { auth, config, loginRateLimitPerIp }) => {
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' };
  // Failed logins per address, on top of the per-account lockout (successful ones are not counted).
  const perAddress = new LoginFailuresPerAddress(loginRateLimitPerIp);

  app.post(
    '/api/auth/login',
    {
      schema: { tags: TAGS, summary: 'Đăng nhập', body: LoginBody, response: { 200: CurrentUser } },
      config: { access: { public: true, reason: 'Đăng nhập là bước trước mọi quyền' } },
    },
    async (request, reply) => {
      const result = await perAddress.attempt(request.ip, () =>
        auth.login({ ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] ?? null }),
      );
      reply.setCookie(SESSION_COOKIE, result.sessionToken, { ...cookieOptions, expires: result.expiresAt });
      const principal = await auth.authenticateSession(result.sessionToken);
      return auth.currentUser(principal!);
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: { tags: TAGS, summary: 'Người dùng hiện tại, đơn vị, vai trò, quyền và mã CSRF', response: { 200: CurrentUser } },
      config: { access: { authenticated: true, allowDuringPasswordChange: true } },
    },
    (request) => auth.currentUser(requirePrincipal(request)),
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { tags: TAGS, summary: 'Đăng xuất phiên này', response: { 200: Ok } },
      config: { access: { authenticated: true, allowDuringPasswordChange: true } },
    },
    async (request, reply) => {
      await auth.logout(requirePrincipal(request), actorOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true, message: 'Đã đăng xuất.' };
    },
  );

  app.post(
    '/api/auth/logout-all',
    {
      schema: { tags: TAGS, summary: 'Đăng xuất khỏi mọi thiết bị', response: { 200: Ok } },
      config: { access: { authenticated: true, allowDuringPasswordChange: true } },
    },
    async (request, reply) => {
      const count = await auth.logoutEverywhere(requirePrincipal(request), actorOf(request));
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true, message: `Đã đăng xuất khỏi ${count} phiên đăng nhập.` };
    },
  );

  app.post(
    '/api/auth/change-password',
    {
      schema: { tags: TAGS, summary: 'Đổi mật khẩu', body: ChangePasswordBody, response: { 200: Ok } },
      config: { access: { authenticated: true, allowDuringPasswordChange: true } },
    },
    async (request) => {
      await auth.changePassword(requirePrincipal(request), actorOf(request), request.body.currentPassword, request.body.newPassword);
      return { ok: true, message: 'Đã đổi mật khẩu.' };
    },
  );
};

export { AUTH_POLICY };
