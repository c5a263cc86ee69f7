import type { Permission } from '../../domain/access/permission.ts';

/**
 * Who is calling: a signed-in user (cookie session) or another system (API token). Both are
 * attached to one unit; its subtree on today's tree is everything they can see.
 */
export interface Principal {
  kind: 'user' | 'token';
  userId: number | null;
  tokenId: number | null;
  /** For the audit log: the username, or "khóa API: <name>". */
  label: string;
  unitId: number;
  /** ltree path of the unit: the scope is `path <@ scopePath`. */
  scopePath: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  mustChangePassword: boolean;
  sessionId: number | null;
  /** Expected x-csrf-token for state-changing requests made with the session cookie. */
  csrfToken: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function can(principal: Principal | null, permission: Permission): boolean {
  return principal?.permissions.has(permission) ?? false;
}
