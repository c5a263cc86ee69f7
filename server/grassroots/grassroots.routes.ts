import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql, type Kysely } from 'kysely';
import { Type, type Static } from 'typebox';
import { maskPhone } from '../../domain/access/personal-data.ts';
import { isSector, SECTOR_LABELS } from '../../domain/org/org-unit.ts';
import { AppError, badRequest } from '../../domain/errors/app-error.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit } from '../audit/audit.repository.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import { can, type Principal } from '../auth/principal.ts';
import type { DB } from '../db/schema.ts';
import { sendTable } from '../http/file-download.ts';
import { unitFromParam } from '../http/route-access.ts';
import { GRASSROOTS_IMPORT_FIELDS } from '../imports/grassroots-import.ts';
import type { TableColumn } from '../tabular/table-writer.ts';
import { unitFromInput } from '../members/members.routes.ts';
import { decodeCursor, encodeCursor, invalidCursor } from '../http/keyset-cursor.ts';
import { boundedCount } from '../http/list-total.ts';
import { findUnit } from '../org/org.repository.ts';
import { IsoDate } from '../org/org.schema.ts';
import { NullableInteger } from '../http/nullable-schema.ts';

const TAGS = ['Công đoàn cơ sở'];
const notFound = () => new AppError('CDCS_NOT_FOUND', 'not_found', 'Không tìm thấy công đoàn cơ sở.');

const GrassrootsItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  sector: Type.Union([Type.String(), Type.Null()]),
  sectorLabel: Type.Union([Type.String(), Type.Null()]),
  parent: Type.Object({ id: Type.Integer(), name: Type.String() }),
  employer: Type.Union([
    Type.Object({ id: Type.Integer(), taxCode: Type.String(), name: Type.String(), workers: Type.Union([Type.Integer(), Type.Null()]) }),
    Type.Null(),
  ]),
  foundingDecision: Type.Union([Type.String(), Type.Null()]),
  foundedOn: Type.Union([IsoDate, Type.Null()]),
  chairName: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  statusLabel: Type.String(),
  dissolvedOn: Type.Union([IsoDate, Type.Null()]),
  members: Type.Integer({ description: 'Đoàn viên đang sinh hoạt' }),
});

const ListQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    sector: Type.Optional(Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('dissolved')])),
    sort: Type.Optional(
      Type.Union([Type.Literal('name'), Type.Literal('founded')], {
        default: 'name',
        description: 'name: theo tên (A→Z); founded: theo ngày thành lập, mới nhất trước (chưa rõ ngày xếp cuối)',
      }),
    ),
    after: Type.Optional(Type.String({ maxLength: 400 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    withTotal: Type.Optional(Type.Boolean({ description: 'Kèm tổng số CĐCS khớp bộ lọc (chỉ ở trang đầu; null nếu đếm quá lâu)' })),
  },
  { additionalProperties: false },
);

/** The import's own column titles, so an exported list can be edited and imported back. */
const GRASSROOTS_EXPORT_COLUMNS: TableColumn[] = GRASSROOTS_IMPORT_FIELDS.map((f) => ({
  key: f.key,
  title: f.label,
  width: f.key === 'name' ? 44 : f.key === 'chairName' ? 24 : 18,
  ...(f.key === 'foundedOn' || f.key === 'dissolvedOn' ? { type: 'date' as const } : {}),
}));

interface Row {
  id: number;
  code: string;
  name: string;
  sector: string | null;
  parent_id: number;
  parent_code: string;
  parent_name: string;
  employer_id: number | null;
  tax_code: string | null;
  employer_name: string | null;
  workers: number | null;
  founding_decision: string | null;
  founded_on: string | null;
  chair_name: string | null;
  chair_phone: string | null;
  status: string | null;
  dissolved_on: string | null;
  members: number;
  sort_key: string;
}

function present(r: Row) {
  return {
    id: Number(r.id),
    code: r.code,
    name: r.name,
    sector: r.sector,
    sectorLabel: r.sector && isSector(r.sector) ? SECTOR_LABELS[r.sector] : null,
    parent: { id: Number(r.parent_id), name: r.parent_name },
    employer:
      r.employer_id === null
        ? null
        : { id: Number(r.employer_id), taxCode: r.tax_code ?? '', name: r.employer_name ?? '', workers: r.workers },
    foundingDecision: r.founding_decision,
    foundedOn: r.founded_on,
    chairName: r.chair_name,
    status: r.status ?? 'active',
    statusLabel: r.status === 'dissolved' ? 'Đã giải thể' : 'Đang hoạt động',
    dissolvedOn: r.dissolved_on,
    members: Number(r.members),
  };
}

function query(db: Kysely<DB>) {
  return db
    .selectFrom('org_unit as u')
    .innerJoin('org_placement as p', (j) => j.onRef('p.unit_id', '=', 'u.id').on('p.valid_to', 'is', null))
    .innerJoin('org_unit as par', 'par.id', 'p.parent_id')
    .leftJoin('grassroots_profile as g', 'g.unit_id', 'u.id')
    .leftJoin('employer as e', 'e.id', 'g.employer_id')
    .where('u.kind', '=', 'grassroots')
    .select([
      'u.id',
      'u.code',
      'u.name',
      'u.sector',
      'p.parent_id',
      'par.code as parent_code',
      'par.name as parent_name',
      'g.employer_id',
      'e.tax_code',
      'e.name as employer_name',
      'e.workers',
      'g.founding_decision',
      'g.founded_on',
      'g.chair_name',
      'g.chair_phone',
      'g.status',
      'g.dissolved_on',
      sql<number>`(SELECT count(*) FROM member m WHERE m.current_unit_id = u.id AND m.status = 'active')`.as('members'),
    ]);
}

type GrassrootsSort = 'name' | 'founded';

/**
 * The orders of the list, each a b-tree of migration 0011: by unaccented name, or by founding
 * date, newest first (a CĐCS whose date is unknown sorts last, as 0001-01-01).
 */
const ORDERS = {
  name: {
    key: sql<string>`search_normalize(u.name)`,
    direction: 'asc',
    keyIsValid: (_k: string) => true,
    after: (k: string, id: number) => sql<boolean>`(search_normalize(u.name), u.id) > (${k}, ${id})`,
  },
  founded: {
    key: sql<string>`coalesce(g.founded_on, DATE '0001-01-01')`,
    direction: 'desc',
    keyIsValid: (k: string) => /^\d{4}-\d{2}-\d{2}$/.test(k),
    after: (k: string, id: number) => sql<boolean>`(coalesce(g.founded_on, DATE '0001-01-01'), u.id) < (${k}::date, ${id})`,
  },
} as const;

export const grassrootsRoutes: FastifyPluginAsyncTypebox<{ db: Kysely<DB> }> = async (app, { db }) => {
  /** One page of the filtered list in the chosen order (keyset on the sort key and id). */
  async function listPage(principal: Principal, q: Static<typeof ListQuery>) {
    const limit = q.limit ?? 50;
    const sort: GrassrootsSort = q.sort ?? 'name';
    const order = ORDERS[sort];
    const under = q.unitId ? ((await findUnit(db, q.unitId, todayInVietnam()))?.path ?? principal.scopePath) : principal.scopePath;
    const filtered = (trx: Kysely<DB>) => {
      let rows = query(trx).where(sql<boolean>`p.path <@ ${under}::ltree`);
      for (const w of (q.q ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean).slice(0, 8)) {
        rows = rows.where(sql<boolean>`search_normalize(u.name) LIKE search_normalize(${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})`);
      }
      if (q.sector) rows = rows.where('u.sector', '=', q.sector);
      if (q.status === 'dissolved') rows = rows.where('g.status', '=', 'dissolved');
      if (q.status === 'active') rows = rows.where((eb) => eb.or([eb('g.status', 'is', null), eb('g.status', '=', 'active')]));
      return rows;
    };
    let rows = filtered(db).select(order.key.as('sort_key'));
    const after = decodeCursor(q.after, sort);
    if (after && !order.keyIsValid(after.key)) throw invalidCursor();
    if (after) rows = rows.where(order.after(after.key, after.id));
    const result = (await rows.orderBy(order.key, order.direction).orderBy('u.id', order.direction).limit(limit).execute()) as Row[];
    const last = result.at(-1);
    return {
      rows: result,
      nextCursor: result.length === limit && last ? encodeCursor(String(last.sort_key), Number(last.id), sort) : null,
      ...(q.withTotal && !after && { total: await boundedCount(db, filtered) }),
    };
  }

  app.get(
    '/api/grassroots',
    {
      schema: {
        tags: TAGS,
        summary: 'Danh sách công đoàn cơ sở với đơn vị sử dụng lao động, ngày thành lập, chủ tịch, số đoàn viên',
        querystring: ListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(GrassrootsItem),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
            total: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
          }),
        },
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request) => {
      const page = await listPage(requirePrincipal(request), request.query);
      return { items: page.rows.map(present), nextCursor: page.nextCursor, total: page.total };
    },
  );

  app.get(
    '/api/grassroots/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách công đoàn cơ sở đã lọc ra XLSX hoặc CSV (cùng cột với tệp nhập, nhập lại không thay đổi gì)',
        querystring: Type.Intersect([
          Type.Omit(ListQuery, ['after', 'limit']),
          Type.Object({ format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')])) }),
        ]),
      },
      config: { access: { permission: 'registry.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request, reply) => {
      const { format = 'xlsx', ...filters } = request.query as { format?: 'xlsx' | 'csv' } & Static<typeof ListQuery>;
      const principal = requirePrincipal(request);
      const unmasked = can(principal, 'personal_data.view');
      await writeAudit(db, actorOf(request), {
        action: unmasked ? 'personal_data.export' : 'grassroots.export',
        unitId: filters.unitId ?? principal.unitId,
        entityType: 'grassroots_list',
        detail: { format, unmasked },
      });
      async function* rows() {
        let after: string | undefined;
        do {
          const page = await listPage(principal, { ...filters, after, limit: 1000 });
          for (const r of page.rows) {
            yield {
              code: r.code,
              name: r.name,
              parentCode: r.parent_code,
              sector: r.sector && isSector(r.sector) ? SECTOR_LABELS[r.sector] : null,
              employerTaxCode: r.tax_code,
              foundingDecision: r.founding_decision,
              foundedOn: r.founded_on,
              chairName: r.chair_name,
              chairPhone: unmasked ? r.chair_phone : maskPhone(r.chair_phone),
              dissolvedOn: r.dissolved_on,
            };
          }
          after = page.nextCursor ?? undefined;
        } while (after);
      }
      return sendTable(reply, {
        format,
        fileName: `cong-doan-co-so-${todayInVietnam()}`,
        sheetName: 'Công đoàn cơ sở',
        columns: GRASSROOTS_EXPORT_COLUMNS,
        rows: rows(),
      });
    },
  );

  app.get(
    '/api/grassroots/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Hồ sơ công đoàn cơ sở',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: GrassrootsItem },
      },
      config: { access: { permission: 'registry.read', unit: unitFromParam('id'), notFound } },
    },
    async (request) => {
      const row = (await query(db).where('u.id', '=', request.params.id).executeTakeFirst()) as Row | undefined;
      if (!row) throw notFound();
      return present(row);
    },
  );

  app.patch(
    '/api/grassroots/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Cập nhật hồ sơ công đoàn cơ sở (quyết định thành lập, chủ tịch, đơn vị sử dụng lao động, giải thể)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: Type.Object(
          {
            employerId: Type.Optional(NullableInteger({ minimum: 1 })),
            foundingDecision: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
            foundedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
            chairName: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
            dissolvedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
          },
          { additionalProperties: false },
        ),
        response: { 200: GrassrootsItem },
      },
      config: { access: { permission: 'registry.write', unit: unitFromParam('id'), notFound } },
    },
    async (request) => {
      const id = request.params.id;
      const before = (await query(db).where('u.id', '=', id).executeTakeFirst()) as Row | undefined;
      if (!before) throw notFound();
      const b = request.body;
      if (b.dissolvedOn && b.dissolvedOn > todayInVietnam()) throw badRequest('DATE_IN_FUTURE', 'Ngày giải thể không được ở tương lai.');
      if (b.dissolvedOn && Number(before.members) > 0) {
        throw badRequest(
          'CDCS_HAS_MEMBERS',
          `Công đoàn cơ sở còn ${before.members} đoàn viên đang sinh hoạt: hãy chuyển sinh hoạt hoặc ghi nhận ra khỏi tổ chức trước khi giải thể.`,
        );
      }
      await db.transaction().execute(async (trx) => {
        const values = {
          ...(b.employerId !== undefined && { employer_id: b.employerId }),
          ...(b.foundingDecision !== undefined && { founding_decision: b.foundingDecision?.trim() || null }),
          ...(b.foundedOn !== undefined && { founded_on: b.foundedOn }),
          ...(b.chairName !== undefined && { chair_name: b.chairName?.normalize('NFC').trim() || null }),
          ...(b.dissolvedOn !== undefined && {
            status: b.dissolvedOn ? ('dissolved' as const) : ('active' as const),
            dissolved_on: b.dissolvedOn,
          }),
        };
        await trx
          .insertInto('grassroots_profile')
          .values({ unit_id: id, ...values })
          .onConflict((oc) => oc.column('unit_id').doUpdateSet(values))
          .execute();
        await writeAudit(trx, actorOf(request), {
          action: 'grassroots.update',
          unitId: id,
          entityType: 'grassroots',
          entityId: id,
          before: present(before),
          after: b,
        });
      });
      return present((await query(db).where('u.id', '=', id).executeTakeFirstOrThrow()) as Row);
    },
  );
};
