import { ApartmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { rootsQuery } from '../api/org.api.ts';
import { todayIso } from '../lib/calendar-date.ts';

/**
 * The unit the officer works for. Until accounts exist (next issue) it is the root of the tree;
 * then it becomes the logged-in user's unit.
 */
export function CurrentUnitBadge() {
  const roots = useQuery(rootsQuery(todayIso()));
  const unit = roots.data?.items[0];
  const text = roots.isPending ? 'Đang tải đơn vị…' : unit ? unit.name : 'Chưa có đơn vị';
  return (
    <Tooltip title="Đơn vị đang làm việc">
      <div className="app-current-unit" data-testid="current-unit">
        <ApartmentOutlined />
        <span>{text}</span>
      </div>
    </Tooltip>
  );
}
