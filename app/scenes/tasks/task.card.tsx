import { Card, Tag } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { taskPath, type TaskListItem } from '../../api/tasks.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { statusColor } from './task-format.ts';

/** Quá hạn / Đến hạn trong 30 ngày, with the day. */
export function DueTags({ t }: { t: Pick<TaskListItem, 'overdue' | 'dueSoon' | 'dueOn'> }) {
  if (t.overdue)
    return (
      <Tag color="red" data-testid="task-overdue">
        Quá hạn{t.dueOn ? ` (${formatViDate(t.dueOn)})` : ''}
      </Tag>
    );
  if (t.dueSoon)
    return (
      <Tag color="orange" data-testid="task-due-soon">
        Đến hạn {t.dueOn ? formatViDate(t.dueOn) : 'trong 30 ngày'}
      </Tag>
    );
  return null;
}

/** The list's line for the units it was given to: "1/3 hoàn thành (33,3%) · 2 quá hạn". */
export function AssigneesLine({ t }: { t: Pick<TaskListItem, 'direct'> }) {
  if (t.direct.assignees === 0) return null;
  return (
    <span data-testid="task-assignees">
      {t.direct.label}
      {t.direct.overdue > 0 && (
        <Tag color="red" className="task-inline-tag">
          {t.direct.overdue} quá hạn
        </Tag>
      )}
    </span>
  );
}

/** One task as a card: what a phone shows instead of a table row. */
export function TaskCard({ t, unitId, actions }: { t: TaskListItem; unitId: number; actions?: ReactNode }) {
  return (
    <Card size="small" className={`task-card${t.overdue ? ' is-overdue' : ''}`} data-testid={`task-card-${t.taskId}`}>
      <Link to={taskPath(t.taskId, unitId)} className="task-card-title" data-testid={`task-open-${t.taskId}`}>
        {t.title}
      </Link>
      <div className="task-card-tags">
        <Tag color={statusColor(t.status)} data-testid="task-status">
          {t.statusLabel}
          {t.statusPeriod ? ` · ${t.statusPeriod}` : ''}
        </Tag>
        <DueTags t={t} />
        <span className="cell-muted">{t.timing.label}</span>
      </div>
      <div className="cell-muted">
        {t.assignedFrom ? `Được giao từ ${t.assignedFrom.name}` : t.isOwn ? 'Nhiệm vụ của đơn vị' : t.owner.name}
        {t.document && ` · ${t.document.symbol ?? t.document.title}`}
      </div>
      {t.lead && (
        <div className="cell-muted">
          Chủ trì: {t.lead.name}
          {t.partners.length > 0 && ` · Phối hợp: ${t.partners.join(', ')}`}
        </div>
      )}
      <AssigneesLine t={t} />
      {actions && <div className="task-card-actions">{actions}</div>}
    </Card>
  );
}
