import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import { taskErrors } from '../../domain/tasks/task-errors.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { actorOf, requirePrincipal } from '../auth/access-guard.ts';
import type { DB } from '../db/schema.ts';
import { unitOfDocument } from '../documents/documents.repository.ts';
import { documentNotFound } from '../documents/documents.service.ts';
import { sendStoredFile, sendTable } from '../http/file-download.ts';
import { readUpload } from '../http/file-upload.ts';
import { unitOfRecord, type UnitLocator, unitFromInput } from '../http/route-access.ts';
import { reportUnitId } from '../reporting/reporting.repository.ts';
import { reportingErrors } from '../reporting/reporting.errors.ts';
import { EVIDENCE_LIMITS, type TaskStatusService } from './task-status.service.ts';
import type { TaskReviewService } from './task-review.service.ts';
import * as repo from './tasks.repository.ts';
import {
  AssignBody,
  AssignmentView,
  AssignQuery,
  AssignResult,
  ConfirmResult,
  ConfirmTasksBody,
  CreateTaskBody,
  EvidenceItem,
  ExportQuery,
  ListQuery,
  OkResult,
  PeriodsQuery,
  PeriodsView,
  ReasonBody,
  ReportTasksView,
  ReviewTasksView,
  RollUpQuery,
  RollUpView,
  SetStatusBody,
  TaskDetail,
  TaskIdParams,
  TaskList,
  UpdateTaskBody,
  ViewQuery,
} from './tasks.schema.ts';
import type { TasksService } from './tasks.service.ts';

const TAGS = ['Nhiệm vụ'];
const EVIDENCE_MB = Math.round(EVIDENCE_LIMITS.maxBytes / 1048576);

const EXPORT_COLUMNS = [
  { key: 'title', title: 'Nhiệm vụ', width: 60 },
  { key: 'document', title: 'Văn bản', width: 24 },
  { key: 'owner', title: 'Đơn vị sở hữu', width: 30 },
  { key: 'assignedFrom', title: 'Được giao từ', width: 30 },
  { key: 'lead', title: 'Chủ trì', width: 30 },
  { key: 'partners', title: 'Phối hợp', width: 40 },
  { key: 'timing', title: 'Thời hạn', width: 18 },
  { key: 'dueOn', title: 'Hạn gần nhất', width: 12, type: 'date' as const },
  { key: 'status', title: 'Trạng thái', width: 18 },
  { key: 'statusPeriod', title: 'Kỳ báo cáo', width: 10 },
  { key: 'overdue', title: 'Quá hạn', width: 10 },
  { key: 'assignees', title: 'Số đơn vị được giao', width: 12, type: 'integer' as const },
  { key: 'completed', title: 'Số đơn vị hoàn thành', width: 12, type: 'integer' as const },
  { key: 'completedShare', title: 'Tỷ lệ hoàn thành', width: 12, type: 'percent' as const },
  { key: 'overdueBelow', title: 'Số đơn vị quá hạn', width: 12, type: 'integer' as const },
];

type App = Parameters<FastifyPluginAsyncTypebox>[0];
interface TaskServices {
  tasks: TasksService;
  statuses: TaskStatusService;
  review: TaskReviewService;
  db: Kysely<DB>;
}

export const tasksRoutes: FastifyPluginAsyncTypebox<TaskServices> = async (app, services) => {
  taskListRoutes(app, services);
  oneTaskRoutes(app, services);
  assignmentRoutes(app, services);
  evidenceRoutes(app, services);
  documentAndReportTaskRoutes(app, services);
};

/**
 * The unit a task is seen from: `?unitId=` when that unit carries the task (its owner or an
 * assignee), else the owner. Scope is then checked on that unit: a commune sees the province's
 * task given to it, a sibling commune gets the task's 404.
 */
const taskSeenFrom =
  (db: Kysely<DB>): UnitLocator =>
  async (request) => {
    const id = Number((request.params as { id?: string }).id);
    if (!Number.isSafeInteger(id) || id < 1) return 'malformed';
    const raw = (request.query as { unitId?: unknown }).unitId;
    if (raw === undefined) return repo.unitOfTask(db, id);
    const unitId = Number(raw);
    if (!Number.isSafeInteger(unitId) || unitId < 1) return 'malformed';
    const a = await repo.assignmentOf(db, id, unitId);
    return a && !a.withdrawnAt ? unitId : null;
  };

/** A unit's tasks: the list, its export, the periods to report on, a new task. */
function taskListRoutes(app: App, { tasks, statuses }: TaskServices) {
  app.get(
    '/api/tasks',
    {
      schema: {
        tags: TAGS,
        summary:
          'Danh sách nhiệm vụ của đơn vị (của đơn vị và được giao), phân trang; lọc theo văn bản, trạng thái, chủ trì, quá hạn, đến hạn trong 30 ngày',
        description:
          'Mỗi dòng là nhiệm vụ của đơn vị đang xem với trạng thái gần nhất của đơn vị và số đơn vị được giao tiếp (trực tiếp: direct; mọi cấp: below): đếm đơn vị hoàn thành, quá hạn — không lấy trung bình. Quá hạn trước, rồi theo hạn gần nhất.',
        querystring: ListQuery,
        response: { 200: TaskList },
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => tasks.list(requirePrincipal(request), request.query),
  );

  app.get(
    '/api/tasks/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Xuất danh sách nhiệm vụ đang lọc ra Excel (.xlsx) hoặc CSV, đúng thứ tự đang xem',
        querystring: ExportQuery,
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      async function* rows() {
        for await (const r of tasks.exportRows(principal, request.query)) {
          yield {
            title: r.title,
            document: r.document?.symbol ?? r.document?.title ?? '',
            owner: r.owner.name,
            assignedFrom: r.assignedFrom?.name ?? '',
            lead: r.lead?.name ?? '',
            partners: r.partners.join('; '),
            timing: r.timing.label,
            dueOn: r.dueOn,
            status: r.statusLabel,
            statusPeriod: r.statusPeriod ?? '',
            overdue: r.overdue ? 'Quá hạn' : '',
            assignees: r.direct.assignees,
            completed: r.direct.completed,
            completedShare: r.direct.completedShare,
            overdueBelow: r.direct.overdue,
          };
        }
      }
      return sendTable(reply, {
        format: request.query.format ?? 'xlsx',
        fileName: `nhiem-vu-${todayInVietnam()}`,
        sheetName: 'Nhiệm vụ',
        columns: EXPORT_COLUMNS,
        rows: rows(),
      });
    },
  );

  app.get(
    '/api/tasks/periods',
    {
      schema: {
        tags: TAGS,
        summary: 'Các kỳ báo cáo trạng thái nhiệm vụ của đơn vị (kỳ hiện tại và kỳ trước), kỳ nào đã khóa và vì sao',
        querystring: PeriodsQuery,
        response: { 200: PeriodsView },
      },
      config: { access: { permission: 'targets.read', unit: unitFromInput('query', 'unitId') } },
    },
    (request) => statuses.periods(request.query.unitId ?? requirePrincipal(request).unitId),
  );

  app.post(
    '/api/tasks',
    {
      schema: {
        tags: TAGS,
        summary: 'Thêm nhiệm vụ bằng tay (đơn vị sở hữu: unitId)',
        body: CreateTaskBody,
        response: { 200: TaskDetail },
      },
      config: { access: { permission: 'targets.write', unit: unitFromInput('body', 'unitId') } },
    },
    (request) => tasks.create(request.body, requirePrincipal(request), actorOf(request)),
  );
}

/** One task: read, edit, withdraw, delete, give it to units below, its roll-up. */
function oneTaskRoutes(app: App, { tasks, statuses, db }: TaskServices) {
  const onTask = { unit: unitOfRecord('id', (id) => repo.unitOfTask(db, id)), notFound: taskErrors.notFound };
  const seenFrom = taskSeenFrom(db);
  const viewUnit = async (request: FastifyRequest) =>
    (request.query as { unitId?: number }).unitId ?? (await repo.unitOfTask(db, (request.params as { id: number }).id))!;

  app.get(
    '/api/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary:
          'Chi tiết nhiệm vụ: nguồn (văn bản, mục, trích dẫn), chủ trì, phối hợp, thời hạn, trạng thái và lịch sử của đơn vị đang xem kèm minh chứng, các đơn vị được giao',
        params: TaskIdParams,
        querystring: ViewQuery,
        response: { 200: TaskDetail },
      },
      config: { access: { permission: 'targets.read', unit: seenFrom, notFound: taskErrors.notFound } },
    },
    async (request) => tasks.detail(request.params.id, await viewUnit(request), requirePrincipal(request)),
  );

  app.patch(
    '/api/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Sửa nhiệm vụ (nội dung, chủ trì, phối hợp, thời hạn, chỉ tiêu liên quan); trường bỏ trống giữ nguyên',
        params: TaskIdParams,
        body: UpdateTaskBody,
        response: { 200: TaskDetail },
      },
      config: { access: { permission: 'targets.write', ...onTask } },
    },
    (request) => tasks.update(request.params.id, request.body, requirePrincipal(request), actorOf(request)),
  );

  app.post(
    '/api/tasks/:id/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: 'Rút nhiệm vụ kèm lý do: không còn trong danh sách, lịch sử và minh chứng được giữ',
        params: TaskIdParams,
        body: ReasonBody,
        response: { 200: TaskDetail },
      },
      config: { access: { permission: 'targets.write', ...onTask } },
    },
    (request) => tasks.withdraw(request.params.id, request.body.reason, requirePrincipal(request), actorOf(request)),
  );

  app.delete(
    '/api/tasks/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Xóa nhiệm vụ nhập nhầm (chỉ khi chưa đơn vị nào báo cáo; nếu đã có: TASK_HAS_STATUSES, hãy rút)',
        params: TaskIdParams,
        response: { 200: OkResult },
      },
      config: { access: { permission: 'targets.write', ...onTask } },
    },
    (request) => tasks.remove(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/tasks/:id/assignments',
    {
      schema: {
        tags: TAGS,
        summary: 'Giao nhiệm vụ cho đơn vị cấp dưới (một số hoặc tất cả); đơn vị được giao có thể giao tiếp xuống',
        description:
          'unitId (truy vấn): đơn vị giao, phải đang được giao nhiệm vụ (mặc định: đơn vị sở hữu). Đơn vị nhận phải trực thuộc đơn vị giao (TASK_ASSIGNEE_NOT_BELOW); ngoài phạm vi của người dùng: 404.',
        params: TaskIdParams,
        querystring: AssignQuery,
        body: AssignBody,
        response: { 200: AssignResult },
      },
      config: { access: { permission: 'targets.write', unit: seenFrom, notFound: taskErrors.notFound } },
    },
    async (request) => tasks.assign(request.params.id, await viewUnit(request), request.body.assigneeUnitIds, actorOf(request)),
  );

  app.get(
    '/api/tasks/:id/rollup',
    {
      schema: {
        tags: TAGS,
        summary:
          'Tổng hợp theo đơn vị được giao: số hoàn thành, tỷ lệ, số quá hạn, từng đơn vị với trạng thái, nhận xét, số minh chứng (đếm đơn vị, không lấy trung bình)',
        params: TaskIdParams,
        querystring: RollUpQuery,
        response: { 200: RollUpView },
      },
      config: { access: { permission: 'targets.read', unit: seenFrom, notFound: taskErrors.notFound } },
    },
    async (request) => statuses.rollUp(request.params.id, await viewUnit(request), request.query),
  );
}

/** A task given to one unit: its history, taking it back, the unit's status for a period. */
function assignmentRoutes(app: App, { tasks, statuses, db }: TaskServices) {
  const onAssignee = { unit: unitOfRecord('id', (id) => repo.unitOfAssignment(db, id)), notFound: taskErrors.assignmentNotFound };

  app.get(
    '/api/task-assignments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Việc giao nhiệm vụ cho một đơn vị: trạng thái, lịch sử theo kỳ, nhận xét, minh chứng (xem sâu từ bảng tổng hợp)',
        params: TaskIdParams,
        response: { 200: AssignmentView },
      },
      config: { access: { permission: 'targets.read', ...onAssignee } },
    },
    (request) => statuses.assignment(request.params.id),
  );

  app.delete(
    '/api/task-assignments/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'Thu hồi việc giao (cả các cấp bên dưới), khi chưa đơn vị nào báo cáo',
        params: TaskIdParams,
        response: { 200: OkResult },
      },
      config: {
        access: {
          permission: 'targets.write',
          unit: unitOfRecord('id', (id) => repo.assignerOfAssignment(db, id)),
          notFound: taskErrors.assignmentNotFound,
        },
      },
    },
    (request) => tasks.unassign(request.params.id, actorOf(request)),
  );

  app.post(
    '/api/task-assignments/:id/statuses',
    {
      schema: {
        tags: TAGS,
        summary: 'Báo cáo trạng thái nhiệm vụ của đơn vị cho một kỳ, kèm nhận xét',
        description:
          'Kỳ đã khóa vì báo cáo định kỳ cùng kỳ đã gửi hoặc đã duyệt: 409 TASK_PERIOD_CLOSED kèm lý do. Kỳ chưa bắt đầu hoặc không phải kỳ của đơn vị: 400 TASK_PERIOD_INVALID.',
        params: TaskIdParams,
        body: SetStatusBody,
        response: { 200: AssignmentView },
      },
      config: { access: { permission: 'reports.submit', ...onAssignee } },
    },
    (request) => statuses.setStatus(request.params.id, request.body, actorOf(request)),
  );
}

/** Evidence files of a status. */
function evidenceRoutes(app: App, { statuses, db }: TaskServices) {
  const onStatus = { unit: unitOfRecord('id', (id) => repo.unitOfStatus(db, id)), notFound: taskErrors.statusNotFound };
  const onEvidence = { unit: unitOfRecord('id', (id) => repo.unitOfEvidence(db, id)), notFound: taskErrors.evidenceNotFound };

  app.get(
    '/api/task-statuses/:id/evidence',
    {
      schema: {
        tags: TAGS,
        summary: 'Các tệp minh chứng của một trạng thái',
        params: TaskIdParams,
        response: { 200: Type.Object({ items: Type.Array(EvidenceItem) }) },
      },
      config: { access: { permission: 'targets.read', ...onStatus } },
    },
    async (request) => ({ items: await statuses.evidenceList(request.params.id) }),
  );

  app.post(
    '/api/task-statuses/:id/evidence',
    {
      schema: {
        tags: TAGS,
        summary: `Tải lên tệp minh chứng (PDF, DOCX, XLSX, PNG, JPEG; tối đa ${EVIDENCE_MB} MB, PDF tối đa ${EVIDENCE_LIMITS.maxPdfPages} trang; multipart, trường "file")`,
        description:
          'Kiểm tra theo nội dung, không theo tên tệp: tệp rỗng, sai loại, hỏng, "zip bomb", quá lớn hay quá nhiều trang bị từ chối kèm lời giải thích và không lưu gì.',
        params: TaskIdParams,
        response: { 200: EvidenceItem },
      },
      config: { access: { permission: 'reports.submit', ...onStatus } },
    },
    async (request) => {
      const { fileName, content } = await readUpload(request, { maxBytes: EVIDENCE_LIMITS.maxBytes, what: 'Tệp minh chứng' });
      return statuses.addEvidence(request.params.id, fileName, content, actorOf(request));
    },
  );

  app.get(
    '/api/task-evidence/:id/file',
    {
      schema: { tags: TAGS, summary: 'Tải về tệp minh chứng', params: TaskIdParams },
      config: { access: { permission: 'targets.read', ...onEvidence } },
    },
    async (request, reply) => sendStoredFile(reply, await statuses.evidenceFile(request.params.id)),
  );

  app.delete(
    '/api/task-evidence/:id',
    {
      schema: { tags: TAGS, summary: 'Xóa tệp minh chứng (khi kỳ chưa khóa)', params: TaskIdParams, response: { 200: OkResult } },
      config: { access: { permission: 'reports.submit', ...onEvidence } },
    },
    (request) => statuses.deleteEvidence(request.params.id, actorOf(request)),
  );
}

/** Tasks seen from a plan document's review and from a periodic report. */
function documentAndReportTaskRoutes(app: App, { statuses, review, db }: TaskServices) {
  const onDocument = (permission: 'targets.read' | 'targets.write') => ({
    permission,
    unit: unitOfRecord('id', (id) => unitOfDocument(db, id)),
    notFound: documentNotFound,
  });
  app.get(
    '/api/documents/:id/tasks',
    {
      schema: {
        tags: TAGS,
        summary:
          'Nhiệm vụ đọc được từ văn bản (rà soát): nội dung, mục, chủ trì, phối hợp, vị trí trong văn bản, đã xác nhận thành nhiệm vụ nào',
        params: TaskIdParams,
        response: { 200: ReviewTasksView },
      },
      config: { access: onDocument('targets.read') },
    },
    (request) => review.items(request.params.id),
  );

  app.post(
    '/api/documents/:id/tasks/confirm',
    {
      schema: {
        tags: TAGS,
        summary:
          'Xác nhận nhiệm vụ từ rà soát văn bản: sửa nội dung, chủ trì, phối hợp, thời hạn; gộp nhiều mục (items); mục không nêu là bỏ',
        params: TaskIdParams,
        body: ConfirmTasksBody,
        response: { 200: ConfirmResult },
      },
      config: { access: onDocument('targets.write') },
    },
    (request) => review.confirm(request.params.id, request.body, actorOf(request)),
  );

  app.get(
    '/api/reports/:id/tasks',
    {
      schema: {
        tags: TAGS,
        summary: 'Nhiệm vụ của đơn vị trong kỳ của báo cáo định kỳ, với trạng thái của kỳ (gửi, trả lại, duyệt cùng báo cáo)',
        params: TaskIdParams,
        response: { 200: ReportTasksView },
      },
      config: {
        access: {
          permission: 'reports.read',
          unit: unitOfRecord('id', (id) => reportUnitId(db, id)),
          notFound: reportingErrors.reportNotFound,
        },
      },
    },
    (request) => statuses.reportTasks(request.params.id),
  );
}
