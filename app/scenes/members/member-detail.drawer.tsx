import { EditOutlined, LogoutOutlined, SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Space, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { memberHistoryQuery, memberKeys, memberQuery, type MemberHistoryItem, type MemberItem } from '../../api/members.api.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { MemberFormModal } from './member-form.modal.tsx';
import { MemberMoveModal, type MoveKind } from './member-move.modal.tsx';

function Masked({ value, masked }: { value: string | null; masked: boolean }) {
  if (!value) return <Typography.Text type="secondary">Chưa có</Typography.Text>;
  return (
    <span>
      {value}
      {masked && <span className="masked-hint">(đã che theo quyền của bạn)</span>}
    </span>
  );
}

function HistoryTimeline({ items }: { items: MemberHistoryItem[] }) {
  if (items.length === 0) return <Typography.Text type="secondary">Chưa có quá trình sinh hoạt.</Typography.Text>;
  return (
    <Timeline
      data-testid="member-history"
      items={items.map((h) => ({
        color: h.to ? 'gray' : 'green',
        content: (
          <div>
            <div className="cell-strong">{h.unit.name}</div>
            <div>
              Từ {formatViDate(h.from)} ({h.startLabel}) {h.to ? `đến ${formatViDate(h.to)} (${h.endLabel ?? ''})` : '— nay'}
            </div>
            {h.note && <div className="cell-muted">{h.note}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** A member's file: Thông tin and Quá trình sinh hoạt, with edit, transfer and leave for writers. */
export function MemberDetailDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { canWrite } = useRegistryAccess();
  const member = useQuery(memberQuery(id));
  const history = useQuery(memberHistoryQuery(id));
  const [editing, setEditing] = useState(false);
  const [moving, setMoving] = useState<MoveKind>();
  const m = member.data;

  const saved = (next: MemberItem) => {
    queryClient.setQueryData(memberQuery(id).queryKey, next);
    void queryClient.invalidateQueries({ queryKey: memberKeys.all });
    setEditing(false);
    setMoving(undefined);
  };

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={m?.fullName ?? 'Hồ sơ đoàn viên'}
      data-testid="member-drawer"
      extra={
        canWrite && m && m.status === 'active' ? (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="member-edit">
              Sửa
            </Button>
            <Button icon={<SwapOutlined />} onClick={() => setMoving('transfer')} data-testid="member-transfer">
              Chuyển sinh hoạt
            </Button>
            <Button danger icon={<LogoutOutlined />} onClick={() => setMoving('leave')} data-testid="member-leave">
              Ra khỏi tổ chức
            </Button>
          </Space>
        ) : undefined
      }
    >
      {member.isError && <Alert type="error" showIcon title={errorMessage(member.error)} />}
      {m && (
        <Tabs
          items={[
            {
              key: 'info',
              label: 'Thông tin',
              children: (
                <Descriptions column={1} bordered size="small" data-testid="member-info">
                  <Descriptions.Item label="Họ và tên">{m.fullName}</Descriptions.Item>
                  <Descriptions.Item label="Giới tính">{m.genderLabel}</Descriptions.Item>
                  <Descriptions.Item label="Ngày sinh">{formatViDate(m.birthDate)}</Descriptions.Item>
                  <Descriptions.Item label="Số CCCD">
                    <Masked value={m.cccd} masked={m.personalDataMasked} />
                  </Descriptions.Item>
                  <Descriptions.Item label="Số điện thoại">
                    <Masked value={m.phone} masked={m.personalDataMasked} />
                  </Descriptions.Item>
                  <Descriptions.Item label="Dân tộc">{m.ethnicity}</Descriptions.Item>
                  <Descriptions.Item label="Số thẻ đoàn viên">{m.cardNumber}</Descriptions.Item>
                  <Descriptions.Item label="Công đoàn cơ sở">{m.unit ? `${m.unit.name} (${m.unit.code})` : ''}</Descriptions.Item>
                  <Descriptions.Item label="Ngày vào Công đoàn">{formatViDate(m.joinedOn)}</Descriptions.Item>
                  <Descriptions.Item label="Trạng thái">
                    <Tag color={m.status === 'active' ? 'green' : 'default'}>{m.statusLabel}</Tag>
                    {m.leftOn && `từ ${formatViDate(m.leftOn)}${m.leftReason ? ` — ${m.leftReason}` : ''}`}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'history',
              label: <span data-testid="member-history-tab">Quá trình sinh hoạt</span>,
              children: history.isError ? (
                <Alert type="error" showIcon title={errorMessage(history.error)} />
              ) : (
                <HistoryTimeline items={history.data?.items ?? []} />
              ),
            },
          ]}
        />
      )}
      {editing && m && <MemberFormModal member={m} onClose={() => setEditing(false)} onSaved={saved} />}
      {moving && m && <MemberMoveModal kind={moving} member={m} onClose={() => setMoving(undefined)} onDone={saved} />}
    </Drawer>
  );
}
