import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Popconfirm, Progress, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { assignmentQuery, rollUpQuery, unassignTask, type RollUpItem } from '../../api/tasks.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { formatViDateTime } from '../admin/date-time.ts';
import { StatusHistory } from './status-history.tsx';
import { statusColor } from './task-format.ts';
import { DueTags } from './task.card.tsx';

interface Props {
  taskId: number;
  /** The unit looking: its own assignees (and, with "mọi cấp", theirs). */
  unitId: number;
  canAssign: boolean;
  onChanged: () => void;
}

/**
 * Đơn vị được giao: how many of them completed the task ("1/3 hoàn thành"), how many are overdue
 * (counted, never averaged), each unit with its status and comment, overdue first; a unit opens
 * its history and evidence.
 */
export function TaskRollUpPanel({ taskId, unitId, canAssign, onChanged }: Props) {
  const { message } = App.useApp();
  const [allLevels, setAllLevels] = useState(false);
  const [open, setOpen] = useState<RollUpItem>();
  const rollUp = useQuery(rollUpQuery(taskId, unitId, allLevels ? 'all' : 'direct'));
  const c = rollUp.data?.counts;

  const takeBack = async (item: RollUpItem) => {
    try {
      await unassignTask(item.assignmentId);
      void message.success(`Đã thu hồi nhiệm vụ đã giao cho ${item.unit.name}.`);
      onChanged();
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };

  return (
    <Card
      size="small"
      title="Đơn vị được giao"
      extra={
        <Space size={6}>
          <Switch size="small" checked={allLevels} onChange={setAllLevels} data-testid="rollup-all-levels" />
          <span>Mọi cấp</span>
        </Space>
      }
      className="task-section"
      data-testid="task-rollup"
    >
      {rollUp.isError && <Alert type="error" showIcon title={errorMessage(rollUp.error)} />}
      {c && c.assignees === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Chưa giao nhiệm vụ này cho đơn vị nào." />}
      {c && c.assignees > 0 && (
        <>
          <div className="rollup-summary">
            <div>
              <div className="rollup-share" data-testid="rollup-share">
                {c.label}
              </div>
              <Progress percent={Math.round((c.completedShare ?? 0) * 100)} showInfo={false} size="small" strokeColor="#389e0d" />
            </div>
            <Space wrap size={4}>
              {c.overdue > 0 && (
                <Tag color="red" data-testid="rollup-overdue-count">
                  {c.overdue} đơn vị quá hạn
                </Tag>
              )}
              {STATUS_ORDER.filter((k) => (c.byStatus[k] ?? 0) > 0).map((k) => (
                <Tag key={k} color={k === 'none' ? 'default' : statusColor(k)}>
                  {BY_STATUS_LABEL[k]}: {c.byStatus[k]}
                </Tag>
              ))}
            </Space>
          </div>
          <div className="rollup-rows">
            {rollUp.data?.items.map((item) => (
              <div
                key={item.assignmentId}
                className={`rollup-row${item.overdue ? ' is-overdue' : ''}`}
                data-testid={`rollup-row-${item.unit.id}`}
              >
                <div className="rollup-unit">
                  <button type="button" className="link-button" onClick={() => setOpen(item)} data-testid={`rollup-open-${item.unit.id}`}>
                    {item.unit.name}
                  </button>
                  {item.depth > 1 && <span className="cell-muted"> (cấp {item.depth})</span>}
                </div>
                <div className="rollup-status">
                  <Tag color={statusColor(item.status)}>
                    {item.statusLabel}
                    {item.statusPeriod ? ` · ${item.statusPeriod}` : ''}
                  </Tag>
                  {item.overdue && (
                    <Tag color="red" data-testid={`rollup-overdue-${item.unit.id}`}>
                      Quá hạn{item.dueOn ? ` (${formatViDate(item.dueOn)})` : ''}
                    </Tag>
                  )}
                </div>
                <div className="rollup-comment">
                  {item.comment ? (
                    <span data-testid={`rollup-comment-${item.unit.id}`}>{item.comment}</span>
                  ) : (
                    <span className="cell-muted">Chưa có nhận xét</span>
                  )}
                  {item.evidenceCount > 0 && <span className="cell-muted"> · {item.evidenceCount} tệp minh chứng</span>}
                </div>
                <div className="rollup-actions">
                  <Button size="small" onClick={() => setOpen(item)}>
                    Xem chi tiết
                  </Button>
                  {canAssign && item.depth === 1 && !item.status && (
                    <Popconfirm
                      title={`Thu hồi nhiệm vụ đã giao cho ${item.unit.name}?`}
                      okText="Thu hồi"
                      cancelText="Không"
                      onConfirm={() => void takeBack(item)}
                    >
                      <Button size="small" danger>
                        Thu hồi
                      </Button>
                    </Popconfirm>
                  )}
                </div>
              </div>
            ))}
          </div>
        </>
      )}
      {open && <AssignmentDrawer assignmentId={open.assignmentId} name={open.unit.name} onClose={() => setOpen(undefined)} />}
    </Card>
  );
}

const STATUS_ORDER = ['done', 'in_progress', 'late', 'not_started', 'dropped', 'none'] as const;
const BY_STATUS_LABEL: Record<(typeof STATUS_ORDER)[number], string> = {
  done: 'Hoàn thành',
  in_progress: 'Đang thực hiện',
  late: 'Chậm',
  not_started: 'Chưa triển khai',
  dropped: 'Không thực hiện',
  none: 'Chưa báo cáo',
};

/** Drill-down: one assignee's statuses period by period, its comments and its files. */
function AssignmentDrawer({ assignmentId, name, onClose }: { assignmentId: number; name: string; onClose: () => void }) {
  const a = useQuery(assignmentQuery(assignmentId));
  return (
    <Drawer open size="min(640px, 100vw)" title={name} onClose={onClose} destroyOnHidden data-testid="assignment-drawer">
      {a.isError && <Alert type="error" showIcon title={errorMessage(a.error)} />}
      {a.data && (
        <>
          <Descriptions size="small" column={1} bordered className="task-section">
            <Descriptions.Item label="Trạng thái">
              <Tag color={statusColor(a.data.status)}>{a.data.statusLabel}</Tag>
              <DueTags t={a.data} />
            </Descriptions.Item>
            <Descriptions.Item label="Được giao">
              {formatViDate(a.data.startsOn)} · {a.data.assignedBy} · {formatViDateTime(a.data.assignedAt)}
            </Descriptions.Item>
            {a.data.below.assignees > 0 && (
              <Descriptions.Item label="Đã giao tiếp">
                {a.data.below.label}
                {a.data.below.overdue > 0 ? ` · ${a.data.below.overdue} quá hạn` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          <h3 className="task-subheading">Trạng thái theo kỳ, nhận xét và minh chứng</h3>
          <StatusHistory statuses={a.data.statuses} canReport={false} onChanged={() => void a.refetch()} />
        </>
      )}
    </Drawer>
  );
}
