import { ApartmentOutlined, EditOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Input, Modal, Row, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { taskKeys, taskQuery, withdrawTask, type TaskDetail } from '../../api/tasks.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { formatViDateTime } from '../admin/date-time.ts';
import { AssignModal } from './assign.modal.tsx';
import { StatusHistory } from './status-history.tsx';
import { StatusModal } from './status.modal.tsx';
import { TaskFormModal } from './task-form.modal.tsx';
import { statusColor } from './task-format.ts';
import { TaskRollUpPanel } from './task-rollup.panel.tsx';
import { DueTags } from './task.card.tsx';
import '../../components/registry/registry.css';
import './tasks.css';
import { SceneLoadError } from '../../components/scene-load-error.tsx';

/** A task seen as a unit (?donVi=): its source, lead and partners, timing, the unit's statuses and evidence, and its assignees. */
export default function TaskDetailScene() {
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const unitParam = Number(params.get('donVi'));
  const viewAs = Number.isInteger(unitParam) && unitParam > 0 ? unitParam : undefined;
  const task = useQuery({ ...taskQuery(id, viewAs), enabled: Number.isInteger(id) && id > 0 });
  useDocumentTitle(task.data ? `Nhiệm vụ — ${task.data.title.slice(0, 60)}` : 'Nhiệm vụ');
  if (task.isError) return <SceneLoadError error={task.error} />;
  if (!task.data) return <Spin className="app-loading" />;
  return <TaskPage t={task.data} />;
}

function TaskPage({ t }: { t: TaskDetail }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [modal, setModal] = useState<'status' | 'assign' | 'edit' | 'withdraw'>();
  const unit = t.viewedAs.unit;
  const mine = t.viewedAs.assignment;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  const close = () => setModal(undefined);
  /** A change went through: close its modal, reread the task and say what was done. */
  const done = (what: string) => {
    close();
    refresh();
    void message.success(what);
  };

  return (
    <div className="scene task-page" data-testid="task-page">
      <div className="scene-header">
        <div className="task-page-head">
          <Typography.Text type="secondary">
            <Link to="/nhiem-vu">Nhiệm vụ</Link> / {unit.name}
          </Typography.Text>
          <h1 className="scene-title" data-testid="task-title">
            {t.title}
          </h1>
          <Space wrap size={[6, 6]}>
            <Tag color={statusColor(mine.status)} data-testid="task-status">
              {mine.statusLabel}
              {mine.statusPeriod ? ` · ${mine.statusPeriod}` : ''}
            </Tag>
            <DueTags t={mine} />
            {t.withdrawn && (
              <Tag color="default" data-testid="task-withdrawn">
                Đã rút ngày {formatViDateTime(t.withdrawn.at)}: {t.withdrawn.reason}
              </Tag>
            )}
            <span className="cell-muted">{t.timing.label}</span>
          </Space>
        </div>
        <Space wrap>
          {t.can.report && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setModal('status')} data-testid="task-report">
              Báo cáo trạng thái
            </Button>
          )}
          {t.can.assign && (
            <Button icon={<ApartmentOutlined />} onClick={() => setModal('assign')} data-testid="task-assign">
              Giao cho đơn vị trực thuộc
            </Button>
          )}
          {t.can.edit && (
            <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="task-edit">
              Sửa
            </Button>
          )}
          {t.can.edit && (
            <Button danger icon={<StopOutlined />} onClick={() => setModal('withdraw')} data-testid="task-withdraw">
              Rút nhiệm vụ
            </Button>
          )}
        </Space>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="Nguồn và nội dung" className="task-section" data-testid="task-source">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="Văn bản">
                {t.document ? (
                  <Link to={`/van-ban-chi-tieu/${t.document.id}`}>
                    {t.document.symbol ? `${t.document.symbol} — ` : ''}
                    {t.document.title}
                  </Link>
                ) : (
                  <span className="cell-muted">Nhiệm vụ thêm bằng tay</span>
                )}
              </Descriptions.Item>
              {t.source?.section && <Descriptions.Item label="Mục">{t.source.section}</Descriptions.Item>}
              <Descriptions.Item label="Đơn vị sở hữu">{t.owner.name}</Descriptions.Item>
              <Descriptions.Item label="Chủ trì">
                <span data-testid="task-lead">{t.lead?.name ?? '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="Phối hợp">
                <span data-testid="task-partners">{t.partners.length ? t.partners.map((p) => p.name).join('; ') : '—'}</span>
              </Descriptions.Item>
              <Descriptions.Item label="Thời hạn">
                <span data-testid="task-timing">{t.timing.label}</span>
                {mine.dueOn && !mine.overdue && <span className="cell-muted"> · hạn gần nhất {formatViDate(mine.dueOn)}</span>}
              </Descriptions.Item>
              {t.targets.length > 0 && (
                <Descriptions.Item label="Chỉ tiêu liên quan">{t.targets.map((g) => g.name).join('; ')}</Descriptions.Item>
              )}
              <Descriptions.Item label="Người tạo">
                {t.createdBy} · {formatViDateTime(t.createdAt)}
              </Descriptions.Item>
            </Descriptions>
            {t.source?.quote && (
              <blockquote className="task-quote" data-testid="task-quote">
                {t.source.quote}
              </blockquote>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`Trạng thái của ${unit.name}`} className="task-section" data-testid="task-own-status">
            {mine.depth > 0 && (
              <Typography.Paragraph type="secondary">
                Được giao ngày {formatViDate(mine.startsOn)} ({mine.assignedBy}).
              </Typography.Paragraph>
            )}
            <StatusHistory statuses={mine.statuses} canReport={t.can.report} onChanged={refresh} />
          </Card>
        </Col>
        {(t.assignees.length > 0 || t.can.assign) && (
          <Col xs={24}>
            <TaskRollUpPanel taskId={t.id} unitId={unit.id} canAssign={t.can.assign} onChanged={refresh} />
          </Col>
        )}
      </Row>

      {modal === 'status' && (
        <StatusModal target={{ assignmentId: mine.id, unit, title: t.title, dueOn: mine.dueOn }} onClose={close} onSaved={refresh} />
      )}
      {modal === 'assign' && (
        <AssignModal
          taskId={t.id}
          title={t.title}
          from={unit}
          already={t.assignees.map((a) => a.unit.id)}
          onClose={close}
          onSaved={(n) => done(`Đã giao nhiệm vụ cho ${n} đơn vị.`)}
        />
      )}
      {modal === 'edit' && <TaskFormModal task={t} unit={t.owner} onClose={close} onSaved={() => done('Đã lưu nhiệm vụ.')} />}
      {modal === 'withdraw' && <WithdrawModal taskId={t.id} onClose={close} onDone={() => done('Đã rút nhiệm vụ.')} />}
    </div>
  );
}

/** Rút nhiệm vụ: always with a reason; its history and evidence stay. */
function WithdrawModal({ taskId, onClose, onDone }: { taskId: number; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const send = useMutation({ mutationFn: () => withdrawTask(taskId, reason.trim()), onSuccess: onDone });
  return (
    <Modal
      open
      title="Rút nhiệm vụ"
      okText="Rút nhiệm vụ"
      okButtonProps={{ danger: true, disabled: reason.trim().length < 5 }}
      cancelText="Hủy"
      confirmLoading={send.isPending}
      onOk={() => send.mutate()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        Nhiệm vụ không còn trong danh sách; trạng thái và minh chứng đã báo cáo được giữ lại. Ghi rõ lý do (ít nhất 5 ký tự).
      </Typography.Paragraph>
      <Input.TextArea autoSize={{ minRows: 3 }} value={reason} onChange={(e) => setReason(e.target.value)} />
      {send.isError && <Alert type="error" showIcon title={errorMessage(send.error)} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
