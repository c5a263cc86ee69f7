import { Type, type Static } from 'typebox';
import { UNIT_KINDS } from '../../domain/org/org-unit.ts';
import { IsoDate } from './org.schema.ts';

/** Wire shapes of the tree operations, the restructuring plan report and a unit's history. */
const Code = Type.String({ minLength: 1, maxLength: 50, description: 'Mã đơn vị' });
const Kind = Type.Union(UNIT_KINDS.map((k) => Type.Literal(k)));
const NewUnit = Type.Object(
  { code: Code, name: Type.String({ minLength: 1, maxLength: 300 }), kind: Kind, parentCode: Type.Optional(Code) },
  { additionalProperties: false },
);

export const OrgOperationBody = Type.Union([
  Type.Object({ kind: Type.Literal('create'), date: IsoDate, unit: NewUnit }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('rename'), date: IsoDate, code: Code, name: Type.String({ minLength: 1, maxLength: 300 }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('move'), date: IsoDate, code: Code, parentCode: Code }, { additionalProperties: false }),
  Type.Object(
    {
      kind: Type.Literal('merge'),
      date: IsoDate,
      codes: Type.Array(Code, { minItems: 1, maxItems: 100 }),
      into: Type.Object(
        { code: Code, new: Type.Optional(NewUnit) },
        { additionalProperties: false, description: 'Đơn vị kế thừa: có sẵn (chỉ mã) hoặc thành lập mới (new)' },
      ),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('split'),
      date: IsoDate,
      code: Code,
      parts: Type.Array(Type.Object({ unit: NewUnit, children: Type.Array(Code, { maxItems: 10000 }) }, { additionalProperties: false }), {
        minItems: 2,
        maxItems: 50,
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('dissolve'), date: IsoDate, code: Code, receiverCode: Code }, { additionalProperties: false }),
]);

export const DryRunQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ description: 'Chỉ xem trước, không ghi' })) },
  { additionalProperties: false },
);

const Ref = Type.Object({ code: Type.String(), name: Type.String() });
export const PlanReport = Type.Object({
  date: Type.Union([IsoDate, Type.Null()]),
  valid: Type.Boolean(),
  applied: Type.Boolean(),
  problems: Type.Array(
    Type.Object({ row: Type.Union([Type.Integer(), Type.Null()]), code: Type.Union([Type.String(), Type.Null()]), message: Type.String() }),
  ),
  created: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), kindLabel: Type.String(), parent: Ref }),
  ),
  renamed: Type.Array(Type.Object({ code: Type.String(), from: Type.String(), to: Type.String() })),
  moved: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), from: Type.Union([Ref, Type.Null()]), to: Ref, byDefault: Type.Boolean() }),
  ),
  merged: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), into: Type.Array(Ref) })),
  split: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), into: Type.Array(Ref) })),
  dissolved: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), childrenTo: Ref })),
  membersChangingUpper: Type.Integer({ description: 'Đoàn viên (vào ngày hiệu lực) của các CĐCS đổi đơn vị cấp trên' }),
  cdcsChangingUpper: Type.Integer(),
  employersChangingArea: Type.Array(Type.Object({ taxCode: Type.String(), name: Type.String(), from: Ref, to: Ref })),
  employersChangingAreaCount: Type.Integer(),
  unmapped: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), message: Type.String() }), {
    description: 'Những gì kế hoạch không nêu, được giao theo mặc định cho đơn vị kế thừa',
  }),
});

export const UnitHistory = Type.Object({
  unit: Type.Object({
    id: Type.Integer(),
    code: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    validFrom: IsoDate,
    validTo: Type.Union([IsoDate, Type.Null()]),
  }),
  events: Type.Array(
    Type.Object({
      date: IsoDate,
      type: Type.Union([
        Type.Literal('founded'),
        Type.Literal('name'),
        Type.Literal('placement'),
        Type.Literal('predecessor'),
        Type.Literal('successor'),
        Type.Literal('closed'),
      ]),
      text: Type.String({ description: 'Mô tả bằng tiếng Việt' }),
      unit: Type.Optional(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
    }),
  ),
});

export const CarryTargetsBody = Type.Object(
  {
    date: IsoDate,
    fromCodes: Type.Array(Code, { minItems: 1, maxItems: 100 }),
    mode: Type.Union([Type.Literal('combine'), Type.Literal('close')]),
    toCode: Type.Optional(Code),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const CarryTargetsResult = Type.Object({
  applied: Type.Boolean(),
  created: Type.Array(
    Type.Object({
      id: Type.Union([Type.Integer(), Type.Null()]),
      unitCode: Type.String(),
      indicatorCode: Type.String(),
      value: Type.Number(),
      combinedFrom: Type.Array(Type.Integer()),
      note: Type.String(),
    }),
  ),
  closed: Type.Array(Type.Object({ id: Type.Integer(), unitCode: Type.String(), indicatorCode: Type.String(), reason: Type.String() })),
});

export type OrgOperationBody = Static<typeof OrgOperationBody>;
export type PlanReport = Static<typeof PlanReport>;
export type UnitHistory = Static<typeof UnitHistory>;
export type CarryTargetsBody = Static<typeof CarryTargetsBody>;
export type CarryTargetsResult = Static<typeof CarryTargetsResult>;
