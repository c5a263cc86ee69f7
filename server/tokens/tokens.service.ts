import type { Kysely } from 'kysely';
import type { Static } from 'typebox';
import { isPermission } from '../../domain/access/permission.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { newToken, tokenHash } from '../auth/secrets.ts';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';
import { tokenErrors } from './tokens.errors.ts';
import {
  findRole,
  findToken,
  insertToken,
  listTokensInScope,
  revokeToken,
  rolePermissions,
  unitOfToken,
  type TokenRow,
} from './tokens.repository.ts';
import type { CreateTokenBody, TokenItem } from './tokens.schema.ts';

export const tokenNotFound = tokenErrors.notFound;

const TOKEN_PREFIX = 'tdk_';

function present(r: TokenRow): Static<typeof TokenItem> {
  return {
    id: Number(r.id),
    name: r.name,
    prefix: r.token_prefix,
    unit: { id: Number(r.unit_id), name: r.unit_name },
    role: { code: r.role_code, name: r.role_name },
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at?.toISOString() ?? null,
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    revokedAt: r.revoked_at?.toISOString() ?? null,
  };
}

export class TokensService {
  constructor(private readonly db: Kysely<DB>) {}

  private async item(id: number) {
    const row = await findToken(this.db, id);
    if (!row) throw new Error(`api_token ${id} vanished`);
    return present(row);
  }

  unitOf(id: number): Promise<number | null> {
    return unitOfToken(this.db, id);
  }

  async list(principal: Principal) {
    const rows = await listTokensInScope(this.db, principal.scopePath);
    return { items: rows.map(present) };
  }

  async create(principal: Principal, actor: AuditActor, body: Static<typeof CreateTokenBody>) {
    if (!(await isUnitInScope(this.db, body.unitId, principal.scopePath))) {
      throw commonErrors.unitNotFound();
    }
    const role = await findRole(this.db, body.roleCode);
    if (!role) throw tokenErrors.roleUnknown(body.roleCode);
    if (role.permissions.some((p) => !isPermission(p) || !principal.permissions.has(p))) {
      throw tokenErrors.roleNotGrantable(role.name);
    }
    if (body.expiresAt && new Date(body.expiresAt).getTime() <= Date.now()) {
      throw tokenErrors.expiryInPast();
    }
    const token = newToken(TOKEN_PREFIX);
    const id = await this.db.transaction().execute(async (trx) => {
      const id = await insertToken(trx, {
        name: body.name.normalize('NFC').trim(),
        tokenHash: tokenHash(token),
        tokenPrefix: token.slice(0, TOKEN_PREFIX.length + 6),
        unitId: body.unitId,
        roleCode: body.roleCode,
        createdBy: principal.userId,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : null,
      });
      await writeAudit(trx, actor, {
        action: 'token.create',
        unitId: body.unitId,
        entityType: 'api_token',
        entityId: id,
        after: { name: body.name, roleCode: body.roleCode },
      });
      return id;
    });
    return { token, item: await this.item(id) };
  }

  /** Like changing an account: only someone holding every permission of the token's role. */
  async revoke(principal: Principal, actor: AuditActor, id: number) {
    const before = await findToken(this.db, id);
    if (!before) throw tokenNotFound();
    const role = await rolePermissions(this.db, before.role_code);
    if (role?.permissions.some((p) => !isPermission(p) || !principal.permissions.has(p))) {
      throw tokenErrors.stronger();
    }
    await this.db.transaction().execute(async (trx) => {
      await revokeToken(trx, id);
      await writeAudit(trx, actor, { action: 'token.revoke', unitId: Number(before.unit_id), entityType: 'api_token', entityId: id });
    });
    return this.item(id);
  }
}
