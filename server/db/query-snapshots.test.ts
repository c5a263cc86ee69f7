import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { aggregatedCounts, aggregatedEmployers, aggregatedReportedTotals } from '../progress/aggregate-elements.repository.ts';
import { countMembers, listMembers, type MemberListQuery } from '../members/members.repository.ts';
import type { DB } from './schema.ts';

/**
 * The SQL of the hot queries, kept beside their repositories in `*.repository.sql` files (as
 * immich does): an edit that changes a plan-deciding query — a member search, a list page, the
 * progress counts a dashboard reads — shows in review as a diff of SQL, not only of builder
 * code. The queries are compiled against a driver that answers no rows; nothing runs.
 * After an intended change: `npx vitest run server/db/query-snapshots.test.ts -u`, then read the diff.
 */
function recordingDb(): { db: Kysely<DB>; take: () => string } {
  const seen: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      if (event.level === 'query') seen.push(event.query);
    },
  });
  const take = () => {
    const text = seen.map((q) => `${q.sql.trim()}\n-- parameters: ${JSON.stringify(q.parameters)}`).join('\n\n');
    seen.length = 0;
    return text;
  };
  return { db, take };
}

async function snapshot(cases: [string, (db: Kysely<DB>) => Promise<unknown>][]): Promise<string> {
  const { db, take } = recordingDb();
  const parts: string[] = [];
  for (const [name, run] of cases) {
    await run(db);
    parts.push(`-- ${name}\n${take()}`);
  }
  return `${parts.join('\n\n')}\n`;
}

const listQuery: MemberListQuery = {
  underPath: '1.2',
  words: [],
  digits: null,
  status: 'active',
  sector: null,
  after: null,
  limit: 50,
};

describe('SQL of the hot queries', () => {
  it('members: the list page, the page after a cursor, a name search, a digits search, the count', async () => {
    const text = await snapshot([
      ['listMembers: first page of a subtree', (db) => listMembers(db, listQuery)],
      [
        'listMembers: a later page (keyset cursor), one sector',
        (db) => listMembers(db, { ...listQuery, sector: 'fdi', after: { key: 'nguyen van an', id: 812 } }),
      ],
      ['listMembers: a name search', (db) => listMembers(db, { ...listQuery, words: ['nguyen', 'van', 'an'] })],
      [
        'listMembers: a name search, second group after a cursor',
        (db) => listMembers(db, { ...listQuery, words: ['an'], after: { key: '2:tran van an', id: 91 } }),
      ],
      [
        'listMembers: digits typed (card number and CCCD prefix)',
        (db) => listMembers(db, { ...listQuery, digits: '0790', digitsMatchCccd: true }),
      ],
      ['countMembers: a name search', (db) => countMembers(db, { ...listQuery, words: ['nguyen'] })],
    ]);
    await expect(text).toMatchFileSnapshot('../members/members.repository.sql');
  });

  it('progress: the counts a dashboard reads (members, women, new members, employers, reported sums)', async () => {
    const text = await snapshot([
      [
        'aggregatedCounts: two units on a day, members and women, with a period',
        (db) =>
          aggregatedCounts(db, [
            { unitId: 1, date: '2026-06-30', period: { start: '2026-01-01', end: '2026-06-30' }, women: true, members: true },
            { unitId: 7, date: '2026-06-30', period: null, women: false, members: true },
          ]),
      ],
      ['aggregatedEmployers: two units, 25 workers or more', (db) => aggregatedEmployers(db, [1, 7], 25)],
      [
        'aggregatedReportedTotals: accepted and submitted figures of a half-year',
        (db) => aggregatedReportedTotals(db, [1, 7], '2026-H1', true),
      ],
    ]);
    await expect(text).toMatchFileSnapshot('../progress/aggregate-elements.repository.sql');
  });
});
