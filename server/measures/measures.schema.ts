import { Type } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';

const Code = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'Mã: chữ thường không dấu, chữ số, dấu gạch dưới' });
const Name = Type.String({ minLength: 1, maxLength: 300 });
const Description = Type.String({ maxLength: 2000 });
const Reason = Type.String({ minLength: 1, maxLength: 1000, description: 'Lý do thay đổi (ghi vào lịch sử và nhật ký)' });
const Expression = Type.String({ minLength: 1, maxLength: 500 });
const ElementUnit = Type.Union([Type.Literal('count'), Type.Literal('percent'), Type.Literal('money')]);
const IndicatorUnit = Type.Union([Type.Literal('count'), Type.Literal('percent'), Type.Literal('ratio'), Type.Literal('money')]);
const Source = Type.Union([Type.Literal('derived'), Type.Literal('reported')]);
/** Checked by parseDerivedDefinition (Vietnamese messages per problem), not by the schema. */
const Definition = Type.Object(
  {},
  { additionalProperties: true, description: '{ registry, measure, sectors, minWorkers }: xem GET /api/measures/derived-options' },
);
const Keywords = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50 });

export const CodeParams = Type.Object({ code: Code });

export const CreateElementBody = Type.Object(
  {
    code: Type.Optional(Code),
    name: Name,
    unit: ElementUnit,
    source: Source,
    description: Type.Optional(Description),
    definition: Type.Optional(Type.Union([Definition, Type.Null()])),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const UpdateElementBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    unit: Type.Optional(ElementUnit),
    definition: Type.Optional(Type.Union([Definition, Type.Null()])),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const CreateIndicatorBody = Type.Object(
  {
    code: Type.Optional(Code),
    name: Name,
    unit: IndicatorUnit,
    numerator: Expression,
    denominator: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    description: Type.Optional(Description),
    keywords: Type.Optional(Keywords),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const UpdateIndicatorBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    keywords: Type.Optional(Keywords),
    unit: Type.Optional(IndicatorUnit),
    numerator: Type.Optional(Expression),
    denominator: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    reason: Reason,
  },
  { additionalProperties: false },
);

export const PreviewQuery = Type.Object(
  {
    unit: IndicatorUnit,
    numerator: Type.String({ maxLength: 500 }),
    denominator: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    unitId: Type.Integer({ minimum: 1 }),
    date: IsoDate,
  },
  { additionalProperties: false },
);
