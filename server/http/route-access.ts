import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Permission } from '../../domain/access/permission.ts';
import type { AppError } from '../../domain/errors/app-error.ts';
import { requirePrincipal } from '../auth/access-guard.ts';
import { referenceRuleOf } from './body-references.ts';

/**
 * Every route says who may call it:
 * - `{ public: true, reason }` — anyone (login, health, docs), and why;
 * - `{ authenticated: true }` — any signed-in principal, about themselves (who am I, log out);
 * - `{ permission, unit?, notFound? }` — a permission, on the unit of the tree that `unit(request)`
 *   finds (or nothing: then the service filters by the caller's scope). A unit outside the
 *   caller's subtree, or a record that does not exist, both answer `notFound()`: the same 404.
 * A route registered without a declaration stops the server at start.
 */
/**
 * Finds the unit a request touches: its id, null when the record does not exist, or 'malformed'
 * when the id in the request is not an id at all (schema validation then answers 400).
 */
export type UnitLocator = (request: FastifyRequest) => number | null | 'malformed' | Promise<number | null | 'malformed'>;

function idParam(request: FastifyRequest, name: string): number | 'malformed' {
  const raw = (request.params as Record<string, unknown>)[name];
  const value = Number(raw);
  return typeof raw === 'string' && /^\d+$/.test(raw) && Number.isSafeInteger(value) && value > 0 ? value : 'malformed';
}

export type RouteAccess =
  | { public: true; reason: string }
  | { authenticated: true; allowDuringPasswordChange?: boolean }
  | {
      permission: Permission;
      unit?: UnitLocator;
      notFound?: () => AppError;
      /** Body id fields that the service checks itself (field name → how), exempt from the generic check. */
      checkedInService?: Record<string, string>;
    };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** Id fields of the body whose records the guard checks against the caller's scope. */
    bodyIds?: string[];
  }
}

export interface RouteRecord {
  method: string;
  url: string;
  access: RouteAccess;
  /** Paths of the id-like fields of the body schema ("employerId", "items[].unitId"), checked against the caller's scope. */
  bodyIds: string[];
  /** The route's JSON schemas, for tests that generate requests (the fuzz walk). */
  schema: { params?: unknown; querystring?: unknown; body?: unknown };
}

/** Routes added by plugins we do not configure per route (API docs, the built web app). */
function implicitAccess(url: string): RouteAccess | null {
  if (url === '/api/docs' || url.startsWith('/api/docs/')) return { public: true, reason: 'Tài liệu API' };
  if (!url.startsWith('/api')) return { public: true, reason: 'Giao diện web tĩnh' };
  return null;
}

/** Collects every route with its declaration; the security test walks this table. */
export function requireAccessDeclarations(app: FastifyInstance): RouteRecord[] {
  const table: RouteRecord[] = [];
  app.addHook('onRoute', (route: RouteOptions) => {
    const config = (route.config ?? {}) as { access?: RouteAccess };
    const access = config.access ?? implicitAccess(route.url);
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} has no access declaration (config.access)`);
    }
    const bodyIds = idFieldsOf(route.schema?.body);
    const exempt = 'permission' in access ? (access.checkedInService ?? {}) : {};
    const unchecked = bodyIds.filter((field) => !referenceRuleOf(field) && !(field.split('.').at(-1)! in exempt));
    if (unchecked.length > 0) {
      throw new Error(
        `Route ${String(route.method)} ${route.url}: body field(s) ${unchecked.join(', ')} name records but have no scope rule (server/http/body-references.ts) nor checkedInService`,
      );
    }
    const checked = bodyIds.filter((field) => !(field.split('.').at(-1)! in exempt));
    route.config = { ...config, access, bodyIds: checked };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        table.push({
          method,
          url: route.url,
          access,
          bodyIds,
          schema: { params: route.schema?.params, querystring: route.schema?.querystring, body: route.schema?.body },
        });
    }
  });
  return table;
}

export function unitFromParam(name: string): UnitLocator {
  return (request) => idParam(request, name);
}

/**
 * A unit id given in the query (absent: the caller's own unit, i.e. "my whole subtree") or in
 * the body (absent: malformed — schema validation will say which field is missing).
 */
export function unitFromInput(source: 'query' | 'body', key: string): UnitLocator {
  return (request) => {
    const raw = ((source === 'query' ? request.query : request.body) as Record<string, unknown> | undefined)?.[key];
    if (raw === undefined || raw === null) return source === 'query' ? requirePrincipal(request).unitId : 'malformed';
    const value = Number(raw);
    return Number.isSafeInteger(value) && value > 0 ? value : 'malformed';
  };
}

/** For routes on a record: find the record's unit by its id param (null when there is none). */
export function unitOfRecord(param: string, find: (id: number) => Promise<number | null | undefined>): UnitLocator {
  return async (request) => {
    const id = idParam(request, param);
    if (id === 'malformed') return id;
    return (await find(id)) ?? null;
  };
}

/**
 * Access to the record a route's `:id` names, under the permission each route states: the record's
 * unit (by `find`), and the record's 404 (`notFound`) when it is not there.
 */
export function recordAccess<P extends Permission>(find: (id: number) => Promise<number | null | undefined>, notFound: () => AppError) {
  return (permission: P) => ({ permission, unit: unitOfRecord('id', find), notFound });
}

/** Field paths that name a record by id ("…Id", "…Ids"), through nested objects and arrays. */
export function idFieldsOf(schema: unknown, prefix = ''): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (/(Id|Ids)$|^ids$/.test(key)) out.push(`${prefix}${key}`);
    out.push(...idFieldsOf(child, `${prefix}${key}.`));
  }
  if (node.items) out.push(...idFieldsOf(node.items, `${prefix}[].`));
  for (const list of [node.anyOf, node.oneOf, node.allOf]) for (const s of list ?? []) out.push(...idFieldsOf(s, prefix));
  return [...new Set(out)];
}
