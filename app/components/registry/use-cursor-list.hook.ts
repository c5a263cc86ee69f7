import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { errorMessage } from '../../api/api-client.ts';
import type { Paged } from '../../api/registry.api.ts';
import { useCursorPages } from './use-cursor-pages.ts';

export const REGISTRY_PAGE_SIZE = 50;

interface CursorPage {
  items: unknown[];
  nextCursor?: string | null;
}

/**
 * One cursor-paged registry list: the page asked for under the current filter, and the props
 * that wire it into a CursorTable (rows, paging buttons, loading, the empty or error line).
 */
export function useCursorList<F, R extends CursorPage, K extends QueryKey>(
  filter: F,
  query: (paged: Paged<F>) => UseQueryOptions<R, Error, R, K>,
  emptyText: string,
) {
  const pages = useCursorPages(JSON.stringify(filter));
  const list = useQuery(query({ filter, after: pages.after, limit: REGISTRY_PAGE_SIZE }));
  const tableProps = {
    rowKey: 'id',
    size: 'middle',
    loading: list.isFetching,
    items: list.data?.items as R['items'] | undefined,
    nextCursor: list.data?.nextCursor,
    stack: pages.stack,
    pageSize: REGISTRY_PAGE_SIZE,
    onNext: pages.next,
    onPrevious: pages.previous,
    onFirst: pages.first,
    locale: { emptyText: list.isError ? errorMessage(list.error) : emptyText },
  } as const;
  return { list, tableProps };
}
