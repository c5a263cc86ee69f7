import { LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Button, Space, Table, Typography, type TableProps } from 'antd';
import { rowRange, type CursorStack } from './registry-format.ts';

export interface CursorTableProps<T> extends Omit<TableProps<T>, 'pagination' | 'dataSource'> {
  items: T[] | undefined;
  nextCursor: string | null | undefined;
  stack: CursorStack;
  pageSize: number;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  onFirst: () => void;
  testId: string;
}

/**
 * A table over a cursor-paged list: "Về đầu", "Trang trước", "Trang sau", no page numbers and no
 * total (counting a national list on every page turn is what keeps lists slow).
 */
export function CursorTable<T extends object>({ items, nextCursor, stack, pageSize, onNext, onPrevious, onFirst, testId, ...table }: CursorTableProps<T>) {
  const rows = items ?? [];
  const atStart = stack.cursors.length === 0;
  return (
    <div data-testid={testId}>
      <Table<T> {...table} dataSource={rows} pagination={false} />
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
