import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { recordAccess, unitFromInput } from '../http/route-access.ts';
import { sendTable } from '../http/file-download.ts';
import { exportQueryOf } from '../http/keyset-page.schema.ts';
import { everyItem } from '../http/keyset-cursor.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import {
  CreateEmployerBody,
  EmployerIdParams,
  EmployerItem,
  EmployerList,
  EmployerListQuery,
  UpdateEmployerBody,
} from './employers.schema.ts';
import { unitOfEmployer } from './employers.repository.ts';
import { employerNotFound, type EmployersService } from './employers.service.ts';

const TAGS = ['Doanh nghiệp'];

export const employersRoutes: FastifyPluginAsyncTypebox<{ employers: EmployersService; db: Kysely<DB> }> = async (
  app,
  { employers, db },
) => {
  const onEmployer = recordAccess<'registry.read' | 'registry.write'>((id) => unitOfEmployer(db, id), employerNotFound);

  app.get(
    '/api/employers',
    {
      schema: { tags: TAGS, summary: 'Danh sách đơn vị sử dụng lao động', querystring: EmployerListQuery, response: { 200: EmployerList } },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => employers.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/employers/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách đơn vị sử dụng lao động đã lọc ra XLSX hoặc CSV (cùng cột với tệp nhập)',
        querystring: exportQueryOf(EmployerListQuery, ['after', 'limit']),
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request, reply) => {
      const { format = 'xlsx', ...filters } = request.query as { format?: 'xlsx' | 'csv' } & Record<string, unknown>;
      const principal = requirePrincipal(request);
      async function* rows() {
        for await (const e of everyItem((after) => employers.list(principal, { ...(filters as object), after, limit: 1000 }))) {
          yield {
            taxCode: e.taxCode,
            name: e.name,
            sector: e.sectorLabel,
            industry: e.industry,
            address: e.address,
            communeName: e.communeName,
            areaCode: e.areaUnit.code,
            cdcsCode: e.cdcs?.code ?? null,
            workers: e.workers,
            womenWorkers: e.womenWorkers,
            workersCountedOn: e.workersCountedOn,
          };
        }
      }
      return sendTable(reply, {
        format,
        fileName: `doanh-nghiep-${todayInVietnam()}`,
        sheetName: 'Đơn vị sử dụng lao động',
        columns: [
          { key: 'taxCode', title: 'Mã số thuế', width: 16 },
          { key: 'name', title: 'Tên đơn vị', width: 44 },
          { key: 'sector', title: 'Khu vực', width: 30 },
          { key: 'industry', title: 'Ngành nghề', width: 20 },
          { key: 'address', title: 'Địa chỉ', width: 30 },
          { key: 'communeName', title: 'Xã, phường', width: 16 },
          { key: 'areaCode', title: 'Mã công đoàn cấp trên', width: 14 },
          { key: 'cdcsCode', title: 'Mã CĐCS', width: 16 },
          { key: 'workers', title: 'Số lao động', width: 12, type: 'integer' },
          { key: 'womenWorkers', title: 'Số lao động nữ', width: 12, type: 'integer' },
          { key: 'workersCountedOn', title: 'Ngày thống kê', width: 12, type: 'date' },
        ],
        rows: rows(),
      });
    },
  );

  app.post(
    '/api/employers',
    {
      schema: { tags: TAGS, summary: 'Thêm đơn vị sử dụng lao động', body: CreateEmployerBody, response: { 200: EmployerItem } },
      config: { access: { permission: 'registry.write', unit: unitFromInput('body', 'areaUnitId') } },
    },
    (request) => employers.create(requirePrincipal(request), actorOf(request), request.body),
  );

  app.get(
    '/api/employers/:id',
    {
      schema: { tags: TAGS, summary: 'Thông tin đơn vị sử dụng lao động', params: EmployerIdParams, response: { 200: EmployerItem } },
      config: { access: onEmployer('registry.read') },
    },
    (request) => employers.detail(request.params.id),
  );

  app.patch(
    '/api/employers/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa thông tin đơn vị sử dụng lao động',
        params: EmployerIdParams,
        body: UpdateEmployerBody,
        response: { 200: EmployerItem },
      },
      config: { access: onEmployer('registry.write') },
    },
    (request) => employers.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
};
