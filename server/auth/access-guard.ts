import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { checkBodyReferences } from '../http/body-references.ts';
import type { RouteAccess } from '../http/route-access.ts';
import { authErrors } from './auth.errors.ts';
import { isUnitInScope } from './auth.repository.ts';
import type { AuthService } from './auth.service.ts';
import type { Principal } from './principal.ts';
import { safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'tiendo_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const genericNotFound = authErrors.notFound;

export function actorOf(request: FastifyRequest): AuditActor {
  const p = request.principal;
  return { userId: p?.userId ?? null, tokenId: p?.tokenId ?? null, label: p?.label ?? 'khách', ip: request.ip };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw authErrors.unauthenticated();
  return request.principal;
}

/**
 * The one place where access is decided.
 * onRequest: who is calling (session cookie, or `Authorization: Bearer` API token).
 * preValidation (before the body is even validated, so nothing leaks to strangers):
 * CSRF for cookie-authenticated writes, forced password change, scope, then permission.
 */
export function registerAccessGuard(app: FastifyInstance, db: Kysely<DB>, auth: AuthService): void {
  app.decorateRequest('principal', null);

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access as RouteAccess | undefined;
    if (request.is404 || !access || 'public' in access) return;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer) {
      request.principal = await auth.authenticateToken(bearer, request.ip);
      if (!request.principal) throw authErrors.tokenInvalid();
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) request.principal = await auth.authenticateSession(cookie);
  });

  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config?.access as RouteAccess | undefined;
    if (request.is404) return; // unknown route: the 404 handler answers
    if (!access) throw genericNotFound(); // cannot happen: every route is declared at start
    if ('public' in access) return;
    const principal = requirePrincipal(request);

    if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !safeEqual(sent, principal.csrfToken)) {
        throw authErrors.csrfInvalid();
      }
    }
    if (principal.mustChangePassword && !('authenticated' in access && access.allowDuringPasswordChange)) {
      throw authErrors.passwordChangeRequired();
    }
    if ('authenticated' in access) return;

    if (access.unit) {
      // Outside the subtree looks exactly like "does not exist": a 404 that names nothing.
      const notFound = access.notFound ?? genericNotFound;
      const unitId = await access.unit(request);
      if (unitId === null) throw notFound();
      if (unitId !== 'malformed' && !(await isUnitInScope(db, unitId, principal.scopePath))) throw notFound();
    }
    const bodyIds = request.routeOptions.config?.bodyIds;
    if (bodyIds?.length) await checkBodyReferences(db, principal, request.body, bodyIds);
    if (!principal.permissions.has(access.permission)) {
      throw authErrors.forbidden();
    }
  });
}
