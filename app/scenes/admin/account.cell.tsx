import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** Who an account is, as the admin tables show it: the full name, the username under it, then any extra line. */
export function AccountCell({ name, username, children }: { name: string; username: string; children?: ReactNode }) {
  return (
    <div>
      <div className="cell-strong">{name}</div>
      <Typography.Text type="secondary" className="cell-nowrap">
        {username}
      </Typography.Text>
      {children}
    </div>
  );
}
