import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { can } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { sendTable } from '../http/file-download.ts';
import { unitFromParam, unitFromInput } from '../http/route-access.ts';
import { GRASSROOTS_IMPORT_FIELDS } from '../imports/grassroots-import.ts';
import type { TableColumn } from '../tabular/table-writer.ts';
import { ExportQuery, GrassrootsItem, IdParams, ListQuery, ListResponse, UpdateBody } from './grassroots.schema.ts';
import { grassrootsNotFound as notFound, GrassrootsService } from './grassroots.service.ts';

const TAGS = ['Công đoàn cơ sở'];

/** The import's own column titles, so an exported list can be edited and imported back. */
const GRASSROOTS_EXPORT_COLUMNS: TableColumn[] = GRASSROOTS_IMPORT_FIELDS.map((f) => ({
  key: f.key,
  title: f.label,
  width: f.key === 'name' ? 44 : f.key === 'chairName' ? 24 : 18,
  ...(f.key === 'foundedOn' || f.key === 'dissolvedOn' ? { type: 'date' as const } : {}),
}));

export const grassrootsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  const service = new GrassrootsService(db);
  const inListScope = { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } as const;

  app.get(
    '/api/grassroots',
    {
      schema: {
        tags: TAGS,
        summary: 'Danh sách công đoàn cơ sở với đơn vị sử dụng lao động, ngày thành lập, chủ tịch, số đoàn viên',
        querystring: ListQuery,
        response: { 200: ListResponse },
      },
      config: { access: inListScope },
    },
    (request) => service.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/grassroots/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách công đoàn cơ sở đã lọc ra XLSX hoặc CSV (cùng cột với tệp nhập, nhập lại không thay đổi gì)',
        querystring: ExportQuery,
      },
      config: { access: inListScope },
    },
    async (request, reply) => {
      const { format = 'xlsx', ...filters } = request.query;
      const principal = requirePrincipal(request);
      const unmasked = can(principal, 'personal_data.view');
      await writeAudit(db, actorOf(request), {
        action: unmasked ? 'personal_data.export' : 'grassroots.export',
        unitId: filters.unitId ?? principal.unitId,
        entityType: 'grassroots_list',
        detail: { format, unmasked },
      });
      return sendTable(reply, {
        format,
        fileName: `cong-doan-co-so-${todayInVietnam()}`,
        sheetName: 'Công đoàn cơ sở',
        columns: GRASSROOTS_EXPORT_COLUMNS,
        rows: service.exportRows(principal, filters, unmasked),
      });
    },
  );

  app.get(
    '/api/grassroots/:id',
    {
      schema: { tags: TAGS, summary: 'Hồ sơ công đoàn cơ sở', params: IdParams, response: { 200: GrassrootsItem } },
      config: { access: { permission: 'registry.read', unit: unitFromParam('id'), notFound } },
    },
    (request) => service.get(request.params.id),
  );

  app.patch(
    '/api/grassroots/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Cập nhật hồ sơ công đoàn cơ sở (quyết định thành lập, chủ tịch, đơn vị sử dụng lao động, giải thể)',
        params: IdParams,
        body: UpdateBody,
        response: { 200: GrassrootsItem },
      },
      config: { access: { permission: 'registry.write', unit: unitFromParam('id'), notFound } },
    },
    (request) => service.update(actorOf(request), request.params.id, request.body),
  );
};
