import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Empty, Pagination, Segmented, Spin } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { taskKeys, taskListQuery, type TaskListItem } from '../../api/tasks.api.ts';
import { StatusModal, type StatusTarget } from './status.modal.tsx';
import { TaskCard } from './task.card.tsx';

const PAGE_SIZE = 20;
type Due = 'all' | 'overdue' | 'soon';

/**
 * Nhiệm vụ của đơn vị: what the levels above gave this unit, overdue first, each with its status
 * and a button to report it — cards, so a CĐCS or commune officer works from a phone.
 */
export function MyTasksTab({ me, canReport }: { me: { id: number; name: string }; canReport: boolean }) {
  const queryClient = useQueryClient();
  const [due, setDue] = useState<Due>('all');
  const [page, setPage] = useState(1);
  const [reporting, setReporting] = useState<StatusTarget>();
  const list = useQuery(
    taskListQuery(
      { unitId: me.id, view: 'assigned', overdue: due === 'overdue' || undefined, dueSoon: due === 'soon' || undefined },
      (page - 1) * PAGE_SIZE,
      PAGE_SIZE,
    ),
  );
  const open = (t: TaskListItem) => setReporting({ assignmentId: t.assignmentId, unit: me, title: t.title, dueOn: t.dueOn });

  return (
    <div data-testid="my-tasks">
      <Segmented<Due>
        className="task-due-filter"
        value={due}
        onChange={(v) => {
          setDue(v);
          setPage(1);
        }}
        options={[
          { value: 'all', label: 'Tất cả' },
          { value: 'overdue', label: 'Quá hạn' },
          { value: 'soon', label: 'Đến hạn trong 30 ngày' },
        ]}
        data-testid="my-tasks-due"
      />
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      {list.isPending && <Spin className="app-loading" />}
      {list.data && list.data.items.length === 0 && (
        <Empty
          description={due === 'all' ? `${me.name} chưa được cấp trên giao nhiệm vụ nào.` : 'Không có nhiệm vụ nào khớp với điều kiện lọc.'}
        />
      )}
      <div className="task-cards">
        {list.data?.items.map((t) => (
          <TaskCard
            key={t.assignmentId}
            t={t}
            unitId={me.id}
            actions={
              canReport &&
              !t.withdrawn && (
                <Button
                  type={t.status ? 'default' : 'primary'}
                  icon={<EditOutlined />}
                  onClick={() => open(t)}
                  data-testid={`task-report-${t.taskId}`}
                >
                  {t.status ? 'Cập nhật trạng thái' : 'Báo cáo trạng thái'}
                </Button>
              )
            }
          />
        ))}
      </div>
      {list.data && list.data.total > PAGE_SIZE && (
        <Pagination
          className="task-pager"
          current={page}
          pageSize={PAGE_SIZE}
          total={list.data.total}
          onChange={setPage}
          showSizeChanger={false}
          size="small"
        />
      )}
      {reporting && (
        <StatusModal
          target={reporting}
          onClose={() => setReporting(undefined)}
          onSaved={() => void queryClient.invalidateQueries({ queryKey: taskKeys.all })}
        />
      )}
    </div>
  );
}
