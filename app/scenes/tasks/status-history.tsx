import { Empty, Tag, Timeline } from 'antd';
import type { TaskStatusEntry } from '../../api/tasks.api.ts';
import { formatViDateTime } from '../admin/date-time.ts';
import { EvidenceList, EvidenceUploader } from './task-evidence.tsx';
import { statusColor } from './task-format.ts';

const REPORT_STATE: Record<string, { label: string; color: string }> = {
  submitted: { label: 'Đã gửi cùng báo cáo định kỳ', color: 'blue' },
  returned: { label: 'Báo cáo bị trả lại', color: 'orange' },
  accepted: { label: 'Đã duyệt cùng báo cáo định kỳ', color: 'green' },
};

/** While the period's report is sent or accepted, its statuses and files are locked (the server says so too). */
export const isLocked = (s: Pick<TaskStatusEntry, 'reportState'>) => s.reportState === 'submitted' || s.reportState === 'accepted';

/**
 * A unit's statuses, latest period first: each with its comment, who set it and when, the report
 * it went with, and its evidence. The current status of an open period takes more files when the
 * viewer reports for this unit.
 */
export function StatusHistory({
  statuses,
  canReport,
  onChanged,
}: {
  statuses: TaskStatusEntry[];
  canReport: boolean;
  onChanged: () => void;
}) {
  if (statuses.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="Đơn vị chưa báo cáo trạng thái nào." />;
  return (
    <Timeline
      className="task-history"
      items={statuses.map((s) => {
        const open = canReport && s.isCurrent && !isLocked(s);
        return {
          key: s.id,
          color: s.isCurrent ? 'blue' : 'gray',
          content: (
            <div className={`task-history-entry${s.isCurrent ? '' : ' is-superseded'}`} data-testid={`status-entry-${s.id}`}>
              <div className="task-history-head">
                <Tag color={statusColor(s.status)}>{s.statusLabel}</Tag>
                <strong>{s.periodLabel}</strong>
                {!s.isCurrent && <span className="cell-muted">(đã thay bằng trạng thái sau)</span>}
                {s.reportState && <Tag color={REPORT_STATE[s.reportState]?.color}>{REPORT_STATE[s.reportState]?.label}</Tag>}
              </div>
              {s.comment && (
                <div className="task-comment" data-testid="status-comment">
                  {s.comment}
                </div>
              )}
              <div className="cell-muted">
                {s.setBy} · {formatViDateTime(s.setAt)}
              </div>
              <EvidenceList items={s.evidence} canDelete={open} onChanged={onChanged} />
              {open && <EvidenceUploader statusId={s.id} onUploaded={onChanged} />}
            </div>
          ),
        };
      })}
    />
  );
}
