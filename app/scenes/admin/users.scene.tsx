import { KeyOutlined, LockOutlined, PlusOutlined, SearchOutlined, UnlockOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import {
  createUser,
  lockUser,
  resetUserPassword,
  unlockUser,
  updateUser,
  userKeys,
  usersQuery,
  type UserItem,
  type UserWithPassword,
} from '../../api/users.api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { formatViDateMinute } from './date-time.ts';
import { OneTimeSecretModal, type OneTimeSecret } from './one-time-secret.modal.tsx';
import { UnitPicker } from './unit-picker.field.tsx';
import { UserFormModal } from './user-form.modal.tsx';
import { userStatusTags } from './user-status.ts';
import './admin.css';

const PAGE_SIZE = 20;

function temporaryPasswordSecret(result: UserWithPassword, isNew: boolean): OneTimeSecret {
  return {
    title: isNew ? 'Đã tạo tài khoản' : 'Đã đặt lại mật khẩu',
    intro: (
      <>
        Mật khẩu tạm của <strong>{result.user.fullName}</strong> (tên đăng nhập <strong>{result.user.username}</strong>). Người dùng phải
        đổi mật khẩu này ở lần đăng nhập đầu tiên.
      </>
    ),
    secret: result.temporaryPassword,
    warning: 'Mật khẩu này sẽ không được hiển thị lại. Hãy sao chép và gửi cho người dùng qua kênh an toàn trước khi đóng.',
  };
}

export default function UsersScene() {
  useDocumentTitle('Tài khoản');
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const q = useDebouncedValue(text.normalize('NFC').trim(), 300);
  const [unitId, setUnitId] = useState<number>();
  const [page, setPage] = useState(1);
  const users = useQuery(usersQuery({ q: q || undefined, unitId, page, pageSize: PAGE_SIZE }));
  const [editing, setEditing] = useState<UserItem | null | undefined>(undefined);
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: userKeys.all });
  const action = useMutation({
    mutationFn: ({ kind, user }: { kind: 'reset' | 'lock' | 'unlock'; user: UserItem }): Promise<UserWithPassword | UserItem> =>
      kind === 'reset' ? resetUserPassword(user.id) : kind === 'lock' ? lockUser(user.id) : unlockUser(user.id),
    onSuccess: (result, { kind, user }) => {
      void refresh();
      if (kind === 'reset') setSecret(temporaryPasswordSecret(result as UserWithPassword, false));
      else void message.success(kind === 'lock' ? `Đã khóa tài khoản ${user.username}.` : `Đã mở khóa tài khoản ${user.username}.`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirm = (kind: 'reset' | 'lock' | 'unlock', user: UserItem) => {
    const texts = {
      reset: {
        title: `Đặt lại mật khẩu cho ${user.fullName}?`,
        content:
          'Mật khẩu hiện tại sẽ hết hiệu lực và mọi phiên đăng nhập của người này kết thúc. Bạn sẽ nhận một mật khẩu tạm để gửi cho họ.',
        ok: 'Đặt lại mật khẩu',
      },
      lock: {
        title: `Khóa tài khoản ${user.username}?`,
        content: 'Người dùng sẽ không đăng nhập được cho đến khi được mở khóa; các phiên đang mở kết thúc ngay.',
        ok: 'Khóa tài khoản',
      },
      unlock: {
        title: `Mở khóa tài khoản ${user.username}?`,
        content: 'Người dùng đăng nhập lại được bằng mật khẩu hiện có của họ.',
        ok: 'Mở khóa',
      },
    }[kind];
    modal.confirm({
      title: texts.title,
      content: texts.content,
      okText: texts.ok,
      okButtonProps: { danger: kind !== 'unlock', 'data-testid': 'confirm-ok' } as ButtonProps,
      cancelText: 'Hủy',
      onOk: () => action.mutateAsync({ kind, user }).catch(() => undefined),
    });
  };

  return (
    <div className="scene" data-testid="users-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Tài khoản</h1>
          <Typography.Text type="secondary">Tài khoản người dùng của đơn vị bạn và các đơn vị trực thuộc.</Typography.Text>
        </div>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-create">
          Tạo tài khoản
        </Button>
      </div>
      <Card>
        <Space wrap className="table-filters">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder="Tìm theo tên đăng nhập, họ tên…"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setPage(1);
            }}
            style={{ width: 300 }}
            data-testid="users-search"
          />
          <UnitPicker
            allowClear
            placeholder="Lọc theo đơn vị"
            value={unitId}
            onChange={(value) => {
              setUnitId(value);
              setPage(1);
            }}
            className="filter-unit"
            data-testid="users-unit-filter"
          />
        </Space>
        <Table<UserItem>
          rowKey="id"
          size="middle"
          // On a 1280 px laptop the seven columns are just too wide: scroll inside the card, never cut off the actions.
          scroll={{ x: 'max-content' }}
          loading={users.isFetching}
          dataSource={users.data?.items ?? []}
          locale={{ emptyText: users.isError ? errorMessage(users.error) : 'Không có tài khoản nào khớp với điều kiện lọc.' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: users.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (total) => `${total.toLocaleString('vi-VN')} tài khoản`,
            onChange: setPage,
          }}
          onRow={(user) => ({ 'data-testid': `user-row-${user.username}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: 'Tài khoản',
              key: 'who',
              width: 190,
              render: (_, user) => (
                <div>
                  <div className="cell-strong">{user.fullName}</div>
                  <Typography.Text type="secondary" className="cell-nowrap">
                    {user.username}
                  </Typography.Text>
                </div>
              ),
            },
            // Status right after the name: it is what an administrator scans for, never scrolled out of view.
            {
              title: 'Trạng thái',
              key: 'status',
              width: 170,
              render: (_, user) => (
                <Space size={[0, 4]} wrap data-testid="user-status">
                  {userStatusTags(user).map((tag) => (
                    <Tag key={tag.key} color={tag.color}>
                      {tag.label}
                    </Tag>
                  ))}
                </Space>
              ),
            },
            { title: 'Đơn vị', key: 'unit', width: 190, render: (_, user) => <div className="cell-unit">{user.unit.name}</div> },
            { title: 'Vai trò', key: 'roles', render: (_, user) => user.roles.map((r) => <Tag key={r.code}>{r.name}</Tag>) },
            {
              title: 'Liên hệ',
              key: 'contact',
              width: 200,
              render: (_, user) => (
                <div className="cell-small">
                  {user.email && <div>{user.email}</div>}
                  {user.phone && (
                    <Tooltip title={user.phoneMasked ? 'Số điện thoại được che theo quyền của bạn' : undefined}>
                      <div>{user.phone}</div>
                    </Tooltip>
                  )}
                </div>
              ),
            },
            {
              title: 'Đăng nhập gần nhất',
              key: 'last',
              width: 120,
              render: (_, user) => formatViDateMinute(user.lastLoginAt) || 'Chưa đăng nhập',
            },
            {
              title: 'Thao tác',
              key: 'actions',
              width: 124,
              fixed: 'right',
              render: (_, user) =>
                user.manageable ? (
                  <Space size={0}>
                    <Tooltip title="Sửa">
                      <Button
                        type="text"
                        icon={<EditOutlined />}
                        aria-label="Sửa"
                        onClick={() => setEditing(user)}
                        data-testid="user-edit"
                      />
                    </Tooltip>
                    <Tooltip title="Đặt lại mật khẩu">
                      <Button
                        type="text"
                        icon={<KeyOutlined />}
                        aria-label="Đặt lại mật khẩu"
                        onClick={() => confirm('reset', user)}
                        data-testid="user-reset"
                      />
                    </Tooltip>
                    {user.isDisabled ? (
                      <Tooltip title="Mở khóa">
                        <Button
                          type="text"
                          icon={<UnlockOutlined />}
                          aria-label="Mở khóa"
                          onClick={() => confirm('unlock', user)}
                          data-testid="user-unlock"
                        />
                      </Tooltip>
                    ) : (
                      <Tooltip title="Khóa tài khoản">
                        <Button
                          type="text"
                          danger
                          icon={<LockOutlined />}
                          aria-label="Khóa tài khoản"
                          onClick={() => confirm('lock', user)}
                          data-testid="user-lock"
                        />
                      </Tooltip>
                    )}
                  </Space>
                ) : (
                  // The server refuses these changes anyway (USER_STRONGER): offer none of them.
                  <Tooltip title="Tài khoản này có quyền cao hơn quyền của bạn nên bạn không thể sửa, khóa hay đặt lại mật khẩu.">
                    <Typography.Text type="secondary" className="cell-nowrap" data-testid="user-not-manageable">
                      Chỉ xem
                    </Typography.Text>
                  </Tooltip>
                ),
            },
          ]}
        />
      </Card>
      {/* Mounted per account so the form starts from that account's values (and a fresh blank one for a new account). */}
      {editing !== undefined && (
        <UserFormModal
          key={editing?.id ?? 'new'}
          open
          user={editing ?? null}
          onCancel={() => setEditing(undefined)}
          onCreate={async (body) => {
            const result = await createUser(body);
            setEditing(undefined);
            void refresh();
            setSecret(temporaryPasswordSecret(result, true));
          }}
          onUpdate={async (id, body) => {
            if (Object.keys(body).length > 0) await updateUser(id, body);
            setEditing(undefined);
            void refresh();
            void message.success('Đã lưu thay đổi.');
          }}
        />
      )}
      <OneTimeSecretModal value={secret} onClose={() => setSecret(null)} />
    </div>
  );
}
