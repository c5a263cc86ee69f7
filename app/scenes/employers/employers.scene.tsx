import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, InputNumber, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { employerExportUrl, employersQuery, registryKeys, type EmployerFilter, type EmployerItem } from '../../api/registry.api.ts';
import { CursorTable } from '../../components/registry/cursor-table.tsx';
import { formatCount } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import {
  ImportButton,
  NameCell,
  RegistryListShell,
  SearchFilter,
  SectorFilter,
  UnitFilter,
} from '../../components/registry/registry-list.shell.tsx';
import { useCursorList } from '../../components/registry/use-cursor-list.hook.ts';
import { useListSort, useSearchText } from '../../components/registry/use-registry-filters.hook.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { EmployerFormModal } from './employer-form.modal.tsx';
import '../../components/registry/registry.css';

export default function EmployersScene() {
  useDocumentTitle('Doanh nghiệp');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { canWrite } = useRegistryAccess();
  const { text, setText, q } = useSearchText();
  const [unitId, setUnitId] = useState<number>();
  const [sector, setSector] = useState<string>();
  const [hasCdcs, setHasCdcs] = useState<boolean>();
  const [minWorkersText, setMinWorkers] = useState<number | null>(null);
  const minWorkers = useDebouncedValue(minWorkersText ?? undefined, 400);
  const { sort, sorting } = useListSort<NonNullable<EmployerFilter['sort']>>('name', {
    name: { value: 'name', direction: 'ascend', hint: 'Sắp xếp theo tên doanh nghiệp (A→Z)' },
    workers: { value: 'workers', direction: 'descend', hint: 'Sắp xếp theo số lao động, đông nhất trước' },
  });
  const filter: EmployerFilter = { q, unitId, sector, hasCdcs, minWorkers, sort };
  const { tableProps } = useCursorList(filter, employersQuery, 'Không có doanh nghiệp nào khớp với điều kiện lọc.');
  const [editing, setEditing] = useState<EmployerItem | null>();

  return (
    <RegistryListShell
      testId="employers-scene"
      title="Doanh nghiệp"
      description="Đơn vị sử dụng lao động trên địa bàn, số lao động và tình trạng thành lập công đoàn cơ sở."
      actions={
        canWrite && (
          <Space>
            <ImportButton path="/doanh-nghiep/nhap" testId="employers-import" />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="employer-create">
              Thêm doanh nghiệp
            </Button>
          </Space>
        )
      }
      filters={
        <>
          <SearchFilter
            placeholder="Tên (không cần dấu) hoặc mã số thuế"
            value={text}
            onChange={setText}
            width={300}
            testId="employers-search"
          />
          <UnitFilter value={unitId} onChange={setUnitId} />
          <SectorFilter value={sector} onChange={setSector} />
          <InputNumber
            min={0}
            placeholder="Từ N lao động trở lên"
            value={minWorkersText}
            onChange={(v) => setMinWorkers(v)}
            style={{ width: 200 }}
            data-testid="employers-min-workers"
          />
          <Select
            value={hasCdcs === undefined ? 'all' : hasCdcs ? 'yes' : 'no'}
            onChange={(v: string) => setHasCdcs(v === 'all' ? undefined : v === 'yes')}
            style={{ width: 170 }}
            data-testid="employers-has-cdcs"
            options={[
              { value: 'all', label: 'Có hoặc chưa có CĐCS' },
              { value: 'no', label: 'Chưa có CĐCS' },
              { value: 'yes', label: 'Đã có CĐCS' },
            ]}
          />
        </>
      }
      total={{ filter, exportUrl: employerExportUrl, resource: 'employers', noun: 'doanh nghiệp' }}
      table={
        <CursorTable<EmployerItem>
          testId="employers-table"
          sort={sorting}
          {...tableProps}
          columns={[
            {
              title: 'Doanh nghiệp',
              key: 'name',
              render: (_, e) => (
                <NameCell name={e.name}>
                  MST {e.taxCode}
                  {e.industry ? ` · ${e.industry}` : ''}
                </NameCell>
              ),
            },
            { title: 'Khu vực', dataIndex: 'sectorLabel', width: 150 },
            {
              title: 'Địa bàn',
              key: 'area',
              render: (_, e) => [e.communeName, e.provinceName].filter(Boolean).join(', ') || e.areaUnit.name,
            },
            {
              title: 'Lao động',
              key: 'workers',
              onCell: (e) => ({ 'data-testid': `employer-workers-${e.id}` }) as React.HTMLAttributes<HTMLElement>,
              width: 130,
              align: 'right',
              render: (_, e) => (
                <div className="cell-number">
                  {formatCount(e.workers)}
                  {e.womenWorkers !== null && <div className="cell-muted">nữ {formatCount(e.womenWorkers)}</div>}
                  {e.workersCountedOn && <div className="cell-muted">đến {formatViDate(e.workersCountedOn)}</div>}
                </div>
              ),
            },
            { title: 'Công đoàn cơ sở', key: 'cdcs', render: (_, e) => (e.cdcs ? e.cdcs.name : <Tag color="orange">Chưa có CĐCS</Tag>) },
            ...(canWrite
              ? [
                  {
                    title: '',
                    key: 'edit',
                    width: 56,
                    render: (_: unknown, e: EmployerItem) => (
                      <Button type="text" icon={<EditOutlined />} aria-label="Sửa" onClick={() => setEditing(e)} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      }
    >
      {editing !== undefined && (
        <EmployerFormModal
          key={editing?.id ?? 'new'}
          employer={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            void queryClient.invalidateQueries({ queryKey: registryKeys.employers });
            void message.success(`Đã lưu ${saved.name}.`);
          }}
        />
      )}
    </RegistryListShell>
  );
}
