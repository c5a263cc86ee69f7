import { encodeCursor } from '../../server/http/keyset-cursor.ts';
import { defineScenario, type BenchDb } from './scenario.ts';

/**
 * Member registry scenarios of issue 5: accent-free search, keyset paging at page 1 and page
 * 5,000, a commune's CSV export. Each baseline is the obvious naive query, timed directly on
 * the database in the same run (so its figure excludes HTTP, in the naive way's favour).
 */
const COLUMNS = `m.id, m.full_name, m.gender, m.birth_date, m.cccd, m.phone, m.ethnicity, m.card_number, m.joined_on, m.status, m.left_on,
  m.left_reason, m.current_unit_id, u.code AS unit_code, u.name AS unit_name, u.sector, m.updated_at, search_normalize(m.full_name) COLLATE "C" AS sort_key`;
const SCOPED = `FROM member m JOIN org_unit u ON u.id = m.current_unit_id
  JOIN org_placement p ON p.unit_id = m.current_unit_id AND p.valid_to IS NULL
  WHERE p.path <@ $1::ltree AND m.status <> 'merged'`;
const ORDER = 'ORDER BY search_normalize(m.full_name) COLLATE "C", m.id';
const PAGE = 50;

const count = async (db: BenchDb, text: string, params: unknown[]) => (await db.query(text, params)).length;

/** The search scenario for some words; the baseline is the same words the naive way. */
function searchScenario(name: string, words: string[], why: string) {
  return defineScenario({
    name,
    description: `GET /api/members?q=${words.join(' ')}&unitId=<province> (${why}; accent-free, first page of 50)`,
    async measure(http, _state, ctx) {
      const r = await http.get(`/api/members?q=${encodeURIComponent(words.join(' '))}&unitId=${ctx.province.id}`);
      return { rows: (JSON.parse(r.body) as { items: unknown[] }).items.length };
    },
    baseline: {
      // Honest naive: the same scope, order and limit, but each word matched with ILIKE on
      // unaccent(full_name) — an expression no index covers, so no trigram index can help.
      description: `ILIKE '%…%' on unaccent(full_name), no trigram index (direct SQL)`,
      runs: 5,
      measure: async (db, _state, ctx) => ({
        rows: await count(
          db,
          `SELECT ${COLUMNS} ${SCOPED} ${words.map((_, i) => `AND unaccent(m.full_name) ILIKE $${i + 2}`).join(' ')} ${ORDER} LIMIT ${PAGE}`,
          [ctx.province.path, ...words.map((w) => `%${w}%`)],
        ),
      }),
    },
  });
}

/** The issue's query: the most common family name, the most common male middle name, and "an", which has no trigram. */
export const memberSearch = searchScenario('member-search', ['nguyen', 'van', 'an'], 'the commonest name words');
/** A name as rare as most are (Lâm 0.5 % × Kim × Tuyết): what a search for a particular person costs. */
export const memberSearchRare = searchScenario('member-search-rare', ['lam', 'kim', 'tuyet'], 'a rarer name');
/**
 * The hard case for the ranking: common words that begin no name (a middle and a given name), so
 * the page comes entirely from the second group, through the trigram index.
 */
export const memberSearchInner = searchScenario('member-search-inner', ['thi', 'lan'], 'common words that do not begin the name');

export const memberListPage1 = defineScenario({
  name: 'member-list-page-1',
  description: 'GET /api/members?unitId=<province> (first page of 50, keyset on (unaccented name, id), subtree by ltree path)',
  async measure(http, _state, ctx) {
    const r = await http.get(`/api/members?unitId=${ctx.province.id}`);
    return { rows: (JSON.parse(r.body) as { items: unknown[] }).items.length };
  },
  baseline: {
    description: 'same page with the subtree found by a recursive CTE over parent_id instead of the ltree path (direct SQL)',
    runs: 5,
    measure: async (db, _state, ctx) => ({
      rows: await count(
        db,
        `WITH RECURSIVE sub(unit_id) AS (
          SELECT $1::bigint
          UNION ALL SELECT p.unit_id FROM org_placement p JOIN sub ON p.parent_id = sub.unit_id WHERE p.valid_to IS NULL)
        SELECT ${COLUMNS} FROM member m JOIN org_unit u ON u.id = m.current_unit_id JOIN sub ON sub.unit_id = m.current_unit_id
        WHERE m.status <> 'merged' ${ORDER} LIMIT ${PAGE}`,
        [ctx.province.id],
      ),
    }),
  },
});

const TARGET_PAGE = 5000;

export const memberListPage5000 = defineScenario({
  name: 'member-list-page-5000',
  description: `GET /api/members?unitId=<province>&after=<cursor of page ${TARGET_PAGE}> (keyset: one index range, whatever the page)`,
  // The cursor of page 5,000 is read once with OFFSET (untimed) instead of following 4,999 cursors.
  async prepare(db, ctx) {
    const [last] = await db.query<{ sort_key: string; id: number }>(
      `SELECT search_normalize(m.full_name) COLLATE "C" AS sort_key, m.id ${SCOPED} ${ORDER} OFFSET $2 LIMIT 1`,
      [ctx.province.path, (TARGET_PAGE - 1) * PAGE - 1],
    );
    if (!last) throw new Error(`the province has fewer than ${(TARGET_PAGE - 1) * PAGE} members: no page ${TARGET_PAGE}`);
    return { cursor: encodeCursor(last.sort_key, Number(last.id)) };
  },
  async measure(http, state, ctx) {
    const r = await http.get(`/api/members?unitId=${ctx.province.id}&after=${state.cursor}`);
    return { rows: (JSON.parse(r.body) as { items: unknown[] }).items.length };
  },
  baseline: {
    description: `OFFSET ${((TARGET_PAGE - 1) * PAGE).toLocaleString('en-US')} LIMIT 50 (direct SQL)`,
    runs: 5,
    measure: async (db, _state, ctx) => ({
      rows: await count(db, `SELECT ${COLUMNS} ${SCOPED} ${ORDER} OFFSET $2 LIMIT ${PAGE}`, [ctx.province.path, (TARGET_PAGE - 1) * PAGE]),
    }),
  },
});

export const exportCommune = defineScenario({
  name: 'export-commune',
  description: 'GET /api/members/export?format=csv&unitId=<commune> (streamed CSV of every member of the largest commune of the province)',
  runs: 10,
  warmup: 1,
  async measure(http, _state, ctx) {
    const r = await http.get(`/api/members/export?format=csv&unitId=${ctx.commune.id}`);
    if (r.status !== 200) throw new Error(`export answered ${r.status}`);
    return { rows: r.body.split('\n').filter(Boolean).length - 1 };
  },
  baseline: {
    description: 'the same rows read with OFFSET paging in pages of 5,000 (direct SQL, no CSV writing)',
    runs: 3,
    async measure(db, _state, ctx) {
      let rows = 0;
      for (let offset = 0; ; offset += 5000) {
        const n = await count(db, `SELECT ${COLUMNS} ${SCOPED} ${ORDER} OFFSET $2 LIMIT 5000`, [ctx.commune.path, offset]);
        rows += n;
        if (n < 5000) return { rows };
      }
    },
  },
});

const COUNT_DATE = '2026-01-01';

/** A roll-up read: members of the whole province on a past date, exact from the membership history. */
export const memberCountProvince = defineScenario({
  name: 'member-count-province',
  description: `GET /api/members/count?unitId=<province>&date=${COUNT_DATE} (memberships valid that day under the province's path that day)`,
  runs: 10,
  warmup: 2,
  async measure(http, _state, ctx) {
    await http.get(`/api/members/count?unitId=${ctx.province.id}&date=${COUNT_DATE}`);
    return {};
  },
  baseline: {
    description: 'same count with the subtree found by a recursive CTE over parent_id (direct SQL)',
    runs: 3,
    measure: async (db, _state, ctx) => {
      await db.query(
        `WITH RECURSIVE sub(unit_id) AS (
          SELECT $1::bigint
          UNION ALL SELECT p.unit_id FROM org_placement p JOIN sub ON p.parent_id = sub.unit_id
          WHERE p.valid_from <= $2::date AND (p.valid_to IS NULL OR p.valid_to > $2::date))
        SELECT count(*) FROM membership h JOIN sub ON sub.unit_id = h.unit_id
        WHERE h.valid_from <= $2::date AND (h.valid_to IS NULL OR h.valid_to > $2::date)`,
        [ctx.province.id, COUNT_DATE],
      );
      return {};
    },
  },
});
