import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { resolveAsOf } from '../http/common.errors.ts';
import { unitOfRecord, unitFromInput } from '../http/route-access.ts';
import { targetErrors } from '../targets/targets.errors.ts';
import { BreakdownResult, CreateTargetBody, ProgressList, ProgressQuery, TargetProgressItem } from './progress.schema.ts';
import type { ProgressService } from './progress.service.ts';
import { createTarget } from './target-creation.service.ts';
import { unitOfTarget } from './targets.repository.ts';
import { targetViewedUnit } from './target-locators.ts';

const TAGS = ['Chỉ tiêu và tiến độ'];
const targetNotFound = targetErrors.notFound;

/**
 * `dashboards` is the engine on the read handle (the replica when DATABASE_READ_URL is set): Tổng
 * quan, a target's breakdown and its series. A single target's progress stays on the primary:
 * the target page is opened right after creating or editing the target.
 */
export const progressRoutes: FastifyPluginAsyncTypebox<{
  progress: ProgressService;
  dashboards?: ProgressService;
  db: Kysely<DB>;
}> = async (app, { progress, dashboards = progress, db }) => {
  app.get(
    '/api/progress',
    {
      schema: {
        tags: TAGS,
        summary: 'Mọi chỉ tiêu áp dụng cho đơn vị, giá trị thực hiện, trạng thái và dự báo',
        querystring: ProgressQuery,
        response: { 200: ProgressList },
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      const unitId = request.query.unitId ?? requirePrincipal(request).unitId;
      const asOf = resolveAsOf(request.query.asOf);
      return {
        unitId,
        asOf,
        items: await dashboards.forUnit(unitId, asOf, {
          documentId: request.query.documentId,
          includeSubmitted: request.query.includeSubmitted,
        }),
      };
    },
  );

  app.get(
    '/api/targets/:id/progress',
    {
      schema: {
        tags: TAGS,
        summary: 'Tiến độ một chỉ tiêu (trên đơn vị của chỉ tiêu, hoặc một đơn vị trực thuộc)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: Type.Object(
          { asOf: Type.Optional(Type.String()), includeSubmitted: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: TargetProgressItem },
      },
      config: { access: { permission: 'targets.read', unit: unitOfRecord('id', (id) => unitOfTarget(db, id)), notFound: targetNotFound } },
    },
    async (request) => {
      const asOf = resolveAsOf(request.query.asOf);
      // The target as it read on that day (a corrected target shows its old terms for a past date).
      const [row] = await progress.targetRows({ targetIds: [request.params.id], asOf });
      if (!row) throw targetNotFound();
      return progress.compute(row, Number(row.unit_id), asOf, request.query.includeSubmitted ?? false);
    },
  );

  const TargetView = Type.Object(
    {
      unitId: Type.Optional(Type.Integer({ minimum: 1 })),
      asOf: Type.Optional(Type.String()),
      includeSubmitted: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  );
  const viewedUnit = targetViewedUnit(db);
  /** The target as it read on `asOf` (its version then in force). */
  const loadTarget = async (id: number, asOf: string) => {
    const [row] = await dashboards.targetRows({ targetIds: [id], asOf });
    if (!row) throw targetNotFound();
    return row;
  };

  app.get(
    '/api/targets/:id/breakdown',
    {
      schema: {
        tags: TAGS,
        summary: 'Giá trị của chỉ tiêu ở từng đơn vị trực thuộc, đơn vị chậm nhất trước',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: TargetView,
        response: { 200: BreakdownResult },
      },
      config: { access: { permission: 'targets.read', unit: viewedUnit, notFound: targetNotFound } },
    },
    async (request) => {
      const asOf = resolveAsOf(request.query.asOf);
      const row = await loadTarget(request.params.id, asOf);
      return dashboards.breakdown(row, request.query.unitId ?? Number(row.unit_id), asOf, request.query.includeSubmitted ?? false);
    },
  );

  app.get(
    '/api/targets/:id/series',
    {
      schema: {
        tags: TAGS,
        summary: 'Diễn biến giá trị của chỉ tiêu theo thời gian (cho biểu đồ)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        querystring: TargetView,
        response: { 200: Type.Object({ points: Type.Array(Type.Object({ date: Type.String(), value: Type.Number() })) }) },
      },
      config: { access: { permission: 'targets.read', unit: viewedUnit, notFound: targetNotFound } },
    },
    async (request) => {
      const asOf = resolveAsOf(request.query.asOf);
      const row = await loadTarget(request.params.id, asOf);
      return {
        points: await dashboards.series(row, request.query.unitId ?? Number(row.unit_id), asOf, request.query.includeSubmitted ?? false),
      };
    },
  );

  app.post(
    '/api/targets',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm chỉ tiêu của văn bản cho đơn vị (hoặc phân bổ cho đơn vị trực thuộc)',
        body: CreateTargetBody,
        response: { 200: TargetProgressItem },
      },
      config: { access: { permission: 'targets.write', unit: unitFromInput('body', 'unitId') } },
    },
    async (request) => {
      const id = await createTarget(db, actorOf(request), request.body);
      const [row] = await progress.targetRows({ targetIds: [id] });
      return progress.compute(row!, request.body.unitId, todayInVietnam());
    },
  );
};
