import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Timeline, Typography } from 'antd';
import { historyQuery } from '../../api/org.api.ts';
import { errorMessage } from '../../api/api-client.ts';
import { formatViDate } from '../../lib/calendar-date.ts';

const COLORS: Record<string, string> = {
  founded: 'green',
  name: 'blue',
  placement: 'gray',
  predecessor: 'purple',
  successor: 'orange',
  closed: 'red',
};

/** A unit's life: names, places in the tree, whom it continues and who continues it. */
export function UnitHistoryTimeline({ unitId }: { unitId: number }) {
  const history = useQuery(historyQuery(unitId));
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (history.isError)
    return <Alert type="error" showIcon title="Không tải được lịch sử đơn vị" description={errorMessage(history.error)} />;
  return (
    <Timeline
      data-testid="unit-history"
      items={history.data.events.map((event, index) => ({
        key: index,
        color: COLORS[event.type] ?? 'gray',
        content: (
          <span data-testid="unit-history-event">
            <Typography.Text strong>{formatViDate(event.date)}</Typography.Text> — {event.text}
          </span>
        ),
      }))}
    />
  );
}
