import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { actorOf } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitOfRecord } from '../http/route-access.ts';
import { unitOfTarget } from '../progress/targets.repository.ts';
import { ReviseTargetBody, TargetVersionList, VersionsQuery, WithdrawTargetBody } from './target-versions.schema.ts';
import { targetNotFound, type TargetVersionsService } from './target-versions.service.ts';
import { targetViewedUnit } from '../progress/target-locators.ts';

const TAGS = ['Chỉ tiêu và tiến độ'];
const Params = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const targetVersionsRoutes: FastifyPluginAsyncTypebox<{ targetVersions: TargetVersionsService; db: Kysely<DB> }> = async (
  app,
  { targetVersions, db },
) => {
  // Changing a target is for the staff of the unit that owns it (targets.write on that unit).
  const ownerUnit = unitOfRecord('id', (id) => unitOfTarget(db, id));
  const viewedUnit = targetViewedUnit(db);

  app.patch(
    '/api/targets/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          'Sửa chỉ tiêu đã xác nhận (giá trị, so sánh, thời hạn, phạm vi, chỉ số) kèm lý do: một phiên bản mới có hiệu lực từ ngày chọn',
        params: Params,
        body: ReviseTargetBody,
        response: { 200: TargetVersionList },
      },
      config: { access: { permission: 'targets.write', unit: ownerUnit, notFound: targetNotFound } },
    },
    async (request) => targetVersions.revise(request.params.id, request.body, actorOf(request)),
  );

  app.post(
    '/api/targets/:id/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: 'Rút chỉ tiêu kèm lý do: từ ngày rút không còn trên Tổng quan, các kỳ trước vẫn giữ chỉ tiêu',
        params: Params,
        body: WithdrawTargetBody,
        response: { 200: TargetVersionList },
      },
      config: { access: { permission: 'targets.write', unit: ownerUnit, notFound: targetNotFound } },
    },
    async (request) => targetVersions.withdraw(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/targets/:id/versions',
    {
      schema: {
        tags: TAGS,
        summary: 'Lịch sử thay đổi của chỉ tiêu: từng phiên bản, từ ngày nào, ai sửa, lý do',
        params: Params,
        querystring: VersionsQuery,
        response: { 200: TargetVersionList },
      },
      config: { access: { permission: 'targets.read', unit: viewedUnit, notFound: targetNotFound } },
    },
    async (request) => targetVersions.versions(request.params.id),
  );
};
