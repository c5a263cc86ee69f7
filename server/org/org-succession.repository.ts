import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * The units whose subtrees, summed, give a unit's figure on a date "through its predecessors":
 * the unit itself if it was placed that day, plus every unit it continues by a merge dated after
 * that day (recursively: C ← B ← A), as they stood that day. A province merged on 1/7/2025 has
 * no tree of its own on 31/12/2024; its figure then is the sum of the provinces it merged.
 * Splits and dissolutions are not followed: their parts went to several successors, so a sum
 * would count them more than once. Nested results (a predecessor already under another) are
 * dropped, so the subtrees are disjoint and their counts add up.
 *
 * This is the call for any count "as of a date, through predecessors" (members, progress).
 */
export async function unitsToSumOn(db: Kysely<DB>, unitId: number, date: string): Promise<number[]> {
  const result = await sql<{ id: number; path: string }>`
    WITH RECURSIVE chain (id) AS (
      SELECT ${unitId}::bigint
      UNION
      SELECT s.predecessor_id FROM org_succession s JOIN chain c ON s.successor_id = c.id
      WHERE s.kind = 'merge' AND s.effective_on > ${date}::date
    )
    SELECT c.id, p.path::text AS path FROM chain c
    JOIN org_placement p ON p.unit_id = c.id AND p.valid_from <= ${date}::date AND (p.valid_to IS NULL OR p.valid_to > ${date}::date)
  `.execute(db);
  const rows = result.rows.map((r) => ({ id: Number(r.id), path: r.path }));
  return rows
    .filter((r) => !rows.some((o) => o.id !== r.id && r.path.startsWith(`${o.path}.`)))
    .map((r) => r.id)
    .sort((a, b) => a - b);
}
