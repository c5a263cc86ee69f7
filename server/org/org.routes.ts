import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requirePrincipal } from '../auth/access-guard.ts';
import { unitFromParam } from '../http/route-access.ts';
import { AsOfQuery, OrgSearchQuery, OrgSearchResult, OrgUnitDetail, OrgUnitList, UnitIdParams } from './org.schema.ts';
import { unitNotFound, type OrgService } from './org.service.ts';

const TAGS = ['Cơ cấu tổ chức'];
const onUnit = { permission: 'org.read' as const, unit: unitFromParam('id'), notFound: unitNotFound };
const principalUnit = (request: Parameters<typeof requirePrincipal>[0]) => requirePrincipal(request).unitId;
const scopeOf = (request: Parameters<typeof requirePrincipal>[0]) => ({ unitId: requirePrincipal(request).unitId });

export const orgRoutes: FastifyPluginAsyncTypebox<{ service: OrgService }> = async (app, { service }) => {
  app.get(
    '/api/org/roots',
    {
      schema: { tags: TAGS, summary: 'Các đơn vị gốc của cây tổ chức', querystring: AsOfQuery, response: { 200: OrgUnitList } },
      config: { access: { permission: 'org.read' } },
    },
    (request) => service.roots(scopeOf(request), request.query.asOf),
  );

  app.get(
    '/api/org/units/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Thông tin một đơn vị',
        params: UnitIdParams,
        querystring: AsOfQuery,
        response: { 200: OrgUnitDetail },
      },
      config: { access: onUnit },
    },
    (request) => service.detail(scopeOf(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/api/org/units/:id/children',
    {
      schema: {
        tags: TAGS,
        summary: 'Các đơn vị trực thuộc',
        params: UnitIdParams,
        querystring: AsOfQuery,
        response: { 200: OrgUnitList },
      },
      config: { access: onUnit },
    },
    (request) => service.children(request.params.id, request.query.asOf),
  );

  app.get(
    '/api/org/units/:id/ancestors',
    {
      schema: {
        tags: TAGS,
        summary: 'Các cấp trên của đơn vị, từ gốc xuống',
        params: UnitIdParams,
        querystring: AsOfQuery,
        response: { 200: OrgUnitList },
      },
      config: { access: onUnit },
    },
    (request) => service.ancestors(scopeOf(request), request.params.id, request.query.asOf),
  );

  app.get(
    '/api/org/search',
    {
      schema: {
        tags: TAGS,
        summary: 'Tìm đơn vị theo tên hoặc mã, không phân biệt dấu',
        querystring: OrgSearchQuery,
        response: { 200: OrgSearchResult },
      },
      config: {
        access: {
          permission: 'org.read',
          // Only when `under` is given; without it the service searches the caller's own subtree.
          unit: (request) => {
            const under = (request.query as Record<string, unknown>).under;
            if (under === undefined) return principalUnit(request);
            return typeof under === 'string' && /^\d+$/.test(under) ? Number(under) : 'malformed';
          },
          notFound: unitNotFound,
        },
      },
    },
    (request) => service.search(scopeOf(request), request.query),
  );
};
