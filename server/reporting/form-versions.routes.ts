import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { FormVersionsService } from './form-versions.service.ts';
import { TemplateRuleSchema, TemplateSectionSchema } from './reporting.schema.ts';

const TAGS = ['Báo cáo định kỳ'];
const CodeParams = Type.Object({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }) });
const VersionParams = Type.Object({ code: CodeParams.properties.code, version: Type.Integer({ minimum: 1 }) });
const Definition = Type.Object(
  {
    sections: Type.Array(TemplateSectionSchema, { minItems: 1, maxItems: 50 }),
    rules: Type.Array(TemplateRuleSchema, { maxItems: 200 }),
  },
  { additionalProperties: false },
);
// Drafts are their owner's; publishing is for the owner's subtree: the service checks both.
const MANAGE = { access: { permission: 'measures.manage' as const } };

export const formVersionsRoutes: FastifyPluginAsyncTypebox<{ forms: FormVersionsService }> = async (app, { forms }) => {
  app.get(
    '/api/report-templates/:code/versions',
    {
      schema: {
        tags: TAGS,
        summary: 'Các phiên bản của biểu mẫu: bản nháp, áp dụng từ kỳ nào, bao nhiêu báo cáo dùng, thay đổi gì',
        params: CodeParams,
      },
      config: { access: { permission: 'reports.read' } },
    },
    async (request) => ({ items: await forms.versions(requirePrincipal(request), request.params.code) }),
  );

  app.post(
    '/api/report-templates/:code/versions',
    {
      schema: {
        tags: TAGS,
        summary: 'Tạo bản nháp phiên bản mới của biểu mẫu (thêm, bớt, sắp xếp chỉ tiêu, quy tắc)',
        params: CodeParams,
        body: Type.Object(
          { definition: Definition, basedOn: Type.Optional(Type.Integer({ minimum: 1 })) },
          { additionalProperties: false },
        ),
      },
      config: MANAGE,
    },
    async (request, reply) =>
      reply.code(201).send(await forms.createDraft(requirePrincipal(request), actorOf(request), request.params.code, request.body)),
  );

  app.put(
    '/api/report-templates/:code/versions/:version',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa bản nháp (phiên bản đã áp dụng không sửa được)',
        params: VersionParams,
        body: Type.Object({ definition: Definition }, { additionalProperties: false }),
      },
      config: MANAGE,
    },
    async (request) =>
      forms.updateDraft(requirePrincipal(request), actorOf(request), request.params.code, request.params.version, request.body),
  );

  app.delete(
    '/api/report-templates/:code/versions/:version',
    {
      schema: { tags: TAGS, summary: 'Xóa bản nháp', params: VersionParams },
      config: MANAGE,
    },
    async (request, reply) => {
      await forms.deleteDraft(requirePrincipal(request), actorOf(request), request.params.code, request.params.version);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/report-templates/:code/versions/:version/publish',
    {
      schema: {
        tags: TAGS,
        summary: 'Áp dụng bản nháp từ một kỳ trở đi cho đơn vị và cấp dưới',
        params: VersionParams,
        body: Type.Object({ fromPeriod: Type.String({ minLength: 4, maxLength: 10 }) }, { additionalProperties: false }),
      },
      config: MANAGE,
    },
    async (request) =>
      forms.publish(requirePrincipal(request), actorOf(request), request.params.code, request.params.version, request.body),
  );
};
