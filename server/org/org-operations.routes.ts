import { sendMadeFile } from '../http/file-download.ts';
import { withSpooledUpload } from '../http/file-upload.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitFromParam } from '../http/route-access.ts';
import { CarryTargetsBody, CarryTargetsResult, DryRunQuery, OrgOperationBody, PlanReport, UnitHistory } from './org-operations.schema.ts';
import { PLAN_FILE_MAX_BYTES, type OrgOperationsService } from './org-operations.service.ts';
import { carryTargets } from './org-targets.service.ts';
import { UnitIdParams } from './org.schema.ts';
import { unitNotFound } from './org.service.ts';
import { PLAN_TEMPLATE_FILE_NAME, planTemplate } from './restructure-file.ts';
import { XLSX_CONTENT_TYPE } from '../tabular/template-workbook.ts';

const TAGS = ['Cơ cấu tổ chức'];
// Operations act inside the caller's own subtree: the service loads that subtree on the date and
// answers any code outside it as unknown, so no single unit is named to the guard.
const restructure = { permission: 'org.restructure' as const };

export const orgOperationsRoutes: FastifyPluginAsyncTypebox<{ service: OrgOperationsService; db: Kysely<DB> }> = async (
  app,
  { service, db },
) => {
  app.post(
    '/api/org/operations',
    {
      schema: {
        tags: TAGS,
        summary:
          'Một thao tác sắp xếp tổ chức có ngày hiệu lực (thành lập, đổi tên, chuyển, sáp nhập, chia tách, giải thể); dryRun=true để xem trước',
        querystring: DryRunQuery,
        body: OrgOperationBody,
        response: { 200: PlanReport },
      },
      config: { access: restructure },
    },
    (request) =>
      service.operation(request.body, {
        scopeUnitId: requirePrincipal(request).unitId,
        dryRun: request.query.dryRun ?? false,
        actor: actorOf(request),
      }),
  );

  app.post(
    '/api/org/restructure-plans',
    {
      schema: {
        tags: TAGS,
        summary:
          'Kế hoạch sắp xếp từ tệp XLSX/CSV (multipart, trường "file"): xem trước (dryRun=true) hoặc áp dụng cả kế hoạch trong một lần',
        querystring: DryRunQuery,
        response: { 200: PlanReport },
      },
      config: { access: restructure },
    },
    async (request) => {
      const limits = { maxBytes: PLAN_FILE_MAX_BYTES, what: 'Tệp kế hoạch', missingMessage: 'Chưa chọn tệp kế hoạch.' };
      return withSpooledUpload(request, limits, (file, fileName) =>
        service.planFile(file, fileName, {
          scopeUnitId: requirePrincipal(request).unitId,
          dryRun: request.query.dryRun ?? false,
          actor: actorOf(request),
        }),
      );
    },
  );

  app.get(
    '/api/org/restructure-plans/template',
    {
      schema: { tags: TAGS, summary: 'Tải tệp mẫu kế hoạch sắp xếp (XLSX): dòng tiêu đề, một dòng ví dụ và trang "Hướng dẫn"' },
      config: { access: restructure },
    },
    async (_request, reply) =>
      sendMadeFile(reply, { fileName: PLAN_TEMPLATE_FILE_NAME, mimeType: XLSX_CONTENT_TYPE, content: await planTemplate() }),
  );

  app.get(
    '/api/org/units/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: 'Lịch sử một đơn vị: tên, vị trí trong cây, sáp nhập/chia tách/giải thể',
        params: UnitIdParams,
        response: { 200: UnitHistory },
      },
      config: { access: { permission: 'org.read', unit: unitFromParam('id'), notFound: unitNotFound } },
    },
    (request) => service.history(request.params.id),
  );

  app.post(
    '/api/org/targets/carry',
    {
      schema: {
        tags: TAGS,
        summary: 'Chỉ tiêu qua sáp nhập/giải thể: gộp vào đơn vị kế thừa (cộng số lượng, tính lại tỷ lệ từ các phần) hoặc đóng có lý do',
        body: CarryTargetsBody,
        response: { 200: CarryTargetsResult },
      },
      config: { access: restructure },
    },
    (request) => carryTargets(db, request.body, requirePrincipal(request).scopePath, actorOf(request)),
  );
};
