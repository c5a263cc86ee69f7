import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { DB, MemberTable, MembershipTable } from '../db/schema.ts';
import { boundedCount } from '../http/list-total.ts';
import { memberErrors } from './members.errors.ts';

/** A member as listed: the record without its bookkeeping columns, plus where it belongs now. */
export type MemberRow = Omit<Selectable<MemberTable>, 'merged_into_id' | 'created_at' | 'updated_at' | 'cccd_review'> & {
  unit_code: string | null;
  unit_name: string | null;
  sector: string | null;
  updated_at: Date;
};

const memberColumns = [
  'm.id',
  'm.full_name',
  'm.gender',
  'm.birth_date',
  'm.cccd',
  'm.phone',
  'm.ethnicity',
  'm.card_number',
  'm.joined_on',
  'm.status',
  'm.left_on',
  'm.left_reason',
  'm.current_unit_id',
  'u.code as unit_code',
  'u.name as unit_name',
  'u.sector',
  'm.updated_at',
] as const;

export interface MemberListQuery {
  /** Subtree to list (ltree path of its root on today's tree). */
  underPath: string;
  words: string[];
  /** Digits typed in the search box: matched as a card number prefix, and as a CCCD prefix when `digitsMatchCccd`. */
  digits: string | null;
  digitsMatchCccd?: boolean;
  status: 'active' | 'left' | null;
  sector: string | null;
  after: { key: string; id: number } | null;
  limit: number;
}

/** The list's sort key: the unaccented lower-case name in byte order (index member_name_c). */
const NAME_KEY = sql<string>`search_normalize(m.full_name) COLLATE "C"`;

/**
 * Keyset paging on (unaccented name, id): page 5,000 costs what page 1 costs, unlike OFFSET.
 * Members are scoped by the CĐCS they belong to now (or last belonged to, once they left).
 *
 * With search words, every word must begin a word of the name ("an" finds "An" and "Anh", not
 * "Lan"), and the matches come in two groups, each in name order: first the names that begin
 * with the words as typed ("nguyen van an" → "Nguyễn Văn An", "Nguyễn Văn Anh"), then the
 * others ("Trần Nguyễn Văn An"…). The first group is one range of the name index, so the
 * commonest names in the country answer as fast as the rarest; the second is found through the
 * trigram index. The cursor's key carries the group ("1:…" or "2:…").
 */
export async function listMembers(db: Kysely<DB>, q: MemberListQuery): Promise<(MemberRow & { sort_key: string })[]> {
  if (q.words.length === 0) {
    let query = scopedMembers(db, q).select([...memberColumns, NAME_KEY.as('sort_key')]);
    if (q.after) query = query.where(sql<boolean>`(${NAME_KEY}, m.id) > (${q.after.key}, ${q.after.id})`);
    return (await query.orderBy(NAME_KEY).orderBy('m.id').limit(q.limit).execute()) as (MemberRow & { sort_key: string })[];
  }
  const cursor = q.after ? searchCursor(q.after) : null;
  const phrase = sql`search_normalize(${q.words.join(' ')})`;
  const beginsWithPhrase = sql<boolean>`(${NAME_KEY} >= ${phrase} AND ${NAME_KEY} < ${phrase} || chr(1114111))`;
  const rows: (MemberRow & { sort_key: string })[] = [];
  if (!cursor || cursor.group === 1) {
    let first = scopedMembers(db, q)
      .select([...memberColumns, sql<string>`'1:' || ${NAME_KEY}`.as('sort_key')])
      .where(beginsWithPhrase);
    if (cursor) first = first.where(sql<boolean>`(${NAME_KEY}, m.id) > (${cursor.key}, ${cursor.id})`);
    rows.push(...((await first.orderBy(NAME_KEY).orderBy('m.id').limit(q.limit).execute()) as (MemberRow & { sort_key: string })[]));
  }
  if (rows.length < q.limit) {
    rows.push(...(await otherMatches(db, q, cursor, beginsWithPhrase, q.limit - rows.length)));
  }
  return rows;
}

/**
 * The second group: names where every word begins some word of the name, in another order or
 * after other words. The substring test (`LIKE '%word%'`) is what the trigram index answers, with
 * only the word's own trigrams (so a rare word stays cheap); the word-start test is a filter on
 * those few candidates. Words common across a whole province ("thi", "van") give the index little
 * to exclude: such a search is bounded in time and answered with advice to narrow it, rather than
 * left to run for many seconds.
 */
async function otherMatches(
  db: Kysely<DB>,
  q: MemberListQuery,
  cursor: { group: 1 | 2; key: string; id: number } | null,
  beginsWithPhrase: RawBuilder<boolean>,
  limit: number,
): Promise<(MemberRow & { sort_key: string })[]> {
  const query = (trx: Kysely<DB>) => {
    let rest = scopedMembers(trx, q)
      .select([...memberColumns, sql<string>`'2:' || ${NAME_KEY}`.as('sort_key')])
      .where(sql<boolean>`NOT ${beginsWithPhrase}`);
    for (const word of q.words) {
      const normalized = sql`search_normalize(${escapeLike(word)})`;
      rest = rest
        .where(sql<boolean>`search_normalize(m.full_name) LIKE '%' || ${normalized} || '%'`)
        .where(sql<boolean>`' ' || search_normalize(m.full_name) LIKE '% ' || ${normalized} || '%'`);
    }
    if (cursor?.group === 2) rest = rest.where(sql<boolean>`(${NAME_KEY}, m.id) > (${cursor.key}, ${cursor.id})`);
    return rest.orderBy(NAME_KEY).orderBy('m.id').limit(limit);
  };
  try {
    return await db.transaction().execute(async (trx) => {
      // Enough memory that the trigram bitmaps stay exact (a lossy one rechecks whole pages).
      await sql`SET LOCAL work_mem = '32MB'`.execute(trx);
      await sql`SET LOCAL statement_timeout = ${sql.lit(SEARCH_TIME_LIMIT_MS)}`.execute(trx);
      if (scopeFirst(q)) await sql`SET LOCAL enable_bitmapscan = off`.execute(trx);
      return (await query(trx).execute()) as (MemberRow & { sort_key: string })[];
    });
  } catch (error) {
    if ((error as { code?: string }).code !== '57014') throw error;
    throw memberErrors.searchTooBroad();
  }
}

/**
 * Read the scope's members and filter them, instead of asking the trigram index over the whole
 * table: inside a commune or a CĐCS (a path of three labels or more: at most a few tens of
 * thousands of members), and whenever every word is shorter than a trigram ("Vo My"), which the
 * index cannot narrow at all — it then returned every member of the table for a recheck (1.6 s
 * for a commune of the 500,000-member province, and past the time limit under load; 16 ms this way).
 */
function scopeFirst(q: MemberListQuery): boolean {
  const depth = q.underPath.split('.').length;
  return depth >= 3 || q.words.every((word) => word.normalize('NFC').length < 3);
}

/** How long the second search group may run before the user is asked to narrow the search. */
const SEARCH_TIME_LIMIT_MS = 3000;

/**
 * How many members the list's filter matches (both search groups of listMembers: every word
 * begins a word of the name), or null past the time limit.
 */
export function countMembers(db: Kysely<DB>, q: Omit<MemberListQuery, 'after' | 'limit'>): Promise<number | null> {
  return boundedCount(db, (trx) => {
    let query = scopedMembers(trx, { ...q, after: null, limit: 0 });
    for (const word of q.words) {
      query = query.where(sql<boolean>`' ' || search_normalize(m.full_name) LIKE '% ' || search_normalize(${escapeLike(word)}) || '%'`);
    }
    return query;
  });
}

/** Members under the path with the filters that do not depend on the search words. */
function scopedMembers(db: Kysely<DB>, q: MemberListQuery) {
  let query = db
    .selectFrom('member as m')
    .innerJoin('org_unit as u', 'u.id', 'm.current_unit_id')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'm.current_unit_id').on('p.valid_to', 'is', null))
    .where(sql<boolean>`p.path <@ ${q.underPath}::ltree`)
    .where('m.status', '<>', 'merged');
  if (q.digits) {
    const digits = q.digits;
    query = query.where((eb) =>
      eb.or([...(q.digitsMatchCccd ? [eb('m.cccd', 'like', `${digits}%`)] : []), eb('m.card_number', 'like', `%${digits}%`)]),
    );
  }
  if (q.status) query = query.where('m.status', '=', q.status);
  if (q.sector) query = query.where('u.sector', '=', q.sector as never);
  return query;
}

/** A search cursor's key is "1:name" or "2:name"; anything else starts over from the first group. */
function searchCursor(after: { key: string; id: number }): { group: 1 | 2; key: string; id: number } {
  const match = /^([12]):(.*)$/s.exec(after.key);
  return match ? { group: Number(match[1]) as 1 | 2, key: match[2]!, id: after.id } : { group: 1, key: after.key, id: after.id };
}

export async function findMember(db: Kysely<DB>, id: number): Promise<MemberRow | undefined> {
  return db
    .selectFrom('member as m')
    .leftJoin('org_unit as u', 'u.id', 'm.current_unit_id')
    .select([...memberColumns])
    .where('m.id', '=', id)
    .executeTakeFirst() as Promise<MemberRow | undefined>;
}

/**
 * The live records holding a CCCD, each with whether it lies under `scopePath`. One per person
 * normally; more while a record created without sight of another waits for review (`cccd_review`).
 * Two branches, one per partial index on CCCD.
 */
export async function cccdHolders(db: Kysely<DB>, cccd: string, scopePath: string): Promise<{ id: number; in_scope: boolean }[]> {
  const result = await sql<{ id: number; in_scope: boolean }>`
    SELECT m.id, coalesce(p.path <@ ${scopePath}::ltree, false) AS in_scope
    FROM (SELECT id, current_unit_id FROM member WHERE cccd = ${cccd} AND status <> 'merged' AND NOT cccd_review
          UNION ALL
          SELECT id, current_unit_id FROM member WHERE cccd = ${cccd} AND status <> 'merged' AND cccd_review) m
    LEFT JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL`.execute(db);
  return result.rows.map((r) => ({ id: Number(r.id), in_scope: r.in_scope }));
}

/**
 * Once no record outside review holds a CCCD (the other was merged away, or its CCCD corrected),
 * one under review — `preferId` if it is one — becomes the CCCD's record again.
 */
export async function settleCccd(db: Kysely<DB>, cccd: string, preferId: number | null = null): Promise<void> {
  await sql`
    UPDATE member SET cccd_review = false
    WHERE id = (SELECT id FROM member WHERE cccd = ${cccd} AND status <> 'merged' AND cccd_review ORDER BY id = ${preferId ?? 0} DESC, id LIMIT 1)
      AND NOT EXISTS (SELECT 1 FROM member WHERE cccd = ${cccd} AND status <> 'merged' AND NOT cccd_review)`.execute(db);
}

export interface CccdReviewGroupRow {
  ids: number[];
}

/**
 * Records sharing a CCCD, one of them under review, all under `scopePath`: only a unit that sees
 * every record of the group is shown it (the creator, who sees one, learns nothing).
 */
export async function findCccdReviewGroups(db: Kysely<DB>, scopePath: string, limit: number): Promise<CccdReviewGroupRow[]> {
  const result = await sql<{ ids: number[] }>`
    SELECT array_agg(h.id ORDER BY h.review, h.id) AS ids
    FROM (SELECT DISTINCT cccd FROM member WHERE cccd_review AND status <> 'merged') r
    CROSS JOIN LATERAL (
      SELECT id, current_unit_id, false AS review FROM member WHERE cccd = r.cccd AND status <> 'merged' AND NOT cccd_review
      UNION ALL
      SELECT id, current_unit_id, true FROM member WHERE cccd = r.cccd AND status <> 'merged' AND cccd_review
    ) h
    LEFT JOIN org_placement p ON p.unit_id = h.current_unit_id AND p.valid_to IS NULL
    GROUP BY r.cccd
    HAVING count(*) > 1 AND bool_and(coalesce(p.path <@ ${scopePath}::ltree, false))
    ORDER BY min(h.id)
    LIMIT ${limit}
  `.execute(db);
  return result.rows.map((r) => ({ ids: r.ids.map(Number) }));
}

export async function unitOfMember(db: Kysely<DB>, id: number): Promise<number | null> {
  const row = await db.selectFrom('member').select('current_unit_id').where('id', '=', id).executeTakeFirst();
  return row?.current_unit_id === undefined || row.current_unit_id === null ? null : Number(row.current_unit_id);
}

export interface MembershipRow {
  id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  valid_from: string;
  valid_to: string | null;
  start_reason: string;
  end_reason: string | null;
  note: string | null;
}

export async function memberHistory(db: Kysely<DB>, memberId: number): Promise<MembershipRow[]> {
  return db
    .selectFrom('membership as h')
    .innerJoin('org_unit as u', 'u.id', 'h.unit_id')
    .select([
      'h.id',
      'h.unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'h.valid_from',
      'h.valid_to',
      'h.start_reason',
      'h.end_reason',
      'h.note',
    ])
    .where('h.member_id', '=', memberId)
    .orderBy('h.valid_from')
    .execute() as Promise<MembershipRow[]>;
}

export interface NewMember {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  cccd: string;
  phone: string | null;
  ethnicity: string | null;
  cardNumber: string | null;
  joinedOn: string;
  unitId: number;
  /** The CCCD is also on a record the creator cannot see: the upper union resolves it. */
  cccdReview?: boolean;
}

export async function insertMember(db: Kysely<DB> | Transaction<DB>, m: NewMember): Promise<number> {
  const row = await db
    .insertInto('member')
    .values({
      full_name: m.fullName,
      gender: m.gender,
      birth_date: m.birthDate,
      cccd: m.cccd,
      phone: m.phone,
      ethnicity: m.ethnicity,
      card_number: m.cardNumber,
      joined_on: m.joinedOn,
      current_unit_id: m.unitId,
      cccd_review: m.cccdReview ?? false,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const id = Number(row.id);
  await db.insertInto('membership').values({ member_id: id, unit_id: m.unitId, valid_from: m.joinedOn, start_reason: 'joined' }).execute();
  return id;
}

export async function openMembership(db: Kysely<DB>, memberId: number) {
  return db.selectFrom('membership').selectAll().where('member_id', '=', memberId).where('valid_to', 'is', null).executeTakeFirst();
}

export async function closeMembership(
  db: Kysely<DB>,
  membershipId: number,
  on: string,
  reason: 'transfer_out' | 'left' | 'merged' | 'restructure',
): Promise<void> {
  await db.updateTable('membership').set({ valid_to: on, end_reason: reason }).where('id', '=', membershipId).execute();
}

export async function updateMember(db: Kysely<DB>, id: number, values: Updateable<MemberTable>): Promise<void> {
  await db.updateTable('member').set(values).where('id', '=', id).execute();
}

export async function insertMembership(db: Kysely<DB>, values: Insertable<MembershipTable>): Promise<void> {
  await db.insertInto('membership').values(values).execute();
}

/** The first membership starts when the person joined. */
export async function moveFirstMembershipStart(db: Kysely<DB>, memberId: number, joinedOn: string): Promise<void> {
  await db
    .updateTable('membership')
    .set({ valid_from: joinedOn })
    .where('member_id', '=', memberId)
    .where('start_reason', '=', 'joined')
    .execute();
}

export async function deleteMemberships(db: Kysely<DB>, memberId: number): Promise<void> {
  await db.deleteFrom('membership').where('member_id', '=', memberId).execute();
}

/** Members in the subtree at `path` as it stood on `date`, counted exactly from the history. */
export async function countMembersOn(db: Kysely<DB>, unitId: number, date: string): Promise<number> {
  const result = await sql<{ n: number }>`
    WITH root AS (
      SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_from <= ${date}::date AND (valid_to IS NULL OR valid_to > ${date}::date)
    )
    SELECT count(*) AS n
    FROM membership h
    JOIN org_placement p ON p.unit_id = h.unit_id AND p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
    JOIN root ON p.path <@ root.path
    WHERE h.valid_from <= ${date}::date AND (h.valid_to IS NULL OR h.valid_to > ${date}::date)
  `.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}

export interface DuplicateGroupRow {
  name_key: string;
  birth_date: string;
  ids: number[];
}

/** Same unaccented name and birth date in two different CĐCS: probably one person entered twice. */
export async function findDuplicateGroups(db: Kysely<DB>, scopePath: string, limit: number): Promise<DuplicateGroupRow[]> {
  const result = await sql<DuplicateGroupRow>`
    SELECT search_normalize(m.full_name) AS name_key, m.birth_date, array_agg(m.id ORDER BY m.id) AS ids
    FROM member m
    JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL
    WHERE p.path <@ ${scopePath}::ltree AND m.status = 'active'
    GROUP BY search_normalize(m.full_name), m.birth_date
    HAVING count(DISTINCT m.current_unit_id) > 1
    ORDER BY 1, 2
    LIMIT ${limit}
  `.execute(db);
  return result.rows.map((r) => ({ ...r, ids: r.ids.map(Number) }));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
