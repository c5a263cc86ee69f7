import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** Who did it, as recorded: a user, a token, or the system itself (start-up, demo data). */
export interface AuditActor {
  userId: number | null;
  tokenId: number | null;
  label: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, tokenId: null, label: 'hệ thống', ip: null };

export interface AuditEntry {
  action: string;
  unitId?: number | null;
  entityType?: string | null;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  detail?: unknown;
}

/**
 * Always called with the transaction that makes the change, so the change and its audit row
 * commit or roll back together.
 */
export async function writeAudit(db: Kysely<DB>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor_user_id: actor.userId,
      actor_token_id: actor.tokenId,
      actor_label: actor.label,
      unit_id: entry.unitId ?? null,
      entity_type: entry.entityType ?? null,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: json(entry.before),
      after: json(entry.after),
      detail: json(entry.detail),
      ip: actor.ip,
    })
    .execute();
}

export interface AuditQuery {
  scopePath: string;
  userId?: number;
  unitId?: number;
  action?: string;
  from?: string;
  to?: string;
  /** Keyset paging: rows older than this id. */
  beforeId?: number;
  limit: number;
}

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  actor_user_id: number | null;
  actor_label: string;
  /** The account's name today (the label is what was recorded: a username, or what someone typed at login). */
  actor_name: string | null;
  unit_id: number | null;
  unit_name: string | null;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  ip: string | null;
}

/**
 * Audit rows of the caller's subtree: rows about a unit inside it, or rows by its own users.
 * (Rows with no unit — e.g. failed logins for unknown names — are visible to the root's admins only.)
 */
export async function listAudit(db: Kysely<DB>, q: AuditQuery): Promise<AuditRow[]> {
  let query = db
    .selectFrom('audit_log as a')
    .leftJoin('org_unit as u', 'u.id', 'a.unit_id')
    .leftJoin('app_user as au', 'au.id', 'a.actor_user_id')
    .select([
      'a.id',
      'a.at',
      'a.action',
      'a.actor_user_id',
      'a.actor_label',
      'au.full_name as actor_name',
      'a.unit_id',
      'u.name as unit_name',
      'a.entity_type',
      'a.entity_id',
      'a.before',
      'a.after',
      'a.detail',
      'a.ip',
    ])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('org_placement as p')
            .select(sql`1`.as('one'))
            .whereRef('p.unit_id', '=', 'a.unit_id')
            .where('p.valid_to', 'is', null)
            .where(sql<boolean>`p.path <@ ${q.scopePath}::ltree`),
        ),
        sql<boolean>`(a.unit_id IS NULL AND nlevel(${q.scopePath}::ltree) = 1)`,
      ]),
    );
  if (q.userId !== undefined) query = query.where('a.actor_user_id', '=', q.userId);
  if (q.unitId !== undefined) query = query.where('a.unit_id', '=', q.unitId);
  if (q.action !== undefined) query = query.where('a.action', 'like', `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (q.from !== undefined) query = query.where('a.at', '>=', sql<Date>`${q.from}::date`);
  if (q.to !== undefined) query = query.where('a.at', '<', sql<Date>`(${q.to}::date + 1)`);
  if (q.beforeId !== undefined) query = query.where('a.id', '<', q.beforeId);
  return (await query.orderBy('a.id', 'desc').limit(q.limit).execute()) as AuditRow[];
}
