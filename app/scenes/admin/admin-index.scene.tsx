import { useQuery } from '@tanstack/react-query';
import { Navigate } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { adminPagesFor } from './admin-pages.ts';

/** /quan-tri opens the first page this user may use (at worst, changing their own password). */
export default function AdminIndexScene() {
  const me = useQuery(meQuery());
  if (!me.data) return null;
  const [first] = adminPagesFor(me.data.permissions);
  return <Navigate to={first!.path} replace />;
}
