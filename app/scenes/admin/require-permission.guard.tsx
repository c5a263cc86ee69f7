import { useQuery } from '@tanstack/react-query';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { meQuery } from '../../api/auth.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

function Forbidden() {
  useDocumentTitle('Không có quyền');
  return (
    <Result
      status="403"
      title="Bạn không có quyền xem trang này"
      subTitle="Trang này dành cho quản trị viên. Nếu bạn cần dùng, hãy liên hệ quản trị hệ thống của đơn vị."
      data-testid="forbidden"
    />
  );
}

/** The server refuses the API anyway; this says so in words instead of an empty table. Several permissions: any of them opens the page. */
export function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const me = useQuery(meQuery());
  if (!me.data) return null;
  const anyOf = typeof permission === 'string' ? [permission] : permission;
  return anyOf.some((p) => me.data.permissions.includes(p)) ? children : <Forbidden />;
}
