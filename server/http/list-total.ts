import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from '../db/schema.ts';

/** How long a list's count may run before the screen is told "not counted" instead of waiting. */
export const LIST_TOTAL_TIME_LIMIT_MS = 2000;

/**
 * The number of rows a list's filter matches, for "1.234 đoàn viên" above the table. Lists page
 * by keyset and never count per page (that is what keeps them fast); a screen asks for the total
 * once per filter (`withTotal`, first page only), and a count that would run past the limit (a
 * common word across a national list) answers null rather than holding the connection.
 * `build` gets the transaction and returns the filtered query without order, cursor or limit.
 */
export async function boundedCount(
  db: Kysely<DB>,
  // A filtered list query of any table and alias (members as m, employers as e…): only its FROM and WHERE are used.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  build: (trx: Kysely<DB>) => SelectQueryBuilder<any, any, any>,
): Promise<number | null> {
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`SET LOCAL statement_timeout = ${sql.lit(LIST_TOTAL_TIME_LIMIT_MS)}`.execute(trx);
      const filtered = build(trx)
        .clearSelect()
        .select(sql`1`.as('one'));
      const row = await trx
        .selectFrom(filtered.as('matched'))
        .select(sql<string>`count(*)`.as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '57014') return null; // statement_timeout
    throw error;
  }
}
