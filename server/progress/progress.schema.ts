import { Type } from 'typebox';
import { NullableInteger, NullableNumber } from '../http/nullable-schema.ts';
import { IsoDate } from '../org/org.schema.ts';

const Comparator = Type.Union([Type.Literal('>'), Type.Literal('>='), Type.Literal('='), Type.Literal('<='), Type.Literal('<')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Status = Type.Union([
  Type.Literal('met'),
  Type.Literal('on_track'),
  Type.Literal('behind'),
  Type.Literal('missed'),
  Type.Literal('no_data'),
]);
const Timing = Type.Union([
  Type.Object({ kind: Type.Literal('deadline'), deadline: IsoDate }),
  Type.Object({ kind: Type.Literal('annual'), year: Type.Integer(), from: Type.Integer(), to: Type.Integer() }),
]);

export const TargetProgressItem = Type.Object({
  targetId: Type.Integer(),
  document: Type.Object({ id: Type.Integer(), title: Type.String(), symbol: Nullable(Type.String()) }),
  owner: Type.Object({ id: Type.Integer(), name: Type.String() }),
  indicator: Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String() }),
  subject: Type.String(),
  origin: Nullable(Type.String({ description: 'Nguồn của chỉ tiêu do đơn vị khác đặt: "Được giao từ …", "Gộp từ …"' })),
  comparator: Comparator,
  targetValue: Type.Number(),
  timing: Timing,
  period: Type.Object({ code: Type.String(), label: Type.String(), start: IsoDate, end: IsoDate }),
  measuredOn: IsoDate,
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  reportingUnits: Nullable(Type.Integer()),
  elements: Type.Record(Type.String(), Nullable(Type.Number()), { description: 'Số liệu thành phần (chưa nhân 100)' }),
  progress: Type.Object({
    status: Status,
    statusLabel: Type.String(),
    actual: Nullable(Type.Number()),
    shareAchieved: Nullable(Type.Number()),
    expectedNow: Nullable(Type.Number()),
    pathStart: Nullable(
      Type.Object(
        { date: IsoDate, value: Type.Number() },
        { description: 'Điểm bắt đầu của đường tiến độ: số liệu gốc, số liệu đầu tiên, hoặc 0 ngày bắt đầu' },
      ),
    ),
    forecast: Nullable(Type.Object({ projectedValue: Type.Number(), metOn: Nullable(IsoDate), willBeMet: Type.Boolean() })),
    forecastNote: Nullable(Type.String({ description: 'Lý do không có dự báo, ví dụ "Chưa đủ số liệu để dự báo"' })),
  }),
});

/** One child in the children table: judged by the same ratio, by its allocation, or by its contribution (docs/progress-rules.md §5). */
export const BreakdownItem = Type.Object({
  unit: Type.Object({ id: Type.Integer(), name: Type.String(), kind: Type.String() }),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  reportingUnits: Nullable(Type.Integer()),
  elements: Type.Record(Type.String(), Nullable(Type.Number())),
  status: Status,
  statusLabel: Type.String(),
  shareAchieved: Nullable(Type.Number()),
  basis: Type.Union([Type.Literal('ratio'), Type.Literal('allocation'), Type.Literal('contribution')], {
    description: 'Cách đánh giá dòng này: cùng tỷ lệ, chỉ tiêu được giao, hoặc phần đóng góp',
  }),
  allocation: Nullable(
    Type.Object(
      { targetId: Type.Integer(), comparator: Comparator, targetValue: Type.Number(), timing: Timing },
      { description: 'Chỉ tiêu được giao cho đơn vị' },
    ),
  ),
  contribution: Nullable(
    Type.Object({
      value: Nullable(Type.Number({ description: 'Phần đóng góp: tăng từ ngày mốc (chỉ tiêu tồn lượng) hoặc số liệu của kỳ' })),
      share: Nullable(Type.Number({ description: 'Tỷ lệ % trong tổng đóng góp của các đơn vị' })),
      expectedShare: Nullable(Type.Number({ description: 'Tỷ trọng dự kiến (%) theo cơ sở so sánh' })),
      rate: Nullable(
        Type.Number({ description: 'Mức của đơn vị: % tăng (chỉ tiêu tồn lượng) hoặc số trên 100 đoàn viên (chỉ tiêu của kỳ)' }),
      ),
      groupRate: Nullable(Type.Number({ description: 'Mức chung của các đơn vị trực thuộc' })),
      index: Nullable(Type.Number({ description: '100 = bằng mức chung; thấp hơn là chậm hơn' })),
    }),
  ),
});

export const BreakdownResult = Type.Object({
  unitId: Type.Integer(),
  measuredOn: IsoDate,
  rule: Type.Union(
    [Type.Literal('same_ratio'), Type.Literal('allocations'), Type.Literal('contributions'), Type.Literal('allocations_and_contributions')],
    { description: 'Quy tắc đánh giá các đơn vị trực thuộc' },
  ),
  contributionReference: Nullable(
    Type.Object({
      base: Type.Union([Type.Literal('value_on_reference'), Type.Literal('members')], {
        description: 'Cơ sở của tỷ trọng dự kiến: số liệu ngày mốc, hoặc số đoàn viên hiện nay',
      }),
      date: Nullable(IsoDate),
    }),
  ),
  items: Type.Array(BreakdownItem),
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
  id: Type.Integer(),
  kind: Type.String(),
  symbol: Nullable(Type.String()),
  title: Type.String(),
  issuer: Type.Object({ id: Type.Integer(), name: Type.String() }),
  issuedOn: Nullable(IsoDate),
  termFrom: Nullable(Type.Integer()),
  termTo: Nullable(Type.Integer()),
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
    sectors: Type.Optional(
      Nullable(
        Type.Array(Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')]), { maxItems: 4 }),
      ),
    ),
    minWorkers: Type.Optional(NullableInteger({ minimum: 0, maximum: 100000 })),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    quote: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
    parentTargetId: Type.Optional(NullableInteger({ minimum: 1 })),
  },
  { additionalProperties: false },
);
