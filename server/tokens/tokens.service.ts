import { sql, type Kysely } from 'kysely';
import type { Static } from 'typebox';
import { isPermission } from '../../domain/access/permission.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import { isUnitInScope } from '../auth/auth.repository.ts';
import type { Principal } from '../auth/principal.ts';
import { newToken, tokenHash } from '../auth/secrets.ts';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';
import { tokenErrors } from './tokens.errors.ts';
import type { CreateTokenBody, TokenItem } from './tokens.schema.ts';

export const tokenNotFound = tokenErrors.notFound;

const TOKEN_PREFIX = 'tdk_';

export class TokensService {
  constructor(private readonly db: Kysely<DB>) {}

  private query() {
    return this.db
      .selectFrom('api_token as t')
      .innerJoin('org_unit as o', 'o.id', 't.unit_id')
      .innerJoin('role as r', 'r.code', 't.role_code')
      .select([
        't.id',
        't.name',
        't.token_prefix',
        't.unit_id',
        'o.name as unit_name',
        't.role_code',
        'r.name as role_name',
        't.created_at',
        't.expires_at',
        't.last_used_at',
        't.revoked_at',
      ]);
  }

  private present(r: Awaited<ReturnType<ReturnType<TokensService['query']>['executeTakeFirstOrThrow']>>): Static<typeof TokenItem> {
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

  async unitOf(id: number): Promise<number | null> {
    const row = await this.db.selectFrom('api_token').select('unit_id').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.unit_id) : null;
  }

  async list(principal: Principal) {
    const rows = await this.query()
      .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 't.unit_id').on('p.valid_to', 'is', null))
      .where(sql<boolean>`p.path <@ ${principal.scopePath}::ltree`)
      .orderBy('t.id', 'desc')
      .execute();
    return { items: rows.map((r) => this.present(r)) };
  }

  async create(principal: Principal, actor: AuditActor, body: Static<typeof CreateTokenBody>) {
    if (!(await isUnitInScope(this.db, body.unitId, principal.scopePath))) {
      throw commonErrors.unitNotFound();
    }
    const role = await this.db.selectFrom('role').selectAll().where('code', '=', body.roleCode).executeTakeFirst();
    if (!role) throw tokenErrors.roleUnknown(body.roleCode);
    if (role.permissions.some((p) => !isPermission(p) || !principal.permissions.has(p))) {
      throw tokenErrors.roleNotGrantable(role.name);
    }
    if (body.expiresAt && new Date(body.expiresAt).getTime() <= Date.now()) {
      throw tokenErrors.expiryInPast();
    }
    const token = newToken(TOKEN_PREFIX);
    const id = await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('api_token')
        .values({
          name: body.name.normalize('NFC').trim(),
          token_hash: tokenHash(token),
          token_prefix: token.slice(0, TOKEN_PREFIX.length + 6),
          unit_id: body.unitId,
          role_code: body.roleCode,
          created_by: principal.userId,
          expires_at: body.expiresAt ? new Date(body.expiresAt) : null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeAudit(trx, actor, {
        action: 'token.create',
        unitId: body.unitId,
        entityType: 'api_token',
        entityId: row.id,
        after: { name: body.name, roleCode: body.roleCode },
      });
      return Number(row.id);
    });
    return { token, item: this.present(await this.query().where('t.id', '=', id).executeTakeFirstOrThrow()) };
  }

  /** Like changing an account: only someone holding every permission of the token's role. */
  async revoke(principal: Principal, actor: AuditActor, id: number) {
    const before = await this.query().where('t.id', '=', id).executeTakeFirst();
    if (!before) throw tokenNotFound();
    const role = await this.db.selectFrom('role').select('permissions').where('code', '=', before.role_code).executeTakeFirst();
    if (role?.permissions.some((p) => !isPermission(p) || !principal.permissions.has(p))) {
      throw tokenErrors.stronger();
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('api_token')
        .set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where('id', '=', id)
        .execute();
      await writeAudit(trx, actor, { action: 'token.revoke', unitId: Number(before.unit_id), entityType: 'api_token', entityId: id });
    });
    return this.present(await this.query().where('t.id', '=', id).executeTakeFirstOrThrow());
  }
}
