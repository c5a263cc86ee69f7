import type { Kysely } from 'kysely';
import { reportDocumentErrors } from './report-documents.errors.ts';
import { parsePeriod, PeriodError, type Period } from '../../domain/periods/period.ts';
import {
  buildReportContent,
  type ChildFigures,
  type CompletenessFigures,
  type ReportContent,
} from '../../domain/report-documents/report-content.ts';
import type { AssignmentHistory, ReportTask } from '../../domain/report-documents/report-tasks.ts';
import { shortDate } from '../../domain/report-documents/report-wording.ts';
import type { DB } from '../db/schema.ts';
import { resolveAsOf } from '../http/common.errors.ts';
import { ProgressService } from '../progress/progress.service.ts';
import { currentTemplates } from '../reporting/reporting.repository.ts';
import { ReportingService } from '../reporting/reporting.service.ts';
import { timingOf } from '../tasks/tasks.presenter.ts';
import { reportDocument, reportUnit, targetQuotes } from './report-documents.repository.ts';
import { renderReportDocx } from './report-docx.renderer.ts';
import { renderReportXlsx } from './report-xlsx.renderer.ts';
import { assignmentsGivenFrom, currentStatuses, unitTasksOfDocument } from './report-tasks.repository.ts';

export interface ReportRequest {
  unitId: number;
  documentId: number;
  periodCode: string;
  /** The day the report is dated (default: today in Vietnam). */
  date?: string;
  signer?: { capacity?: string | null; title?: string | null; name?: string | null };
}

export type ReportFormat = 'docx' | 'xlsx';

export const REPORT_MIME: Record<ReportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const { unitNotFound, documentNotFound } = reportDocumentErrors;

/**
 * Drafts the báo cáo kết quả thực hiện of a unit on a programme for a period, from live data: the
 * same ProgressService.forUnit the dashboard calls (so the figures are the dashboard's), each
 * target's breakdown by the units below, the reporting completeness board's counts, and the
 * programme's tasks the unit carries with their statuses (server/tasks writes them).
 */
export class ReportDocumentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly progress = new ProgressService(db),
    private readonly reports = new ReportingService(db),
  ) {}

  async render(request: ReportRequest, format: ReportFormat): Promise<{ fileName: string; mime: string; content: Buffer }> {
    const content = await this.content(request);
    const bytes = format === 'docx' ? await renderReportDocx(content) : await renderReportXlsx(content);
    return { fileName: `${content.fileBaseName}.${format}`, mime: REPORT_MIME[format], content: bytes };
  }

  async content(request: ReportRequest): Promise<ReportContent> {
    const period = reportPeriod(request.periodCode);
    const reportDate = resolveAsOf(request.date);
    if (reportDate < period.start) {
      throw reportDocumentErrors.periodNotStarted(period.label, shortDate(period.start), shortDate(reportDate));
    }
    // Figures as of the period's last day, or the report's date when it is written before then.
    const asOf = reportDate < period.end ? reportDate : period.end;

    const unit = await reportUnit(this.db, request.unitId);
    if (!unit) throw unitNotFound();
    const document = await reportDocument(this.db, request.documentId);
    // Only a programme of the unit itself or of a level above applies to it (progress follows the
    // same path); any other answers "not found", so a document elsewhere is never revealed.
    if (!document || !unit.path.split('.').map(Number).includes(document.issuerUnitId)) throw documentNotFound();
    if (document.status !== 'confirmed') {
      throw reportDocumentErrors.documentNotConfirmed();
    }

    const targets = await this.progress.forUnit(unit.id, asOf, { documentId: document.id });
    const [breakdown, completeness, tasks, quotes] = await Promise.all([
      this.breakdown(
        targets.map((t) => t.targetId),
        unit.id,
        asOf,
      ),
      this.completeness(unit.id, unit.kind, period),
      this.tasks(unit.id, document.id),
      targetQuotes(
        this.db,
        document.id,
        targets.map((t) => t.targetId),
      ),
    ]);
    return buildReportContent({
      unit,
      parent: unit.parent,
      document: {
        id: document.id,
        kind: document.kind,
        symbol: document.symbol,
        title: document.title,
        issuedOn: document.issuedOn,
        issuerName: document.issuerName,
        issuerText: document.issuerText,
        citedDates: document.citedDates,
      },
      period,
      reportDate,
      asOf,
      targets: targets.map((t) => ({
        ...t,
        quote: quotes.get(t.targetId) ?? null,
        timing: t.timing.kind === 'annual' ? { kind: 'annual', year: t.timing.year } : t.timing,
      })),
      breakdown,
      completeness,
      tasks,
      signer: { ...request.signer, name: request.signer?.name?.trim() || unit.chairName },
    });
  }

  /** Each target's children table over the units directly below, in its own order: lagging first (one shared cache). */
  private async breakdown(targetIds: number[], unitId: number, asOf: string): Promise<Map<number, ChildFigures[]>> {
    // The version of each target in force on the report's date, as the main table uses.
    const rows = await this.progress.targetRows({ targetIds, asOf });
    const cache = this.progress.cache();
    const result = new Map<number, ChildFigures[]>();
    // Asked together, so the cache reads every target's children in as few queries as it can.
    const all = await Promise.all(rows.map((row) => this.progress.breakdown(row, unitId, asOf, false, cache)));
    rows.forEach((row, i) => {
      result.set(
        Number(row.id),
        all[i]!.items.map((c) => ({
          unit: { id: c.unit.id, name: c.unit.name },
          value: c.value,
          status: c.status,
          statusLabel: c.statusLabel,
          shareAchieved: c.shareAchieved,
          basis: c.basis,
          allocation: c.allocation ? { comparator: c.allocation.comparator, targetValue: c.allocation.targetValue } : null,
        })),
      );
    });
    return result;
  }

  /** The document's tasks the unit carries, each with its statuses and those of the units it gave the task to (three queries). */
  private async tasks(unitId: number, documentId: number): Promise<ReportTask[]> {
    const rows = await unitTasksOfDocument(this.db, unitId, documentId);
    const given = await assignmentsGivenFrom(
      this.db,
      rows.map((r) => r.assignmentId),
    );
    const statuses = await currentStatuses(this.db, [...rows.map((r) => r.assignmentId), ...given.map((g) => g.id)]);
    const byAssignment = group(statuses, (s) => s.assignmentId);
    const givenFrom = group(given, (g) => g.parentId);
    const history = (id: number, startsOn: string): AssignmentHistory => ({ startsOn, statuses: byAssignment.get(id) ?? [] });
    return rows.map((r) => ({
      title: r.title,
      lead: r.lead,
      timing: timingOf(r),
      owned: r.depth === 0,
      self: history(r.assignmentId, r.startsOn),
      assignees: (givenFrom.get(r.assignmentId) ?? []).map((g) => history(g.id, g.startsOn)),
    }));
  }

  /** The completeness board's totals for every report the units below owe for this period. */
  private async completeness(unitId: number, unitKind: string, period: Period): Promise<CompletenessFigures[]> {
    const templates = (await currentTemplates(this.db)).filter(
      (t) => t.definition.periodKind === period.kind && !t.definition.unitKinds.includes(unitKind as never),
    );
    const boards = await Promise.all(
      templates.map((t) =>
        this.reports.completeness({ unitId, templateCode: t.code, periodCode: period.code, includeSubmitted: false, missingLimit: 0 }),
      ),
    );
    return boards.filter((b) => b.total.expected > 0).map((b) => ({ templateName: b.template.name, ...b.total }));
  }
}

/** Reports are written for six months or a year ("2026-H1", "2026"). */
export function reportPeriod(code: string): Period {
  let period: Period;
  try {
    period = parsePeriod(code.trim());
  } catch (error) {
    if (error instanceof PeriodError) throw reportDocumentErrors.periodUnreadable(code);
    throw error;
  }
  if (period.kind !== 'year' && period.kind !== 'half') {
    throw reportDocumentErrors.periodNotHalfOrYear(code);
  }
  return period;
}

/** Map.groupBy (Node 21+) for Node 20. */
function group<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
