import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, type ButtonProps } from 'antd';
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
import { OneTimeSecretModal, type OneTimeSecret } from './one-time-secret.modal.tsx';
import { UnitPicker } from './unit-picker.field.tsx';
import { UserFormModal } from './user-form.modal.tsx';
import { userColumns, type UserAction } from './user-columns.tsx';
import { RegistryListShell, SearchFilter } from '../../components/registry/registry-list.shell.tsx';
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

/** What the confirmation of each account action says. */
function actionTexts(kind: UserAction, user: UserItem) {
  return {
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
    mutationFn: ({ kind, user }: { kind: UserAction; user: UserItem }): Promise<UserWithPassword | UserItem> =>
      kind === 'reset' ? resetUserPassword(user.id) : kind === 'lock' ? lockUser(user.id) : unlockUser(user.id),
    onSuccess: (result, { kind, user }) => {
      void refresh();
      if (kind === 'reset') setSecret(temporaryPasswordSecret(result as UserWithPassword, false));
      else void message.success(kind === 'lock' ? `Đã khóa tài khoản ${user.username}.` : `Đã mở khóa tài khoản ${user.username}.`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirm = (kind: UserAction, user: UserItem) => {
    const texts = actionTexts(kind, user);
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
    <RegistryListShell
      testId="users-scene"
      title="Tài khoản"
      description="Tài khoản người dùng của đơn vị bạn và các đơn vị trực thuộc."
      actions={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="user-create">
          Tạo tài khoản
        </Button>
      }
      filtersClassName="table-filters"
      filters={
        <>
          <SearchFilter
            placeholder="Tìm theo tên đăng nhập, họ tên…"
            value={text}
            onChange={(value) => {
              setText(value);
              setPage(1);
            }}
            width={300}
            testId="users-search"
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
        </>
      }
      table={
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
          columns={userColumns({ onEdit: setEditing, onAction: confirm })}
        />
      }
    >
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
    </RegistryListShell>
  );
}
