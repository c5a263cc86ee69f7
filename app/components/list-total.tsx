import { queryOptions, useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { api, type QueryValue } from '../api/api-client.ts';
import { formatCount } from './registry/registry-format.ts';

/**
 * "1.234 đoàn viên": how many rows a registry list's filter matches. Asked once per filter (the
 * list's own route with `withTotal`, one row), never per page turn, and kept under the list's
 * query key (`[resource, …]`) so that adding or editing a record refreshes it with the list.
 * The server answers null when counting would take too long; the line then says so.
 */
export const listTotalQuery = (resource: string, path: string, filter: object) =>
  queryOptions({
    queryKey: [resource, 'total', filter] as const,
    queryFn: ({ signal }) =>
      api
        .get<{ total?: number | null }>(path, { query: { ...(filter as Record<string, QueryValue>), limit: 1, withTotal: true }, signal })
        .then((r) => r.total ?? null),
    staleTime: 60_000,
  });

export function ListTotal({ resource, path, filter, noun }: { resource: string; path: string; filter: object; noun: string }) {
  const total = useQuery(listTotalQuery(resource, path, filter));
  if (total.isError || total.data === undefined) return null;
  return (
    <Typography.Text className="list-total" data-testid="list-total" aria-live="polite">
      {total.data === null ? `Rất nhiều ${noun} khớp bộ lọc (chưa đếm hết; hãy lọc hẹp hơn)` : `${formatCount(total.data)} ${noun}`}
    </Typography.Text>
  );
}
