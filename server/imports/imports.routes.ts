import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { sendMadeFile, TABLE_MIME, TableFormat } from '../http/file-download.ts';
import { fileTooLarge, openUpload } from '../http/file-upload.ts';
import { unitOfRecord, type UnitLocator, unitFromInput } from '../http/route-access.ts';
import { importTemplate } from './import-templates.ts';
import { importErrors } from './imports.errors.ts';
import { importNotFound, type ImportsService } from './imports.service.ts';
import { XLSX_CONTENT_TYPE } from '../tabular/template-workbook.ts';

const TAGS = ['Nhập dữ liệu từ Excel'];
export const IMPORT_MAX_BYTES = 200 * 1024 * 1024;

const ImportStatus = Type.Object({
  id: Type.Integer(),
  registry: Type.String(),
  fileName: Type.String(),
  dryRun: Type.Boolean(),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  message: Type.Union([Type.String(), Type.Null()]),
  rowsRead: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  rejected: Type.Integer(),
  rejectionsNotStored: Type.Integer({
    description: 'Số dòng bị từ chối đã đếm nhưng không lưu lý do (mỗi lượt nhập chỉ lưu 1.000 dòng lỗi)',
  }),
  rejectionsExpired: Type.Boolean({ description: 'Các dòng bị từ chối đã được xóa (chỉ giữ 30 ngày)' }),
  personalDataMasked: Type.Boolean({ description: 'Số CCCD, điện thoại trong tệp dòng bị từ chối được che theo quyền của người xem' }),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  nameColumn: Type.Union([Type.String(), Type.Null()], {
    description: 'Tiêu đề cột cho biết dòng bị từ chối là ai, là gì (Họ và tên, Tên đơn vị…); null khi tệp không có cột đó',
  }),
  rejections: Type.Array(
    Type.Object({
      rowNumber: Type.Integer(),
      name: Type.Union([Type.String(), Type.Null()], { description: 'Giá trị của cột nameColumn ở dòng đó' }),
      column: Type.Union([Type.String(), Type.Null()]),
      reason: Type.String(),
    }),
    { description: '500 lỗi đầu tiên; tải tệp dòng bị từ chối để có đủ' },
  ),
});

const RegistryParam = Type.Union(
  [Type.Literal('members'), Type.Literal('employers'), Type.Literal('grassroots'), Type.Literal('agreements')],
  {
    description: 'members: đoàn viên; employers: đơn vị sử dụng lao động; grassroots: công đoàn cơ sở; agreements: thỏa ước',
  },
);

const ImportFields = Type.Object({
  registry: Type.String(),
  noun: Type.String({ description: 'Một dòng của tệp là gì ("đoàn viên")' }),
  unitHint: Type.String({ description: 'Đơn vị nhận dữ liệu quyết định điều gì' }),
  identity: Type.String({ description: 'Nhận diện bản ghi đã có thế nào khi nhập lại' }),
  fields: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String({ description: 'Tiêu đề cột chuẩn (cũng là tiêu đề của tệp mẫu và tệp xuất)' }),
      required: Type.Boolean(),
      synonyms: Type.Array(Type.String(), { description: 'Các tiêu đề khác được tự nhận ra' }),
    }),
  ),
});

const StartQuery = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1, description: 'Đơn vị nhận dữ liệu (các CĐCS trong tệp phải thuộc đơn vị này)' }),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Chạy thử: kiểm tra và đếm, không ghi gì' })),
    mapping: Type.Optional(Type.String({ maxLength: 2000, description: 'Ghép cột: JSON {"chỉ số cột": "trường" | null}' })),
  },
  { additionalProperties: false },
);

export const importsRoutes: FastifyPluginAsyncTypebox<{ imports: ImportsService }> = async (app, { imports }) => {
  // A job's report is read by its importer or by whoever may import into its unit (registry.write,
  // checked by the locator); anyone else gets the 404 of a job that does not exist.
  const readableJob: UnitLocator = (request) => unitOfRecord('id', (id) => imports.unitReadableBy(id, requirePrincipal(request)))(request);
  const onJob = { permission: 'registry.read' as const, unit: readableJob, notFound: importNotFound };

  app.post(
    '/api/imports/:registry',
    {
      schema: {
        tags: TAGS,
        summary:
          'Nhập danh sách đoàn viên (members), đơn vị sử dụng lao động (employers), công đoàn cơ sở (grassroots) hoặc thỏa ước (agreements) từ tệp XLSX/CSV (multipart, trường "file"); chạy nền, trả về lượt nhập',
        params: Type.Object({ registry: RegistryParam }),
        querystring: StartQuery,
        response: { 202: ImportStatus },
      },
      config: { access: { permission: 'registry.write', unit: unitFromInput('query', 'unitId') } },
    },
    async (request, reply) => {
      const part = await openUpload(request, { maxBytes: IMPORT_MAX_BYTES, what: 'Tệp nhập' });
      let mapping: Record<number, string | null> | undefined;
      if (request.query.mapping) {
        try {
          mapping = JSON.parse(request.query.mapping);
        } catch {
          throw importErrors.mappingInvalid();
        }
      }
      const principal = requirePrincipal(request);
      const status = await imports
        .startImport(request.params.registry, {
          upload: part.file,
          fileName: part.filename,
          scopeUnitId: request.query.unitId,
          dryRun: request.query.dryRun ?? false,
          mapping,
          actor: actorOf(request),
          createdBy: principal.userId,
          importer: principal,
        })
        .catch((error: unknown) => {
          if (part.file.truncated) throw fileTooLarge(IMPORT_MAX_BYTES, 'Tệp nhập');
          throw error;
        });
      return reply.status(202).send(status);
    },
  );

  // Static segment: find-my-way prefers it over /api/imports/:id, so "fields" is never read as a job id.
  app.get(
    '/api/imports/fields/:registry',
    {
      schema: {
        tags: TAGS,
        summary:
          'Các cột (trường) một tệp nhập của danh sách này có thể có: tiêu đề chuẩn, bắt buộc hay không, các tiêu đề khác được tự nhận ra',
        params: Type.Object({ registry: RegistryParam }),
        response: { 200: ImportFields },
      },
      // Not about any unit's data: the same for everyone who may import.
      config: { access: { permission: 'registry.write' } },
    },
    (request) => imports.fields(request.params.registry),
  );

  app.get(
    '/api/imports/template/:registry',
    {
      schema: {
        tags: TAGS,
        summary: 'Tải tệp mẫu XLSX: dòng tiêu đề chuẩn, một dòng ví dụ và trang "Hướng dẫn" giải thích từng cột',
        params: Type.Object({ registry: RegistryParam }),
      },
      config: { access: { permission: 'registry.write' } },
    },
    async (request, reply) => {
      const template = await importTemplate(request.params.registry);
      return sendMadeFile(reply, { fileName: template.fileName, mimeType: XLSX_CONTENT_TYPE, content: template.content });
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Tiến độ và kết quả một lượt nhập (số dòng đọc, thêm, sửa, giữ nguyên, từ chối)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: ImportStatus },
      },
      config: { access: onJob },
    },
    (request) => imports.status(requirePrincipal(request), request.params.id),
  );

  app.get(
    '/api/imports/:id/rejections',
    {
      schema: {
        tags: TAGS,
        summary:
          'Tải các dòng bị từ chối kèm cột "Lỗi", để sửa và nhập lại (số CCCD, điện thoại che theo quyền; chỉ người đã nhập hoặc người được cập nhật dữ liệu của đơn vị)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object({ format: Type.Optional(TableFormat) }, { additionalProperties: false }),
      },
      config: { access: onJob },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      const file = await imports.rejectionsFile(requirePrincipal(request), actorOf(request), request.params.id, format);
      return sendMadeFile(reply, { fileName: file.fileName, mimeType: TABLE_MIME[format], content: file.stream });
    },
  );
};
