import { Button, Typography } from 'antd';

/**
 * The foot of a list read a page at a time: "Xem thêm" while the server has more, then how many
 * rows were shown in all (nothing while the list is empty).
 */
export function LoadMore({
  list,
  shown,
  noun,
  testId,
}: {
  list: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  shown: number;
  /** What a row is: "dòng", "thư". */
  noun: string;
  testId: string;
}) {
  return (
    <div className="load-more">
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid={testId}>
          Xem thêm
        </Button>
      ) : (
        shown > 0 && (
          <Typography.Text type="secondary">
            Đã hiển thị hết {shown.toLocaleString('vi-VN')} {noun}.
          </Typography.Text>
        )
      )}
    </div>
  );
}
