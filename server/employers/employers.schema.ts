import { Type, type Static } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';
import { NullableInteger } from '../http/nullable-schema.ts';
import { keysetPageFields, keysetQueryFields } from '../http/keyset-page.schema.ts';

export const SectorType = Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')]);
const UnitBrief = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const EmployerItem = Type.Object({
  id: Type.Integer(),
  taxCode: Type.String(),
  name: Type.String(),
  sector: Type.String(),
  sectorLabel: Type.String(),
  industry: Type.Union([Type.String(), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  provinceName: Type.Union([Type.String(), Type.Null()]),
  communeName: Type.Union([Type.String(), Type.Null()]),
  areaUnit: UnitBrief,
  cdcs: Type.Union([UnitBrief, Type.Null()]),
  workers: Type.Union([Type.Integer(), Type.Null()]),
  womenWorkers: Type.Union([Type.Integer(), Type.Null()]),
  workersCountedOn: Type.Union([IsoDate, Type.Null()]),
});

export const EmployerListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Tên (không dấu) hoặc mã số thuế' })),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    sector: Type.Optional(SectorType),
    hasCdcs: Type.Optional(Type.Boolean()),
    minWorkers: Type.Optional(Type.Integer({ minimum: 0, description: 'Chỉ đơn vị có từ N lao động trở lên' })),
    sort: Type.Optional(
      Type.Union([Type.Literal('name'), Type.Literal('workers')], {
        default: 'name',
        description: 'name: theo tên (A→Z); workers: theo số lao động, đông nhất trước (chưa rõ số lao động xếp cuối)',
      }),
    ),
    ...keysetQueryFields('đơn vị'),
  },
  { additionalProperties: false },
);
export const EmployerList = Type.Object(keysetPageFields(EmployerItem));

const fields = {
  name: Type.String({ minLength: 1, maxLength: 300 }),
  sector: SectorType,
  industry: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  provinceName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  communeName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  areaUnitId: Type.Integer({ minimum: 1 }),
  cdcsUnitId: Type.Optional(NullableInteger({ minimum: 1 })),
  workers: Type.Optional(NullableInteger({ minimum: 0 })),
  womenWorkers: Type.Optional(NullableInteger({ minimum: 0 })),
  workersCountedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
};
export const CreateEmployerBody = Type.Object({ taxCode: Type.String({ maxLength: 20 }), ...fields }, { additionalProperties: false });
export const UpdateEmployerBody = Type.Partial(Type.Object(fields), { additionalProperties: false });
export const EmployerIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export type EmployerItem = Static<typeof EmployerItem>;
export type CreateEmployerBody = Static<typeof CreateEmployerBody>;
export type UpdateEmployerBody = Static<typeof UpdateEmployerBody>;
