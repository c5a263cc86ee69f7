import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Space, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { memberExportUrl, memberKeys, membersQuery, type MemberFilter, type MemberItem } from '../../api/members.api.ts';
import { CursorTable } from '../../components/registry/cursor-table.tsx';
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
import { useSearchText } from '../../components/registry/use-registry-filters.hook.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { MemberCountWidget } from './member-count.widget.tsx';
import { MemberDetailDrawer } from './member-detail.drawer.tsx';
import { MemberFormModal } from './member-form.modal.tsx';
import '../../components/registry/registry.css';

export default function MembersScene() {
  useDocumentTitle('Đoàn viên');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { canWrite } = useRegistryAccess();
  const { text, setText, q } = useSearchText();
  const [unitId, setUnitId] = useState<number>();
  const [status, setStatus] = useState<MemberFilter['status']>('active');
  const [sector, setSector] = useState<string>();
  const filter: MemberFilter = { q, unitId, status, sector };
  const { tableProps } = useCursorList(filter, membersQuery, 'Không có đoàn viên nào khớp với điều kiện lọc.');
  const [openId, setOpenId] = useState<number>();
  const [creating, setCreating] = useState(false);

  return (
    <RegistryListShell
      testId="members-scene"
      title="Đoàn viên"
      description="Đoàn viên của đơn vị bạn và các đơn vị trực thuộc."
      actions={
        <Space wrap>
          <Button icon={<CopyOutlined />} onClick={() => navigate('/doan-vien/ho-so-trung')} data-testid="members-duplicates">
            Hồ sơ có thể trùng
          </Button>
          {canWrite && <ImportButton path="/doan-vien/nhap" testId="members-import" />}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              Thêm đoàn viên
            </Button>
          )}
        </Space>
      }
      above={<MemberCountWidget unitId={unitId} />}
      filters={
        <>
          <SearchFilter
            placeholder="Tìm theo họ tên (gõ có dấu hay không đều được), số thẻ, CCCD…"
            value={text}
            onChange={setText}
            width={360}
            testId="members-search"
          />
          <UnitFilter value={unitId} onChange={setUnitId} testId="members-unit-filter" />
          <StatusFilter
            value={status}
            onChange={setStatus}
            testId="members-status-filter"
            options={[
              { value: 'active', label: 'Đang sinh hoạt' },
              { value: 'left', label: 'Đã ra khỏi tổ chức' },
              { value: 'all', label: 'Mọi trạng thái' },
            ]}
          />
          <SectorFilter value={sector} onChange={setSector} testId="members-sector-filter" />
        </>
      }
      total={{ filter, exportUrl: memberExportUrl, resource: 'members', noun: 'đoàn viên' }}
      table={
        <CursorTable<MemberItem>
          testId="members-table"
          {...tableProps}
          {...openingRows<MemberItem>('member-row', setOpenId)}
          columns={[
            {
              title: 'Họ và tên',
              key: 'name',
              render: (_, m) => (
                <NameCell name={m.fullName} testId="member-name">
                  {m.genderLabel} · sinh {formatViDate(m.birthDate)}
                </NameCell>
              ),
            },
            {
              title: 'Số CCCD',
              key: 'cccd',
              width: 150,
              render: (_, m) => (
                <Tooltip title={m.personalDataMasked ? 'Số được che theo quyền của bạn' : undefined}>
                  <span className="cell-number">{m.cccd}</span>
                </Tooltip>
              ),
            },
            {
              title: 'Số thẻ',
              dataIndex: 'cardNumber',
              width: 120,
              render: (v: string | null) => <span className="cell-nowrap">{v}</span>,
            },
            { title: 'Công đoàn cơ sở', key: 'unit', render: (_, m) => m.unit?.name },
            { title: 'Ngày vào CĐ', key: 'joined', width: 110, render: (_, m) => formatViDate(m.joinedOn) },
            {
              title: 'Trạng thái',
              key: 'status',
              width: 150,
              render: (_, m) => <Tag color={m.status === 'active' ? 'green' : 'default'}>{m.statusLabel}</Tag>,
            },
          ]}
        />
      }
    >
      {openId !== undefined && <MemberDetailDrawer id={openId} onClose={() => setOpenId(undefined)} />}
      {creating && (
        <MemberFormModal
          member={null}
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            void queryClient.invalidateQueries({ queryKey: memberKeys.all });
            setOpenId(m.id);
          }}
        />
      )}
    </RegistryListShell>
  );
}
