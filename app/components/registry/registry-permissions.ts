import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../../api/auth.api.ts';

/** What the signed-in user may do in the registries: write buttons are hidden, not just refused. */
export function useRegistryAccess() {
  const me = useQuery(meQuery());
  const permissions = me.data?.permissions ?? [];
  return {
    me: me.data,
    canWrite: permissions.includes('registry.write'),
    seesPersonalData: permissions.includes('personal_data.view'),
  };
}
