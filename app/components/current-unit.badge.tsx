import { ApartmentOutlined } from '@ant-design/icons';
import { Tooltip } from 'antd';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';

/** The unit the logged-in officer works for: everything they see is scoped to its subtree. */
export function CurrentUnitBadge({ me }: { me: CurrentUser }) {
  return (
    <Tooltip title="Đơn vị đang làm việc">
      <div className="app-current-unit" data-testid="current-unit">
        <ApartmentOutlined />
        <span>{me.unit.name}</span>
      </div>
    </Tooltip>
  );
}
