import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface LoginUserRow {
  id: number;
  username: string;
  full_name: string;
  unit_id: number;
  password_hash: string;
  must_change_password: boolean;
  is_disabled: boolean;
  failed_attempts: number;
  locked_until: Date | null;
}

/** The columns of `LoginUserRow`, read by username (signing in) and by id. */
const LOGIN_USER_COLUMNS = [
  'id',
  'username',
  'full_name',
  'unit_id',
  'password_hash',
  'must_change_password',
  'is_disabled',
  'failed_attempts',
  'locked_until',
] as const;

export async function findUserForLogin(db: Kysely<DB>, username: string): Promise<LoginUserRow | undefined> {
  return db.selectFrom('app_user').select(LOGIN_USER_COLUMNS).where('username', '=', username).executeTakeFirst() as Promise<
    LoginUserRow | undefined
  >;
}

export async function findUserById(db: Kysely<DB>, id: number): Promise<LoginUserRow | undefined> {
  return db.selectFrom('app_user').select(LOGIN_USER_COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<LoginUserRow | undefined>;
}

/**
 * Counts a password attempt *before* the password is checked, in one conditional UPDATE: the
 * row lock serialises concurrent attempts and each sees the count the previous one left, so
 * however many arrive at once, at most `threshold` pass per lockout window. The attempt that
 * reaches the threshold sets the lock itself (a right password then lifts it again, see
 * `clearFailedAttempts`). Returns nothing while the account is locked: no password is checked.
 * The count is not reset when a lock expires, so after a lockout each further wrong password
 * locks again at once; only a right password (or an administrator) resets it.
 */
export async function claimPasswordAttempt(
  db: Kysely<DB>,
  userId: number,
  threshold: number,
  lockMinutes: number,
): Promise<{ attempts: number; lockedUntil: Date | null } | undefined> {
  const row = await db
    .updateTable('app_user')
    .set({
      failed_attempts: sql`failed_attempts + 1`,
      locked_until: sql`CASE WHEN failed_attempts + 1 >= ${threshold} THEN now() + make_interval(mins => ${lockMinutes}) END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .returning(['failed_attempts', 'locked_until'])
    .executeTakeFirst();
  return row && { attempts: row.failed_attempts, lockedUntil: row.locked_until };
}

/** A right password ends the guessing: the count (and a lock its own attempt may have set) go. */
export async function clearFailedAttempts(db: Kysely<DB>, userId: number): Promise<void> {
  await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function recordSuccessfulLogin(db: Kysely<DB>, userId: number): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: null, last_login_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export async function insertSession(
  db: Kysely<DB>,
  s: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null; userAgent: string | null },
): Promise<number> {
  const row = await db
    .insertInto('user_session')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export interface SessionPrincipalRow {
  session_id: number;
  last_seen_at: Date;
  user_id: number;
  username: string;
  unit_id: number;
  must_change_password: boolean;
  scope_path: string;
  roles: string[];
  permissions: string[];
}

/**
 * One query resolves a session into everything the guard needs: the user, their unit's path on
 * today's tree, their roles and the union of the roles' permissions. Expired, revoked, idle
 * sessions and disabled users resolve to nothing.
 */
export async function findSessionPrincipal(
  db: Kysely<DB>,
  tokenHash: string,
  idleMinutes: number,
): Promise<SessionPrincipalRow | undefined> {
  const result = await sql<SessionPrincipalRow>`
    SELECT s.id AS session_id, s.last_seen_at, u.id AS user_id, u.username, u.unit_id, u.must_change_password,
           p.path::text AS scope_path,
           coalesce(array_agg(DISTINCT r.code) FILTER (WHERE r.code IS NOT NULL), '{}') AS roles,
           coalesce(array_agg(DISTINCT perm) FILTER (WHERE perm IS NOT NULL), '{}') AS permissions
    FROM user_session s
    JOIN app_user u ON u.id = s.user_id AND NOT u.is_disabled
    JOIN org_placement p ON p.unit_id = u.unit_id AND p.valid_to IS NULL
    LEFT JOIN user_role ur ON ur.user_id = u.id
    LEFT JOIN role r ON r.code = ur.role_code
    LEFT JOIN LATERAL unnest(r.permissions) AS perm ON true
    WHERE s.token_hash = ${tokenHash}
      AND s.revoked_at IS NULL
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => ${idleMinutes})
    GROUP BY s.id, u.id, p.path
  `.execute(db);
  return result.rows[0];
}

export async function touchSession(db: Kysely<DB>, sessionId: number): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ last_seen_at: sql`now()` })
    .where('id', '=', sessionId)
    .execute();
}

export async function revokeSession(db: Kysely<DB>, sessionId: number): Promise<void> {
  await db
    .updateTable('user_session')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Kysely<DB>, userId: number, exceptSessionId: number | null = null): Promise<number> {
  let query = db
    .updateTable('user_session')
    .set({ revoked_at: sql`now()` })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId !== null) query = query.where('id', '<>', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface TokenPrincipalRow {
  token_id: number;
  name: string;
  unit_id: number;
  last_used_at: Date | null;
  scope_path: string;
  role_code: string;
  permissions: string[];
}

export async function findTokenPrincipal(db: Kysely<DB>, tokenHash: string): Promise<TokenPrincipalRow | undefined> {
  const result = await sql<TokenPrincipalRow>`
    SELECT t.id AS token_id, t.name, t.unit_id, t.last_used_at, p.path::text AS scope_path, t.role_code, r.permissions
    FROM api_token t
    JOIN role r ON r.code = t.role_code
    JOIN org_placement p ON p.unit_id = t.unit_id AND p.valid_to IS NULL
    WHERE t.token_hash = ${tokenHash} AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())
  `.execute(db);
  return result.rows[0];
}

export async function touchToken(db: Kysely<DB>, tokenId: number): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: sql`now()` })
    .where('id', '=', tokenId)
    .execute();
}

/** Is the unit inside the subtree at `scopePath`? Judged on its latest placement (today's tree, or where it last stood). */
export async function isUnitInScope(db: Kysely<DB>, unitId: number, scopePath: string): Promise<boolean> {
  const row = await db
    .selectFrom('org_placement')
    .select(sql<boolean>`path <@ ${scopePath}::ltree`.as('inside'))
    .where('unit_id', '=', unitId)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.inside === true;
}

/** Like isUnitInScope; with `orAbove`, a unit over the scope (one of the caller's ancestors) passes too. */
export async function isUnitReachable(db: Kysely<DB>, unitId: number, scopePath: string, orAbove: boolean): Promise<boolean> {
  const row = await db
    .selectFrom('org_placement')
    .select(sql<boolean>`path <@ ${scopePath}::ltree OR (${orAbove} AND path @> ${scopePath}::ltree)`.as('ok'))
    .where('unit_id', '=', unitId)
    .orderBy('valid_from', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.ok === true;
}

export async function updatePassword(db: Kysely<DB>, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ password_hash: passwordHash, must_change_password: mustChange, password_changed_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', userId)
    .execute();
}

export function findUnitSummary(db: Kysely<DB>, unitId: number) {
  return db.selectFrom('org_unit').select(['id', 'code', 'name', 'kind']).where('id', '=', unitId).executeTakeFirstOrThrow();
}

export function rolesByCode(db: Kysely<DB>, codes: readonly string[]): Promise<{ code: string; name: string }[]> {
  return db.selectFrom('role').select(['code', 'name']).where('code', 'in', codes).orderBy('code').execute();
}

export async function userFullName(db: Kysely<DB>, userId: number): Promise<string | undefined> {
  const user = await db.selectFrom('app_user').select(['full_name']).where('id', '=', userId).executeTakeFirst();
  return user?.full_name;
}
