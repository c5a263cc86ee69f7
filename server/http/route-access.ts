import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '../../domain/access/permission.ts';

/**
 * Every route says who may call it. A route is either public (and says why) or needs a
 * permission on a unit of the tree, found by `unit` from the request. A route registered
 * without a declaration stops the server at start: nothing is unguarded by omission.
 */
export type UnitLocator = (request: FastifyRequest) => number | null | Promise<number | null>;

export type RouteAccess =
  | { public: true; reason: string }
  | { permission: Permission; unit?: UnitLocator };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** Routes added by plugins we do not configure per route (API docs, the built web app). */
function implicitAccess(url: string): RouteAccess | null {
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return { public: true, reason: 'Tài liệu API' };
  if (!url.startsWith('/api')) return { public: true, reason: 'Giao diện web tĩnh' };
  return null;
}

export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    if (config.access) return;
    const implicit = implicitAccess(route.url);
    if (!implicit) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access declaration (config.access)`);
    }
    route.config = { ...config, access: implicit };
  });
}

export function unitFromParam(name: string): UnitLocator {
  return (request) => {
    const value = Number((request.params as Record<string, unknown>)[name]);
    return Number.isInteger(value) ? value : null;
  };
}
