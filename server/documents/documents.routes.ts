import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { sendStoredFile } from '../http/file-download.ts';
import { readUpload } from '../http/file-upload.ts';
import { recordAccess, unitFromInput } from '../http/route-access.ts';
import { unitOfDocument } from './documents.repository.ts';
import {
  Cascade,
  CreateLinkBody,
  DocumentDetail,
  DocumentIdParams,
  DocumentList,
  DocumentReview,
  ReviewDraft,
  SaveDraftBody,
  SaveReviewBody,
  SearchQuery,
  UploadQuery,
} from './documents.schema.ts';
import { DOCUMENT_MAX_BYTES, documentNotFound, type DocumentsService } from './documents.service.ts';

const TAGS = ['Văn bản'];
const MAX_MB = Math.round(DOCUMENT_MAX_BYTES / 1048576);

type App = Parameters<FastifyPluginAsyncTypebox>[0];
interface DocumentServices {
  documents: DocumentsService;
  db: Kysely<DB>;
}
/** Access to the document named by `:id`: its issuing unit, and the document's 404 when it is not there. */
const documentAccess = (db: Kysely<DB>) => recordAccess<'targets.read' | 'targets.write'>((id) => unitOfDocument(db, id), documentNotFound);
type OnDocument = ReturnType<typeof documentAccess>;

export const documentsRoutes: FastifyPluginAsyncTypebox<DocumentServices> = async (app, { documents, db }) => {
  const onDocument = documentAccess(db);
  intakeRoutes(app, documents);
  oneDocumentRoutes(app, documents, onDocument);
  reviewRoutes(app, documents, onDocument);
  fileAndLinkRoutes(app, documents, onDocument);
};

/** A new document (upload) and the search among a unit's documents. */
function intakeRoutes(app: App, documents: DocumentsService) {
  app.post(
    '/api/documents/upload',
    {
      schema: {
        tags: TAGS,
        summary: `Tải lên văn bản .docx, .pdf, .txt (multipart, trường "file", tối đa ${MAX_MB} MB): lưu tệp, trích xuất chỉ tiêu, chờ rà soát`,
        description:
          'Văn bản đã có trong phạm vi của người dùng được đề nghị mở thay vì tạo bản trùng: 409 DOCUMENT_DUPLICATE (cùng tệp) hoặc DOCUMENT_SAME_SYMBOL (cùng số ký hiệu, cùng đơn vị ban hành, cùng năm), với error.details = { existing, canProceed }.',
        querystring: UploadQuery,
        response: { 200: DocumentReview },
      },
      config: { access: { permission: 'targets.write', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      const { fileName, content } = await readUpload(request, { maxBytes: DOCUMENT_MAX_BYTES, what: 'Tệp văn bản' });
      return documents.upload(requirePrincipal(request), actorOf(request), request.query.unitId, fileName, content, {
        acceptSameSymbol: request.query.acceptSameSymbol,
      });
    },
  );

  app.get(
    '/api/documents/search',
    {
      schema: {
        tags: TAGS,
        summary: 'Tìm văn bản của đơn vị và các đơn vị trực thuộc (không cần dấu)',
        querystring: SearchQuery,
        response: { 200: DocumentList },
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => documents.search(requirePrincipal(request), request.query),
  );
}

/** One document: its record, and discarding it while it waits for review. */
function oneDocumentRoutes(app: App, documents: DocumentsService, onDocument: OnDocument) {
  app.get(
    '/api/documents/:id',
    {
      schema: { tags: TAGS, summary: 'Thông tin một văn bản', params: DocumentIdParams, response: { 200: DocumentDetail } },
      config: { access: onDocument('targets.read') },
    },
    (request) => documents.detail(requirePrincipal(request), request.params.id),
  );

  app.delete(
    '/api/documents/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Bỏ văn bản đang chờ rà soát (cùng tệp đã tải lên)',
        params: DocumentIdParams,
        response: { 200: Type.Object({ ok: Type.Boolean() }) },
      },
      config: { access: onDocument('targets.write') },
    },
    async (request) => {
      await documents.discard(requirePrincipal(request), actorOf(request), request.params.id);
      return { ok: true };
    },
  );
}

/** The review of a document's extracted targets: read, save (and confirm), autosave a draft. */
function reviewRoutes(app: App, documents: DocumentsService, onDocument: OnDocument) {
  app.get(
    '/api/documents/:id/review',
    {
      schema: {
        tags: TAGS,
        summary: 'Văn bản đã chuẩn hóa, các mục trích xuất (vị trí trong văn bản) và lựa chọn đã lưu',
        params: DocumentIdParams,
        response: { 200: DocumentReview },
      },
      config: { access: onDocument('targets.read') },
    },
    (request) => documents.review(requirePrincipal(request), request.params.id),
  );

  app.put(
    '/api/documents/:id/review',
    {
      schema: {
        tags: TAGS,
        summary: 'Lưu rà soát: thông tin văn bản, xác nhận/sửa/bỏ từng chỉ tiêu; confirm=true đưa chỉ tiêu vào theo dõi',
        params: DocumentIdParams,
        body: SaveReviewBody,
        response: { 200: DocumentReview },
      },
      config: {
        access: {
          ...onDocument('targets.write'),
          checkedInService: { unitId: 'saveReview refuses a target unit outside the subtree with a message naming the target' },
        },
      },
    },
    (request) => documents.saveReview(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/documents/:id/review/draft',
    {
      schema: {
        tags: TAGS,
        summary:
          'Tự động lưu nháp rà soát: lựa chọn từng chỉ tiêu và thông tin văn bản như đang nhập (chưa kiểm tra đủ, chưa đưa vào theo dõi)',
        params: DocumentIdParams,
        body: SaveDraftBody,
        response: { 200: Type.Omit(ReviewDraft, ['metadata']) },
      },
      // targets[].unitId is checked by the generic body-reference rule: a draft names only units of the caller's subtree.
      config: { access: onDocument('targets.write') },
    },
    (request) => documents.saveDraft(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
}

/** The stored file, and the cascade of documents it implements or is implemented by. */
function fileAndLinkRoutes(app: App, documents: DocumentsService, onDocument: OnDocument) {
  app.get(
    '/api/documents/:id/file',
    {
      schema: { tags: TAGS, summary: 'Tải về tệp gốc của văn bản', params: DocumentIdParams },
      config: { access: onDocument('targets.read') },
    },
    async (request, reply) => sendStoredFile(reply, await documents.file(request.params.id)),
  );

  app.get(
    '/api/documents/:id/cascade',
    {
      schema: {
        tags: TAGS,
        summary: 'Sơ đồ thực hiện: văn bản này thực hiện văn bản nào (lên) và được văn bản nào thực hiện (xuống)',
        params: DocumentIdParams,
        response: { 200: Cascade },
      },
      config: { access: onDocument('targets.read') },
    },
    (request) => documents.cascade(requirePrincipal(request), request.params.id),
  );

  app.post(
    '/api/documents/:id/links',
    {
      schema: {
        tags: TAGS,
        summary: 'Liên kết bằng tay với văn bản mà văn bản này thực hiện (hoặc dẫn chiếu)',
        params: DocumentIdParams,
        body: CreateLinkBody,
        response: { 200: Cascade },
      },
      config: {
        access: {
          ...onDocument('targets.write'),
          checkedInService: { linkId: 'link() finds the link only among those of the document in the path' },
        },
      },
    },
    (request) => documents.link(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/documents/:id/links/:linkId',
    {
      schema: {
        tags: TAGS,
        summary: 'Bỏ một liên kết',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), linkId: Type.Integer({ minimum: 1 }) }),
        response: { 200: Cascade },
      },
      config: { access: onDocument('targets.write') },
    },
    (request) => documents.unlink(requirePrincipal(request), actorOf(request), request.params.id, request.params.linkId),
  );
}
