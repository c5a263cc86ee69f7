import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { actorOf } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { sendTable } from '../http/file-download.ts';
import { withSpooledUpload } from '../http/file-upload.ts';
import { unitOfRecord } from '../http/route-access.ts';
import { unitOfTarget } from '../progress/targets.repository.ts';
import { type AllocationService, targetNotFound } from './allocation.service.ts';

const TAGS = ['Chỉ tiêu và tiến độ'];
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Base = Type.Union([Type.Literal('members'), Type.Literal('employers'), Type.Literal('current'), Type.Literal('last_year')], {
  default: 'members',
});
const Method = Type.Union([Type.Literal('proportional'), Type.Literal('equal'), Type.Literal('manual')]);
const PreviewQuery = Type.Object({ base: Type.Optional(Base), method: Type.Optional(Method) }, { additionalProperties: false });
const ApplyBody = Type.Object(
  {
    method: Method,
    base: Type.Optional(Base),
    shares: Type.Array(
      Type.Object(
        { unitId: Type.Integer({ minimum: 1 }), value: Type.Number({ minimum: 0, maximum: 1e12 }) },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 5000 },
    ),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
    allowOver: Type.Optional(Type.Boolean({ description: 'Cho phép tổng giao vượt chỉ tiêu "từ/trên" của đơn vị' })),
  },
  { additionalProperties: false },
);
const ALLOCATION_FILE_MAX_BYTES = 5 * 1024 * 1024;

/** Giao chỉ tiêu: on a target of the caller's subtree, to the children of its unit. */
export const allocationRoutes: FastifyPluginAsyncTypebox<{ allocation: AllocationService; db: Kysely<DB> }> = async (
  app,
  { allocation, db },
) => {
  const onTarget = (permission: 'targets.read' | 'targets.write') => ({
    permission,
    unit: unitOfRecord('id', (id) => unitOfTarget(db, id)),
    notFound: targetNotFound,
  });

  app.get(
    '/api/targets/:id/allocation',
    {
      schema: {
        tags: TAGS,
        summary: 'Đề xuất giao chỉ tiêu cho các đơn vị trực thuộc: giá trị của đơn vị, cơ sở phân bổ, phần của từng đơn vị, phần còn lại',
        params: IdParams,
        querystring: PreviewQuery,
      },
      config: { access: onTarget('targets.read') },
    },
    (request) => allocation.preview(request.params.id, request.query.base ?? 'members', request.query.method ?? 'proportional'),
  );

  app.put(
    '/api/targets/:id/allocation',
    {
      schema: {
        tags: TAGS,
        summary:
          'Giao chỉ tiêu cho các đơn vị trực thuộc (từ chối cả lần giao nếu tổng không đạt chỉ tiêu của đơn vị); giao lại tạo phiên bản mới',
        params: IdParams,
        body: ApplyBody,
      },
      config: { access: onTarget('targets.write') },
    },
    (request) =>
      allocation.apply(
        request.params.id,
        {
          method: request.body.method,
          base: request.body.base ?? 'members',
          shares: request.body.shares,
          reason: request.body.reason,
          allowOver: request.body.allowOver,
        },
        actorOf(request),
      ),
  );

  app.post(
    '/api/targets/:id/allocation/file',
    {
      schema: {
        tags: TAGS,
        summary:
          'Giao chỉ tiêu từ tệp XLSX/CSV (cột "Mã đơn vị", "Chỉ tiêu giao"; multipart, trường "file"): xem trước (dryRun=true) với lỗi từng dòng, hoặc giao',
        params: IdParams,
        querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      },
      config: { access: onTarget('targets.write') },
    },
    async (request) => {
      const limits = { maxBytes: ALLOCATION_FILE_MAX_BYTES, what: 'Tệp giao chỉ tiêu' };
      return withSpooledUpload(request, limits, (file) =>
        allocation.importFile(request.params.id, file, request.query.dryRun ?? false, actorOf(request)),
      );
    },
  );

  app.get(
    '/api/targets/:id/allocation/template',
    {
      schema: {
        tags: TAGS,
        summary: 'Tệp mẫu giao chỉ tiêu (XLSX): mã, tên các đơn vị trực thuộc và mức đề xuất',
        params: IdParams,
        querystring: Type.Object({ base: Type.Optional(Base) }, { additionalProperties: false }),
      },
      config: { access: onTarget('targets.read') },
    },
    async (request, reply) => {
      const { rows } = await allocation.templateRows(request.params.id, request.query.base ?? 'members');
      return sendTable(reply, {
        format: 'xlsx',
        fileName: `giao-chi-tieu-${request.params.id}`,
        sheetName: 'Giao chỉ tiêu',
        columns: [
          { key: 'code', title: 'Mã đơn vị' },
          { key: 'name', title: 'Tên đơn vị' },
          { key: 'value', title: 'Chỉ tiêu giao', type: 'integer' },
        ],
        rows: (async function* () {
          yield* rows;
        })(),
      });
    },
  );
};
