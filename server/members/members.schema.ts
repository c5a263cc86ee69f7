import { Type, type Static } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';
import { keysetPageFields, keysetQueryFields } from '../http/keyset-page.schema.ts';

export const Gender = Type.Union([Type.Literal('male'), Type.Literal('female')]);

export const MemberItem = Type.Object({
  id: Type.Integer(),
  fullName: Type.String(),
  gender: Gender,
  genderLabel: Type.String(),
  birthDate: IsoDate,
  cccd: Type.String({ description: 'Che bớt (0010******89) nếu vai trò không được xem dữ liệu cá nhân' }),
  phone: Type.Union([Type.String(), Type.Null()]),
  personalDataMasked: Type.Boolean(),
  ethnicity: Type.Union([Type.String(), Type.Null()]),
  cardNumber: Type.Union([Type.String(), Type.Null()]),
  joinedOn: IsoDate,
  status: Type.String(),
  statusLabel: Type.String(),
  leftOn: Type.Union([IsoDate, Type.Null()]),
  leftReason: Type.Union([Type.String(), Type.Null()]),
  unit: Type.Union([
    Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), sector: Type.Union([Type.String(), Type.Null()]) }),
    Type.Null(),
  ]),
});

export const MemberListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Tên (có hoặc không dấu), hoặc số CCCD / số thẻ' })),
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'Đơn vị: liệt kê đoàn viên của đơn vị này và các đơn vị trực thuộc' })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('left')])),
    sector: Type.Optional(Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')])),
    ...keysetQueryFields('đoàn viên'),
  },
  { additionalProperties: false },
);

export const MemberList = Type.Object(keysetPageFields(MemberItem));

const MemberFieldsBody = {
  fullName: Type.String({ minLength: 1, maxLength: 120 }),
  gender: Gender,
  birthDate: IsoDate,
  cccd: Type.String({ maxLength: 20 }),
  phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
  ethnicity: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
  cardNumber: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
};

export const CreateMemberBody = Type.Object(
  { ...MemberFieldsBody, joinedOn: IsoDate, cdcsUnitId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const UpdateMemberBody = Type.Object(
  {
    fullName: Type.Optional(MemberFieldsBody.fullName),
    gender: Type.Optional(Gender),
    birthDate: Type.Optional(IsoDate),
    cccd: Type.Optional(MemberFieldsBody.cccd),
    phone: MemberFieldsBody.phone,
    ethnicity: MemberFieldsBody.ethnicity,
    cardNumber: MemberFieldsBody.cardNumber,
    joinedOn: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const TransferBody = Type.Object(
  { toUnitId: Type.Integer({ minimum: 1 }), date: IsoDate, note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
export const LeaveBody = Type.Object(
  { date: IsoDate, reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
export const MergeBody = Type.Object(
  { keepId: Type.Integer({ minimum: 1 }), dropId: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

export const HistoryItem = Type.Object({
  unit: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  from: IsoDate,
  to: Type.Union([IsoDate, Type.Null()]),
  startReason: Type.String(),
  startLabel: Type.String(),
  endReason: Type.Union([Type.String(), Type.Null()]),
  endLabel: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
});
export const MemberHistory = Type.Object({ items: Type.Array(HistoryItem) });

export const DuplicateGroups = Type.Object({
  items: Type.Array(Type.Object({ reason: Type.String(), members: Type.Array(MemberItem) })),
});

export const MemberCountQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    date: Type.Optional(IsoDate),
    viaPredecessors: Type.Optional(
      Type.Boolean({ description: 'Cộng các đơn vị tiền thân (sáp nhập sau ngày này) khi đơn vị chưa tồn tại hoặc đã nhận sáp nhập' }),
    ),
  },
  { additionalProperties: false },
);
export const MemberCount = Type.Object({
  unitId: Type.Integer(),
  date: IsoDate,
  members: Type.Integer(),
  summedUnitIds: Type.Optional(Type.Array(Type.Integer(), { description: 'Các đơn vị đã cộng (khi viaPredecessors)' })),
});
export const MemberIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export type MemberItem = Static<typeof MemberItem>;
export type CreateMemberBody = Static<typeof CreateMemberBody>;
export type UpdateMemberBody = Static<typeof UpdateMemberBody>;
