import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitOfRecord } from '../http/route-access.ts';
import { unitFromInput } from '../members/members.routes.ts';
import { CreateEmployerBody, EmployerIdParams, EmployerItem, EmployerList, EmployerListQuery, UpdateEmployerBody } from './employers.schema.ts';
import { unitOfEmployer } from './employers.repository.ts';
import { employerNotFound, type EmployersService } from './employers.service.ts';

const TAGS = ['Doanh nghiệp'];

export const employersRoutes: FastifyPluginAsyncTypebox<{ employers: EmployersService; db: Kysely<DB> }> = async (app, { employers, db }) => {
  const onEmployer = (permission: 'registry.read' | 'registry.write') => ({ permission, unit: unitOfRecord('id', (id) => unitOfEmployer(db, id)), notFound: employerNotFound });

  app.get('/api/employers', {
    schema: { tags: TAGS, summary: 'Danh sách đơn vị sử dụng lao động', querystring: EmployerListQuery, response: { 200: EmployerList } },
    config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
  }, (request) => employers.list(requirePrincipal(request), request.query));

  app.post('/api/employers', {
    schema: { tags: TAGS, summary: 'Thêm đơn vị sử dụng lao động', body: CreateEmployerBody, response: { 200: EmployerItem } },
    config: { access: { permission: 'registry.write', unit: unitFromInput('body', 'areaUnitId') } },
  }, (request) => employers.create(requirePrincipal(request), actorOf(request), request.body));

  app.get('/api/employers/:id', {
    schema: { tags: TAGS, summary: 'Thông tin đơn vị sử dụng lao động', params: EmployerIdParams, response: { 200: EmployerItem } },
    config: { access: onEmployer('registry.read') },
  }, (request) => employers.detail(request.params.id));

  app.patch('/api/employers/:id', {
    schema: { tags: TAGS, summary: 'Sửa thông tin đơn vị sử dụng lao động', params: EmployerIdParams, body: UpdateEmployerBody, response: { 200: EmployerItem } },
    config: { access: onEmployer('registry.write') },
  }, (request) => employers.update(requirePrincipal(request), actorOf(request), request.params.id, request.body));
};
