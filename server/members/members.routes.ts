import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { sendMadeFile, TABLE_MIME, TableFormat } from '../http/file-download.ts';
import { recordAccess, unitFromInput } from '../http/route-access.ts';
import { exportMembers } from './members-export.ts';
import { unitOfMember } from './members.repository.ts';
import {
  CreateMemberBody,
  DuplicateGroups,
  LeaveBody,
  MemberCount,
  MemberCountQuery,
  MemberHistory,
  MemberIdParams,
  MemberItem,
  MemberList,
  MemberListQuery,
  MergeBody,
  TransferBody,
  UpdateMemberBody,
} from './members.schema.ts';
import { memberNotFound, type MembersService } from './members.service.ts';

const TAGS = ['Đoàn viên'];

type App = Parameters<FastifyPluginAsyncTypebox>[0];
interface MemberServices {
  members: MembersService;
  db: Kysely<DB>;
  read?: Kysely<DB>;
}

/** Access to the member named by `:id`: the unit the member belongs to, and the member's 404 when it is not there. */
const memberAccess = (db: Kysely<DB>) => recordAccess<'registry.read' | 'registry.write'>((id) => unitOfMember(db, id), memberNotFound);
type OnMember = ReturnType<typeof memberAccess>;

export const membersRoutes: FastifyPluginAsyncTypebox<MemberServices> = async (app, { members, db, read = db }) => {
  const onMember = memberAccess(db);
  memberListRoutes(app, members, db, read);
  duplicateRoutes(app, members, db);
  oneMemberRoutes(app, members, onMember);
  movementRoutes(app, members, onMember);
};

/** A unit's members: the list, its export (read from `read`), the count. */
function memberListRoutes(app: App, members: MembersService, db: Kysely<DB>, read: Kysely<DB>) {
  app.get(
    '/api/members',
    {
      schema: {
        tags: TAGS,
        summary: 'Danh sách đoàn viên (phân trang theo con trỏ, tìm không dấu)',
        querystring: MemberListQuery,
        response: { 200: MemberList },
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => members.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/members/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách đoàn viên đã lọc ra XLSX hoặc CSV (CCCD che theo quyền)',
        querystring: Type.Object(
          {
            format: Type.Optional(TableFormat),
            unitId: Type.Optional(Type.Integer({ minimum: 1 })),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('left')])),
            sector: Type.Optional(Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')])),
            q: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'xlsx';
      const file = await exportMembers(db, requirePrincipal(request), actorOf(request), { ...request.query, format }, read);
      return sendMadeFile(reply, { fileName: file.fileName, mimeType: TABLE_MIME[format], content: file.stream });
    },
  );

  app.get(
    '/api/members/count',
    {
      schema: {
        tags: TAGS,
        summary: 'Số đoàn viên của đơn vị (và các đơn vị trực thuộc) vào một ngày',
        querystring: MemberCountQuery,
        response: { 200: MemberCount },
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => members.countOn(requirePrincipal(request), request.query.unitId, request.query.date, request.query.viaPredecessors),
  );
}

/** Possible duplicate records and their merge. */
function duplicateRoutes(app: App, members: MembersService, db: Kysely<DB>) {
  app.get(
    '/api/members/duplicates',
    {
      schema: { tags: TAGS, summary: 'Hồ sơ có thể trùng (cùng họ tên và ngày sinh ở hai CĐCS)', response: { 200: DuplicateGroups } },
      config: { access: { permission: 'registry.read' } },
    },
    (request) => members.duplicates(requirePrincipal(request)),
  );

  app.post(
    '/api/members/merge',
    {
      schema: { tags: TAGS, summary: 'Gộp hai hồ sơ của cùng một người, giữ lịch sử', body: MergeBody, response: { 200: MemberItem } },
      config: {
        access: {
          permission: 'registry.write',
          unit: async (request) => {
            const keepId = Number((request.body as { keepId?: unknown } | undefined)?.keepId);
            return Number.isSafeInteger(keepId) && keepId > 0 ? await unitOfMember(db, keepId) : 'malformed';
          },
          notFound: memberNotFound,
        },
      },
    },
    (request) => members.merge(requirePrincipal(request), actorOf(request), request.body.keepId, request.body.dropId),
  );
}

/** A new member, and one member's record, history and edit. */
function oneMemberRoutes(app: App, members: MembersService, onMember: OnMember) {
  app.post(
    '/api/members',
    {
      schema: { tags: TAGS, summary: 'Thêm đoàn viên', body: CreateMemberBody, response: { 200: MemberItem } },
      config: { access: { permission: 'registry.write', unit: unitFromInput('body', 'cdcsUnitId') } },
    },
    (request) => members.create(requirePrincipal(request), actorOf(request), request.body),
  );

  app.get(
    '/api/members/:id',
    {
      schema: { tags: TAGS, summary: 'Hồ sơ đoàn viên', params: MemberIdParams, response: { 200: MemberItem } },
      config: { access: onMember('registry.read') },
    },
    (request) => members.detail(requirePrincipal(request), actorOf(request), request.params.id),
  );

  app.get(
    '/api/members/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: 'Quá trình sinh hoạt (kết nạp, chuyển đến, chuyển đi, ra khỏi tổ chức)',
        params: MemberIdParams,
        response: { 200: MemberHistory },
      },
      config: { access: onMember('registry.read') },
    },
    (request) => members.history(request.params.id),
  );

  app.patch(
    '/api/members/:id',
    {
      schema: { tags: TAGS, summary: 'Sửa hồ sơ đoàn viên', params: MemberIdParams, body: UpdateMemberBody, response: { 200: MemberItem } },
      config: { access: onMember('registry.write') },
    },
    (request) => members.update(requirePrincipal(request), actorOf(request), request.params.id, request.body),
  );
}

/** A member's transfer to another unit, and leaving the union. */
function movementRoutes(app: App, members: MembersService, onMember: OnMember) {
  app.post(
    '/api/members/:id/transfer',
    {
      schema: {
        tags: TAGS,
        summary: 'Chuyển sinh hoạt sang công đoàn cơ sở khác',
        params: MemberIdParams,
        body: TransferBody,
        response: { 200: MemberItem },
      },
      config: { access: onMember('registry.write') },
    },
    (request) =>
      members.transfer(
        requirePrincipal(request),
        actorOf(request),
        request.params.id,
        request.body.toUnitId,
        request.body.date,
        request.body.note,
      ),
  );

  app.post(
    '/api/members/:id/leave',
    {
      schema: { tags: TAGS, summary: 'Ra khỏi tổ chức Công đoàn', params: MemberIdParams, body: LeaveBody, response: { 200: MemberItem } },
      config: { access: onMember('registry.write') },
    },
    (request) => members.leave(requirePrincipal(request), actorOf(request), request.params.id, request.body.date, request.body.reason),
  );
}
