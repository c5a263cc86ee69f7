import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { DatePicker, Select, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { auditQuery, type AuditFilter, type AuditItem } from '../../api/audit.api.ts';
import { meQuery } from '../../api/auth.api.ts';
import { usersQuery } from '../../api/users.api.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { AuditDiffPanel } from './audit-diff.panel.tsx';
import { auditActionLabel, auditActionOptions, auditEntityLabel, capturedName } from './audit-actions.ts';
import type { AuditNameContext } from './audit-diff.ts';
import { formatViDateTime } from './date-time.ts';
import { UnitPicker } from './unit-picker.field.tsx';
import './admin.css';
import { RegistryListShell } from '../../components/registry/registry-list.shell.tsx';
import { LoadMore } from '../../components/load-more.tsx';

const ACTION_OPTIONS = auditActionOptions();

/** Picks an account by typing part of its name (only for those who may list accounts). */
function UserFilter({ value, onChange }: { value?: number; onChange: (id: number | undefined) => void }) {
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.trim(), 300);
  const users = useQuery(usersQuery({ q: q || undefined, page: 1, pageSize: 20 }));
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder="Người thực hiện"
      style={{ width: 210 }}
      value={value}
      onChange={(id: number | undefined) => onChange(id)}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
      data-testid="audit-user-filter"
    />
  );
}

function mergeNames(
  pages: (AuditNameContext & { entities: Record<string, string> })[],
): AuditNameContext & { entities: Record<string, string> } {
  const merged = { entities: {}, units: {}, unitCodes: {}, elements: {}, templates: {} };
  for (const page of pages) for (const key of Object.keys(merged) as (keyof typeof merged)[]) Object.assign(merged[key], page?.[key]);
  return merged;
}

export default function AuditScene() {
  useDocumentTitle('Nhật ký');
  const me = useQuery(meQuery());
  const canListUsers = me.data?.permissions.includes('users.manage') ?? false;
  const [filter, setFilter] = useState<AuditFilter>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const audit = useInfiniteQuery(auditQuery(filter));
  const rows = audit.data?.pages.flatMap((p) => p.items) ?? [];
  // Each page brings the names of what its rows mention; the pages' names together serve every row.
  const names = mergeNames(audit.data?.pages.map((p) => p.names) ?? []);
  const set = (patch: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <RegistryListShell
      testId="audit-scene"
      title="Nhật ký"
      description="Mọi thao tác ghi dữ liệu, đăng nhập và xem dữ liệu cá nhân trong đơn vị bạn và các đơn vị trực thuộc; giờ Việt Nam."
      filtersClassName="table-filters"
      filters={
        <>
          {canListUsers && <UserFilter value={filter.userId} onChange={(userId) => set({ userId })} />}
          <UnitPicker
            allowClear
            placeholder="Đơn vị"
            value={filter.unitId}
            onChange={(unitId) => set({ unitId })}
            className="filter-unit-narrow"
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Loại thao tác"
            style={{ width: 230 }}
            options={ACTION_OPTIONS}
            value={filter.action}
            onChange={(action: string | undefined) => set({ action })}
            data-testid="audit-action-filter"
          />
          <DatePicker.RangePicker
            format={VI_DATE_FORMAT}
            placeholder={['Từ ngày', 'Đến ngày']}
            value={range}
            onChange={(value) => {
              setRange(value);
              set({ from: value?.[0]?.format('YYYY-MM-DD'), to: value?.[1]?.format('YYYY-MM-DD') });
            }}
          />
        </>
      }
      table={
        <>
          <Table<AuditItem>
            rowKey="id"
            size="middle"
            loading={audit.isFetching && !audit.isFetchingNextPage}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: audit.isError ? errorMessage(audit.error) : 'Không có dòng nhật ký nào khớp với điều kiện lọc.' }}
            onRow={(item) => ({ 'data-testid': `audit-row-${item.action}` }) as React.HTMLAttributes<HTMLElement>}
            expandable={{ expandedRowRender: (item) => <AuditDiffPanel item={item} names={names} />, expandRowByClick: true }}
            columns={[
              {
                title: 'Thời gian',
                key: 'at',
                width: 170,
                render: (_, item) => <span className="cell-nowrap">{formatViDateTime(item.at)}</span>,
              },
              {
                title: 'Người thực hiện',
                key: 'actor',
                render: (_, item) =>
                  item.actorName ? `${item.actorName} (${item.actor})` : item.actor === 'hệ thống' ? 'Hệ thống' : item.actor,
              },
              {
                title: 'Thao tác',
                key: 'action',
                render: (_, item) => <span data-testid="audit-action">{auditActionLabel(item.action)}</span>,
              },
              { title: 'Đơn vị', key: 'unit', render: (_, item) => item.unit?.name ?? '' },
              {
                title: 'Đối tượng',
                key: 'entity',
                render: (_, item) => (
                  <span data-testid="audit-entity">
                    {auditEntityLabel(
                      item.entityType,
                      item.entityId,
                      names.entities[String(item.id)] ?? capturedName(item.before, item.after),
                    )}
                  </span>
                ),
              },
            ]}
          />
          <LoadMore list={audit} shown={rows.length} noun="dòng" testId="audit-more" />
        </>
      }
    />
  );
}
