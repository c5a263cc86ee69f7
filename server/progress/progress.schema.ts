import { Type } from 'typebox';
import { NullableInteger, NullableNumber } from '../http/nullable-schema.ts';
import { IsoDate } from '../org/org.schema.ts';

const Comparator = Type.Union([Type.Literal('>'), Type.Literal('>='), Type.Literal('='), Type.Literal('<='), Type.Literal('<')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const TargetProgressItem = Type.Object({
  targetId: Type.Integer(),
  document: Type.Object({ id: Type.Integer(), title: Type.String(), symbol: Nullable(Type.String()) }),
  owner: Type.Object({ id: Type.Integer(), name: Type.String() }),
  indicator: Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String() }),
  subject: Type.String(),
  comparator: Comparator,
  targetValue: Type.Number(),
  timing: Type.Union([
    Type.Object({ kind: Type.Literal('deadline'), deadline: IsoDate }),
    Type.Object({ kind: Type.Literal('annual'), year: Type.Integer(), from: Type.Integer(), to: Type.Integer() }),
  ]),
  period: Type.Object({ code: Type.String(), label: Type.String(), start: IsoDate, end: IsoDate }),
  measuredOn: IsoDate,
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  reportingUnits: Nullable(Type.Integer()),
  elements: Type.Record(Type.String(), Nullable(Type.Number()), { description: 'Số liệu thành phần (chưa nhân 100)' }),
  progress: Type.Object({
    status: Type.Union([Type.Literal('met'), Type.Literal('on_track'), Type.Literal('behind'), Type.Literal('missed'), Type.Literal('no_data')]),
    statusLabel: Type.String(),
    actual: Nullable(Type.Number()),
    shareAchieved: Nullable(Type.Number()),
    expectedNow: Nullable(Type.Number()),
    forecast: Nullable(Type.Object({ projectedValue: Type.Number(), metOn: Nullable(IsoDate), willBeMet: Type.Boolean() })),
  }),
});

export const ProgressQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
    asOf: Type.Optional(IsoDate),
    documentId: Type.Optional(Type.Integer({ minimum: 1 })),
    includeSubmitted: Type.Optional(Type.Boolean({ description: 'Dùng cả số liệu báo cáo đã nộp nhưng chưa được duyệt' })),
  },
  { additionalProperties: false },
);

export const ProgressList = Type.Object({ unitId: Type.Integer(), asOf: IsoDate, items: Type.Array(TargetProgressItem) });

export const CreateDocumentBody = Type.Object(
  {
    kind: Type.String({ minLength: 1, maxLength: 60 }),
    symbol: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
    title: Type.String({ minLength: 1, maxLength: 1000 }),
    issuerUnitId: Type.Integer({ minimum: 1 }),
    issuedOn: Type.Optional(Nullable(IsoDate)),
    termFrom: Type.Optional(NullableInteger({ minimum: 1945, maximum: 2100 })),
    termTo: Type.Optional(NullableInteger({ minimum: 1945, maximum: 2100 })),
  },
  { additionalProperties: false },
);
export const DocumentItem = Type.Object({
  id: Type.Integer(), kind: Type.String(), symbol: Nullable(Type.String()), title: Type.String(),
  issuer: Type.Object({ id: Type.Integer(), name: Type.String() }), issuedOn: Nullable(IsoDate), termFrom: Nullable(Type.Integer()), termTo: Nullable(Type.Integer()),
  targets: Type.Integer(),
});

export const CreateTargetBody = Type.Object(
  {
    documentId: Type.Integer({ minimum: 1 }),
    unitId: Type.Integer({ minimum: 1 }),
    indicatorCode: Type.String({ maxLength: 64 }),
    comparator: Comparator,
    value: Type.Number(),
    deadlineYear: Type.Optional(NullableInteger({ minimum: 2000, maximum: 2100 })),
    annual: Type.Optional(Type.Boolean()),
    baselineValue: Type.Optional(NullableNumber()),
    baselineDate: Type.Optional(Nullable(IsoDate)),
    sectors: Type.Optional(Nullable(Type.Array(Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')]), { maxItems: 4 }))),
    minWorkers: Type.Optional(NullableInteger({ minimum: 0, maximum: 100000 })),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    quote: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    parentTargetId: Type.Optional(NullableInteger({ minimum: 1 })),
  },
  { additionalProperties: false },
);
