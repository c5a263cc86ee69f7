import { sql, type Kysely } from 'kysely';
import type { CompletenessFigures } from '../../domain/report-documents/report-content.ts';
import type { DB } from '../db/schema.ts';
import type { SqlRow } from '../db/sql-row.ts';

/** The figures of the report's completeness table, counted here; the form's name is added by the caller. */
export type CompletenessCounts = Omit<CompletenessFigures, 'templateName'>;

export interface CompletenessQuery {
  rootId: number;
  rootPath: string;
  unitKinds: string[];
  templateCode: string;
  periodCode: string;
}

/**
 * The units expected to report (today's tree: the template's unit kinds in the subtree, still
 * active), each with its report's status, in one pass. A first submission on or before the due
 * day (Vietnam's calendar, UTC+7) is on time; "submitted" counts every report ever sent (waiting,
 * accepted or returned); "missing" the units that have sent nothing (no report or a draft).
 */
const expectedUnits = (q: CompletenessQuery) => sql`
  expected AS (
    SELECT p.unit_id, p.path, u.name, u.phone, u.email,
      CASE WHEN p.unit_id = ${q.rootId} THEN p.unit_id ELSE subpath(p.path, nlevel(${q.rootPath}::ltree), 1)::text::bigint END AS child_id,
      r.id AS report_id, r.status, r.due_on,
      ((r.first_submitted_at AT TIME ZONE 'UTC') + interval '7 hours')::date AS first_submitted_on
    FROM org_placement p
    JOIN org_unit u ON u.id = p.unit_id
    LEFT JOIN report r ON r.unit_id = p.unit_id AND r.template_code = ${q.templateCode} AND r.period_code = ${q.periodCode}
    WHERE p.valid_to IS NULL AND p.path <@ ${q.rootPath}::ltree AND u.kind = ANY(${q.unitKinds}::text[]) AND u.valid_to IS NULL
      AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = p.unit_id AND g.dissolved_on IS NOT NULL)
  )`;

const counts = sql`
  count(*)::int AS expected,
  count(*) FILTER (WHERE first_submitted_on IS NOT NULL)::int AS submitted,
  count(*) FILTER (WHERE first_submitted_on <= due_on)::int AS on_time,
  count(*) FILTER (WHERE first_submitted_on > due_on)::int AS late,
  count(*) FILTER (WHERE status = 'accepted')::int AS accepted,
  count(*) FILTER (WHERE status = 'returned')::int AS returned,
  count(*) FILTER (WHERE first_submitted_on IS NULL)::int AS missing`;

const toCounts = (r: Record<string, number>): CompletenessCounts => ({
  expected: r.expected!,
  submitted: r.submitted!,
  onTime: r.on_time!,
  late: r.late!,
  accepted: r.accepted!,
  returned: r.returned!,
  missing: r.missing!,
});

export async function completenessCounts(
  db: Kysely<DB>,
  q: CompletenessQuery,
): Promise<{ total: CompletenessCounts; children: (CompletenessCounts & { unit: { id: number; name: string; kind: string } })[] }> {
  const { rows } = await sql<SqlRow>`
    WITH ${expectedUnits(q)}
    SELECT e.child_id, c.name AS child_name, c.kind AS child_kind, ${counts}
    FROM expected e JOIN org_unit c ON c.id = e.child_id
    GROUP BY e.child_id, c.name, c.kind
    ORDER BY count(*) FILTER (WHERE first_submitted_on IS NULL)::float / count(*) DESC, search_normalize(c.name)`.execute(db);
  const children = rows.map((r) => ({ unit: { id: Number(r.child_id), name: r.child_name, kind: r.child_kind }, ...toCounts(r) }));
  const total = children.reduce<CompletenessCounts>(
    (sum, c) => ({
      expected: sum.expected + c.expected,
      submitted: sum.submitted + c.submitted,
      onTime: sum.onTime + c.onTime,
      late: sum.late + c.late,
      accepted: sum.accepted + c.accepted,
      returned: sum.returned + c.returned,
      missing: sum.missing + c.missing,
    }),
    { expected: 0, submitted: 0, onTime: 0, late: 0, accepted: 0, returned: 0, missing: 0 },
  );
  return { total, children };
}

export interface MissingUnit {
  id: number;
  name: string;
  parentName: string | null;
  status: 'draft' | null;
  phone: string | null;
  email: string | null;
  contacts: { fullName: string; email: string | null }[];
}

/** Units that have sent nothing yet, with whom to call: the unit's own contact and its accounts. */
export async function missingUnits(db: Kysely<DB>, q: CompletenessQuery, limit: number): Promise<{ total: number; items: MissingUnit[] }> {
  const { rows } = await sql<SqlRow>`
    WITH ${expectedUnits(q)}, missing AS (SELECT * FROM expected WHERE first_submitted_on IS NULL)
    SELECT m.unit_id, m.name, m.status, m.phone, m.email, parent.name AS parent_name, (SELECT count(*) FROM missing)::int AS total,
      coalesce((SELECT json_agg(json_build_object('fullName', a.full_name, 'email', a.email) ORDER BY a.id)
                FROM app_user a WHERE a.unit_id = m.unit_id AND NOT a.is_disabled), '[]') AS contacts
    FROM missing m
    LEFT JOIN org_placement pp ON pp.unit_id = m.unit_id AND pp.valid_to IS NULL
    LEFT JOIN org_unit parent ON parent.id = pp.parent_id
    ORDER BY search_normalize(parent.name), search_normalize(m.name), m.unit_id LIMIT ${limit}`.execute(db);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((r) => ({
      id: Number(r.unit_id),
      name: r.name,
      parentName: r.parent_name,
      status: r.status === 'draft' ? 'draft' : null,
      phone: r.phone,
      email: r.email,
      contacts: (typeof r.contacts === 'string' ? JSON.parse(r.contacts) : r.contacts) as MissingUnit['contacts'],
    })),
  };
}
