import { useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode } from 'react';
import { meQuery } from '../../api/auth.api.ts';

// Rarely shown: loaded only when someone lacks the permission (the shell's Suspense waits for it).
const Forbidden = lazy(() => import('./forbidden.result.tsx'));

/** The server refuses the API anyway; this says so in words instead of an empty table. Several permissions: any of them opens the page. */
export function RequirePermission({ permission, children }: { permission: string | readonly string[]; children: ReactNode }) {
  const me = useQuery(meQuery());
  if (!me.data) return null;
  const anyOf = typeof permission === 'string' ? [permission] : permission;
  return anyOf.some((p) => me.data.permissions.includes(p)) ? children : <Forbidden />;
}
