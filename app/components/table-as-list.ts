import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';

/** The class that turns a table into a list of cards on a phone (the rules are in app/styles/app.css). */
export const TABLE_AS_LIST = 'table-as-list';

type CellProps = HTMLAttributes<HTMLElement> & { 'data-label'?: string };

const textOf = (title: ReactNode | unknown): string => (typeof title === 'string' ? title : '');

/**
 * Gives every cell its column's title as `data-label`, which the phone layout writes before the
 * value ("Hạn gửi … 15/12/2026"); the column named `titleKey` (or the first) leads the card in full.
 * On a laptop nothing changes: the attribute is unused and the class has no rule there.
 */
export function asListColumns<T>(columns: TableColumnsType<T>, options: { titleKey?: string } = {}): TableColumnsType<T> {
  const titleIndex = Math.max(0, options.titleKey ? columns.findIndex((c) => c.key === options.titleKey) : 0);
  return columns.map((column, i) => {
    const label = textOf(column.title);
    const own = column.onCell;
    return {
      ...column,
      className: [column.className, i === titleIndex ? 'list-title' : undefined].filter(Boolean).join(' ') || undefined,
      onCell: (record: T, index?: number) => ({ ...(own?.(record, index) ?? {}), 'data-label': label }) as CellProps,
    };
  });
}
