import { ArrowLeftOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Radio, Space, Table, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { duplicatesQuery, memberKeys, mergeMembers, type DuplicateGroup, type MemberItem } from '../../api/members.api.ts';
import { useRegistryAccess } from '../../components/registry/registry-permissions.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import '../../components/registry/registry.css';
import { Scene } from '../../components/scene-header.tsx';

function groupKey(group: DuplicateGroup): string {
  return group.members.map((m) => m.id).join('-');
}

/** One group of records that may be the same person: pick the one to keep, merge the other into it. */
function DuplicateGroupCard({ group, canWrite }: { group: DuplicateGroup; canWrite: boolean }) {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [keepId, setKeepId] = useState<number>(group.members[0]!.id);
  const merge = useMutation({
    mutationFn: ({ keep, drop }: { keep: MemberItem; drop: MemberItem }) => mergeMembers(keep.id, drop.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: memberKeys.all });
      void message.success('Đã gộp hồ sơ; quá trình sinh hoạt của hai hồ sơ được giữ lại.');
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const keep = group.members.find((m) => m.id === keepId)!;
  const drops = group.members.filter((m) => m.id !== keepId);

  const confirm = () =>
    modal.confirm({
      title: `Gộp ${drops.length} hồ sơ vào hồ sơ của ${keep.fullName}?`,
      content: `Giữ hồ sơ sinh hoạt tại ${keep.unit?.name ?? ''}. Hồ sơ còn lại bị xóa khỏi danh sách, quá trình sinh hoạt của nó được chuyển sang hồ sơ được giữ. Không hoàn tác được.`,
      okText: 'Gộp hồ sơ',
      cancelText: 'Hủy',
      okButtonProps: { danger: true, 'data-testid': 'confirm-ok' } as ButtonProps,
      onOk: async () => {
        for (const drop of drops) await merge.mutateAsync({ keep, drop }).catch(() => undefined);
      },
    });

  return (
    <Card
      size="small"
      title={group.reason}
      style={{ marginBottom: 16 }}
      data-testid="duplicate-group"
      extra={
        canWrite && (
          <Button icon={<MergeCellsOutlined />} onClick={confirm} loading={merge.isPending} data-testid="duplicate-merge">
            Gộp hồ sơ
          </Button>
        )
      }
    >
      <Table<MemberItem>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={group.members}
        columns={[
          ...(canWrite
            ? [
                {
                  title: 'Giữ lại',
                  key: 'keep',
                  width: 80,
                  render: (_: unknown, m: MemberItem) => <Radio checked={m.id === keepId} onChange={() => setKeepId(m.id)} />,
                },
              ]
            : []),
          { title: 'Họ và tên', dataIndex: 'fullName' },
          { title: 'Ngày sinh', key: 'b', render: (_, m) => formatViDate(m.birthDate) },
          { title: 'Số CCCD', dataIndex: 'cccd' },
          { title: 'Công đoàn cơ sở', key: 'u', render: (_, m) => m.unit?.name },
          { title: 'Ngày vào CĐ', key: 'j', render: (_, m) => formatViDate(m.joinedOn) },
          { title: 'Trạng thái', dataIndex: 'statusLabel' },
        ]}
      />
    </Card>
  );
}

export default function MemberDuplicatesScene() {
  const navigate = useNavigate();
  const { canWrite } = useRegistryAccess();
  const groups = useQuery(duplicatesQuery());
  return (
    <Scene
      testId="member-duplicates-scene"
      title="Hồ sơ có thể trùng"
      description="Cùng số CCCD, hoặc cùng họ tên và ngày sinh ở hai công đoàn cơ sở. Kiểm tra trước khi gộp."
      actions={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/doan-vien')}>
          Về danh sách đoàn viên
        </Button>
      }
    >
      {groups.isError && <Alert type="error" showIcon title={errorMessage(groups.error)} />}
      {groups.data && groups.data.items.length === 0 && (
        <Card>
          <Empty description="Không có hồ sơ nào có thể trùng." />
        </Card>
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {groups.isLoading && <Card loading />}
        {groups.data?.items.map((group) => (
          <DuplicateGroupCard key={groupKey(group)} group={group} canWrite={canWrite} />
        ))}
      </Space>
    </Scene>
  );
}
