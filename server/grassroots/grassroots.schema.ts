import { Type } from 'typebox';
import { NullableInteger } from '../http/nullable-schema.ts';
import { exportQueryOf, keysetPageFields, keysetQueryFields } from '../http/keyset-page.schema.ts';
import { IsoDate } from '../org/org.schema.ts';

export const GrassrootsItem = Type.Object({
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

export const ListQuery = Type.Object(
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
    ...keysetQueryFields('CĐCS'),
  },
  { additionalProperties: false },
);

export const ListResponse = Type.Object(keysetPageFields(GrassrootsItem));

export const ExportQuery = exportQueryOf(ListQuery, ['after', 'limit']);

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const UpdateBody = Type.Object(
  {
    employerId: Type.Optional(NullableInteger({ minimum: 1 })),
    foundingDecision: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    foundedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
    chairName: Type.Optional(Type.Union([Type.String({ maxLength: 120 }), Type.Null()])),
    dissolvedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
);
