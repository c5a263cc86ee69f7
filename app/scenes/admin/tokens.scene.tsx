import { PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { createToken, revokeToken, tokenKeys, tokensQuery, type TokenItem } from '../../api/tokens.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { formatViDateMinute } from './date-time.ts';
import { OneTimeSecretModal, type OneTimeSecret } from './one-time-secret.modal.tsx';
import { TokenFormModal } from './token-form.modal.tsx';
import './admin.css';
import { SceneHeader } from '../../components/scene-header.tsx';

function tokenState(token: TokenItem, now = Date.now()): { label: string; color: string } {
  if (token.revokedAt) return { label: `Đã thu hồi ${formatViDateMinute(token.revokedAt)}`, color: 'default' };
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return { label: 'Đã hết hạn', color: 'orange' };
  return { label: 'Đang dùng được', color: 'green' };
}

export default function TokensScene() {
  useDocumentTitle('Khóa API');
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const tokens = useQuery(tokensQuery());
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);
  const revoke = useMutation({
    mutationFn: (token: TokenItem) => revokeToken(token.id),
    onSuccess: (_, token) => {
      void queryClient.invalidateQueries({ queryKey: tokenKeys.all });
      void message.success(`Đã thu hồi khóa “${token.name}”.`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <div className="scene" data-testid="tokens-scene">
      <SceneHeader
        title="Khóa API"
        description="Khóa cho các hệ thống khác gửi và lấy dữ liệu, mỗi khóa gắn với một đơn vị và một vai trò."
      >
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="token-create">
          Tạo khóa API
        </Button>
      </SceneHeader>
      <Card>
        <Table<TokenItem>
          rowKey="id"
          size="middle"
          loading={tokens.isFetching}
          dataSource={tokens.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: tokens.isError ? errorMessage(tokens.error) : 'Chưa có khóa API nào.' }}
          columns={[
            { title: 'Tên', key: 'name', render: (_, t) => <span className="cell-strong">{t.name}</span> },
            { title: 'Mã nhận diện', key: 'prefix', render: (_, t) => <Typography.Text code>{t.prefix}…</Typography.Text> },
            { title: 'Đơn vị', key: 'unit', render: (_, t) => t.unit.name },
            { title: 'Vai trò', key: 'role', render: (_, t) => t.role.name },
            { title: 'Tạo lúc', key: 'created', render: (_, t) => formatViDateMinute(t.createdAt) },
            { title: 'Hết hạn', key: 'expires', render: (_, t) => formatViDateMinute(t.expiresAt) || 'Không' },
            { title: 'Dùng gần nhất', key: 'used', render: (_, t) => formatViDateMinute(t.lastUsedAt) || 'Chưa dùng' },
            {
              title: 'Trạng thái',
              key: 'state',
              render: (_, t) => {
                const state = tokenState(t);
                return <Tag color={state.color}>{state.label}</Tag>;
              },
            },
            {
              title: '',
              key: 'actions',
              render: (_, t) =>
                !t.revokedAt && (
                  <Button
                    danger
                    type="text"
                    icon={<StopOutlined />}
                    onClick={() =>
                      modal.confirm({
                        title: `Thu hồi khóa “${t.name}”?`,
                        content: 'Hệ thống đang dùng khóa này sẽ bị từ chối ngay. Không thể hoàn tác; muốn dùng lại phải tạo khóa mới.',
                        okText: 'Thu hồi',
                        okButtonProps: { danger: true },
                        cancelText: 'Hủy',
                        onOk: () => revoke.mutateAsync(t).catch(() => undefined),
                      })
                    }
                  >
                    Thu hồi
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <TokenFormModal
        open={creating}
        onCancel={() => setCreating(false)}
        onCreate={async (body) => {
          const created = await createToken(body);
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: tokenKeys.all });
          setSecret({
            title: 'Đã tạo khóa API',
            intro: (
              <>
                Khóa <strong>{created.item.name}</strong> cho {created.item.unit.name}, vai trò {created.item.role.name}. Gửi trong tiêu đề{' '}
                <Typography.Text code>Authorization: Bearer …</Typography.Text>
              </>
            ),
            secret: created.token,
            warning:
              'Khóa này sẽ không được hiển thị lại: hệ thống chỉ lưu bản băm. Hãy sao chép vào cấu hình của hệ thống kia trước khi đóng.',
          });
        }}
      />
      <OneTimeSecretModal value={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
