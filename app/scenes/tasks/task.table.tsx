import { Table, Tag } from 'antd';
import { Link } from 'react-router';
import { taskPath, type TaskListItem } from '../../api/tasks.api.ts';
import { statusColor } from './task-format.ts';
import { AssigneesLine, DueTags } from './task.card.tsx';

/** The task list on a wide screen: one row a task, its unit's status and whom it was given to. */
export function TaskTable({
  items,
  loading,
  empty,
  unitId,
}: {
  items: TaskListItem[];
  loading: boolean;
  empty: string;
  /** The unit the list is viewed as: the task opens as seen from it. */
  unitId: number;
}) {
  return (
    <Table<TaskListItem>
      rowKey="assignmentId"
      size="middle"
      loading={loading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: empty }}
      onRow={(t) => ({ 'data-testid': `task-row-${t.taskId}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: 'Nhiệm vụ',
          key: 'title',
          render: (_, t) => (
            <div>
              <Link to={taskPath(t.taskId, unitId)} className="cell-strong" data-testid={`task-open-${t.taskId}`}>
                {t.title}
              </Link>
              <div className="cell-muted">
                {t.assignedFrom ? `Được giao từ ${t.assignedFrom.name}` : t.owner.name}
                {t.document && ` · ${t.document.symbol ?? t.document.title}`}
              </div>
            </div>
          ),
        },
        {
          title: 'Chủ trì, phối hợp',
          key: 'lead',
          width: 220,
          render: (_, t) => (
            <div>
              {t.lead?.name ?? <span className="cell-muted">—</span>}
              {t.partners.length > 0 && <div className="cell-muted">Phối hợp: {t.partners.join(', ')}</div>}
            </div>
          ),
        },
        {
          title: 'Thời hạn',
          key: 'timing',
          width: 170,
          render: (_, t) => (
            <div>
              {t.timing.label}
              <div>
                <DueTags t={t} />
              </div>
            </div>
          ),
        },
        {
          title: 'Trạng thái của đơn vị',
          key: 'status',
          width: 170,
          render: (_, t) => (
            <Tag color={statusColor(t.status)}>
              {t.statusLabel}
              {t.statusPeriod ? ` · ${t.statusPeriod}` : ''}
            </Tag>
          ),
        },
        {
          title: 'Đơn vị được giao',
          key: 'assignees',
          width: 200,
          render: (_, t) => (t.direct.assignees > 0 ? <AssigneesLine t={t} /> : <span className="cell-muted">—</span>),
        },
      ]}
    />
  );
}
