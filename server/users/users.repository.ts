import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface UserRow {
  id: number;
  username: string;
  full_name: string;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  email: string | null;
  phone: string | null;
  is_disabled: boolean;
  locked_until: Date | null;
  must_change_password: boolean;
  last_login_at: Date | null;
  created_at: Date;
  roles: { code: string; name: string }[];
  /** Every permission of every role the user holds (who may manage them must hold them all). */
  permissions: string[];
}

function usersInScope(db: Kysely<DB>, scopePath: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'u.unit_id').on('p.valid_to', 'is', null))
    .where(sql<boolean>`p.path <@ ${scopePath}::ltree`);
}

const columns = [
  'u.id',
  'u.username',
  'u.full_name',
  'u.unit_id',
  'o.code as unit_code',
  'o.name as unit_name',
  'u.email',
  'u.phone',
  'u.is_disabled',
  'u.locked_until',
  'u.must_change_password',
  'u.last_login_at',
  'u.created_at',
  sql<{ code: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('code', r.code, 'name', r.name) ORDER BY r.code)
       FROM user_role ur JOIN role r ON r.code = ur.role_code WHERE ur.user_id = u.id), '[]'::json)`.as('roles'),
  sql<string[]>`coalesce((SELECT array_agg(DISTINCT perm ORDER BY perm)
       FROM user_role ur JOIN role r ON r.code = ur.role_code CROSS JOIN LATERAL unnest(r.permissions) AS perm WHERE ur.user_id = u.id), '{}')`.as(
    'permissions',
  ),
] as const;

export async function listUsers(
  db: Kysely<DB>,
  q: { scopePath: string; search?: string; unitId?: number; offset: number; limit: number },
): Promise<{ rows: UserRow[]; total: number }> {
  let base = usersInScope(db, q.scopePath);
  if (q.unitId !== undefined) base = base.where('u.unit_id', '=', q.unitId);
  for (const word of (q.search ?? '').trim().split(/\s+/).filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`search_normalize(u.full_name) LIKE search_normalize(${pattern})`,
        sql<boolean>`u.username LIKE lower(${pattern})`,
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .select([...columns])
      .orderBy('u.username')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as UserRow[], total: Number(count.n) };
}

export async function findUser(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.id', 'u.unit_id')
    .select([...columns])
    .where('u.id', '=', id)
    .executeTakeFirst() as Promise<UserRow | undefined>;
}

/** A user read for a change, inside its transaction: the row lock makes a concurrent change of the same user wait. */
export async function findUserForChange(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  await db.selectFrom('app_user').select('id').where('id', '=', id).forUpdate().execute();
  return findUser(db, id);
}

export async function unitOfUser(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('app_user').select('unit_id').where('id', '=', id).executeTakeFirst();
  return row ? Number(row.unit_id) : null;
}

export async function usernameTaken(db: Kysely<DB>, username: string): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst());
}

export async function insertUser(
  db: Kysely<DB>,
  u: {
    username: string;
    fullName: string;
    unitId: number;
    email: string | null;
    phone: string | null;
    passwordHash: string;
    mustChangePassword: boolean;
  },
): Promise<number> {
  const row = await db
    .insertInto('app_user')
    .values({
      username: u.username,
      full_name: u.fullName,
      unit_id: u.unitId,
      email: u.email,
      phone: u.phone,
      password_hash: u.passwordHash,
      must_change_password: u.mustChangePassword,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateUser(
  db: Kysely<DB>,
  id: number,
  patch: Partial<{
    full_name: string;
    unit_id: number;
    email: string | null;
    phone: string | null;
    is_disabled: boolean;
    failed_attempts: number;
    locked_until: Date | null;
  }>,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ ...patch, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function setRoles(db: Kysely<DB>, userId: number, roles: string[]): Promise<void> {
  await db.deleteFrom('user_role').where('user_id', '=', userId).execute();
  if (roles.length)
    await db
      .insertInto('user_role')
      .values(roles.map((role_code) => ({ user_id: userId, role_code })))
      .execute();
}

export async function findRoles(db: Kysely<DB>, codes?: string[]) {
  let query = db.selectFrom('role').selectAll().orderBy('code');
  if (codes) query = query.where('code', 'in', codes.length ? codes : ['']);
  return query.execute();
}
