import { queryOptions } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { CreatedToken, CreateTokenBody, TokenItem, TokenList } from '../../server/tokens/tokens.schema.ts';
import { api } from './api-client.ts';

export type TokenItem = Static<typeof TokenItem>;
export type CreateTokenBody = Static<typeof CreateTokenBody>;
export type CreatedToken = Static<typeof CreatedToken>;

export const tokenKeys = { all: ['tokens'] as const };

export const tokensQuery = () =>
  queryOptions({
    queryKey: tokenKeys.all,
    queryFn: ({ signal }) => api.get<Static<typeof TokenList>>('/api/tokens', { signal }),
  });

export const createToken = (body: CreateTokenBody) => api.post<CreatedToken>('/api/tokens', body);
export const revokeToken = (id: number) => api.delete<TokenItem>(`/api/tokens/${id}`);
