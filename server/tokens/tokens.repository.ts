import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

function tokensQuery(db: Kysely<DB>) {
  return db
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

export type TokenRow = Awaited<ReturnType<ReturnType<typeof tokensQuery>['executeTakeFirstOrThrow']>>;

export function findToken(db: Kysely<DB>, id: number): Promise<TokenRow | undefined> {
  return tokensQuery(db).where('t.id', '=', id).executeTakeFirst();
}

/** Tokens of units placed today inside the scope, newest first. */
export function listTokensInScope(db: Kysely<DB>, scopePath: string): Promise<TokenRow[]> {
  return tokensQuery(db)
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 't.unit_id').on('p.valid_to', 'is', null))
    .where(sql<boolean>`p.path <@ ${scopePath}::ltree`)
    .orderBy('t.id', 'desc')
    .execute();
}

export async function unitOfToken(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('api_token').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.unit_id) : null;
}

export function findRole(db: Kysely<DB>, code: string) {
  return db.selectFrom('role').selectAll().where('code', '=', code).executeTakeFirst();
}

export function rolePermissions(db: Kysely<DB>, code: string) {
  return db.selectFrom('role').select('permissions').where('code', '=', code).executeTakeFirst();
}

export interface NewToken {
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  unitId: number;
  roleCode: string;
  createdBy: number | null;
  expiresAt: Date | null;
}

export async function insertToken(trx: Transaction<DB>, t: NewToken): Promise<number> {
  const row = await trx
    .insertInto('api_token')
    .values({
      name: t.name,
      token_hash: t.tokenHash,
      token_prefix: t.tokenPrefix,
      unit_id: t.unitId,
      role_code: t.roleCode,
      created_by: t.createdBy,
      expires_at: t.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** A second revocation keeps the first time. */
export async function revokeToken(trx: Transaction<DB>, id: number): Promise<void> {
  await trx
    .updateTable('api_token')
    .set({ revoked_at: sql`coalesce(revoked_at, now())` })
    .where('id', '=', id)
    .execute();
}
