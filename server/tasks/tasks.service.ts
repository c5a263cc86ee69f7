import type { Kysely, Transaction } from 'kysely';
import { requireReason } from '../../domain/reporting/report-workflow.ts';
import { taskErrors } from '../../domain/tasks/task-errors.ts';
import { rollUp } from '../../domain/tasks/task-rollup.ts';
import { checkTiming, dueParameters, dueState, oneOffDue, type TaskTiming } from '../../domain/tasks/task-timing.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { notifyTaskAssigned } from '../notifications/task-notifications.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { unitOnToday } from '../reporting/reporting.repository.ts';
import { listTasks } from './task-list.repository.ts';
import * as repo from './tasks.repository.ts';
import { counts, presentAssignmentHead, presentListRow, presentStatus, presentTaskHead, statusLabel, timingOf } from './tasks.presenter.ts';
import type { CreateTaskInput, ListQueryInput, UpdateTaskInput } from './tasks.schema.ts';
import { commonErrors } from '../http/common.errors.ts';

export interface TasksOptions {
  /** Vietnam's today (tests move it). */
  today?: () => string;
}

type LeadInput = Pick<CreateTaskInput, 'leadUnitId' | 'leadName' | 'partnerUnitIds' | 'partnerNames' | 'targetIds'>;
const text = (s: string | null | undefined) => {
  const t = (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
};
/** "14:05 06/12" in Vietnam's time, for a version conflict's message. */
const vietnamTime = (at: Date) =>
  new Intl.DateTimeFormat('vi-VN', {
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).format(at);
const inScope = (path: string, scopePath: string) => path === scopePath || path.startsWith(`${scopePath}.`);

/**
 * Tasks (nhiệm vụ): created by hand or confirmed from a document review, assigned down the tree,
 * listed per unit with the counts of the units below. Statuses and evidence: task-status.service.ts.
 */
export class TasksService {
  readonly today: () => string;

  constructor(
    private readonly db: Kysely<DB>,
    options: TasksOptions = {},
  ) {
    this.today = options.today ?? (() => todayInVietnam());
  }

  async unit(id: number) {
    const unit = await unitOnToday(this.db, id);
    if (!unit) throw commonErrors.unitNotFound();
    return unit;
  }

  async list(principal: Principal, q: ListQueryInput) {
    const unitId = q.unitId ?? principal.unitId;
    await this.unit(unitId);
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const today = this.today();
    const { total, rows } = await listTasks(this.db, { ...q, unitId, view: q.view ?? 'all', limit, offset }, dueParameters(today));
    return { total, limit, offset, items: rows.map((r) => presentListRow(r, today)) };
  }

  /** Every row of the list as filtered, in its order, a page at a time (for the export). */
  async *exportRows(principal: Principal, q: ListQueryInput) {
    for (let offset = 0; ; offset += 500) {
      const page = await this.list(principal, { ...q, limit: 500, offset });
      yield* page.items;
      if (page.items.length < 500) return;
    }
  }

  /** Normalised lead, partners and targets; refused when a lead is both a unit and a name, or a target is not the owner's or above. */
  async links(
    input: LeadInput,
    ownerPath: string,
    previous?: {
      leadUnitId: number | null;
      leadName: string | null;
      partners: { unitId: number | null; name: string }[];
      targetIds: number[];
    },
  ) {
    const typedName = input.leadName !== undefined ? text(input.leadName) : undefined;
    if (input.leadUnitId != null && typedName) throw taskErrors.leadInvalid();
    // Setting one side of the lead in an edit clears the other.
    let leadUnitId = input.leadUnitId !== undefined ? input.leadUnitId : (previous?.leadUnitId ?? null);
    let leadName = typedName !== undefined ? typedName : (previous?.leadName ?? null);
    if (input.leadUnitId != null) leadName = null;
    if (typedName) leadUnitId = null;
    const lead = { leadUnitId, leadName };
    const partners =
      input.partnerUnitIds !== undefined || input.partnerNames !== undefined
        ? [
            ...(input.partnerUnitIds ?? []).map((unitId) => ({ unitId, name: null })),
            ...(input.partnerNames ?? []).map((n) => ({ unitId: null, name: text(n) })).filter((p) => p.name !== null),
          ]
        : (previous?.partners.map((p) => ({ unitId: p.unitId, name: p.unitId === null ? p.name : null })) ?? []);
    const targetIds = input.targetIds ?? previous?.targetIds ?? [];
    if (targetIds.length) {
      const ids = [...new Set(targetIds)];
      if ((await repo.targetsOnPathCount(this.db, ids, ownerPath)) !== ids.length) throw taskErrors.targetNotOfUnit();
    }
    return { ...lead, partners, targetIds };
  }

  timingColumns(t: TaskTiming) {
    return { timingKind: t.kind, dueOn: oneOffDue(t), timingYear: t.kind === 'year' ? t.year : null };
  }

  async create(input: CreateTaskInput, principal: Principal, actor: AuditActor) {
    const owner = await this.unit(input.unitId);
    const title = text(input.title);
    if (!title) throw taskErrors.titleRequired();
    const links = await this.links(input, owner.path);
    const timing = checkTiming(input.timing);
    const id = await this.db.transaction().execute(async (trx) => {
      const taskId = await repo.insertTask(
        trx,
        {
          unitId: owner.id,
          title,
          documentId: input.documentId ?? null,
          section: text(input.section),
          quote: text(input.quote),
          quoteStart: null,
          quoteEnd: null,
          sourceItems: null,
          ...links,
          ...this.timingColumns(timing),
        },
        actor.label,
        this.today(),
      );
      await writeAudit(trx, actor, {
        action: 'task.create',
        unitId: owner.id,
        entityType: 'task',
        entityId: taskId,
        after: { title, timing, documentId: input.documentId ?? null, ...links },
      });
      return taskId;
    });
    return this.detail(id, owner.id, principal);
  }

  /** Inserts confirmed tasks of a review in the caller's transaction (task-review.service.ts). */
  async insertFromReview(trx: Transaction<DB>, write: repo.TaskWrite, actor: AuditActor): Promise<number> {
    const id = await repo.insertTask(trx, write, actor.label, this.today());
    await writeAudit(trx, actor, {
      action: 'task.confirm',
      unitId: write.unitId,
      entityType: 'task',
      entityId: id,
      after: { title: write.title, documentId: write.documentId, items: write.sourceItems },
    });
    return id;
  }

  async loadTask(id: number) {
    const task = await repo.findTask(this.db, id);
    if (!task) throw taskErrors.notFound();
    return task;
  }

  async update(id: number, input: UpdateTaskInput, principal: Principal, actor: AuditActor) {
    const task = await this.loadTask(id);
    if (task.withdrawnAt) throw taskErrors.withdrawn();
    if (input.version !== undefined && input.version !== task.version)
      throw taskErrors.versionConflict(task.createdBy, vietnamTime(task.updatedAt));
    const owner = await this.unit(task.unitId);
    const [partners, targets] = await Promise.all([repo.partnersOf(this.db, id), repo.targetsOf(this.db, id)]);
    const links = await this.links(input, owner.path, {
      leadUnitId: task.leadUnitId,
      leadName: task.leadName,
      partners,
      targetIds: targets.map((t) => t.id),
    });
    const title = input.title !== undefined ? text(input.title) : task.title;
    if (!title) throw taskErrors.titleRequired();
    const timing = input.timing ? checkTiming(input.timing) : timingOf(task);
    await this.db.transaction().execute(async (trx) => {
      const written = await repo.updateTask(trx, id, input.version ?? task.version, { title, ...links, ...this.timingColumns(timing) });
      if (!written) throw taskErrors.versionConflict(actor.label, vietnamTime(new Date()));
      await writeAudit(trx, actor, {
        action: 'task.update',
        unitId: task.unitId,
        entityType: 'task',
        entityId: id,
        before: {
          title: task.title,
          timing: timingOf(task),
          leadUnitId: task.leadUnitId,
          leadName: task.leadName,
          partners,
          targetIds: targets.map((t) => t.id),
        },
        after: { title, timing, ...links },
      });
    });
    return this.detail(id, task.unitId, principal);
  }

  async withdraw(id: number, reason: string | undefined, principal: Principal, actor: AuditActor) {
    const task = await this.loadTask(id);
    if (task.withdrawnAt) throw taskErrors.withdrawn();
    const why = requireReason(reason, 'rút nhiệm vụ');
    await this.db.transaction().execute(async (trx) => {
      await repo.withdrawTask(trx, id, why);
      await writeAudit(trx, actor, {
        action: 'task.withdraw',
        unitId: task.unitId,
        entityType: 'task',
        entityId: id,
        before: { title: task.title },
        detail: { reason: why },
      });
    });
    return this.detail(id, task.unitId, principal);
  }

  /** Deletes a task nobody has reported on yet (a mistake); otherwise it must be withdrawn. */
  async remove(id: number, actor: AuditActor) {
    const task = await this.loadTask(id);
    const reported = await repo.statusCount(this.db, id);
    if (reported > 0) throw taskErrors.hasStatuses(reported);
    await this.db.transaction().execute(async (trx) => {
      await repo.deleteTask(trx, id);
      await writeAudit(trx, actor, {
        action: 'task.delete',
        unitId: task.unitId,
        entityType: 'task',
        entityId: id,
        before: { title: task.title, documentId: task.documentId, timing: timingOf(task) },
      });
    });
    return { ok: true };
  }

  /** The unit's assignment of a task (the owner's own row included). */
  async assignmentFor(taskId: number, unitId: number) {
    const a = await repo.assignmentOf(this.db, taskId, unitId);
    if (!a || a.withdrawnAt) throw taskErrors.notAssignedTo();
    return a;
  }

  async detail(id: number, viewUnitId: number, principal: Principal | null) {
    const task = await this.loadTask(id);
    const mine = await this.assignmentFor(id, viewUnitId);
    const today = this.today();
    const [partners, targets, below, statuses] = await Promise.all([
      repo.partnersOf(this.db, id),
      repo.targetsOf(this.db, id),
      repo.assignmentsBelow(this.db, mine, true),
      repo.statusesOf(this.db, [mine.id]),
    ]);
    const evidence = await repo.evidenceOf(
      this.db,
      statuses.map((s) => s.id),
    );
    const overdueOf = (a: repo.AssignmentRow) => dueState(timingOf(task), a, today).overdue;
    const direct = below.filter((a) => a.parentId === mine.id);
    const directRollUp = rollUp(direct.map((a) => ({ status: a.lastStatus, overdue: overdueOf(a) })));
    const allRollUp = rollUp(below.map((a) => ({ status: a.lastStatus, overdue: overdueOf(a) })));
    const ownerPath = principal ? (await this.unit(task.unitId)).path : '';
    const writer = (permission: 'targets.write' | 'reports.submit') => principal?.permissions.has(permission) ?? false;
    const live = task.withdrawnAt === null;
    return {
      ...presentTaskHead(task),
      partners: partners.map((p) => ({ unitId: p.unitId, name: p.name })),
      targets,
      viewedAs: {
        unit: { id: mine.unitId, name: mine.unitName },
        assignment: {
          ...presentAssignmentHead(mine, task, today),
          statuses: statuses.map((s) => presentStatus(s, evidence)),
          below: counts(allRollUp),
        },
      },
      assignees: direct.map((a) => ({
        assignmentId: a.id,
        unit: { id: a.unitId, name: a.unitName },
        status: a.lastStatus,
        statusLabel: statusLabel(a.lastStatus),
        statusPeriod: a.lastStatusPeriod,
        overdue: overdueOf(a),
        below: below.filter((b) => b.path.startsWith(`${a.path}.`)).length,
      })),
      rollUp: counts(directRollUp),
      can: {
        edit: live && writer('targets.write') && principal !== null && inScope(ownerPath, principal.scopePath),
        assign: live && writer('targets.write'),
        report: live && writer('reports.submit'),
      },
    };
  }

  /** Gives the task to units below the assigning unit (which must carry it); a unit given it before and withdrawn is given it back. */
  async assign(id: number, fromUnitId: number, unitIds: number[], actor: AuditActor) {
    const task = await this.loadTask(id);
    if (task.withdrawnAt) throw taskErrors.withdrawn();
    const parent = await this.assignmentFor(id, fromUnitId);
    const from = await this.unit(fromUnitId);
    const wanted = [...new Set(unitIds)];
    const units = await repo.unitsBelow(this.db, wanted, from.path);
    for (const unitId of wanted) {
      const u = units.find((x) => x.id === unitId);
      if (!u) throw commonErrors.unitNotFound();
      if (!u.below) throw taskErrors.assigneeNotBelow(u.name);
    }
    const existing = await repo.existingAssignees(this.db, id, wanted);
    const live = existing.filter((e) => e.withdrawn_at === null);
    if (live.length) throw taskErrors.alreadyAssigned(live.map((e) => e.name));
    const restored = existing.map((e) => Number(e.id));
    const fresh = wanted.filter((u) => !existing.some((e) => Number(e.assignee_unit_id) === u));
    const created = await this.db.transaction().execute(async (trx) => {
      const ids = await repo.insertAssignments(trx, parent, fresh, actor.label, this.today());
      await repo.restoreAssignments(trx, restored);
      await notifyTaskAssigned(trx, [...ids, ...restored]); // issue 21: the units given it are told
      await writeAudit(trx, actor, {
        action: 'task.assign',
        unitId: fromUnitId,
        entityType: 'task',
        entityId: id,
        after: { assigneeUnitIds: wanted, parentAssignmentId: parent.id },
      });
      return ids;
    });
    const rows = await Promise.all([...created, ...restored].map((a) => repo.findAssignment(this.db, a)));
    return {
      created: created.length,
      restored: restored.length,
      assignees: rows.map((a) => ({ assignmentId: a!.id, unit: { id: a!.unitId, name: a!.unitName } })),
    };
  }

  /** Takes a task back from a unit (and the units it gave it to), unless any of them reported on it. */
  async unassign(assignmentId: number, actor: AuditActor) {
    const a = await repo.findAssignment(this.db, assignmentId);
    if (!a || a.depth === 0) throw taskErrors.assignmentNotFound();
    const reported = await repo.statusCount(this.db, a.taskId, a.id);
    if (reported > 0) throw taskErrors.assignmentHasStatuses(reported);
    await this.db.transaction().execute(async (trx) => {
      const n = await repo.withdrawAssignment(trx, a);
      await writeAudit(trx, actor, {
        action: 'task.unassign',
        unitId: a.unitId,
        entityType: 'task',
        entityId: a.taskId,
        detail: { assignmentId, withdrawn: n },
      });
    });
    return { ok: true };
  }
}
