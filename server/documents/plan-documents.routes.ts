import { unitFromInput } from '../http/route-access.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { writeAudit } from '../audit/audit.repository.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { CreateDocumentBody, DocumentItem } from '../progress/progress.schema.ts';
import { documentErrors } from './documents.errors.ts';
import { presentPlanDocument } from './plan-documents.presenter.ts';
import { insertPlanDocument, planDocumentById, planDocumentsUnder } from './plan-documents.repository.ts';

const TAGS = ['Chỉ tiêu và tiến độ'];

/** Documents typed in by hand and the list of a subtree's documents (uploads: documents.routes.ts). */
export const planDocumentsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
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
        const documentId = await insertPlanDocument(trx, b);
        await writeAudit(trx, actorOf(request), {
          action: 'document.create',
          unitId: b.issuerUnitId,
          entityType: 'plan_document',
          entityId: documentId,
          after: b,
        });
        return documentId;
      });
      const row = await planDocumentById(db, id);
      if (!row) throw documentErrors.notFound();
      return presentPlanDocument(row);
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
      return { items: (await planDocumentsUnder(db, unitId)).map(presentPlanDocument) };
    },
  );
};
