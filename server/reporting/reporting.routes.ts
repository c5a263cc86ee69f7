import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ReportStatus } from '../../domain/reporting/report-workflow.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { sendMadeFile, TABLE_MIME } from '../http/file-download.ts';
import { recordAccess, type RouteAccess, unitFromInput } from '../http/route-access.ts';
import { withSpooledUpload } from '../http/file-upload.ts';
import { REPORT_FILE_MAX_BYTES, type ReportFilesService } from './report-files.service.ts';
import type { ReportingService } from './reporting.service.ts';
import { reportUnitId, unitPathToday } from './reporting.repository.ts';
import { reportingErrors } from './reporting.errors.ts';
import {
  BulkAcceptBody,
  CompletenessQuery,
  OpenReportBody,
  ReportListQuery,
  ReviewBody,
  SaveReportBody,
  SubmitReportBody,
  UpdateRulesBody,
} from './reporting.schema.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { commonErrors } from '../http/common.errors.ts';

const TAGS = ['Báo cáo định kỳ'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

type App = Parameters<FastifyPluginAsyncTypebox>[0];
type OnReport = (permission: 'reports.read' | 'reports.submit' | 'reports.review') => RouteAccess;

export const reportingRoutes: FastifyPluginAsyncTypebox<{ reports: ReportingService; files: ReportFilesService; db: Kysely<DB> }> = async (
  app,
  { reports, files, db },
) => {
  const onReport: OnReport = recordAccess((id) => reportUnitId(db, id), reportingErrors.reportNotFound);
  templateRoutes(app, reports);
  reportListRoutes(app, reports);
  oneReportRoutes(app, reports, onReport);
  workbookRoutes(app, files, db, onReport);
};

/** The forms in force and their rules. */
function templateRoutes(app: App, reports: ReportingService) {
  app.get(
    '/api/report-templates',
    {
      schema: { tags: TAGS, summary: 'Biểu mẫu báo cáo đang dùng (chỉ tiêu theo phần, lịch, hạn gửi, quy tắc kiểm tra)' },
      config: { access: { permission: 'reports.read' } },
    },
    async () => ({ items: await reports.templates() }),
  );

  app.put(
    '/api/report-templates/:code/rules',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa quy tắc kiểm tra của biểu mẫu (tạo phiên bản mới; báo cáo cũ giữ phiên bản của mình)',
        params: Type.Object({ code: Type.String({ maxLength: 64 }) }),
        body: UpdateRulesBody,
      },
      config: { access: { permission: 'reports.manage' } },
    },
    (request) => reports.updateRules(request.params.code, request.body.rules, requirePrincipal(request), actorOf(request)),
  );
}

/** A unit's reports to fill, the reports below to review, the completeness of a period. */
function reportListRoutes(app: App, reports: ReportingService) {
  app.get(
    '/api/reports/mine',
    {
      schema: {
        tags: TAGS,
        summary: 'Báo cáo đơn vị cần lập: mỗi biểu mẫu, mỗi kỳ đang mở, kèm trạng thái',
        querystring: Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      },
      config: { access: { permission: 'reports.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => reports.myReports(request.query.unitId ?? requirePrincipal(request).unitId),
  );

  app.post(
    '/api/reports',
    {
      schema: { tags: TAGS, summary: 'Mở báo cáo của đơn vị cho một biểu mẫu và kỳ (tạo bản nháp nếu chưa có)', body: OpenReportBody },
      config: { access: { permission: 'reports.submit', unit: unitFromInput('body', 'unitId') } },
    },
    async (request) => reports.view(await reports.open(request.body, actorOf(request)), requirePrincipal(request)),
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags: TAGS,
        summary: 'Báo cáo của các đơn vị trực thuộc để duyệt, lọc theo trạng thái, biểu mẫu, kỳ',
        querystring: ReportListQuery,
      },
      config: { access: { permission: 'reports.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => {
      const q = request.query;
      return reports.list(requirePrincipal(request), {
        unitId: q.unitId ?? requirePrincipal(request).unitId,
        statuses: q.status?.split(',') as ReportStatus[] | undefined,
        templateCode: q.templateCode,
        periodCode: q.periodCode,
        limit: q.limit ?? 100,
        offset: q.offset ?? 0,
      });
    },
  );

  app.get(
    '/api/reports/completeness',
    {
      schema: {
        tags: TAGS,
        summary:
          'Tình hình nộp báo cáo: phải nộp, đã nộp, đúng hạn, trễ hạn, đã duyệt, bị trả lại, chưa nộp; theo đơn vị trực thuộc; danh sách đơn vị chưa nộp và liên hệ',
        querystring: CompletenessQuery,
      },
      config: { access: { permission: 'reports.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) =>
      reports.completeness({
        unitId: request.query.unitId ?? requirePrincipal(request).unitId,
        templateCode: request.query.templateCode,
        periodCode: request.query.periodCode,
        includeSubmitted: request.query.includeSubmitted ?? false,
        missingLimit: request.query.missingLimit ?? 200,
      }),
  );

  app.post(
    '/api/reports/accept-bulk',
    {
      schema: { tags: TAGS, summary: 'Duyệt nhiều báo cáo cùng lúc (kết quả từng báo cáo)', body: BulkAcceptBody },
      config: {
        access: {
          permission: 'reports.review',
          checkedInService: { ids: 'bulkAccept answers each report outside the scope as not found' },
        },
      },
    },
    (request) => reports.bulkAccept(request.body.ids, requirePrincipal(request), actorOf(request)),
  );
}

/** One report: read, save, submit and the reviewer's answers. */
function oneReportRoutes(app: App, reports: ReportingService, onReport: OnReport) {
  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Một báo cáo: số liệu, biểu mẫu (phiên bản của báo cáo), số liệu từ sổ sách để đối chiếu, kết quả kiểm tra, trao đổi',
        params: IdParams,
      },
      config: { access: onReport('reports.read') },
    },
    (request) => reports.view(request.params.id, requirePrincipal(request)),
  );

  app.put(
    '/api/reports/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Lưu nháp (tự động lưu); từ chối nếu người khác đã lưu sau phiên bản bạn đang sửa',
        params: IdParams,
        body: SaveReportBody,
      },
      config: { access: onReport('reports.submit') },
    },
    (request) => reports.save(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/reports/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: 'Gửi báo cáo lên cấp trên (lỗi chặn gửi; cảnh báo cần giải thích)',
        params: IdParams,
        body: SubmitReportBody,
      },
      config: { access: onReport('reports.submit') },
    },
    (request) => reports.submit(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/reports/:id/return',
    {
      schema: { tags: TAGS, summary: 'Trả lại báo cáo kèm lý do', params: IdParams, body: ReviewBody },
      config: { access: onReport('reports.review') },
    },
    (request) => reports.returnReport(request.params.id, request.body, requirePrincipal(request), actorOf(request)),
  );

  app.post(
    '/api/reports/:id/accept',
    {
      schema: { tags: TAGS, summary: 'Duyệt báo cáo (số liệu được khóa và đưa vào tổng hợp)', params: IdParams, body: ReviewBody },
      config: { access: onReport('reports.review') },
    },
    (request) => reports.accept(request.params.id, request.body, requirePrincipal(request), actorOf(request)),
  );

  app.post(
    '/api/reports/:id/reopen',
    {
      schema: { tags: TAGS, summary: 'Mở lại báo cáo đã duyệt kèm lý do', params: IdParams, body: ReviewBody },
      config: { access: onReport('reports.review') },
    },
    (request) => reports.reopen(request.params.id, request.body, requirePrincipal(request), actorOf(request)),
  );
}

/** The Excel form: one report's download and upload, and many units' files at once. */
function workbookRoutes(app: App, files: ReportFilesService, db: Kysely<DB>, onReport: OnReport) {
  app.post(
    '/api/reports/workbooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Cấp trên nạp nhiều tệp Excel báo cáo của các đơn vị trực thuộc cùng lúc (multipart, mỗi tệp được kiểm tra và gửi riêng)',
        querystring: Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
      },
      config: { access: { permission: 'reports.submit', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      if (!request.isMultipart()) throw reportingErrors.multipartRequired();
      const scope = await reportScopePath(db, request.query.unitId ?? requirePrincipal(request).unitId);
      return files.uploadMany(request.files({ limits: { fileSize: REPORT_FILE_MAX_BYTES, files: 200 } }), scope, actorOf(request));
    },
  );

  app.get(
    '/api/reports/:id/workbook',
    {
      schema: { tags: TAGS, summary: 'Tải biểu mẫu Excel của báo cáo để nhập ngoại tuyến', params: IdParams },
      config: { access: onReport('reports.read') },
    },
    async (request, reply) => {
      const file = await files.download(request.params.id);
      return sendMadeFile(reply, { fileName: file.fileName, mimeType: TABLE_MIME.xlsx, content: file.content });
    },
  );

  app.post(
    '/api/reports/:id/workbook',
    {
      schema: {
        tags: TAGS,
        summary:
          'Nạp biểu mẫu Excel đã nhập (multipart, trường "file"): kiểm tra định danh, cấu trúc, số liệu; lưu, và gửi nếu submit=true',
        params: IdParams,
        querystring: Type.Object({ submit: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
      config: { access: onReport('reports.submit') },
    },
    async (request) => {
      const limits = { maxBytes: REPORT_FILE_MAX_BYTES, what: 'Tệp biểu mẫu báo cáo' };
      return withSpooledUpload(request, limits, (file) =>
        files.upload(request.params.id, requirePrincipal(request).scopePath, file, request.query.submit ?? false, actorOf(request)),
      );
    },
  );
}

async function reportScopePath(db: Kysely<DB>, unitId: number): Promise<string> {
  const path = await unitPathToday(db, unitId);
  if (path === undefined) throw commonErrors.unitNotFound();
  return path;
}
