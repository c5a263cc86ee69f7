import { isDeepStrictEqual } from 'node:util';
import type { TaskStatus } from '../../domain/tasks/task-status.ts';
import { dueState, settledThrough, type TaskTiming } from '../../domain/tasks/task-timing.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { defineScenario, type BenchDb, type BenchContext } from './scenario.ts';

/**
 * Issue 18, acceptance 4: the Nhiệm vụ list of a province whose tasks were given to its communes
 * and by them to 5,000 CĐCS opens — GET /api/tasks?view=owned, first page, each row with the
 * province's own status and the counts of the units below (directly: the communes; every level:
 * communes and CĐCS), completed and overdue counted per assignee.
 *
 * Data (prepared once, idempotent, marked "BENCH"): 10 province tasks of every timing; each given
 * to every commune of the province and, by the communes, to 500 of their CĐCS (5,000 CĐCS
 * assignments); statuses for about two thirds of the CĐCS (a history of two periods for some),
 * written as the service writes them (status rows plus the copied last status and settled day).
 *
 * The baseline answers the same page the naive way, directly on the database in the same run:
 * the assignment tree walked by parent links with a recursive CTE, each assignee's latest status
 * read from the status history, overdue judged in JavaScript by the domain rule — and checks that
 * its counts equal the server's.
 */
const TASKS = 10;
const CDCS_PER_TASK = 500;
const TITLE = 'BENCH nhiệm vụ';
const TIMINGS: TaskTiming[] = [
  { kind: 'deadline', deadline: '2026-06-30' },
  { kind: 'yearly' },
  { kind: 'quarterly' },
  { kind: 'ongoing' },
  { kind: 'year', year: 2026 },
  { kind: 'deadline', deadline: '2027-03-31' },
  { kind: 'yearly' },
  { kind: 'deadline', deadline: '2026-12-20' },
  { kind: 'quarterly' },
  { kind: 'year', year: 2027 },
];
const STATUSES: (TaskStatus | null)[] = ['done', 'in_progress', null, 'late', 'done', 'not_started', null, 'dropped', 'in_progress'];

interface State {
  path: string;
  unitId: number;
  cdcsAssignments: number;
  serverCounts?: unknown;
}

const dueOnOf = (t: TaskTiming) => (t.kind === 'deadline' ? t.deadline : t.kind === 'year' ? `${t.year}-12-31` : null);

async function ensureTasks(db: BenchDb, ctx: BenchContext): Promise<number> {
  const [done] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE t.unit_id = $1 AND t.title LIKE $2 AND a.depth = 2`,
    [ctx.province.id, `${TITLE}%`],
  );
  if (done!.n >= TASKS * CDCS_PER_TASK) return done!.n;
  await db.query(`DELETE FROM task WHERE unit_id = $1 AND title LIKE $2`, [ctx.province.id, `${TITLE}%`]);
  const communes = await db.query<{ id: number }>(
    `SELECT p.unit_id AS id FROM org_placement p WHERE p.valid_to IS NULL AND p.parent_id = $1
       AND EXISTS (SELECT 1 FROM org_placement c JOIN org_unit u ON u.id = c.unit_id WHERE c.valid_to IS NULL AND c.parent_id = p.unit_id AND u.kind = 'grassroots')
     ORDER BY p.unit_id`,
    [ctx.province.id],
  );
  for (let k = 0; k < TASKS; k++) {
    const timing = TIMINGS[k]!;
    const [task] = await db.query<{ id: number }>(
      `INSERT INTO task (unit_id, title, lead_name, timing_kind, due_on, timing_year, created_by_label) VALUES ($1, $2, 'Ban Tổ chức', $3, $4, $5, 'bench') RETURNING id`,
      [
        ctx.province.id,
        `${TITLE} ${k + 1}: triển khai nghị quyết tại cơ sở`,
        timing.kind,
        dueOnOf(timing),
        timing.kind === 'year' ? timing.year : null,
      ],
    );
    const taskId = Number(task!.id);
    const startsOn = '2025-12-01';
    await db.query(
      `INSERT INTO task_assignment (task_id, assignee_unit_id, depth, path, starts_on, assigned_by_label) VALUES ($1, $2, 0, '0', $3, 'bench')`,
      [taskId, ctx.province.id, startsOn],
    );
    await db.query(`UPDATE task_assignment SET path = id::text::ltree WHERE task_id = $1 AND depth = 0`, [taskId]);
    await db.query(
      `
      INSERT INTO task_assignment (task_id, assignee_unit_id, parent_assignment_id, depth, path, starts_on, assigned_by_label)
      SELECT $1, c, r.id, 1, r.path, $3, 'bench' FROM unnest($2::bigint[]) AS c, task_assignment r WHERE r.task_id = $1 AND r.depth = 0`,
      [taskId, communes.map((c) => c.id), startsOn],
    );
    await db.query(`UPDATE task_assignment SET path = path || id::text WHERE task_id = $1 AND depth = 1`, [taskId]);
    // 500 CĐCS, taken round-robin over the communes (a different slice for each task).
    await db.query(
      `
      INSERT INTO task_assignment (task_id, assignee_unit_id, parent_assignment_id, depth, path, starts_on, assigned_by_label)
      SELECT $1, x.unit_id, a.id, 2, a.path, $3, 'bench'
      FROM (
        SELECT r.unit_id, r.parent_id, row_number() OVER (ORDER BY r.rank_in_commune, r.parent_id) AS n
        FROM (
          SELECT p.unit_id, p.parent_id, row_number() OVER (PARTITION BY p.parent_id ORDER BY (p.unit_id * 7919 + $4) % 100003) AS rank_in_commune
          FROM org_placement p JOIN org_unit u ON u.id = p.unit_id
          WHERE p.valid_to IS NULL AND u.kind = 'grassroots' AND p.parent_id = ANY($5::bigint[])
        ) r
      ) x JOIN task_assignment a ON a.task_id = $1 AND a.depth = 1 AND a.assignee_unit_id = x.parent_id
      WHERE x.n <= $2`,
      [taskId, CDCS_PER_TASK, startsOn, k, communes.map((c) => c.id)],
    );
    await db.query(`UPDATE task_assignment SET path = path || id::text WHERE task_id = $1 AND depth = 2`, [taskId]);
    await writeStatuses(db, taskId, timing);
  }
  const [after] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM task_assignment a JOIN task t ON t.id = a.task_id WHERE t.unit_id = $1 AND t.title LIKE $2 AND a.depth = 2`,
    [ctx.province.id, `${TITLE}%`],
  );
  return after!.n;
}

/** Statuses as the service writes them: a history row per period, the latest copied onto the assignment. */
async function writeStatuses(db: BenchDb, taskId: number, timing: TaskTiming): Promise<void> {
  const rows = await db.query<{ id: number }>(`SELECT id FROM task_assignment WHERE task_id = $1 AND depth > 0 ORDER BY id`, [taskId]);
  const history: { a: number; code: string; start: string; end: string; status: TaskStatus; current: boolean }[] = [];
  const summary: { a: number; status: TaskStatus; code: string; settled: string | null }[] = [];
  rows.forEach((r, i) => {
    const status = STATUSES[(i + taskId) % STATUSES.length];
    if (!status) return;
    const a = Number(r.id);
    const periods = [{ code: '2026', start: '2025-12-01', end: '2026-11-30', status }];
    if (i % 4 === 0) periods.unshift({ code: '2025', start: '2024-12-01', end: '2025-11-30', status: 'in_progress' });
    for (const p of periods) history.push({ a, code: p.code, start: p.start, end: p.end, status: p.status, current: true });
    summary.push({
      a,
      status,
      code: '2026',
      settled: settledThrough(
        timing,
        periods.map((p) => ({ periodEnd: p.end, status: p.status, setAt: '2026-11-01' })),
      ),
    });
  });
  if (history.length === 0) return;
  await db.query(
    `
    INSERT INTO task_status (assignment_id, period_code, period_start, period_end, status, comment, set_by_label, set_at)
    SELECT a, c, s::date, e::date, st, 'Đã báo cáo (bench)', 'bench', '2026-11-01' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(a, c, s, e, st)`,
    [
      history.map((h) => h.a),
      history.map((h) => h.code),
      history.map((h) => h.start),
      history.map((h) => h.end),
      history.map((h) => h.status),
    ],
  );
  await db.query(
    `
    UPDATE task_assignment t SET last_status = x.st, last_status_period = x.c, last_status_at = '2026-11-01', settled_through = x.settled::date
    FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS x(a, st, c, settled) WHERE t.id = x.a`,
    [summary.map((s) => s.a), summary.map((s) => s.status), summary.map((s) => s.code), summary.map((s) => s.settled)],
  );
}

interface Counts {
  assignees: number;
  completed: number;
  overdue: number;
}
const pick = (c: Counts) => ({ assignees: c.assignees, completed: c.completed, overdue: c.overdue });

/** The naive page: tree by parent links (recursive CTE), latest status from the history, overdue by the domain rule in JS. */
async function naivePage(db: BenchDb, ctx: BenchContext): Promise<Record<number, { direct: Counts; below: Counts }>> {
  const today = todayInVietnam();
  const rows = await db.query<{
    root: number;
    task_id: number;
    id: number;
    parent: number | null;
    depth: number;
    starts_on: string;
    timing_kind: string;
    due_on: string | null;
    timing_year: number | null;
  }>(
    `
    WITH RECURSIVE tree AS (
      SELECT a.id AS root, a.id, a.parent_assignment_id AS parent, a.task_id, a.depth, a.starts_on FROM task_assignment a JOIN task t ON t.id = a.task_id
      WHERE a.assignee_unit_id = $1 AND a.depth = 0 AND a.withdrawn_at IS NULL AND t.withdrawn_at IS NULL
      UNION ALL
      SELECT tree.root, b.id, b.parent_assignment_id, b.task_id, b.depth, b.starts_on FROM task_assignment b JOIN tree ON b.parent_assignment_id = tree.id WHERE b.withdrawn_at IS NULL
    )
    SELECT tree.root, tree.task_id, tree.id, tree.parent, tree.depth, tree.starts_on::text, t.timing_kind, t.due_on::text, t.timing_year FROM tree JOIN task t ON t.id = tree.task_id`,
    [ctx.province.id],
  );
  const statuses = await db.query<{ assignment_id: number; period_end: string; status: TaskStatus; set_at: string }>(
    `
    SELECT s.assignment_id, s.period_end::text, s.status, s.set_at FROM task_status s JOIN task_assignment a ON a.id = s.assignment_id JOIN task t ON t.id = a.task_id
    WHERE t.unit_id = $1 AND s.is_current`,
    [ctx.province.id],
  );
  const byAssignment = new Map<number, { periodEnd: string; status: TaskStatus; setAt: string }[]>();
  for (const s of statuses) {
    const list = byAssignment.get(Number(s.assignment_id)) ?? [];
    list.push({ periodEnd: s.period_end, status: s.status, setAt: s.set_at });
    byAssignment.set(Number(s.assignment_id), list);
  }
  const out: Record<number, { direct: Counts; below: Counts }> = {};
  for (const r of rows) {
    const root = Number(r.root);
    out[root] ??= { direct: { assignees: 0, completed: 0, overdue: 0 }, below: { assignees: 0, completed: 0, overdue: 0 } };
    if (Number(r.id) === root) continue;
    const timing: TaskTiming =
      r.timing_kind === 'deadline'
        ? { kind: 'deadline', deadline: r.due_on! }
        : r.timing_kind === 'year'
          ? { kind: 'year', year: r.timing_year! }
          : { kind: r.timing_kind as 'yearly' };
    const history = byAssignment.get(Number(r.id)) ?? [];
    const latest = [...history].sort((x, y) => y.periodEnd.localeCompare(x.periodEnd) || Date.parse(y.setAt) - Date.parse(x.setAt))[0];
    const overdue = dueState(timing, { startsOn: r.starts_on, settledThrough: settledThrough(timing, history) }, today).overdue;
    const completed = latest?.status === 'done';
    for (const c of Number(r.parent) === root ? [out[root]!.direct, out[root]!.below] : [out[root]!.below]) {
      c.assignees += 1;
      if (completed) c.completed += 1;
      if (overdue) c.overdue += 1;
    }
  }
  return out;
}

export const taskListProvince = defineScenario<State>({
  name: 'task-list-province',
  description: `Nhiệm vụ list of the province (first page): ${TASKS} tasks given to every commune and by them to ${TASKS * CDCS_PER_TASK} CĐCS, each row with completed and overdue counts of the communes and of every level below`,
  runs: 40,
  warmup: 5,
  async prepare(db, ctx) {
    const cdcsAssignments = await ensureTasks(db, ctx);
    return { path: `/api/tasks?unitId=${ctx.province.id}&view=owned&limit=50`, unitId: ctx.province.id, cdcsAssignments };
  },
  async measure(http, state) {
    const answer = await http.get(state.path);
    if (answer.status !== 200) throw new Error(`GET ${state.path}: ${answer.status} ${answer.body.slice(0, 300)}`);
    const body = JSON.parse(answer.body) as { items: { assignmentId: number; direct: Counts; below: Counts }[] };
    state.serverCounts = Object.fromEntries(body.items.map((i) => [i.assignmentId, { direct: pick(i.direct), below: pick(i.below) }]));
    return { rows: body.items.length };
  },
  baseline: {
    description:
      'the same counts the naive way on the database: recursive walk of the assignment tree by parent links, latest status from the history, overdue judged in JS',
    runs: 10,
    async measure(db, state, ctx) {
      const naive = await naivePage(db, ctx);
      if (state.serverCounts && !isDeepStrictEqual(naive, state.serverCounts)) {
        throw new Error(
          `the server's counts differ from the naive ones: ${JSON.stringify(state.serverCounts).slice(0, 300)} vs ${JSON.stringify(naive).slice(0, 300)}`,
        );
      }
      return { rows: Object.keys(naive).length };
    },
  },
  notes(state, ctx) {
    return `province ${ctx.province.code}: ${TASKS} tasks, ${state.cdcsAssignments.toLocaleString('en-US')} CĐCS assignments below the communes; counts equal to the naive baseline's`;
  },
});
