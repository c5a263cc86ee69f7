import { Type, type Static } from 'typebox';
import { IsoDate } from '../org/org.schema.ts';

const Comparator = Type.Union([Type.Literal('>'), Type.Literal('>='), Type.Literal('='), Type.Literal('<='), Type.Literal('<')]);
const Sector = Type.Union([Type.Literal('hcsn'), Type.Literal('dnnn'), Type.Literal('private'), Type.Literal('fdi')]);
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const Reason = Type.String({ maxLength: 2000, description: 'Lý do (bắt buộc; thiếu hoặc để trống: REASON_REQUIRED)' });

/** What may change in a confirmed target; every field left out stays as it is. */
export const ReviseTargetBody = Type.Object(
  {
    indicatorCode: Type.Optional(Type.String({ maxLength: 64, description: 'Mã chỉ số trong danh mục' })),
    comparator: Type.Optional(Comparator),
    value: Type.Optional(Type.Number({ minimum: 0 })),
    deadlineYear: Type.Optional(
      Type.Integer({ minimum: 2000, maximum: 2100, description: 'Chỉ tiêu đến năm (chuyển sang chỉ tiêu có thời hạn)' }),
    ),
    annual: Type.Optional(Type.Boolean({ description: 'true: chỉ tiêu hằng năm (theo nhiệm kỳ của văn bản)' })),
    sectors: Type.Optional(Nullable(Type.Array(Sector, { maxItems: 4, description: 'Khu vực được tính; null hoặc rỗng: mọi khu vực' }))),
    minWorkers: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100000 }))),
    subject: Type.Optional(Type.String({ maxLength: 1000 })),
    reason: Type.Optional(Reason),
    effectiveFrom: Type.Optional(IsoDate),
    baseVersion: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Phiên bản người sửa đang xem; khác phiên bản hiện hành: TARGET_VERSION_CONFLICT' }),
    ),
  },
  { additionalProperties: false },
);
export type ReviseTargetInput = Static<typeof ReviseTargetBody>;

export const WithdrawTargetBody = Type.Object(
  {
    reason: Type.Optional(Reason),
    on: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const VersionsQuery = Type.Object(
  { unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'Đơn vị đang xem (đơn vị của chỉ tiêu hoặc một đơn vị trực thuộc)' })) },
  { additionalProperties: false },
);

export const TargetVersionItem = Type.Object({
  version: Type.Integer(),
  change: Type.Union([Type.Literal('original'), Type.Literal('revised'), Type.Literal('withdrawn')]),
  validFrom: Nullable(IsoDate),
  validTo: Nullable(IsoDate),
  indicator: Type.Object({ code: Type.String(), name: Type.String(), unit: Type.String() }),
  comparator: Comparator,
  value: Type.Number(),
  timing: Type.Union([
    Type.Object({ kind: Type.Literal('deadline'), deadline: IsoDate }),
    Type.Object({ kind: Type.Literal('annual'), from: Type.Integer(), to: Type.Integer() }),
  ]),
  sectors: Nullable(Type.Array(Type.String())),
  minWorkers: Nullable(Type.Integer()),
  subject: Type.String(),
  baseline: Nullable(Type.Object({ value: Type.Number(), date: IsoDate })),
  reason: Nullable(Type.String()),
  by: Nullable(Type.Object({ userId: Nullable(Type.Integer()), label: Type.String() })),
  at: Type.String({ description: 'Thời điểm ghi' }),
  changed: Type.Array(Type.String(), {
    description: 'Những gì khác phiên bản trước: indicator, comparator, value, timing, sectors, minWorkers, subject, baseline',
  }),
});
export type TargetVersionView = Static<typeof TargetVersionItem>;

export const TargetVersionList = Type.Object({
  targetId: Type.Integer(),
  unitId: Type.Integer(),
  current: Type.Integer({ description: 'Phiên bản đang có hiệu lực (gửi lại trong baseVersion khi sửa)' }),
  withdrawn: Nullable(Type.Object({ on: IsoDate, reason: Type.String() })),
  items: Type.Array(TargetVersionItem),
});
export type TargetVersionListView = Static<typeof TargetVersionList>;
