import { sendMadeFile } from '../http/file-download.ts';
import { unitFromInput } from '../http/route-access.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { requirePrincipal } from '../auth/access-guard.ts';
import { IsoDate } from '../org/org.schema.ts';
import type { ReportDocumentsService } from './report-documents.service.ts';

const TAGS = ['Báo cáo kết quả thực hiện'];

export const ReportDocumentQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'Đơn vị lập báo cáo (mặc định: đơn vị của người dùng)' })),
    documentId: Type.Integer({ minimum: 1, description: 'Chương trình hành động, kế hoạch được báo cáo' }),
    period: Type.String({ minLength: 4, maxLength: 10, description: 'Kỳ báo cáo: 2026 (năm), 2026-H1, 2026-H2 (6 tháng)' }),
    format: Type.Union([Type.Literal('docx'), Type.Literal('xlsx')], {
      description: 'docx: văn bản theo Nghị định 30/2020/NĐ-CP; xlsx: các bảng số liệu',
    }),
    date: Type.Optional(IsoDate),
    signerName: Type.Optional(Type.String({ maxLength: 120 })),
    signerTitle: Type.Optional(Type.String({ maxLength: 120 })),
    signerCapacity: Type.Optional(Type.String({ maxLength: 120 })),
  },
  { additionalProperties: false },
);

export const reportDocumentsRoutes: FastifyPluginAsyncTypebox<{ reportDocuments: ReportDocumentsService }> = async (
  app,
  { reportDocuments },
) => {
  app.get(
    '/api/report-documents',
    {
      schema: {
        tags: TAGS,
        summary: 'Dự thảo báo cáo kết quả thực hiện chương trình (6 tháng, năm) từ số liệu trực tiếp, dạng DOCX hoặc XLSX',
        querystring: ReportDocumentQuery,
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request, reply) => {
      const q = request.query;
      const file = await reportDocuments.render(
        {
          unitId: q.unitId ?? requirePrincipal(request).unitId,
          documentId: q.documentId,
          periodCode: q.period,
          date: q.date,
          signer: { name: q.signerName, title: q.signerTitle, capacity: q.signerCapacity },
        },
        q.format,
      );
      return sendMadeFile(reply, { fileName: file.fileName, mimeType: file.mime, content: file.content });
    },
  );
};
