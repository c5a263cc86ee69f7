import { EditOutlined, KeyOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { UserItem } from '../../api/users.api.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { AccountCell } from './account.cell.tsx';
import { formatViDateMinute } from './date-time.ts';
import { userStatusTags } from './user-status.ts';

export type UserAction = 'reset' | 'lock' | 'unlock';

/** The accounts table: who, status, unit, roles, contact, last login, and what this administrator may do to each. */
export function userColumns({
  onEdit,
  onAction,
}: {
  onEdit: (user: UserItem) => void;
  onAction: (kind: UserAction, user: UserItem) => void;
}): TableColumnsType<UserItem> {
  return [
    {
      title: 'Tài khoản',
      key: 'who',
      width: 190,
      render: (_, user) => <AccountCell name={user.fullName} username={user.username} />,
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
            <IconAction label="Sửa" icon={<EditOutlined />} onClick={() => onEdit(user)} testId="user-edit" />
            <IconAction label="Đặt lại mật khẩu" icon={<KeyOutlined />} onClick={() => onAction('reset', user)} testId="user-reset" />
            {user.isDisabled ? (
              <IconAction label="Mở khóa" icon={<UnlockOutlined />} onClick={() => onAction('unlock', user)} testId="user-unlock" />
            ) : (
              <IconAction label="Khóa tài khoản" danger icon={<LockOutlined />} onClick={() => onAction('lock', user)} testId="user-lock" />
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
  ];
}
