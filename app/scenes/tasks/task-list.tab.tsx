import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Checkbox, Grid, Input, Pagination, Segmented, Select, Space } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { documentSearchQuery } from '../../api/documents.api.ts';
import { taskExportUrl, taskListQuery, type TaskFilter } from '../../api/tasks.api.ts';
import { ExportButton } from '../../components/registry/export-button.tsx';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { STATUS_OPTIONS } from './task-format.ts';
import { TaskCard } from './task.card.tsx';
import { TaskTable } from './task.table.tsx';

const PAGE_SIZE = 20;
type View = NonNullable<TaskFilter['view']>;

/** Nhiệm vụ: a unit's tasks (own and given to it), filtered and paged on the server, exported as filtered. */
export function TaskListTab({ me }: { me: { id: number; name: string } }) {
  const isNarrow = Grid.useBreakpoint().md === false;
  const [unitId, setUnitId] = useState<number>();
  const [view, setView] = useState<View>('all');
  const [documentId, setDocumentId] = useState<number>();
  const [docText, setDocText] = useState('');
  const docQ = useDebouncedValue(docText.trim(), 300);
  const [status, setStatus] = useState<TaskFilter['status']>();
  const [leadText, setLeadText] = useState('');
  const lead = useDebouncedValue(leadText.normalize('NFC').trim(), 300);
  const [overdue, setOverdue] = useState(false);
  const [dueSoon, setDueSoon] = useState(false);
  const [page, setPage] = useState(1);
  const viewedId = unitId ?? me.id;
  const filter: TaskFilter = {
    unitId: viewedId,
    view,
    documentId,
    status,
    lead: lead || undefined,
    overdue: overdue || undefined,
    dueSoon: dueSoon || undefined,
  };
  const list = useQuery(taskListQuery(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE));
  const documents = useQuery(documentSearchQuery({ unitId: viewedId, q: docQ || undefined, includeAbove: true }));
  const filtered =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };
  const items = list.data?.items ?? [];
  const empty = list.isError ? errorMessage(list.error) : 'Không có nhiệm vụ nào khớp với điều kiện lọc.';

  return (
    <div data-testid="task-list">
      <Space wrap className="registry-filters task-filters">
        <UnitPicker
          value={viewedId}
          initialUnit={me}
          onChange={filtered(setUnitId)}
          className="registry-filter-unit"
          data-testid="tasks-unit"
        />
        <Segmented<View>
          value={view}
          onChange={filtered(setView)}
          options={[
            { value: 'all', label: 'Tất cả' },
            { value: 'owned', label: 'Của đơn vị' },
            { value: 'assigned', label: 'Được giao' },
          ]}
          data-testid="tasks-view"
        />
        <Select
          allowClear
          showSearch={{ searchValue: docText, onSearch: setDocText, filterOption: false }}
          placeholder="Mọi văn bản"
          value={documentId}
          onChange={filtered(setDocumentId)}
          options={(documents.data?.items ?? []).map((d) => ({ value: d.id, label: d.symbol ? `${d.symbol} — ${d.title}` : d.title }))}
          popupMatchSelectWidth={false}
          className="task-filter-document"
          data-testid="tasks-document"
        />
        <Select
          allowClear
          placeholder="Mọi trạng thái"
          value={status}
          onChange={filtered(setStatus)}
          options={[...STATUS_OPTIONS, { value: 'none', label: 'Chưa báo cáo' }]}
          className="task-filter-status"
          data-testid="tasks-status"
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder="Chủ trì (không cần dấu)"
          value={leadText}
          onChange={(e) => {
            setLeadText(e.target.value);
            setPage(1);
          }}
          className="task-filter-lead"
          data-testid="tasks-lead"
        />
        <Checkbox checked={overdue} onChange={(e) => filtered(setOverdue)(e.target.checked)} data-testid="tasks-overdue">
          Quá hạn
        </Checkbox>
        <Checkbox checked={dueSoon} onChange={(e) => filtered(setDueSoon)(e.target.checked)} data-testid="tasks-due-soon">
          Đến hạn trong 30 ngày
        </Checkbox>
        <ExportButton urlFor={(format) => taskExportUrl(format, filter)} testId="tasks-export" />
      </Space>
      {isNarrow ? (
        <div className="task-cards" data-testid="tasks-cards">
          {list.isError && <Alert type="error" showIcon title={empty} />}
          {list.data && items.length === 0 && !list.isError && <div className="cell-muted">{empty}</div>}
          {items.map((t) => (
            <TaskCard key={t.assignmentId} t={t} unitId={viewedId} />
          ))}
        </div>
      ) : (
        <TaskTable items={items} loading={list.isFetching} empty={empty} unitId={viewedId} />
      )}
      <Pagination
        className="task-pager"
        current={page}
        pageSize={PAGE_SIZE}
        total={list.data?.total ?? 0}
        onChange={setPage}
        showSizeChanger={false}
        showTotal={(total) => `${total.toLocaleString('vi-VN')} nhiệm vụ`}
        size="small"
        hideOnSinglePage={false}
        data-testid="tasks-pager"
      />
    </div>
  );
}
