import { Type, type Static } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';
import { NullableInteger } from '../http/nullable-schema.ts';
import { keysetPageFields, keysetQueryFields } from '../http/keyset-page.schema.ts';

const Kind = Type.Union([Type.Literal('enterprise'), Type.Literal('sector'), Type.Literal('multi_employer')]);
const Quality = Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D'), Type.Null()]);

export const AgreementItem = Type.Object({
  id: Type.Integer(),
  number: Type.Union([Type.String(), Type.Null()]),
  kind: Type.String(),
  kindLabel: Type.String(),
  cdcs: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  employer: Type.Union([Type.Object({ id: Type.Integer(), taxCode: Type.String(), name: Type.String() }), Type.Null()]),
  signedOn: IsoDate,
  effectiveFrom: IsoDate,
  expiresOn: IsoDate,
  endedOn: Type.Union([IsoDate, Type.Null()]),
  qualityClass: Type.Union([Type.String(), Type.Null()]),
  betterThanLaw: Type.Boolean(),
  renewsId: Type.Union([Type.Integer(), Type.Null()]),
  inForce: Type.Boolean({ description: 'Còn hiệu lực vào ngày asOf' }),
  file: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String(), size: Type.Integer() }), Type.Null()]),
});

export const AgreementListQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    inForceOn: Type.Optional(IsoDate),
    minQuality: Type.Optional(Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C'), Type.Literal('D')])),
    betterThanLaw: Type.Optional(Type.Boolean()),
    asOf: Type.Optional(IsoDate),
    sort: Type.Optional(
      Type.Union([Type.Literal('recent'), Type.Literal('expiry')], {
        default: 'recent',
        description: 'recent: mới nhập trước; expiry: sắp hết hạn trước (theo ngày chấm dứt hoặc ngày hết hạn)',
      }),
    ),
    ...keysetQueryFields('thỏa ước'),
    afterId: Type.Optional(Type.Integer({ minimum: 1, description: 'Cách cũ, chỉ cho thứ tự recent: id cuối của trang trước' })),
  },
  { additionalProperties: false },
);
export const AgreementList = Type.Object({
  ...keysetPageFields(AgreementItem),
  nextAfterId: Type.Union([Type.Integer(), Type.Null()], { description: 'Cách cũ (thứ tự recent); null với thứ tự khác' }),
});

const fields = {
  number: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
  kind: Kind,
  employerId: Type.Optional(NullableInteger({ minimum: 1 })),
  signedOn: IsoDate,
  effectiveFrom: IsoDate,
  expiresOn: IsoDate,
  qualityClass: Type.Optional(Quality),
  betterThanLaw: Type.Optional(Type.Boolean()),
};
export const CreateAgreementBody = Type.Object({ cdcsUnitId: Type.Integer({ minimum: 1 }), ...fields }, { additionalProperties: false });
export const RenewAgreementBody = Type.Object(fields, { additionalProperties: false });
export const UpdateAgreementBody = Type.Object(
  {
    number: fields.number,
    qualityClass: fields.qualityClass,
    betterThanLaw: fields.betterThanLaw,
    endedOn: Type.Optional(Type.Union([IsoDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export const AgreementIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const AgreementCountQuery = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1 })), date: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export const AgreementCount = Type.Object({
  unitId: Type.Integer(),
  date: IsoDate,
  inForce: Type.Integer(),
  classBOrBetter: Type.Integer(),
  betterThanLaw: Type.Integer(),
});

export type AgreementItem = Static<typeof AgreementItem>;
export type CreateAgreementBody = Static<typeof CreateAgreementBody>;
export type RenewAgreementBody = Static<typeof RenewAgreementBody>;
