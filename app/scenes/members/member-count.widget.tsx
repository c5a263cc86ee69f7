import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Space, Statistic } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { memberCountQuery } from '../../api/members.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { VI_DATE_FORMAT, formatViDate, todayIso } from '../../lib/calendar-date.ts';

/** "Số đoàn viên vào ngày …": exact for any past date, for the unit in the filter (or the user's own). */
export function MemberCountWidget({ unitId }: { unitId: number | undefined }) {
  const [date, setDate] = useState(todayIso());
  const count = useQuery(memberCountQuery(unitId, date));
  return (
    <Card className="registry-widgets" size="small">
      <Space size={32} wrap align="center">
        <Statistic
          title={`Số đoàn viên vào ngày ${formatViDate(date)}`}
          value={count.isError ? errorMessage(count.error) : count.data ? formatCount(count.data.members) : '…'}
          loading={count.isLoading}
          data-testid="member-count"
        />
        <Space orientation="vertical" size={2}>
          <span className="cell-muted">Xem vào ngày</span>
          <DatePicker
            allowClear={false}
            format={VI_DATE_FORMAT}
            value={dayjs(date)}
            onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            disabledDate={(d) => d.isAfter(dayjs(), 'day')}
            data-testid="member-count-date"
          />
        </Space>
      </Space>
    </Card>
  );
}
