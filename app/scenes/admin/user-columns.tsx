import { EditOutlined, KeyOutlined, LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { UserItem } from '../../api/users.api.ts';
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
              <Button type="text" icon={<EditOutlined />} aria-label="Sửa" onClick={() => onEdit(user)} data-testid="user-edit" />
            </Tooltip>
            <Tooltip title="Đặt lại mật khẩu">
              <Button
                type="text"
                icon={<KeyOutlined />}
                aria-label="Đặt lại mật khẩu"
                onClick={() => onAction('reset', user)}
                data-testid="user-reset"
              />
            </Tooltip>
            {user.isDisabled ? (
              <Tooltip title="Mở khóa">
                <Button
                  type="text"
                  icon={<UnlockOutlined />}
                  aria-label="Mở khóa"
                  onClick={() => onAction('unlock', user)}
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
                  onClick={() => onAction('lock', user)}
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
  ];
}
