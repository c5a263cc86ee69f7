import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CreateUserBody, RoleList, UpdateUserBody, UserItem, UserList, UserWithPassword } from '../../server/users/users.schema.ts';
import { api } from './api-client.ts';

export type { CreateUserBody, UpdateUserBody, UserItem };
export type UserList = Static<typeof UserList>;
export type UserWithPassword = Static<typeof UserWithPassword>;
export type RoleItem = Static<typeof RoleList>['items'][number];

export interface UserListFilter {
  q?: string;
  unitId?: number;
  page: number;
  pageSize: number;
}

export const userKeys = {
  all: ['users'] as const,
  list: (filter: UserListFilter) => ['users', 'list', filter] as const,
  roles: ['roles'] as const,
};

export const usersQuery = (filter: UserListFilter) =>
  queryOptions({
    queryKey: userKeys.list(filter),
    queryFn: ({ signal }) => api.get<UserList>('/api/users', { query: { ...filter }, signal }),
    // Keep the current page on screen while the next one loads, instead of flashing an empty table.
    placeholderData: keepPreviousData,
  });

export const rolesQuery = () =>
  queryOptions({
    queryKey: userKeys.roles,
    queryFn: ({ signal }) => api.get<{ items: RoleItem[] }>('/api/roles', { signal }),
    staleTime: 10 * 60_000,
  });

export const createUser = (body: CreateUserBody) => api.post<UserWithPassword>('/api/users', body);
export const updateUser = (id: number, body: UpdateUserBody) => api.patch<UserItem>(`/api/users/${id}`, body);
export const resetUserPassword = (id: number) => api.post<UserWithPassword>(`/api/users/${id}/reset-password`);
export const lockUser = (id: number) => api.post<UserItem>(`/api/users/${id}/lock`);
export const unlockUser = (id: number) => api.post<UserItem>(`/api/users/${id}/unlock`);
