import { Type } from 'typebox';

/** Wire types of periodic reporting (requests; responses are documented by their summaries). */
const Id = Type.Integer({ minimum: 1 });
export const ReportStatusSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('returned'),
  Type.Literal('accepted'),
]);

/**
 * A figure or null ("chưa nhập") as one nullable number, never a union. The app's Ajv coerces
 * types, and in an anyOf each branch coerces in turn: with null first a 0 became null (Ajv turns
 * 0, '' and false into null), with number first a null would become 0. A nullable type is one
 * keyword (type number or null): Ajv coerces only a value that is neither, so 0 stays 0 and
 * null stays null, and a wrong value reads "phải là số" (OpenAPI 3.0's nullable).
 */
const FigureOrNull = Type.Unsafe<number | null>({ type: 'number', nullable: true });

export const ReportValuesSchema = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), FigureOrNull, {
  description: 'Số liệu theo mã chỉ tiêu; null là chưa nhập',
});
export const ExplanationsSchema = Type.Record(Type.String({ maxLength: 200 }), Type.String({ maxLength: 2000 }), {
  description: 'Giải thích cho từng cảnh báo, theo khóa "mã quy tắc:mã chỉ tiêu"',
});

export const OpenReportBody = Type.Object(
  {
    templateCode: Type.String({ minLength: 1, maxLength: 64 }),
    unitId: Id,
    periodCode: Type.String({ minLength: 4, maxLength: 16 }),
  },
  { additionalProperties: false },
);

export const SaveReportBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'Phiên bản báo cáo khi bắt đầu sửa (chống ghi đè lẫn nhau)' }),
    values: Type.Optional(ReportValuesSchema),
    explanations: Type.Optional(ExplanationsSchema),
  },
  { additionalProperties: false },
);

export const SubmitReportBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    values: Type.Optional(ReportValuesSchema),
    explanations: Type.Optional(ExplanationsSchema),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const ReviewBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

export const BulkAcceptBody = Type.Object({ ids: Type.Array(Id, { minItems: 1, maxItems: 500 }) }, { additionalProperties: false });

export const ReportListQuery = Type.Object(
  {
    unitId: Type.Optional(Id),
    status: Type.Optional(
      Type.String({
        pattern: '^(draft|submitted|returned|accepted)(,(draft|submitted|returned|accepted))*$',
        description: 'Lọc trạng thái, nhiều giá trị cách nhau dấu phẩy',
      }),
    ),
    templateCode: Type.Optional(Type.String({ maxLength: 64 })),
    periodCode: Type.Optional(Type.String({ maxLength: 16 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  { additionalProperties: false },
);

export const CompletenessQuery = Type.Object(
  {
    unitId: Type.Optional(Id),
    templateCode: Type.String({ minLength: 1, maxLength: 64 }),
    periodCode: Type.String({ minLength: 4, maxLength: 16 }),
    includeSubmitted: Type.Optional(Type.Boolean({ description: 'Tổng hợp cả số liệu đã gửi chưa duyệt' })),
    missingLimit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
  },
  { additionalProperties: false },
);

export const TemplateRuleSchema = Type.Union([
  Type.Object(
    {
      id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
      kind: Type.Literal('required'),
      elements: Type.Array(Type.String(), { minItems: 1 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), kind: Type.Literal('part_of'), part: Type.String(), whole: Type.String() },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
      kind: Type.Literal('ratio'),
      numerator: Type.String(),
      denominator: Type.String(),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
      kind: Type.Literal('jump'),
      elements: Type.Array(Type.String(), { minItems: 1 }),
      maxShare: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    },
    { additionalProperties: false },
  ),
]);

export const UpdateRulesBody = Type.Object({ rules: Type.Array(TemplateRuleSchema, { maxItems: 100 }) }, { additionalProperties: false });

const ElementCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' });
export const TemplateSectionSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 200 }),
    fields: Type.Array(
      Type.Object(
        {
          element: ElementCode,
          label: Type.String({ minLength: 1, maxLength: 300 }),
          hint: Type.Optional(Type.String({ maxLength: 200 })),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
