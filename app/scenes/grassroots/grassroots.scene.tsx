import { SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { grassrootsExportUrl, grassrootsQuery, type GrassrootsFilter, type GrassrootsItem } from '../../api/registry.api.ts';
import { CursorTable, type CursorTableSort } from '../../components/registry/cursor-table.tsx';
import { ExportButton } from '../../components/registry/export-button.tsx';
import { SECTOR_OPTIONS, blankToUndefined, formatCount } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { useCursorPages } from '../../components/registry/use-cursor-pages.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { GrassrootsProfileDrawer } from './grassroots-profile.drawer.tsx';
import { ListTotal } from '../../components/list-total.tsx';
import '../../components/registry/registry.css';

const PAGE_SIZE = 50;

export default function GrassrootsScene() {
  useDocumentTitle('Công đoàn cơ sở');
  const [text, setText] = useState('');
  const q = useDebouncedValue(blankToUndefined(text), 300);
  const [unitId, setUnitId] = useState<number>();
  const [sector, setSector] = useState<string>();
  const [status, setStatus] = useState<GrassrootsFilter['status']>('active');
  const [sort, setSort] = useState<NonNullable<GrassrootsFilter['sort']>>('name');
  const filter: GrassrootsFilter = { q, unitId, sector, status, sort: sort === 'name' ? undefined : sort };
  const { canWrite } = useRegistryAccess();
  const navigate = useNavigate();
  const sorting: CursorTableSort<NonNullable<GrassrootsFilter['sort']>> = {
    value: sort,
    defaultValue: 'name',
    onChange: setSort,
    columns: {
      name: { value: 'name', direction: 'ascend', hint: 'Sắp xếp theo tên công đoàn cơ sở (A→Z)' },
      founded: { value: 'founded', direction: 'descend', hint: 'Sắp xếp theo ngày thành lập, mới nhất trước' },
    },
  };
  const pages = useCursorPages(JSON.stringify(filter));
  const list = useQuery(grassrootsQuery({ filter, after: pages.after, limit: PAGE_SIZE }));
  const [openId, setOpenId] = useState<number>();

  return (
    <div className="scene" data-testid="grassroots-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Công đoàn cơ sở</h1>
          <Typography.Text type="secondary">
            Công đoàn cơ sở thuộc đơn vị bạn: doanh nghiệp, ngày thành lập, chủ tịch và số đoàn viên đang sinh hoạt.
          </Typography.Text>
        </div>
        {canWrite && (
          <Button icon={<UploadOutlined />} onClick={() => navigate('/cong-doan-co-so/nhap')} data-testid="grassroots-import">
            Nhập từ Excel
          </Button>
        )}
      </div>
      <Card>
        <Space wrap className="registry-filters">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Tên công đoàn cơ sở (không cần dấu)"
            value={text}
            onChange={(e) => setText(e.target.value)}
            style={{ width: 300 }}
            data-testid="grassroots-search"
          />
          <UnitPicker allowClear placeholder="Lọc theo đơn vị" value={unitId} onChange={setUnitId} className="registry-filter-unit" />
          <Select
            allowClear
            placeholder="Khu vực"
            value={sector}
            onChange={setSector}
            style={{ width: 220 }}
            options={[...SECTOR_OPTIONS]}
          />
          <Select
            value={status ?? 'all'}
            onChange={(v: string) => setStatus(v === 'all' ? undefined : (v as GrassrootsFilter['status']))}
            style={{ width: 170 }}
            options={[
              { value: 'active', label: 'Đang hoạt động' },
              { value: 'dissolved', label: 'Đã giải thể' },
              { value: 'all', label: 'Mọi trạng thái' },
            ]}
          />
          <ExportButton urlFor={(format) => grassrootsExportUrl(format, filter)} testId="grassroots-export" />
          <ListTotal resource="grassroots" path="/api/grassroots" filter={{ ...filter, sort: undefined }} noun="công đoàn cơ sở" />
        </Space>
        <CursorTable<GrassrootsItem>
          testId="grassroots-table"
          sort={sorting}
          rowKey="id"
          size="middle"
          loading={list.isFetching}
          items={list.data?.items}
          nextCursor={list.data?.nextCursor}
          stack={pages.stack}
          pageSize={PAGE_SIZE}
          onNext={pages.next}
          onPrevious={pages.previous}
          onFirst={pages.first}
          rowClassName="registry-row"
          onRow={(g) => ({ onClick: () => setOpenId(g.id), 'data-testid': `cdcs-row-${g.id}` }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: list.isError ? errorMessage(list.error) : 'Không có công đoàn cơ sở nào khớp với điều kiện lọc.' }}
          columns={[
            {
              title: 'Công đoàn cơ sở',
              key: 'name',
              render: (_, g) => (
                <div>
                  <div className="cell-strong">{g.name}</div>
                  <span className="cell-muted">
                    {g.code} · {g.parent.name}
                  </span>
                </div>
              ),
            },
            { title: 'Khu vực', dataIndex: 'sectorLabel', width: 150 },
            {
              title: 'Doanh nghiệp',
              key: 'employer',
              render: (_, g) => g.employer?.name ?? <Typography.Text type="secondary">Chưa gắn</Typography.Text>,
            },
            {
              title: 'Đoàn viên',
              key: 'members',
              width: 100,
              align: 'right',
              render: (_, g) => <span className="cell-number">{formatCount(g.members)}</span>,
            },
            { title: 'Thành lập', key: 'founded', width: 110, render: (_, g) => formatViDate(g.foundedOn) },
            { title: 'Chủ tịch', dataIndex: 'chairName', width: 170 },
            {
              title: 'Trạng thái',
              key: 'status',
              width: 140,
              render: (_, g) => <Tag color={g.status === 'dissolved' ? 'default' : 'green'}>{g.statusLabel}</Tag>,
            },
          ]}
        />
      </Card>
      {openId !== undefined && <GrassrootsProfileDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </div>
  );
}
