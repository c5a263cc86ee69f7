import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tag } from 'antd';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { taskListQuery, taskPath, type TaskListResult } from '../../api/tasks.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import './tasks.css';

const SHOWN = 5;

/** On Tổng quan: the unit's overdue tasks and those due within 30 days (nothing when there are none). */
export function TaskDeadlinesPanel({ unitId }: { unitId: number | undefined }) {
  const overdue = useQuery({ ...taskListQuery({ unitId, overdue: true }, 0, SHOWN), enabled: unitId !== undefined });
  const soon = useQuery({ ...taskListQuery({ unitId, dueSoon: true }, 0, SHOWN), enabled: unitId !== undefined });
  const error = overdue.error ?? soon.error;
  if (error) return <Alert type="warning" showIcon title={`Chưa tải được nhiệm vụ: ${errorMessage(error)}`} className="task-deadlines" />;
  if (!overdue.data || !soon.data || overdue.data.total + soon.data.total === 0) return null;
  return (
    <Card
      size="small"
      title="Nhiệm vụ cần chú ý"
      extra={<Link to="/nhiem-vu?tab=danh-sach">Xem tất cả nhiệm vụ</Link>}
      className="task-deadlines"
      data-testid="task-deadlines"
    >
      <div className="task-deadlines-columns">
        <DeadlineList title="Quá hạn" color="red" list={overdue.data} unitId={unitId!} testId="task-deadlines-overdue" />
        <DeadlineList title="Đến hạn trong 30 ngày" color="orange" list={soon.data} unitId={unitId!} testId="task-deadlines-soon" />
      </div>
    </Card>
  );
}

function DeadlineList({
  title,
  color,
  list,
  unitId,
  testId,
}: {
  title: string;
  color: string;
  list: TaskListResult;
  unitId: number;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <div>
        <Tag color={color}>
          {title}: {list.total}
        </Tag>
      </div>
      {list.total === 0 ? (
        <div className="cell-muted">Không có.</div>
      ) : (
        <ul className="task-deadlines-list">
          {list.items.map((t) => (
            <li key={t.assignmentId}>
              <Link to={taskPath(t.taskId, unitId)}>{t.title}</Link>
              <div className="cell-muted">
                {t.dueOn ? `Hạn ${formatViDate(t.dueOn)}` : t.timing.label}
                {t.direct.assignees > 0 ? ` · ${t.direct.label}` : ` · ${t.statusLabel}`}
              </div>
            </li>
          ))}
          {list.total > list.items.length && <li className="cell-muted">và {list.total - list.items.length} nhiệm vụ khác</li>}
        </ul>
      )}
    </div>
  );
}
