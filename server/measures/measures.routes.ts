import { unitFromInput } from '../http/route-access.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { requireIsoDate } from '../http/common.errors.ts';
import {
  CodeParams,
  CreateElementBody,
  CreateIndicatorBody,
  PreviewQuery,
  UpdateElementBody,
  UpdateIndicatorBody,
} from './measures.schema.ts';
import type { MeasuresService } from './measures.service.ts';

const TAGS = ['Chỉ số và thành phần số liệu'];
// Reading the catalogue is for whoever reads targets; the service shows the rows of the caller's path and subtree.
const READ = { access: { permission: 'targets.read' as const } };
// Writing: the permission here; which rows (the caller's subtree, the root for the shared catalogue) in the service.
const MANAGE = { access: { permission: 'measures.manage' as const } };
const Kind = Type.Object({ kind: Type.Union([Type.Literal('elements'), Type.Literal('indicators')]), code: CodeParams.properties.code });

type App = Parameters<FastifyPluginAsyncTypebox>[0];

export const measuresRoutes: FastifyPluginAsyncTypebox<{ measures: MeasuresService }> = async (app, { measures }) => {
  elementRoutes(app, measures);
  indicatorRoutes(app, measures);
  versionRoutes(app, measures);
};

/** Data elements: the derived options, the list, a new one, an edit, a deletion. */
function elementRoutes(app: App, measures: MeasuresService) {
  app.get(
    '/api/measures/derived-options',
    {
      schema: { tags: TAGS, summary: 'Các sổ, phép đếm và bộ lọc để định nghĩa thành phần tính từ sổ' },
      config: READ,
    },
    () => measures.derivedOptions(),
  );

  app.get(
    '/api/measures/elements',
    {
      schema: { tags: TAGS, summary: 'Thành phần số liệu dùng được hoặc quản lý được từ đơn vị của bạn, kèm nơi đang dùng' },
      config: READ,
    },
    async (request) => ({ items: await measures.elements(requirePrincipal(request)) }),
  );

  app.post(
    '/api/measures/elements',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm thành phần số liệu (nhập qua biểu mẫu, hoặc tính từ sổ với bộ lọc chọn sẵn)',
        body: CreateElementBody,
      },
      config: MANAGE,
    },
    async (request, reply) => reply.code(201).send(await measures.createElement(requirePrincipal(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/measures/elements/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa thành phần số liệu (đổi cách tính bị từ chối khi đang được dùng)',
        params: CodeParams,
        body: UpdateElementBody,
      },
      config: MANAGE,
    },
    async (request) => measures.updateElement(requirePrincipal(request), actorOf(request), request.params.code, request.body),
  );

  app.delete(
    '/api/measures/elements/:code',
    {
      schema: { tags: TAGS, summary: 'Xóa thành phần số liệu chưa được dùng ở đâu', params: CodeParams },
      config: MANAGE,
    },
    async (request, reply) => {
      await measures.deleteElement(requirePrincipal(request), actorOf(request), request.params.code);
      return reply.code(204).send();
    },
  );
}

/** Indicators: the list, a preview, a new one, an edit, a deletion. */
function indicatorRoutes(app: App, measures: MeasuresService) {
  app.get(
    '/api/measures/indicators',
    {
      schema: { tags: TAGS, summary: 'Chỉ số dùng được hoặc quản lý được từ đơn vị của bạn, kèm nơi đang dùng' },
      config: READ,
    },
    async (request) => ({ items: await measures.indicators(requirePrincipal(request)) }),
  );

  // A read: GET, so that read-only roles may preview (a write route is refused them).
  app.get(
    '/api/measures/indicators/preview',
    {
      schema: {
        tags: TAGS,
        summary: 'Xem trước giá trị của chỉ số chưa lưu tại một đơn vị, một ngày (kèm các lỗi của biểu thức)',
        querystring: PreviewQuery,
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      requireIsoDate(request.query.date);
      return measures.preview(request.query);
    },
  );

  app.post(
    '/api/measures/indicators',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm chỉ số từ các thành phần số liệu (biểu thức an toàn, được kiểm tra khi lưu)',
        body: CreateIndicatorBody,
      },
      config: MANAGE,
    },
    async (request, reply) =>
      reply.code(201).send(await measures.createIndicator(requirePrincipal(request), actorOf(request), request.body)),
  );

  app.patch(
    '/api/measures/indicators/:code',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa chỉ số (đổi biểu thức bị từ chối khi đang được dùng)',
        params: CodeParams,
        body: UpdateIndicatorBody,
      },
      config: MANAGE,
    },
    async (request) => measures.updateIndicator(requirePrincipal(request), actorOf(request), request.params.code, request.body),
  );

  app.delete(
    '/api/measures/indicators/:code',
    {
      schema: { tags: TAGS, summary: 'Xóa chỉ số chưa được dùng ở đâu', params: CodeParams },
      config: MANAGE,
    },
    async (request, reply) => {
      await measures.deleteIndicator(requirePrincipal(request), actorOf(request), request.params.code);
      return reply.code(204).send();
    },
  );
}

/** Every version of an element or indicator. */
function versionRoutes(app: App, measures: MeasuresService) {
  app.get(
    '/api/measures/:kind/:code/versions',
    {
      schema: { tags: TAGS, summary: 'Các phiên bản của một thành phần số liệu hoặc chỉ số: ai sửa, khi nào, vì sao', params: Kind },
      config: READ,
    },
    async (request) => ({
      items: await measures.versions(
        requirePrincipal(request),
        request.params.kind === 'elements' ? 'element' : 'indicator',
        request.params.code,
      ),
    }),
  );
}
