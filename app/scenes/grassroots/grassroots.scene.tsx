import { Tag, Typography } from 'antd';
import { useState } from 'react';
import { grassrootsExportUrl, grassrootsQuery, type GrassrootsFilter, type GrassrootsItem } from '../../api/registry.api.ts';
import { CursorTable } from '../../components/registry/cursor-table.tsx';
import { formatCount } from '../../components/registry/registry-format.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import {
  ImportButton,
  NameCell,
  RegistryListShell,
  SearchFilter,
  SectorFilter,
  StatusFilter,
  UnitFilter,
  openingRows,
} from '../../components/registry/registry-list.shell.tsx';
import { useCursorList } from '../../components/registry/use-cursor-list.hook.ts';
import { useListSort, useSearchText } from '../../components/registry/use-registry-filters.hook.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { GrassrootsProfileDrawer } from './grassroots-profile.drawer.tsx';
import '../../components/registry/registry.css';

export default function GrassrootsScene() {
  useDocumentTitle('Công đoàn cơ sở');
  const { text, setText, q } = useSearchText();
  const [unitId, setUnitId] = useState<number>();
  const [sector, setSector] = useState<string>();
  const [status, setStatus] = useState<GrassrootsFilter['status']>('active');
  const { sort, sorting } = useListSort<NonNullable<GrassrootsFilter['sort']>>('name', {
    name: { value: 'name', direction: 'ascend', hint: 'Sắp xếp theo tên công đoàn cơ sở (A→Z)' },
    founded: { value: 'founded', direction: 'descend', hint: 'Sắp xếp theo ngày thành lập, mới nhất trước' },
  });
  const filter: GrassrootsFilter = { q, unitId, sector, status, sort };
  const { canWrite } = useRegistryAccess();
  const { tableProps } = useCursorList(filter, grassrootsQuery, 'Không có công đoàn cơ sở nào khớp với điều kiện lọc.');
  const [openId, setOpenId] = useState<number>();

  return (
    <RegistryListShell
      testId="grassroots-scene"
      title="Công đoàn cơ sở"
      description="Công đoàn cơ sở thuộc đơn vị bạn: doanh nghiệp, ngày thành lập, chủ tịch và số đoàn viên đang sinh hoạt."
      actions={canWrite && <ImportButton path="/cong-doan-co-so/nhap" testId="grassroots-import" />}
      filters={
        <>
          <SearchFilter
            placeholder="Tên công đoàn cơ sở (không cần dấu)"
            value={text}
            onChange={setText}
            width={300}
            testId="grassroots-search"
          />
          <UnitFilter value={unitId} onChange={setUnitId} />
          <SectorFilter value={sector} onChange={setSector} />
          <StatusFilter
            value={status}
            onChange={setStatus}
            options={[
              { value: 'active', label: 'Đang hoạt động' },
              { value: 'dissolved', label: 'Đã giải thể' },
              { value: 'all', label: 'Mọi trạng thái' },
            ]}
          />
        </>
      }
      total={{ filter, exportUrl: grassrootsExportUrl, resource: 'grassroots', noun: 'công đoàn cơ sở' }}
      table={
        <CursorTable<GrassrootsItem>
          testId="grassroots-table"
          sort={sorting}
          {...tableProps}
          {...openingRows<GrassrootsItem>('cdcs-row', setOpenId)}
          columns={[
            {
              title: 'Công đoàn cơ sở',
              key: 'name',
              render: (_, g) => (
                <NameCell name={g.name}>
                  {g.code} · {g.parent.name}
                </NameCell>
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
      }
    >
      {openId !== undefined && <GrassrootsProfileDrawer id={openId} onClose={() => setOpenId(undefined)} />}
    </RegistryListShell>
  );
}
