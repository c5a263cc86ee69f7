import type { Kysely } from 'kysely';
import { AppError, type ErrorIssue } from '../../domain/errors/app-error.ts';
import {
  previousPeriodCode,
  templatePeriod,
  templateProblems,
  openPeriods,
  type TemplateDefinition,
  type TemplateRule,
} from '../../domain/reporting/report-template.ts';
import { versionForUnit } from '../../domain/reporting/template-editing.ts';
import { reportNotification } from '../../domain/notifications/report-events.ts';
import { notifyAudience } from '../notifications/notifications.repository.ts';
import { validateReport, type ReportValues, type ValidationResult } from '../../domain/reporting/report-validation.ts';
import {
  isEditable,
  nextStatus,
  REPORT_STATUS_LABELS,
  reportedState,
  requireReason,
  timeliness,
  type ReportAction,
  type ReportStatus,
} from '../../domain/reporting/report-workflow.ts';
import { formatVietnamTime, formatVietnameseDate, todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { derivedElements, reportedElements } from '../progress/derived-elements.repository.ts';
import { completenessCounts, missingUnits } from './completeness.repository.ts';
import * as repo from './reporting.repository.ts';
import { setReportState as setTaskReportState } from '../tasks/tasks.repository.ts';
import { commonErrors } from '../http/common.errors.ts';
import { reportingErrors } from './reporting.errors.ts';

/** Figures of the unit counted from the registries, shown read-only beside the entries. */
const CONTEXT_ELEMENTS = ['members_active', 'members_women', 'members_new', 'workers', 'cdcs', 'employers', 'cdcs_with_agreement'];

export interface WriteInput {
  version: number;
  values?: ReportValues;
  explanations?: Record<string, string>;
}

const normaliseExplanations = (e: Record<string, string> | undefined) =>
  e &&
  Object.fromEntries(
    Object.entries(e)
      .map(([k, v]) => [k, v.normalize('NFC').trim()])
      .filter(([, v]) => v !== ''),
  );

export class ReportingService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly channels: { email: boolean } = { email: false },
  ) {}

  async templates() {
    return (await repo.currentTemplates(this.db)).map((t) => ({
      id: t.id,
      code: t.code,
      version: t.version,
      name: t.name,
      definition: t.definition,
    }));
  }

  /** Administrators edit rules as data: the edit is a new version; reports keep theirs. */
  async updateRules(code: string, rules: TemplateRule[], principal: Principal, actor: AuditActor) {
    // Templates are shared by every unit below: only administrators of the confederation or a province may change them.
    if (principal.scopePath.split('.').length > 2) throw reportingErrors.templateAdminOnly();
    const current = await repo.currentTemplate(this.db, code);
    if (!current) throw reportingErrors.templateNotFound(code);
    const definition: TemplateDefinition = { ...current.definition, rules };
    const problems = templateProblems(definition, await repo.reportedElementCodes(this.db));
    if (problems.length) throw reportingErrors.rulesInvalid(problems.map((message) => ({ path: 'rules', message })));
    const created = await this.db.transaction().execute(async (trx) => {
      const row = await repo.insertTemplateVersion(trx, definition, actor.label);
      await writeAudit(trx, actor, {
        action: 'report_template.update',
        entityType: 'report_template',
        entityId: row.id,
        before: { version: current.version, rules: current.definition.rules },
        after: { version: row.version, rules },
      });
      return row;
    });
    return { id: created.id, code: created.code, version: created.version, name: created.name, definition: created.definition };
  }

  /** The reports a unit has to fill: each template for its kind, each period open today. */
  async myReports(unitId: number) {
    const unit = await repo.unitOnToday(this.db, unitId);
    if (!unit) throw commonErrors.unitNotFound();
    const today = todayInVietnam();
    const existing = await repo.reportsForUnit(this.db, unitId);
    const items = [];
    for (const t of await repo.currentTemplates(this.db)) {
      if (!t.definition.unitKinds.includes(unit.kind as never)) continue;
      for (const p of openPeriods(t.definition, today)) {
        const r = existing.find((e) => e.templateCode === t.code && e.periodCode === p.code);
        items.push({
          templateCode: t.code,
          templateName: t.name,
          periodCode: p.code,
          periodLabel: p.label,
          dueOn: p.dueOn,
          reportId: r?.id ?? null,
          status: r?.status ?? null,
          statusLabel: r ? REPORT_STATUS_LABELS[r.status] : 'Chưa lập',
          timeliness: timeliness(p.dueOn, r?.firstSubmittedAt ? vnDay(r.firstSubmittedAt) : null, today),
          returnReason: r?.returnReason ?? null,
        });
      }
    }
    return { unit: { id: unit.id, name: unit.name, kind: unit.kind }, items };
  }

  /** Opens (creating the draft when needed) the report of a unit for a template and period. */
  async open(input: { templateCode: string; unitId: number; periodCode: string }, actor: AuditActor): Promise<number> {
    const template = await repo.currentTemplate(this.db, input.templateCode);
    if (!template) throw reportingErrors.templateNotFound(input.templateCode);
    const unit = await repo.unitOnToday(this.db, input.unitId);
    if (!unit) throw commonErrors.unitNotFound();
    if (!template.definition.unitKinds.includes(unit.kind as never)) throw reportingErrors.notForUnit(template.name, unit.name);
    const period = periodOf(template.definition, input.periodCode, [{ path: 'periodCode', message: 'Kỳ báo cáo không hợp lệ.' }]);
    const existing = await repo.findReportByKey(this.db, template.code, unit.id, period.code);
    if (existing) return existing.id;
    if (period.opensOn > todayInVietnam()) {
      throw reportingErrors.periodNotOpen(period.label, formatVietnameseDate(period.opensOn));
    }
    // The version this unit fills for this period: its subtree's own if one was published for it.
    const version = (await this.versionFor(template.code, unit.path, period.start)) ?? template;
    await this.db.transaction().execute(async (trx) => {
      const created = await repo.insertReportIfAbsent(trx, {
        templateId: version.id,
        templateCode: template.code,
        unitId: unit.id,
        periodCode: period.code,
        periodStart: period.start,
        periodEnd: period.end,
        dueOn: period.dueOn,
        updatedBy: actor.label,
      });
      if (created)
        await writeAudit(trx, actor, {
          action: 'report.create',
          unitId: unit.id,
          entityType: 'report',
          detail: { templateCode: template.code, templateVersion: version.version, periodCode: period.code },
        });
    });
    return (await repo.findReportByKey(this.db, template.code, unit.id, period.code))!.id;
  }

  private async versionFor(code: string, unitPath: string, periodStart: string): Promise<repo.TemplateRow | null> {
    return versionForUnit(await repo.templateVersions(this.db, code), unitPath, periodStart);
  }

  private async load(id: number) {
    const report = await repo.findReport(this.db, id);
    if (!report) throw reportingErrors.reportNotFound();
    const template = (await repo.templateById(this.db, report.templateId))!;
    return { report, template };
  }

  private async check(
    report: repo.ReportRow,
    template: repo.TemplateRow,
    values: ReportValues,
    explanations: Record<string, string>,
  ): Promise<ValidationResult> {
    const previous = await repo.previousAcceptedValues(this.db, report.templateCode, report.unitId, previousPeriodCode(report.periodCode));
    return validateReport(template.definition, values, previous, explanations);
  }

  /** Everything the form shows: the report, its template version, context, findings and thread. */
  async view(id: number, principal: Principal) {
    const { report, template } = await this.load(id);
    const period = templatePeriod(template.definition, report.periodCode);
    const measuredOn = period.end < todayInVietnam() ? period.end : todayInVietnam();
    const derived = await derivedElements(this.db, report.unitId, measuredOn, { sectors: null, minWorkers: null }, period);
    const previous = await repo.previousAcceptedValues(this.db, report.templateCode, report.unitId, previousPeriodCode(report.periodCode));
    const findings = validateReport(template.definition, report.values, previous, report.explanations);
    const names = await repo.elementNames(this.db, CONTEXT_ELEMENTS);
    // Who receives it: the form's "Gửi báo cáo" asks "… lên Công đoàn phường Tân Ninh?" by name.
    const parent = await repo.parentUnit(this.db, report.unitId);
    return {
      parentUnit: parent ?? null,
      ...presentReport(report, template),
      template: {
        id: template.id,
        code: template.code,
        version: template.version,
        name: template.name,
        isCurrent: template.isCurrent,
        sections: template.definition.sections,
        rules: template.definition.rules,
      },
      period: {
        code: period.code,
        label: period.label,
        start: period.start,
        end: period.end,
        opensOn: period.opensOn,
        dueOn: period.dueOn,
      },
      values: report.values,
      explanations: report.explanations,
      previous,
      context: {
        measuredOn,
        items: CONTEXT_ELEMENTS.map((code) => ({ code, name: names.get(code) ?? code, value: derived.get(code) ?? null })),
      },
      findings,
      comments: await repo.comments(this.db, report.id),
      can: {
        edit: principal.permissions.has('reports.submit') && isEditable(report.status),
        review: principal.permissions.has('reports.review') && principal.unitId !== report.unitId,
      },
    };
  }

  /** Autosave and explicit save of a draft (or of a returned report being corrected). */
  async save(id: number, input: WriteInput, actor: AuditActor) {
    return this.transition(id, 'save', input, actor);
  }

  /** Save and send in one step: errors block it, warnings need an explanation each. */
  async submit(id: number, input: WriteInput & { note?: string }, actor: AuditActor) {
    return this.transition(id, 'submit', input, actor, input.note?.normalize('NFC').trim() || undefined);
  }

  async returnReport(id: number, input: { version: number; reason?: string }, principal: Principal, actor: AuditActor) {
    const reason = requireReason(input.reason, 'trả lại');
    return this.transition(id, 'return', { version: input.version }, actor, reason, principal);
  }

  async accept(id: number, input: { version: number; note?: string }, principal: Principal, actor: AuditActor) {
    return this.transition(id, 'accept', { version: input.version }, actor, input.note?.normalize('NFC').trim() || undefined, principal);
  }

  async reopen(id: number, input: { version: number; reason?: string }, principal: Principal, actor: AuditActor) {
    const reason = requireReason(input.reason, 'mở lại');
    return this.transition(id, 'reopen', { version: input.version }, actor, reason, principal);
  }

  /** Accepts each of the reports still waiting; reports outside the caller's scope are "not found". */
  async bulkAccept(ids: number[], principal: Principal, actor: AuditActor) {
    const results = [];
    for (const id of [...new Set(ids)]) {
      try {
        const report = await repo.findReport(this.db, id);
        if (!report || !inScope(report.unitPath, principal.scopePath)) throw reportingErrors.reportNotFound();
        await this.accept(id, { version: report.version }, principal, actor);
        results.push({ id, ok: true, message: 'Đã duyệt.' });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ id, ok: false, message: error.message });
      }
    }
    return { accepted: results.filter((r) => r.ok).length, results };
  }

  private async transition(id: number, action: ReportAction, input: WriteInput, actor: AuditActor, comment?: string, reviewer?: Principal) {
    const { report, template } = await this.load(id);
    if (reviewer && reviewer.unitId === report.unitId) {
      throw reportingErrors.ownReview();
    }
    if (report.version !== input.version) throw versionConflict(report);
    const status = nextStatus(report.status, action);
    const values = input.values ? { ...report.values, ...input.values } : report.values;
    const explanations = input.explanations ? normaliseExplanations(input.explanations)! : report.explanations;
    if (action === 'save' || action === 'submit') {
      const findings = await this.check(report, template, values, explanations);
      const typeErrors = findings.errors.filter((e) => e.ruleId === 'bieu-mau' || e.ruleId === 'so-nguyen');
      // A draft may be incomplete or inconsistent; it may not hold values that are not numbers of the form.
      const blocking = action === 'submit' ? findings.errors : typeErrors;
      if (blocking.length) {
        throw reportingErrors.reportInvalid(
          blocking.map((e) => ({ path: e.element, message: e.message })),
          action === 'submit' ? 'gửi' : 'lưu',
        );
      }
      const unexplained = findings.warnings.filter((w) => !w.explained);
      if (action === 'submit' && unexplained.length) {
        throw reportingErrors.warningsUnexplained(unexplained.map((w) => ({ path: `${w.ruleId}:${w.element}`, message: w.message })));
      }
    }
    const written = await this.db.transaction().execute(async (trx) => {
      const isWritten = await repo.updateReport(trx, id, input.version, {
        status,
        values,
        explanations,
        updatedBy: actor.label,
        submitted: action === 'submit',
        ...(reviewer && { reviewedBy: actor.label }),
      });
      if (!isWritten) return false;
      const kind = action === 'return' ? 'return' : action === 'reopen' ? 'reopen' : action === 'accept' ? 'accept' : 'submit';
      if (comment) await repo.addComment(trx, { reportId: id, kind, body: comment, authorUserId: actor.userId, authorLabel: actor.label });
      await writeAudit(trx, actor, {
        action: `report.${action}`,
        unitId: report.unitId,
        entityType: 'report',
        entityId: id,
        before: action === 'save' || action === 'submit' ? { status: report.status, values: report.values } : { status: report.status },
        after: action === 'save' || action === 'submit' ? { status, values } : { status },
        detail: {
          templateCode: report.templateCode,
          periodCode: report.periodCode,
          version: input.version + 1,
          ...(comment && { comment }),
        },
      });
      // Whoever has to act next is told, in the same transaction: no change without its notification.
      if (action !== 'save') await this.notify(trx, report, template, action, input.version + 1, comment ?? null, actor);
      // The unit's task statuses of the period travel with the report (docs/architecture.md, Tasks).
      if (action !== 'save')
        await setTaskReportState(trx, {
          reportId: id,
          unitId: report.unitId,
          periodCode: report.periodCode,
          state: status as 'submitted' | 'returned' | 'accepted',
        });
      // Last: writing the dashboard's figures takes the period's lock (migration 0009), held to commit.
      if (action !== 'save') await repo.replaceReportedValues(trx, report, reportedState(status), values);
      return true;
    });
    // Someone saved between our read and our write: name them, from the row as it is now.
    if (!written) throw versionConflict((await repo.findReport(this.db, id)) ?? report);
    const updated = (await repo.findReport(this.db, id))!;
    return presentReport(updated, template);
  }

  private async notify(
    trx: Kysely<DB>,
    report: repo.ReportRow,
    template: repo.TemplateRow,
    action: ReportAction,
    version: number,
    comment: string | null,
    actor: AuditActor,
  ) {
    const kind =
      action === 'submit'
        ? report.firstSubmittedAt
          ? 'report.resubmitted'
          : 'report.submitted'
        : action === 'return'
          ? 'report.returned'
          : action === 'accept'
            ? 'report.accepted'
            : action === 'reopen'
              ? 'report.reopened'
              : null;
    if (!kind) return;
    const parentId = report.unitPath.split('.').map(Number).at(-2);
    const parent = parentId ? await repo.unitOnToday(trx, parentId) : undefined;
    const draft = reportNotification({
      kind,
      reportId: report.id,
      version,
      unit: { id: report.unitId, name: report.unitName },
      parent: parent ? { id: parent.id, name: parent.name } : null,
      templateName: template.name,
      periodLabel: templatePeriod(template.definition, report.periodCode).label,
      comment,
      actorLabel: actor.label,
    });
    if (draft) await notifyAudience(trx, draft, this.channels);
  }

  async list(
    principal: Principal,
    f: { unitId: number; statuses?: ReportStatus[]; templateCode?: string; periodCode?: string; limit: number; offset: number },
  ) {
    const unit = await repo.unitOnToday(this.db, f.unitId);
    if (!unit) throw commonErrors.unitNotFound();
    const { total, rows } = await repo.listReports(this.db, { ...f, scopePath: unit.path, excludeUnitId: principal.unitId });
    // Each report with the version it was made with (forms are versions since issue 19).
    const templates = new Map<number, repo.TemplateRow | undefined>();
    for (const id of new Set(rows.map((r) => r.templateId))) templates.set(id, await repo.templateById(this.db, id));
    return { total, items: rows.map((r) => ({ ...presentReport(r, templates.get(r.templateId)), unitName: r.unitName })) };
  }

  /** Expected, submitted, on time, late, accepted, returned, missing — by child unit — plus the roll-up of figures. */
  async completeness(q: { unitId: number; templateCode: string; periodCode: string; includeSubmitted: boolean; missingLimit: number }) {
    const template = await repo.currentTemplate(this.db, q.templateCode);
    if (!template) throw reportingErrors.templateNotFound(q.templateCode);
    const unit = await repo.unitOnToday(this.db, q.unitId);
    if (!unit) throw commonErrors.unitNotFound();
    const period = periodOf(template.definition, q.periodCode);
    const inForce = (await this.versionFor(template.code, unit.path, period.start)) ?? template;
    const query = {
      rootId: unit.id,
      rootPath: unit.path,
      unitKinds: template.definition.unitKinds,
      templateCode: template.code,
      periodCode: period.code,
    };
    const [counts, missing, figures] = await Promise.all([
      completenessCounts(this.db, query),
      missingUnits(this.db, query, q.missingLimit),
      reportedElements(
        this.db,
        unit.id,
        period.code,
        inForce.definition.sections.flatMap((s) => s.fields.map((f) => f.element)),
        q.includeSubmitted,
      ),
    ]);
    const today = todayInVietnam();
    return {
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
      template: { code: template.code, name: template.name },
      period: {
        code: period.code,
        label: period.label,
        dueOn: period.dueOn,
        isOverdue: today > period.dueOn,
        daysLeft: Math.round((Date.parse(period.dueOn) - Date.parse(today)) / 86400_000),
      },
      includeSubmitted: q.includeSubmitted,
      ...counts,
      missing,
      figures: inForce.definition.sections
        .flatMap((s) => s.fields)
        .map((f) => ({ element: f.element, label: f.label, value: figures.values.get(f.element) ?? null })),
      reportingUnits: figures.reportingUnits,
    };
  }

  async reportForWorkbook(id: number) {
    return this.load(id);
  }
}

function presentReport(r: repo.ReportRow, template: Pick<repo.TemplateRow, 'name' | 'version'> | undefined) {
  return {
    id: r.id,
    templateCode: r.templateCode,
    templateName: template?.name ?? r.templateCode,
    templateVersion: template?.version ?? 0,
    unit: { id: r.unitId, name: r.unitName, kind: r.unitKind },
    periodCode: r.periodCode,
    dueOn: r.dueOn,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    version: r.version,
    submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null,
    firstSubmittedAt: r.firstSubmittedAt ? new Date(r.firstSubmittedAt).toISOString() : null,
    timeliness: timeliness(r.dueOn, r.firstSubmittedAt ? vnDay(r.firstSubmittedAt) : null, todayInVietnam()),
    reviewedAt: r.reviewedAt ? new Date(r.reviewedAt).toISOString() : null,
    reviewedBy: r.reviewedBy,
    updatedAt: new Date(r.updatedAt).toISOString(),
    updatedBy: r.updatedBy,
    returnReason: r.returnReason,
  };
}

const versionConflict = (r: repo.ReportRow) => reportingErrors.versionConflict(r.updatedBy, formatVietnamTime(new Date(r.updatedAt)));

/** The form's period of `code`, or PERIOD_INVALID in the calendar's own words. */
export function periodOf(definition: TemplateDefinition, code: string, issues: ErrorIssue[] = []) {
  try {
    return templatePeriod(definition, code);
  } catch (error) {
    throw reportingErrors.periodInvalid(error instanceof Error ? error.message : String(error), issues);
  }
}

const inScope = (path: string, scopePath: string) => path === scopePath || path.startsWith(`${scopePath}.`);
const vnDay = (d: Date) => new Date(new Date(d).getTime() + 7 * 3600_000).toISOString().slice(0, 10);
