import { Type, type Static } from 'typebox';
import { TASK_LIMITS } from '../../domain/tasks/task-status.ts';
import { IsoDate } from '../org/org.schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Id = Type.Integer({ minimum: 1 });

export const TaskStatusCode = Type.Union(
  [Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('late'), Type.Literal('dropped')],
  { description: 'not_started: Chưa triển khai · in_progress: Đang thực hiện · done: Hoàn thành · late: Chậm · dropped: Không thực hiện' },
);

export const TaskTimingInput = Type.Object(
  {
    kind: Type.Union(
      [Type.Literal('deadline'), Type.Literal('year'), Type.Literal('yearly'), Type.Literal('quarterly'), Type.Literal('ongoing')],
      {
        description:
          'deadline: có hạn (ngày) · year: trong năm (đến 31/12) · yearly: hằng năm (đến hạn ngày chốt số liệu năm, 30/11) · quarterly: hằng quý · ongoing: thường xuyên',
      },
    ),
    deadline: Type.Optional(Nullable(IsoDate)),
    year: Type.Optional(Nullable(Type.Integer({ minimum: 2000, maximum: 2100 }))),
  },
  { additionalProperties: false },
);

const Title = Type.String({ minLength: 1, maxLength: TASK_LIMITS.title, description: 'Nội dung nhiệm vụ' });
const Name = Type.String({ minLength: 1, maxLength: TASK_LIMITS.name });
const LeadFields = {
  leadUnitId: Type.Optional(Nullable(Id)),
  leadName: Type.Optional(
    Nullable(
      Type.String({
        maxLength: TASK_LIMITS.name,
        description: 'Chủ trì ghi bằng chữ (một ban, phòng, cơ quan ngoài cây tổ chức); không dùng cùng leadUnitId',
      }),
    ),
  ),
  partnerUnitIds: Type.Optional(
    Type.Array(Id, {
      maxItems: TASK_LIMITS.partners,
      description: 'Đơn vị phối hợp trong cây tổ chức (của đơn vị, cấp dưới hoặc cấp trên)',
    }),
  ),
  partnerNames: Type.Optional(Type.Array(Name, { maxItems: TASK_LIMITS.partners, description: 'Đơn vị phối hợp ghi bằng chữ' })),
  targetIds: Type.Optional(
    Type.Array(Id, { maxItems: TASK_LIMITS.targets, description: 'Chỉ tiêu mà nhiệm vụ phục vụ (của đơn vị hoặc cấp trên)' }),
  ),
};

export const CreateTaskBody = Type.Object(
  {
    unitId: Type.Integer({ minimum: 1, description: 'Đơn vị sở hữu nhiệm vụ' }),
    title: Title,
    documentId: Type.Optional(Nullable(Id)),
    section: Type.Optional(Nullable(Type.String({ maxLength: 500, description: 'Mục của văn bản (ví dụ "III. Nhiệm vụ, giải pháp")' }))),
    quote: Type.Optional(Nullable(Type.String({ maxLength: 10000, description: 'Trích dẫn nguyên văn từ văn bản' }))),
    timing: TaskTimingInput,
    ...LeadFields,
  },
  { additionalProperties: false },
);
export type CreateTaskInput = Static<typeof CreateTaskBody>;

export const UpdateTaskBody = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Phiên bản đang xem; khác phiên bản hiện hành: TASK_VERSION_CONFLICT' }),
    ),
    title: Type.Optional(Title),
    timing: Type.Optional(TaskTimingInput),
    ...LeadFields,
  },
  { additionalProperties: false },
);
export type UpdateTaskInput = Static<typeof UpdateTaskBody>;

export const ReasonBody = Type.Object(
  { reason: Type.String({ maxLength: TASK_LIMITS.reason, description: 'Lý do (ít nhất 5 ký tự; thiếu: REASON_REQUIRED)' }) },
  { additionalProperties: false },
);

export const TaskIdParams = Type.Object({ id: Id });

export const ListQuery = Type.Object(
  {
    unitId: Type.Optional(Type.Integer({ minimum: 1, description: 'Đơn vị xem (mặc định: đơn vị của người dùng)' })),
    view: Type.Optional(
      Type.Union([Type.Literal('all'), Type.Literal('owned'), Type.Literal('assigned')], {
        description:
          'all (mặc định): nhiệm vụ của đơn vị và nhiệm vụ được giao · owned: nhiệm vụ của đơn vị · assigned: "nhiệm vụ của tôi", do cấp trên giao',
      }),
    ),
    documentId: Type.Optional(Id),
    status: Type.Optional(
      Type.Union([TaskStatusCode, Type.Literal('none')], { description: 'Trạng thái gần nhất của đơn vị; none: chưa báo cáo' }),
    ),
    leadUnitId: Type.Optional(Id),
    lead: Type.Optional(Type.String({ maxLength: 100, description: 'Chủ trì (tìm không dấu theo tên)' })),
    overdue: Type.Optional(Type.Boolean({ description: 'true: chỉ nhiệm vụ quá hạn' })),
    dueSoon: Type.Optional(Type.Boolean({ description: 'true: chỉ nhiệm vụ đến hạn trong 30 ngày' })),
    includeWithdrawn: Type.Optional(Type.Boolean({ description: 'true: cả nhiệm vụ đã rút' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type ListQueryInput = Static<typeof ListQuery>;

export const ExportQuery = Type.Object(
  {
    ...ListQuery.properties,
    format: Type.Optional(Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' })),
  },
  { additionalProperties: false },
);

const Counts = Type.Object({
  assignees: Type.Integer({ description: 'Số đơn vị được giao' }),
  completed: Type.Integer({ description: 'Số đơn vị hoàn thành (trạng thái gần nhất)' }),
  completedShare: Nullable(Type.Number({ description: 'Tỷ lệ hoàn thành = completed / assignees (đếm đơn vị, không lấy trung bình)' })),
  overdue: Type.Integer({ description: 'Số đơn vị quá hạn' }),
  label: Type.String({ description: 'Ví dụ "1/3 hoàn thành (33,3%)"' }),
});

const TimingView = Type.Object({
  kind: TaskTimingInput.properties.kind,
  deadline: Nullable(IsoDate),
  year: Nullable(Type.Integer()),
  label: Type.String({ description: 'Ví dụ "Hạn 30/06/2026", "Hằng năm", "Thường xuyên"' }),
});

const UnitRef = Type.Object({ id: Type.Integer(), name: Type.String() });
const Lead = Type.Object({ unitId: Nullable(Type.Integer()), name: Type.String() });

export const TaskListItem = Type.Object({
  taskId: Type.Integer(),
  assignmentId: Type.Integer({ description: 'Việc giao nhiệm vụ cho đơn vị đang xem (dùng để báo cáo trạng thái)' }),
  title: Type.String(),
  owner: UnitRef,
  isOwn: Type.Boolean({ description: 'true: nhiệm vụ của chính đơn vị; false: được cấp trên giao' }),
  assignedFrom: Nullable(UnitRef),
  document: Nullable(Type.Object({ id: Type.Integer(), symbol: Nullable(Type.String()), title: Type.String() })),
  lead: Nullable(Lead),
  partners: Type.Array(Type.String()),
  timing: TimingView,
  status: Nullable(TaskStatusCode),
  statusLabel: Type.String({ description: 'Trạng thái gần nhất của đơn vị ("Chưa báo cáo" khi chưa có)' }),
  statusPeriod: Nullable(Type.String()),
  statusAt: Nullable(Type.String()),
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean({ description: 'Đến hạn trong 30 ngày' }),
  dueOn: Nullable(IsoDate),
  withdrawn: Type.Boolean(),
  direct: Counts,
  below: Counts,
});

export const TaskList = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  items: Type.Array(TaskListItem),
});

export const EvidenceItem = Type.Object({
  id: Type.Integer(),
  statusId: Type.Integer(),
  fileName: Type.String(),
  mimeType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
  downloadUrl: Type.String(),
});

export const StatusItem = Type.Object({
  id: Type.Integer(),
  periodCode: Type.String(),
  periodLabel: Type.String(),
  status: TaskStatusCode,
  statusLabel: Type.String(),
  comment: Nullable(Type.String()),
  isCurrent: Type.Boolean({ description: 'Trạng thái hiện hành của kỳ (các dòng khác là lịch sử)' }),
  reportState: Nullable(
    Type.Union([Type.Literal('submitted'), Type.Literal('returned'), Type.Literal('accepted')], {
      description: 'Theo báo cáo định kỳ cùng kỳ của đơn vị',
    }),
  ),
  setBy: Type.String(),
  setAt: Type.String(),
  evidence: Type.Array(EvidenceItem),
});

export const AssignmentView = Type.Object({
  id: Type.Integer(),
  taskId: Type.Integer(),
  unit: UnitRef,
  parentAssignmentId: Nullable(Type.Integer()),
  depth: Type.Integer({ description: '0: đơn vị sở hữu; 1: được giao trực tiếp; 2…: giao tiếp xuống' }),
  startsOn: IsoDate,
  assignedBy: Type.String(),
  assignedAt: Type.String(),
  withdrawn: Type.Boolean(),
  status: Nullable(TaskStatusCode),
  statusLabel: Type.String(),
  statusPeriod: Nullable(Type.String()),
  overdue: Type.Boolean(),
  dueSoon: Type.Boolean(),
  dueOn: Nullable(IsoDate),
  statuses: Type.Array(StatusItem, { description: 'Lịch sử trạng thái, kỳ mới nhất trước' }),
  below: Counts,
});

export const TaskDetail = Type.Object({
  id: Type.Integer(),
  version: Type.Integer(),
  title: Type.String(),
  owner: UnitRef,
  document: Nullable(Type.Object({ id: Type.Integer(), symbol: Nullable(Type.String()), title: Type.String() })),
  source: Nullable(
    Type.Object({
      section: Nullable(Type.String()),
      quote: Nullable(Type.String()),
      start: Nullable(Type.Integer()),
      end: Nullable(Type.Integer()),
      items: Type.Array(Type.Integer()),
    }),
  ),
  lead: Nullable(Lead),
  partners: Type.Array(Lead),
  targets: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), unitId: Type.Integer() })),
  timing: TimingView,
  withdrawn: Nullable(Type.Object({ at: Type.String(), reason: Type.String() })),
  createdBy: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  viewedAs: Type.Object(
    { unit: UnitRef, assignment: AssignmentView },
    { description: 'Đơn vị đang xem và việc giao nhiệm vụ cho đơn vị đó (trạng thái, lịch sử, minh chứng)' },
  ),
  assignees: Type.Array(
    Type.Object({
      assignmentId: Type.Integer(),
      unit: UnitRef,
      status: Nullable(TaskStatusCode),
      statusLabel: Type.String(),
      statusPeriod: Nullable(Type.String()),
      overdue: Type.Boolean(),
      below: Type.Integer({ description: 'Số đơn vị được giao tiếp bên dưới' }),
    }),
    { description: 'Các đơn vị được đơn vị đang xem giao trực tiếp' },
  ),
  rollUp: Counts,
  can: Type.Object({ edit: Type.Boolean(), assign: Type.Boolean(), report: Type.Boolean() }),
});

export const AssignBody = Type.Object(
  {
    assigneeUnitIds: Type.Array(Id, {
      minItems: 1,
      maxItems: TASK_LIMITS.assignees,
      description: 'Đơn vị cấp dưới được giao (trực thuộc đơn vị giao)',
    }),
  },
  { additionalProperties: false },
);

export const AssignQuery = Type.Object(
  {
    unitId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Đơn vị giao (mặc định: đơn vị sở hữu nhiệm vụ); phải đang được giao nhiệm vụ' }),
    ),
  },
  { additionalProperties: false },
);

export const ViewQuery = Type.Object(
  {
    unitId: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Xem với tư cách đơn vị này (đơn vị sở hữu hoặc đơn vị được giao); mặc định: đơn vị sở hữu',
      }),
    ),
  },
  { additionalProperties: false },
);

export const AssignResult = Type.Object({
  created: Type.Integer(),
  restored: Type.Integer(),
  assignees: Type.Array(Type.Object({ assignmentId: Type.Integer(), unit: UnitRef })),
});

export const SetStatusBody = Type.Object(
  {
    periodCode: Type.String({
      maxLength: 20,
      description: 'Kỳ báo cáo của đơn vị: 2026 hoặc 2026-H1/2026-H2 (xem GET /api/tasks/periods)',
    }),
    status: TaskStatusCode,
    comment: Type.Optional(Nullable(Type.String({ maxLength: TASK_LIMITS.comment }))),
  },
  { additionalProperties: false },
);

export const RollUpQuery = Type.Object(
  {
    unitId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Đơn vị xem (đơn vị sở hữu hoặc một đơn vị được giao); mặc định: đơn vị sở hữu' }),
    ),
    level: Type.Optional(
      Type.Union([Type.Literal('direct'), Type.Literal('all')], {
        description: 'direct (mặc định): đơn vị được giao trực tiếp · all: mọi cấp bên dưới',
      }),
    ),
    periodCode: Type.Optional(
      Type.String({ maxLength: 20, description: 'Kỳ: trạng thái của từng đơn vị trong kỳ này (mặc định: trạng thái gần nhất)' }),
    ),
  },
  { additionalProperties: false },
);

export const RollUpView = Type.Object({
  taskId: Type.Integer(),
  title: Type.String(),
  unit: UnitRef,
  level: Type.String(),
  periodCode: Nullable(Type.String()),
  counts: Type.Object({
    ...Counts.properties,
    byStatus: Type.Record(Type.String(), Type.Integer(), { description: 'Số đơn vị theo trạng thái; none: chưa báo cáo' }),
  }),
  items: Type.Array(
    Type.Object({
      assignmentId: Type.Integer(),
      unit: UnitRef,
      parentAssignmentId: Nullable(Type.Integer()),
      depth: Type.Integer(),
      status: Nullable(TaskStatusCode),
      statusLabel: Type.String(),
      statusPeriod: Nullable(Type.String()),
      comment: Nullable(Type.String()),
      setBy: Nullable(Type.String()),
      setAt: Nullable(Type.String()),
      statusId: Nullable(Type.Integer()),
      evidenceCount: Type.Integer(),
      overdue: Type.Boolean(),
      dueOn: Nullable(IsoDate),
    }),
    { description: 'Từng đơn vị: quá hạn trước, rồi theo tên; bấm để xem chi tiết (GET /api/task-assignments/:id)' },
  ),
});

export const PeriodsQuery = Type.Object({ unitId: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });
export const PeriodsView = Type.Object({
  unit: UnitRef,
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      label: Type.String(),
      kind: Type.String(),
      start: IsoDate,
      end: IsoDate,
      report: Nullable(Type.Object({ id: Type.Integer(), status: Type.String() })),
      closedReason: Nullable(Type.String({ description: 'Vì sao kỳ đã khóa (báo cáo đã gửi hoặc đã duyệt); null: báo cáo được' })),
    }),
  ),
});

export const ReviewTasksView = Type.Object({
  documentId: Type.Integer(),
  items: Type.Array(
    Type.Object({
      index: Type.Integer({ description: 'Số thứ tự trong kết quả đọc (dùng trong items khi xác nhận)' }),
      text: Type.String(),
      section: Type.String(),
      group: Nullable(Type.String()),
      lead: Nullable(Type.String()),
      coordinating: Type.Array(Type.String()),
      start: Type.Integer(),
      end: Type.Integer(),
      confirmedTaskId: Nullable(Type.Integer()),
    }),
  ),
});

export const ConfirmTasksBody = Type.Object(
  {
    tasks: Type.Array(
      Type.Object(
        {
          items: Type.Array(Type.Integer({ minimum: 0 }), {
            maxItems: 50,
            description:
              'Nhiệm vụ trích xuất được gộp vào nhiệm vụ này (index); rỗng: nhiệm vụ thêm tay. Nhiệm vụ không được nêu ở đâu là bị bỏ.',
          }),
          title: Title,
          timing: TaskTimingInput,
          ...LeadFields,
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type ConfirmTasksInput = Static<typeof ConfirmTasksBody>;

export const ConfirmResult = Type.Object({
  created: Type.Array(Type.Object({ taskId: Type.Integer(), title: Type.String(), items: Type.Array(Type.Integer()) })),
});

export const ReportTasksView = Type.Object({
  reportId: Type.Integer(),
  periodCode: Type.String(),
  closedReason: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      assignmentId: Type.Integer(),
      taskId: Type.Integer(),
      title: Type.String(),
      timing: TimingView,
      lead: Nullable(Type.String()),
      status: Nullable(TaskStatusCode),
      statusLabel: Type.String(),
      comment: Nullable(Type.String()),
      reportState: Nullable(Type.String()),
      statusId: Nullable(Type.Integer()),
      evidenceCount: Type.Integer(),
    }),
    { description: 'Nhiệm vụ đến hạn trong kỳ (và nhiệm vụ thường xuyên, hằng năm, hằng quý) với trạng thái của kỳ' },
  ),
});

export const OkResult = Type.Object({ ok: Type.Boolean() });
