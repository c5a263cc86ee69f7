import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TASK_LIMITS } from '../../../domain/tasks/task-status.ts';
import { errorMessage } from '../../api/api-client.ts';
import { reportTasksQuery, setTaskStatus, taskKeys, taskPath, type ReportTaskItem, type TaskStatusCode } from '../../api/tasks.api.ts';
import { EvidenceUploader } from '../tasks/task-evidence.tsx';
import { STATUS_OPTIONS, statusColor } from '../tasks/task-format.ts';

/**
 * Nhiệm vụ trong kỳ: the tasks the unit answers in this report's period, each status set here for
 * the period (sent, returned and accepted together with the figures). Locked while the report is
 * sent or accepted, with the server's reason.
 */
export function ReportTasksSection({ reportId, unitId, canEdit }: { reportId: number; unitId: number; canEdit: boolean }) {
  const tasks = useQuery(reportTasksQuery(reportId));
  if (tasks.isError) return <Alert type="error" showIcon title={errorMessage(tasks.error)} className="report-section" />;
  if (!tasks.data || tasks.data.items.length === 0) return null;
  const editable = canEdit && !tasks.data.closedReason;
  const unanswered = tasks.data.items.filter((t) => !t.status).length;
  return (
    <Card size="small" title={`Nhiệm vụ trong kỳ (${tasks.data.items.length})`} className="report-section" data-testid="report-tasks">
      {tasks.data.closedReason && <Typography.Paragraph type="secondary">{tasks.data.closedReason}</Typography.Paragraph>}
      {editable && unanswered > 0 && (
        <Typography.Paragraph type="warning" data-testid="report-tasks-unanswered">
          Còn {unanswered} nhiệm vụ chưa báo cáo trạng thái.
        </Typography.Paragraph>
      )}
      {tasks.data.items.map((t) => (
        <ReportTaskRow
          key={t.assignmentId}
          t={t}
          periodCode={tasks.data.periodCode}
          unitId={unitId}
          editable={editable}
          onSaved={() => void tasks.refetch()}
        />
      ))}
    </Card>
  );
}

function ReportTaskRow({
  t,
  periodCode,
  unitId,
  editable,
  onSaved,
}: {
  t: ReportTaskItem;
  periodCode: string;
  unitId: number;
  editable: boolean;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TaskStatusCode | null>(t.status);
  const [comment, setComment] = useState(t.comment ?? '');
  const changed = status !== t.status || comment.trim() !== (t.comment ?? '');
  const save = useMutation({
    mutationFn: (set: TaskStatusCode) => setTaskStatus(t.assignmentId, { periodCode, status: set, comment: comment.trim() || null }),
    onSuccess: () => {
      void message.success('Đã lưu trạng thái nhiệm vụ.');
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
      onSaved();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <div className="report-task" data-testid={`report-task-${t.taskId}`}>
      <div className="report-task-head">
        <Link to={taskPath(t.taskId, unitId)} className="cell-strong">
          {t.title}
        </Link>
        <div className="cell-muted">
          {t.timing.label}
          {t.lead ? ` · Chủ trì: ${t.lead}` : ''}
          {t.evidenceCount > 0 ? ` · ${t.evidenceCount} tệp minh chứng` : ''}
        </div>
      </div>
      {editable ? (
        <div className="report-task-edit">
          <Select<TaskStatusCode>
            value={status ?? undefined}
            onChange={setStatus}
            options={STATUS_OPTIONS}
            placeholder="Chọn trạng thái"
            className="report-task-status"
            data-testid={`report-task-status-${t.taskId}`}
          />
          <Input.TextArea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={TASK_LIMITS.comment}
            placeholder="Nhận xét, kết quả"
            data-testid={`report-task-comment-${t.taskId}`}
          />
          <Button
            type="primary"
            disabled={!status || !changed}
            loading={save.isPending}
            onClick={() => status && save.mutate(status)}
            data-testid={`report-task-save-${t.taskId}`}
          >
            Lưu
          </Button>
          {t.statusId !== null && !changed && <EvidenceUploader statusId={t.statusId} onUploaded={onSaved} />}
        </div>
      ) : (
        <div>
          <Tag color={statusColor(t.status)} data-testid={`report-task-state-${t.taskId}`}>
            {t.statusLabel}
          </Tag>
          {t.comment && <span>{t.comment}</span>}
        </div>
      )}
    </div>
  );
}
