import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { readUpload } from '../http/file-upload.ts';
import { recordAccess, unitFromInput } from '../http/route-access.ts';
import { sendStoredFile, sendTable } from '../http/file-download.ts';
import { exportQueryOf } from '../http/keyset-page.schema.ts';
import { everyItem } from '../http/keyset-cursor.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { unitOfAgreement } from './agreements.repository.ts';
import {
  AgreementCount,
  AgreementCountQuery,
  AgreementIdParams,
  AgreementItem,
  AgreementList,
  AgreementListQuery,
  CreateAgreementBody,
  RenewAgreementBody,
  UpdateAgreementBody,
} from './agreements.schema.ts';
import { AGREEMENT_FILE_MAX_BYTES, agreementNotFound, type AgreementsService } from './agreements.service.ts';

const TAGS = ['Thỏa ước lao động tập thể'];

const KIND: Record<string, string> = { enterprise: 'Doanh nghiệp', sector: 'Ngành', multi_employer: 'Nhiều doanh nghiệp' };

/** The export's columns: those of the import file. */
const EXPORT_COLUMNS = [
  { key: 'cdcsCode', title: 'Mã CĐCS', width: 16 },
  { key: 'cdcsName', title: 'Công đoàn cơ sở', width: 40 },
  { key: 'taxCode', title: 'Mã số thuế', width: 16 },
  { key: 'number', title: 'Số thỏa ước', width: 14 },
  { key: 'kind', title: 'Loại thỏa ước', width: 16 },
  { key: 'signedOn', title: 'Ngày ký', width: 12, type: 'date' as const },
  { key: 'effectiveFrom', title: 'Ngày có hiệu lực', width: 12, type: 'date' as const },
  { key: 'expiresOn', title: 'Ngày hết hạn', width: 12, type: 'date' as const },
  { key: 'qualityClass', title: 'Xếp loại', width: 10 },
  { key: 'betterThanLaw', title: 'Có lợi hơn luật', width: 12 },
  { key: 'inForce', title: 'Tình trạng', width: 14 },
];

/** Every agreement the filters select, a page of 1000 at a time, as rows of the export. */
async function* exportRows(agreements: AgreementsService, principal: Principal, filters: Record<string, unknown>) {
  for await (const a of everyItem((after) => agreements.list(principal, { ...(filters as object), after, limit: 1000 }))) {
    yield {
      cdcsCode: a.cdcs.code,
      cdcsName: a.cdcs.name,
      taxCode: a.employer?.taxCode ?? null,
      number: a.number,
      kind: KIND[a.kind] ?? a.kind,
      signedOn: a.signedOn,
      effectiveFrom: a.effectiveFrom,
      expiresOn: a.expiresOn,
      qualityClass: a.qualityClass,
      betterThanLaw: a.betterThanLaw ? 'Có' : 'Không',
      inForce: a.inForce ? 'Còn hiệu lực' : 'Hết hiệu lực',
    };
  }
}

type App = Parameters<FastifyPluginAsyncTypebox>[0];
interface AgreementServices {
  agreements: AgreementsService;
  db: Kysely<DB>;
}

/** Access to the agreement named by `:id`: its grassroots union, and the agreement's 404 when it is not there. */
const agreementAccess = (db: Kysely<DB>) =>
  recordAccess<'registry.read' | 'registry.write'>((id) => unitOfAgreement(db, id), agreementNotFound);
type OnAgreement = ReturnType<typeof agreementAccess>;

export const agreementsRoutes: FastifyPluginAsyncTypebox<AgreementServices> = async (app, { agreements, db }) => {
  const onAgreement = agreementAccess(db);
  agreementListRoutes(app, agreements);
  oneAgreementRoutes(app, agreements, onAgreement);
  agreementFileRoutes(app, agreements, onAgreement);
};

/** A unit's agreements: the list, its export, the count in force on a date, a new agreement. */
function agreementListRoutes(app: App, agreements: AgreementsService) {
  app.get(
    '/api/agreements',
    {
      schema: { tags: TAGS, summary: 'Danh sách thỏa ước', querystring: AgreementListQuery, response: { 200: AgreementList } },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => agreements.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/agreements/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách thỏa ước đã lọc ra XLSX hoặc CSV (cùng cột với tệp nhập)',
        querystring: exportQueryOf(AgreementListQuery, ['after', 'afterId', 'limit']),
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request, reply) => {
      const { format = 'xlsx', ...filters } = request.query as { format?: 'xlsx' | 'csv' } & Record<string, unknown>;
      return sendTable(reply, {
        format,
        fileName: `thoa-uoc-${todayInVietnam()}`,
        sheetName: 'Thỏa ước',
        columns: EXPORT_COLUMNS,
        rows: exportRows(agreements, requirePrincipal(request), filters),
      });
    },
  );

  app.get(
    '/api/agreements/count',
    {
      schema: {
        tags: TAGS,
        summary: 'Số thỏa ước còn hiệu lực vào một ngày (và loại B trở lên, có lợi hơn luật)',
        querystring: AgreementCountQuery,
        response: { 200: AgreementCount },
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => agreements.countOn(requirePrincipal(request), request.query.unitId, request.query.date),
  );

  app.post(
    '/api/agreements',
    {
      schema: { tags: TAGS, summary: 'Thêm thỏa ước', body: CreateAgreementBody, response: { 200: AgreementItem } },
      config: { access: { permission: 'registry.write', unit: unitFromInput('body', 'cdcsUnitId') } },
    },
    (request) => agreements.create(requirePrincipal(request), actorOf(request), request.body),
  );
}

/** One agreement: its record, an edit, a renewal. */
function oneAgreementRoutes(app: App, agreements: AgreementsService, onAgreement: OnAgreement) {
  app.get(
    '/api/agreements/:id',
    {
      schema: { tags: TAGS, summary: 'Thông tin thỏa ước', params: AgreementIdParams, response: { 200: AgreementItem } },
      config: { access: onAgreement('registry.read') },
    },
    (request) => agreements.detail(request.params.id),
  );

  app.patch(
    '/api/agreements/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa xếp loại, số hiệu, ngày chấm dứt',
        params: AgreementIdParams,
        body: UpdateAgreementBody,
        response: { 200: AgreementItem },
      },
      config: { access: onAgreement('registry.write') },
    },
    (request) => agreements.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/agreements/:id/renew',
    {
      schema: {
        tags: TAGS,
        summary: 'Ký mới / gia hạn: thỏa ước cũ hết hiệu lực từ ngày thỏa ước mới có hiệu lực',
        params: AgreementIdParams,
        body: RenewAgreementBody,
        response: { 200: AgreementItem },
      },
      config: { access: onAgreement('registry.write') },
    },
    (request) => agreements.renew(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
}

/** The agreement's stored file: upload and download. */
function agreementFileRoutes(app: App, agreements: AgreementsService, onAgreement: OnAgreement) {
  app.put(
    '/api/agreements/:id/file',
    {
      schema: {
        tags: TAGS,
        summary: 'Tải lên tệp thỏa ước (PDF hoặc DOCX, tối đa 20 MB; multipart/form-data, trường "file")',
        params: AgreementIdParams,
        response: { 200: AgreementItem },
      },
      config: { access: onAgreement('registry.write') },
    },
    async (request) => {
      const { fileName, content } = await readUpload(request, { maxBytes: AGREEMENT_FILE_MAX_BYTES, what: 'Tệp thỏa ước' });
      return agreements.attachFile(actorOf(request), request.params.id, fileName, content);
    },
  );

  app.get(
    '/api/agreements/:id/file',
    {
      schema: { tags: TAGS, summary: 'Tải về tệp thỏa ước', params: AgreementIdParams },
      config: { access: onAgreement('registry.read') },
    },
    async (request, reply) => sendStoredFile(reply, await agreements.file(request.params.id)),
  );
}
