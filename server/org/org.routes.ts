import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { unitFromParam } from '../http/route-access.ts';
import { AsOfQuery, OrgSearchQuery, OrgSearchResult, OrgUnitDetail, OrgUnitList, UnitIdParams } from './org.schema.ts';
import { OrgService } from './org.service.ts';

const TAGS = ['Cơ cấu tổ chức'];

export const orgRoutes: FastifyPluginAsyncTypebox<{ service: OrgService }> = async (app, { service }) => {
  app.get('/api/org/roots', {
    schema: { tags: TAGS, summary: 'Các đơn vị gốc của cây tổ chức', querystring: AsOfQuery, response: { 200: OrgUnitList } },
    config: { access: { permission: 'org.read' } },
  }, (request) => service.roots(request.query.asOf));

  app.get('/api/org/units/:id', {
    schema: { tags: TAGS, summary: 'Thông tin một đơn vị', params: UnitIdParams, querystring: AsOfQuery, response: { 200: OrgUnitDetail } },
    config: { access: { permission: 'org.read', unit: unitFromParam('id') } },
  }, (request) => service.detail(request.params.id, request.query.asOf));

  app.get('/api/org/units/:id/children', {
    schema: { tags: TAGS, summary: 'Các đơn vị trực thuộc', params: UnitIdParams, querystring: AsOfQuery, response: { 200: OrgUnitList } },
    config: { access: { permission: 'org.read', unit: unitFromParam('id') } },
  }, (request) => service.children(request.params.id, request.query.asOf));

  app.get('/api/org/units/:id/ancestors', {
    schema: { tags: TAGS, summary: 'Các cấp trên của đơn vị, từ gốc xuống', params: UnitIdParams, querystring: AsOfQuery, response: { 200: OrgUnitList } },
    config: { access: { permission: 'org.read', unit: unitFromParam('id') } },
  }, (request) => service.ancestors(request.params.id, request.query.asOf));

  app.get('/api/org/search', {
    schema: { tags: TAGS, summary: 'Tìm đơn vị theo tên hoặc mã, không phân biệt dấu', querystring: OrgSearchQuery, response: { 200: OrgSearchResult } },
    config: { access: { permission: 'org.read' } },
  }, (request) => service.search(request.query));
};
