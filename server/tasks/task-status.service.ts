import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { UnitKind } from '../../domain/org/org-unit.ts';
import { closedReason, recentTaskPeriods, taskPeriod, type TaskPeriodKind, type TaskPeriodRule } from '../../domain/tasks/task-period.ts';
import { taskErrors } from '../../domain/tasks/task-errors.ts';
import { rollUp } from '../../domain/tasks/task-rollup.ts';
import { isRecurring, latestStatus, settledThrough, dueState, TASK_CALENDAR } from '../../domain/tasks/task-timing.ts';
import type { TaskStatus } from '../../domain/tasks/task-status.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { countPdfPages } from '../documents/intake/pdf-intake.ts';
import { isIntakeError } from '../documents/intake/intake-error.ts';
import { checkFileContent, type FileKind } from '../files/file-content.ts';
import { currentTemplates, findReport } from '../reporting/reporting.repository.ts';
import { reportingErrors } from '../reporting/reporting.errors.ts';
import * as repo from './tasks.repository.ts';
import { counts, periodLabel, presentAssignmentHead, presentStatus, presentTiming, statusLabel, timingOf } from './tasks.presenter.ts';
import type { TasksService } from './tasks.service.ts';

/** Evidence files: what they may be and how large. */
export const EVIDENCE_LIMITS = { maxBytes: 20 * 1024 * 1024, maxPdfPages: 300, perStatus: 20, pdfTimeMs: 8000 };
const EVIDENCE_KINDS: FileKind[] = ['pdf', 'docx', 'xlsx', 'png', 'jpeg'];
const WHAT = 'Tệp minh chứng';

/**
 * Statuses per reporting period, evidence and the parent's roll-up. A period is closed while the
 * unit's periodic report of that period is sent or accepted (the report carries the statuses:
 * reporting.service.ts calls repo.setReportState in its transition).
 */
export class TaskStatusService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly tasks: TasksService,
    private readonly limits = EVIDENCE_LIMITS,
  ) {}

  /** The kinds of period a unit reports on: those of its report templates (default: six months and year). */
  async periodRule(kind: string): Promise<TaskPeriodRule> {
    const templates = (await currentTemplates(this.db)).filter((t) => t.definition.unitKinds.includes(kind as UnitKind));
    if (templates.length === 0) return { kinds: ['half', 'year'], calendar: TASK_CALENDAR };
    return {
      kinds: [...new Set(templates.map((t) => t.definition.periodKind as TaskPeriodKind))],
      calendar: templates[0]!.definition.calendar,
    };
  }

  async periods(unitId: number) {
    const unit = await this.tasks.unit(unitId);
    const rule = await this.periodRule(unit.kind);
    const items = [];
    for (const p of recentTaskPeriods(rule, this.tasks.today())) {
      const report = await repo.reportOfPeriod(this.db, unit.id, p.code);
      items.push({
        code: p.code,
        label: p.label,
        kind: p.kind,
        start: p.start,
        end: p.end,
        report,
        closedReason: closedReason(p, report?.status),
      });
    }
    return { unit: { id: unit.id, name: unit.name }, items };
  }

  async assignment(id: number) {
    const a = await repo.findAssignment(this.db, id);
    if (!a) throw taskErrors.assignmentNotFound();
    const task = await this.tasks.loadTask(a.taskId);
    const today = this.tasks.today();
    const [statuses, below] = await Promise.all([repo.statusesOf(this.db, [a.id]), repo.assignmentsBelow(this.db, a, true)]);
    const evidence = await repo.evidenceOf(
      this.db,
      statuses.map((s) => s.id),
    );
    const r = rollUp(below.map((b) => ({ status: b.lastStatus, overdue: dueState(timingOf(task), b, today).overdue })));
    return { ...presentAssignmentHead(a, task, today), statuses: statuses.map((s) => presentStatus(s, evidence)), below: counts(r) };
  }

  /** The period's check, under a share lock on the unit's report of it (a submission waits for this write, then carries it). */
  private async openPeriod(trx: Transaction<DB>, unitId: number, period: { code: string; label: string }) {
    const report = await repo.shareReportOfPeriod(trx, unitId, period.code);
    const reason = closedReason(period, report?.status);
    if (reason) throw taskErrors.periodClosed(reason);
    return report;
  }

  async setStatus(assignmentId: number, input: { periodCode: string; status: TaskStatus; comment?: string | null }, actor: AuditActor) {
    const a = await repo.findAssignment(this.db, assignmentId);
    if (!a) throw taskErrors.assignmentNotFound();
    const task = await this.tasks.loadTask(a.taskId);
    if (task.withdrawnAt || a.withdrawnAt) throw taskErrors.withdrawn();
    const unit = await this.tasks.unit(a.unitId);
    const period = taskPeriod(input.periodCode.trim(), await this.periodRule(unit.kind), this.tasks.today());
    const comment = (input.comment ?? '').normalize('NFC').trim() || null;
    await this.db.transaction().execute(async (trx) => {
      await repo.lockAssignment(trx, a.id);
      const report = await this.openPeriod(trx, a.unitId, period);
      const statusId = await repo.insertStatus(trx, {
        assignmentId: a.id,
        periodCode: period.code,
        periodStart: period.start,
        periodEnd: period.end,
        status: input.status,
        comment,
        userId: actor.userId,
        by: actor.label,
      });
      // A returned report's statuses stay "returned" until it is sent again.
      if (report?.status === 'returned') await repo.markStatusReturned(trx, statusId, report.id);
      const current = (await repo.statusesOf(trx, [a.id])).filter((s) => s.isCurrent);
      const latest = latestStatus(current);
      await repo.setAssignmentSummary(trx, a.id, {
        lastStatus: latest?.status ?? null,
        lastStatusPeriod: latest?.periodCode ?? null,
        lastStatusAt: latest ? new Date(latest.setAt) : null,
        settledThrough: settledThrough(task.timingKind, current),
      });
      await writeAudit(trx, actor, {
        action: 'task.status',
        unitId: a.unitId,
        entityType: 'task',
        entityId: task.id,
        after: { assignmentId: a.id, periodCode: period.code, status: input.status, comment },
        detail: { statusId },
      });
    });
    return this.assignment(a.id);
  }

  /** The status an evidence file goes to: the current one of an open period. */
  private async writableStatus(statusId: number) {
    const status = await repo.findStatus(this.db, statusId);
    if (!status) throw taskErrors.statusNotFound();
    if (!status.isCurrent) throw taskErrors.statusSuperseded();
    const a = (await repo.findAssignment(this.db, status.assignmentId))!;
    return { status, a };
  }

  /**
   * Checks the bytes before anything is written: kind by content (PDF, DOCX, XLSX, PNG, JPEG),
   * zip bombs (file-content.ts), PDF pages (pdfjs in its bounded child), count per status.
   */
  async addEvidence(statusId: number, fileName: string, content: Buffer, actor: AuditActor) {
    const { status, a } = await this.writableStatus(statusId);
    const { kind, mime } = checkFileContent(content, EVIDENCE_KINDS, WHAT);
    if (kind === 'pdf') await this.checkPdf(content);
    const name = (fileName || 'minh-chung').normalize('NFC').replace(/[\\/]/g, '_').slice(0, 200);
    const sha256 = createHash('sha256').update(content).digest('hex');
    const id = await this.db.transaction().execute(async (trx) => {
      await repo.lockAssignment(trx, a.id);
      await this.openPeriod(trx, a.unitId, { code: status.periodCode, label: periodLabel(status.periodCode) });
      const existing = await repo.evidenceOf(trx, [status.id]);
      if (existing.length >= this.limits.perStatus) {
        throw taskErrors.evidenceTooMany(this.limits.perStatus);
      }
      const evidenceId = await repo.insertEvidence(trx, {
        statusId: status.id,
        fileName: name,
        mimeType: mime,
        sha256,
        content,
        by: actor.label,
      });
      await writeAudit(trx, actor, {
        action: 'task.evidence_add',
        unitId: a.unitId,
        entityType: 'task',
        entityId: a.taskId,
        after: { statusId: status.id, evidenceId, fileName: name, size: content.length, sha256 },
      });
      return evidenceId;
    });
    return (await repo.evidenceOf(this.db, [status.id]))
      .filter((e) => e.id === id)
      .map((e) => ({ ...e, uploadedAt: e.uploadedAt.toISOString(), downloadUrl: `/api/task-evidence/${e.id}/file` }))[0]!;
  }

  private async checkPdf(content: Buffer) {
    try {
      await countPdfPages(content, { maxPages: this.limits.maxPdfPages, timeBudgetMs: this.limits.pdfTimeMs });
    } catch (error) {
      if (!isIntakeError(error)) throw error;
      if (error.code === 'TOO_MANY_PAGES') throw taskErrors.evidenceTooManyPages(WHAT, error.message);
      throw taskErrors.evidenceUnreadable(WHAT, error.message);
    }
  }

  async evidenceList(statusId: number) {
    const status = await repo.findStatus(this.db, statusId);
    if (!status) throw taskErrors.statusNotFound();
    return presentStatus(status, await repo.evidenceOf(this.db, [status.id])).evidence;
  }

  async evidenceFile(id: number) {
    const file = await repo.evidenceFile(this.db, id);
    if (!file) throw taskErrors.evidenceNotFound();
    return { fileName: file.file_name, mimeType: file.mime_type, content: file.content };
  }

  async deleteEvidence(id: number, actor: AuditActor) {
    const file = await repo.evidenceFile(this.db, id);
    if (!file) throw taskErrors.evidenceNotFound();
    const { status, a } = await this.writableStatus(Number(file.status_id));
    await this.db.transaction().execute(async (trx) => {
      await this.openPeriod(trx, a.unitId, { code: status.periodCode, label: periodLabel(status.periodCode) });
      await repo.deleteEvidence(trx, id, Number(file.file_id));
      await writeAudit(trx, actor, {
        action: 'task.evidence_delete',
        unitId: a.unitId,
        entityType: 'task',
        entityId: a.taskId,
        before: { statusId: status.id, evidenceId: id, fileName: file.file_name },
      });
    });
    return { ok: true };
  }

  /**
   * The units a unit gave the task to (directly, or every level with `all`), each with its status
   * — the latest one, or the one for `periodCode` (a one-off task carries its last earlier status
   * forward) — its comment and evidence count, overdue first. Counts, never averages.
   */
  async rollUp(taskId: number, unitId: number, q: { level?: 'direct' | 'all'; periodCode?: string }) {
    const task = await this.tasks.loadTask(taskId);
    const mine = await this.tasks.assignmentFor(taskId, unitId);
    const level = q.level ?? 'direct';
    const rows = await repo.assignmentsBelow(this.db, mine, level === 'all');
    const statuses = await repo.statusesOf(
      this.db,
      rows.map((r) => r.id),
    );
    const periodEnd = q.periodCode ? periodEndOf(q.periodCode) : null;
    const evidence = await this.evidenceCounts(statuses.map((s) => s.id));
    const today = this.tasks.today();
    const items = rows.map((r) => {
      const own = statuses.filter((s) => s.assignmentId === r.id && s.isCurrent);
      const chosen = q.periodCode
        ? (own.find((s) => s.periodCode === q.periodCode) ??
          (isRecurring(task.timingKind) ? undefined : (latestStatus(own.filter((s) => s.periodEnd < periodEnd!)) ?? undefined)))
        : (latestStatus(own) ?? undefined);
      const due = dueState(timingOf(task), r, today);
      return {
        assignmentId: r.id,
        unit: { id: r.unitId, name: r.unitName },
        parentAssignmentId: r.parentId,
        depth: r.depth,
        status: chosen?.status ?? null,
        statusLabel: statusLabel(chosen?.status ?? null),
        statusPeriod: chosen?.periodCode ?? null,
        comment: chosen?.comment ?? null,
        setBy: chosen?.setBy ?? null,
        setAt: chosen ? new Date(chosen.setAt).toISOString() : null,
        statusId: chosen?.id ?? null,
        evidenceCount: chosen ? (evidence.get(chosen.id) ?? 0) : 0,
        overdue: due.overdue,
        dueOn: due.dueOn,
      };
    });
    items.sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.depth - y.depth || x.unit.name.localeCompare(y.unit.name, 'vi'));
    const r = rollUp(items);
    return {
      taskId,
      title: task.title,
      unit: { id: mine.unitId, name: mine.unitName },
      level,
      periodCode: q.periodCode ?? null,
      counts: { ...counts(r), byStatus: r.byStatus },
      items,
    };
  }

  private async evidenceCounts(statusIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const e of await repo.evidenceOf(this.db, statusIds)) out.set(e.statusId, (out.get(e.statusId) ?? 0) + 1);
    return out;
  }

  /** The tasks a report's unit answers in the report's period, with its status for it (the form's task section). */
  async reportTasks(reportId: number) {
    const report = await findReport(this.db, reportId);
    if (!report) throw reportingErrors.reportNotFound();
    const rows = await repo.tasksForPeriod(this.db, report.unitId, {
      code: report.periodCode,
      start: report.periodStart,
      end: report.periodEnd,
    });
    return {
      reportId,
      periodCode: report.periodCode,
      closedReason: closedReason({ label: periodLabel(report.periodCode) }, report.status),
      items: rows.map((r) => ({
        assignmentId: Number(r.assignment_id),
        taskId: Number(r.task_id),
        title: r.title,
        timing: presentTiming({ timingKind: r.timing_kind, dueOn: r.due_on, timingYear: r.timing_year }),
        lead: r.lead_unit_name ?? r.lead_name ?? null,
        status: r.status ?? null,
        statusLabel: statusLabel(r.status ?? null),
        comment: r.comment ?? null,
        reportState: r.report_state ?? null,
        statusId: r.status_id === null ? null : Number(r.status_id),
        evidenceCount: r.evidence ?? 0,
      })),
    };
  }
}

function periodEndOf(code: string): string {
  try {
    return taskPeriod(code, { kinds: ['half', 'year'], calendar: TASK_CALENDAR }, '9999-12-31').end;
  } catch {
    throw taskErrors.periodCodeInvalid(code);
  }
}
