import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography, type TableProps } from 'antd';
import { TABLE_AS_LIST, asListColumns } from '../table-as-list.ts';
import { rowRange, type CursorStack } from './registry-format.ts';

/**
 * The orders a list offers, by the column header that chooses them. Each runs on the server (the
 * keyset cursor carries it), so a column sorts the whole list, not just the page on screen.
 */
export interface CursorTableSort<S extends string> {
  value: S;
  /** The order when no header is chosen (clicking the active header again comes back to it). */
  defaultValue: S;
  columns: Record<string, { value: S; direction: 'ascend' | 'descend'; hint: string }>;
  // Method syntax on purpose: a table takes a list's own sort union where it expects string.
  onChange(value: S): void;
}

export interface CursorTableProps<T> extends Omit<TableProps<T>, 'pagination' | 'dataSource'> {
  items: T[] | undefined;
  nextCursor: string | null | undefined;
  stack: CursorStack;
  pageSize: number;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  onFirst: () => void;
  testId: string;
  sort?: CursorTableSort<string>;
}

/**
 * A table over a cursor-paged list: "Về đầu", "Trang trước", "Trang sau", no page numbers and no
 * total (counting a national list on every page turn is what keeps lists slow).
 */
export function CursorTable<T extends object>({
  items,
  nextCursor,
  stack,
  pageSize,
  onNext,
  onPrevious,
  onFirst,
  testId,
  sort,
  columns,
  ...table
}: CursorTableProps<T>) {
  const rows = items ?? [];
  const atStart = stack.cursors.length === 0;
  // On a phone every registry list reads as cards, not as a squeezed table (table-as-list.ts).
  const sortable = asListColumns(columns ?? []).map((column) => {
    const option = sort && column.key !== undefined ? sort.columns[String(column.key)] : undefined;
    if (!option) return column;
    const order: 'ascend' | 'descend' | null = sort!.value === option.value ? option.direction : null;
    return { ...column, sorter: true, sortOrder: order, sortDirections: [option.direction], showSorterTooltip: { title: option.hint } };
  });
  return (
    <div data-testid={testId} data-sort={sort?.value}>
      <Table<T>
        {...table}
        className={[table.className, TABLE_AS_LIST].filter(Boolean).join(' ')}
        columns={sortable}
        dataSource={rows}
        pagination={false}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (!sort || extra.action !== 'sort') return;
          const chosen = Array.isArray(sorter) ? sorter[0] : sorter;
          const option = chosen?.order && chosen.columnKey !== undefined ? sort.columns[String(chosen.columnKey)] : undefined;
          sort.onChange(option?.value ?? sort.defaultValue);
        }}
      />
      <div className="cursor-pager">
        <Typography.Text type="secondary" data-testid={`${testId}-range`}>
          {rowRange(stack, pageSize, rows.length)}
        </Typography.Text>
        <Space>
          <Button icon={<VerticalRightOutlined />} disabled={atStart} onClick={onFirst} data-testid={`${testId}-first`}>
            Về đầu
          </Button>
          <Button icon={<LeftOutlined />} disabled={atStart} onClick={onPrevious} data-testid={`${testId}-previous`}>
            Trang trước
          </Button>
          <Button disabled={!nextCursor} onClick={() => nextCursor && onNext(nextCursor)} data-testid={`${testId}-next`}>
            Trang sau <RightOutlined />
          </Button>
        </Space>
      </div>
    </div>
  );
}
