import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type } from 'typebox';
import { AppError, badRequest } from '../../domain/errors/app-error.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { resolveAsOf } from '../http/common.errors.ts';
import { unitOfRecord } from '../http/route-access.ts';
import { unitFromInput } from '../members/members.routes.ts';
import {
  BreakdownResult,
  CreateDocumentBody,
  CreateTargetBody,
  DocumentItem,
  ProgressList,
  ProgressQuery,
  TargetProgressItem,
} from './progress.schema.ts';
import type { ProgressService } from './progress.service.ts';
import { isAtOrAbove, unitOfTarget } from './targets.repository.ts';
import { targetViewedUnit } from './target-locators.ts';

const TAGS = ['Chỉ tiêu và tiến độ'];
const targetNotFound = () => new AppError('TARGET_NOT_FOUND', 'not_found', 'Không tìm thấy chỉ tiêu.');
const documentNotFound = () => new AppError('DOCUMENT_NOT_FOUND', 'not_found', 'Không tìm thấy văn bản.');

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
  const asOfOf = (asOf: string | undefined) => {
    return resolveAsOf(asOf);
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
      const asOf = asOfOf(request.query.asOf);
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
      const asOf = asOfOf(request.query.asOf);
      const row = await loadTarget(request.params.id, asOf);
      return {
        points: await dashboards.series(row, request.query.unitId ?? Number(row.unit_id), asOf, request.query.includeSubmitted ?? false),
      };
    },
  );

  app.post(
    '/api/documents',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm văn bản (chương trình, kế hoạch) của đơn vị',
        body: CreateDocumentBody,
        response: { 200: DocumentItem },
      },
      config: { access: { permission: 'targets.write', unit: unitFromInput('body', 'issuerUnitId') } },
    },
    async (request) => {
      const b = request.body;
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('plan_document')
          .values({
            kind: b.kind,
            symbol: b.symbol?.trim() || null,
            title: b.title.normalize('NFC').trim(),
            issuer_unit_id: b.issuerUnitId,
            issued_on: b.issuedOn ?? null,
            term_from: b.termFrom ?? null,
            term_to: b.termTo ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: 'document.create',
          unitId: b.issuerUnitId,
          entityType: 'plan_document',
          entityId: row.id,
          after: b,
        });
        return Number(row.id);
      });
      return documentById(db, id);
    },
  );

  app.get(
    '/api/documents',
    {
      schema: {
        tags: TAGS,
        summary: 'Văn bản của đơn vị và các đơn vị trực thuộc',
        querystring: Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(DocumentItem) }) },
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      const unitId = request.query.unitId ?? requirePrincipal(request).unitId;
      const ids = await sql<{ id: number }>`
      SELECT d.id FROM plan_document d JOIN org_placement p ON p.unit_id = d.issuer_unit_id AND p.valid_to IS NULL
      WHERE p.path <@ (SELECT path FROM org_placement WHERE unit_id = ${unitId} AND valid_to IS NULL) ORDER BY d.issued_on DESC NULLS LAST, d.id DESC LIMIT 500`.execute(
        db,
      );
      return { items: await Promise.all(ids.rows.map((r) => documentById(db, Number(r.id)))) };
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
      const b = request.body;
      // The guard has checked that the document and the parent target are in the caller's scope.
      const document = await db
        .selectFrom('plan_document')
        .select(['id', 'term_from', 'term_to', 'issuer_unit_id'])
        .where('id', '=', b.documentId)
        .executeTakeFirst();
      if (!document) throw documentNotFound();
      if (!(await isAtOrAbove(db, Number(document.issuer_unit_id), b.unitId))) {
        throw badRequest('TARGET_UNIT_OUTSIDE_DOCUMENT', 'Văn bản chỉ đặt chỉ tiêu cho đơn vị ban hành và các đơn vị trực thuộc.', [
          { path: 'unitId', message: 'Đơn vị không thuộc đơn vị ban hành văn bản.' },
        ]);
      }
      const parentUnit = b.parentTargetId ? await unitOfTarget(db, b.parentTargetId) : null;
      if (parentUnit !== null && (parentUnit === b.unitId || !(await isAtOrAbove(db, parentUnit, b.unitId)))) {
        throw badRequest(
          'PARENT_TARGET_NOT_ABOVE',
          'Chỉ tiêu cấp trên phải là chỉ tiêu của một đơn vị cấp trên của đơn vị nhận chỉ tiêu.',
          [{ path: 'parentTargetId', message: 'Chỉ tiêu cấp trên không thuộc đơn vị cấp trên.' }],
        );
      }
      const indicator = await db.selectFrom('indicator').select(['code']).where('code', '=', b.indicatorCode).executeTakeFirst();
      if (!indicator)
        throw badRequest('INDICATOR_UNKNOWN', `Không có chỉ số "${b.indicatorCode}" trong danh mục.`, [
          { path: 'indicatorCode', message: 'Chỉ số không có trong danh mục.' },
        ]);
      if (!b.annual && !b.deadlineYear)
        throw badRequest('TIMING_MISSING', 'Chỉ tiêu cần có năm hoàn thành, hoặc là chỉ tiêu hằng năm.', [
          { path: 'deadlineYear', message: 'Cần năm hoàn thành hoặc chọn "hằng năm".' },
        ]);
      if (((b.baselineValue ?? null) === null) !== ((b.baselineDate ?? null) === null))
        throw badRequest('BASELINE_INCOMPLETE', 'Số liệu gốc cần cả giá trị và ngày.', [
          { path: 'baselineDate', message: 'Cần cả giá trị và ngày.' },
        ]);
      const annualFrom = document.term_from ?? Number(todayInVietnam().slice(0, 4));
      const annualTo = document.term_to ?? annualFrom;
      const id = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('target')
          .values({
            document_id: b.documentId,
            unit_id: b.unitId,
            indicator_code: b.indicatorCode,
            comparator: b.comparator,
            value: b.value,
            timing: b.annual ? 'annual' : 'deadline',
            deadline: b.annual ? null : `${b.deadlineYear}-12-31`,
            annual_from: b.annual ? annualFrom : null,
            annual_to: b.annual ? annualTo : null,
            baseline_value: b.baselineValue ?? null,
            baseline_date: b.baselineDate ?? null,
            sectors: b.sectors ?? null,
            min_workers: b.minWorkers ?? null,
            subject: (b.subject ?? '').normalize('NFC'),
            quote: b.quote ?? null,
            parent_target_id: b.parentTargetId ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await writeAudit(trx, actorOf(request), {
          action: 'target.create',
          unitId: b.unitId,
          entityType: 'target',
          entityId: row.id,
          after: b,
        });
        return Number(row.id);
      });
      const [row] = await progress.targetRows({ targetIds: [id] });
      return progress.compute(row!, b.unitId, todayInVietnam());
    },
  );
};

async function documentById(db: Kysely<DB>, id: number) {
  const d = await db
    .selectFrom('plan_document as d')
    .innerJoin('org_unit as o', 'o.id', 'd.issuer_unit_id')
    .select([
      'd.id',
      'd.kind',
      'd.symbol',
      'd.title',
      'd.issuer_unit_id',
      'o.name as issuer_name',
      'd.issued_on',
      'd.term_from',
      'd.term_to',
      sql<number>`(SELECT count(*) FROM target t WHERE t.document_id = d.id)`.as('targets'),
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d) throw documentNotFound();
  return {
    id: Number(d.id),
    kind: d.kind,
    symbol: d.symbol,
    title: d.title,
    issuer: { id: Number(d.issuer_unit_id), name: d.issuer_name },
    issuedOn: d.issued_on,
    termFrom: d.term_from,
    termTo: d.term_to,
    targets: Number(d.targets),
  };
}
