import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { createWriteStream } from 'node:fs';
import type { Kysely } from 'kysely';
import { AppError } from '../../domain/errors/app-error.ts';
import { templatePeriod } from '../../domain/reporting/report-template.ts';
import type { AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { checkIdentity, readReportWorkbook, writeReportWorkbook } from './report-workbook.ts';
import * as repo from './reporting.repository.ts';
import type { ReportingService } from './reporting.service.ts';
import { reportingErrors } from './reporting.errors.ts';

/** Report forms are a few dozen rows: anything bigger is not one of ours. */
export const REPORT_FILE_MAX_BYTES = 2 * 1024 * 1024;

/** Download of the offline form, and upload back through the same validation and workflow. */
export class ReportFilesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly reports: ReportingService,
  ) {}

  async download(id: number): Promise<{ fileName: string; content: Buffer }> {
    const { report, template } = await this.reports.reportForWorkbook(id);
    const period = templatePeriod(template.definition, report.periodCode);
    const content = await writeReportWorkbook(
      {
        reportId: report.id,
        unitId: report.unitId,
        unitName: report.unitName,
        periodCode: report.periodCode,
        periodLabel: period.label,
        templateCode: template.code,
        templateVersion: template.version,
        reportVersion: report.version,
      },
      template.definition,
      report.values,
      report.dueOn,
    );
    return { fileName: `bao-cao-${template.code}-${report.periodCode}-${report.unitId}.xlsx`, content };
  }

  /**
   * One file into one report: the file must be this report's (unit, period, template version,
   * current version) with its rows where they were; then save, and submit when asked.
   */
  async upload(expectedReportId: number | null, scopePath: string, filePath: string, submit: boolean, actor: AuditActor) {
    const file = await readReportWorkbook(filePath);
    const id = expectedReportId ?? Number(file.identity.report_id);
    const report = Number.isSafeInteger(id) ? await repo.findReport(this.db, id) : undefined;
    // A report outside the uploader's subtree is "not found", exactly like the routes say.
    if (!report || !(report.unitPath === scopePath || report.unitPath.startsWith(`${scopePath}.`))) throw reportingErrors.reportNotFound();
    const template = (await repo.templateById(this.db, report.templateId))!;
    const fileUnit =
      Number(file.identity.unit_id) !== report.unitId
        ? await repo.unitOnToday(this.db, Number(file.identity.unit_id)).catch(() => undefined)
        : undefined;
    checkIdentity(file.identity, { ...report, templateVersion: template.version }, fileUnit?.name ?? null);
    if (file.problems.length) {
      throw reportingErrors.workbookValuesInvalid(file.problems);
    }
    const saved = await this.reports.save(report.id, { version: report.version, values: file.values }, { ...actor, label: actor.label });
    if (!submit) return saved;
    return this.reports.submit(report.id, { version: saved.version, note: 'Gửi bằng tệp Excel.' }, actor);
  }

  /** Many units' files at once (the level above collecting them): each file stands alone. */
  async uploadMany(
    files: AsyncIterable<{ filename: string; file: Readable & { truncated?: boolean } }>,
    scopePath: string,
    actor: AuditActor,
  ) {
    const results: { fileName: string; ok: boolean; reportId: number | null; unitName: string | null; message: string }[] = [];
    for await (const part of files) {
      const tmp = await spoolUpload(part.file);
      try {
        if (part.file.truncated) throw reportingErrors.fileTooLarge();
        const report = await this.upload(null, scopePath, tmp, true, actor);
        results.push({
          fileName: part.filename,
          ok: true,
          reportId: report.id,
          unitName: report.unit.name,
          message: 'Đã nạp và gửi báo cáo.',
        });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ fileName: part.filename, ok: false, reportId: null, unitName: null, message: error.message });
      } finally {
        await fs.rm(path.dirname(tmp), { recursive: true, force: true });
      }
    }
    if (results.length === 0) throw reportingErrors.fileMissing();
    return { accepted: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).length, results };
  }
}

/** The reader works on files (it seeks in the zip): spool each part whole (busboy skips what is over the limit and flags it) into a private temp folder. */
async function spoolUpload(stream: Readable): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-report-'));
  const file = path.join(dir, 'upload.xlsx');
  await pipeline(stream, createWriteStream(file));
  return file;
}
