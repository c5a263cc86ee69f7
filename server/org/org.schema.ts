import { Type, type Static } from 'typebox';

/**
 * Wire shapes of the organisation API, defined once: Fastify validates and documents them
 * (OpenAPI), the web app and the CLI import their static types.
 */
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Ngày dạng YYYY-MM-DD', examples: ['2025-07-01'] });

export const AsOfQuery = Type.Object({ asOf: Type.Optional(IsoDate) }, { additionalProperties: false });

export const UnitIdParams = Type.Object({ id: Type.Integer({ minimum: 1, description: 'Mã số nội bộ của đơn vị' }) });

export const UnitRef = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
});

export const OrgUnitSummary = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  kind: Type.String({ description: 'Loại đơn vị (mã tiếng Anh ổn định)' }),
  kindLabel: Type.String({ description: 'Loại đơn vị bằng tiếng Việt' }),
  level: Type.Integer({ minimum: 1, maximum: 5 }),
  sector: Type.Union([Type.String(), Type.Null()]),
  sectorLabel: Type.Union([Type.String(), Type.Null()]),
  parentId: Type.Union([Type.Integer(), Type.Null()]),
  depth: Type.Integer(),
  childCount: Type.Integer(),
});

export const OrgUnitDetail = Type.Intersect([
  OrgUnitSummary,
  Type.Object({
    shortName: Type.Union([Type.String(), Type.Null()]),
    symbol: Type.Union([Type.String(), Type.Null()]),
    place: Type.Union([Type.String(), Type.Null()]),
    address: Type.Union([Type.String(), Type.Null()]),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    validFrom: IsoDate,
    validTo: Type.Union([IsoDate, Type.Null()]),
    asOf: IsoDate,
    ancestors: Type.Array(UnitRef),
    descendantsByKind: Type.Record(Type.String(), Type.Integer(), { description: 'Số đơn vị trực thuộc (mọi cấp) theo loại' }),
  }),
]);

export const OrgUnitList = Type.Object({ asOf: IsoDate, items: Type.Array(OrgUnitSummary) });

export const OrgSearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 200, description: 'Từ khóa, có hoặc không dấu' }),
    asOf: Type.Optional(IsoDate),
    under: Type.Optional(Type.Integer({ minimum: 1, description: 'Chỉ tìm trong đơn vị này và các đơn vị trực thuộc' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);

export const OrgSearchHit = Type.Intersect([OrgUnitSummary, Type.Object({ ancestors: Type.Array(UnitRef) })]);
export const OrgSearchResult = Type.Object({ asOf: IsoDate, items: Type.Array(OrgSearchHit) });

export type OrgUnitSummary = Static<typeof OrgUnitSummary>;
export type OrgUnitDetail = Static<typeof OrgUnitDetail>;
export type OrgUnitList = Static<typeof OrgUnitList>;
export type OrgSearchHit = Static<typeof OrgSearchHit>;
export type OrgSearchResult = Static<typeof OrgSearchResult>;
export type UnitRef = Static<typeof UnitRef>;
