import { CalendarOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { isIsoDate } from '../../../domain/time/calendar-date.ts';
import { VI_DATE_FORMAT, formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitDetailPanel } from './unit-detail.panel.tsx';
import { UnitSearchBox } from './unit-search.box.tsx';
import { UnitTreePanel } from './unit-tree.panel.tsx';
import { useOrgTree } from './use-org-tree.ts';
import { SceneHeader } from '../../components/scene-header.tsx';

// The date lives in the URL (?ngay=2025-07-01) so a view of the tree "as of" a date can be shared.
const DATE_PARAM = 'ngay';

export default function OrgTreeScene() {
  useDocumentTitle('Cơ cấu tổ chức');
  const [params, setParams] = useSearchParams();
  const me = useQuery(meQuery());
  const requested = params.get(DATE_PARAM);
  const asOf = requested !== null && isIsoDate(requested) ? requested : todayIso();
  const showDate = (iso: string) => {
    const next = new URLSearchParams(params);
    if (iso === todayIso()) next.delete(DATE_PARAM);
    else next.set(DATE_PARAM, iso);
    setParams(next);
  };

  return (
    <div className="scene scene-fill" data-testid="org-tree-scene">
      <SceneHeader
        title="Cơ cấu tổ chức"
        description={
          <>Cây tổ chức công đoàn có hiệu lực vào ngày {formatViDate(asOf)}. Bấm mũi tên để mở đơn vị, bấm tên để xem thông tin.</>
        }
      >
        <Space>
          {me.data?.permissions.includes('org.restructure') && (
            <Link to="/co-cau-to-chuc/sap-xep" data-testid="org-restructure-link">
              <Button>Sắp xếp tổ chức</Button>
            </Link>
          )}
          <label htmlFor="org-as-of" className="as-of-label">
            <CalendarOutlined /> Xem theo ngày
          </label>
          <DatePicker
            id="org-as-of"
            data-testid="org-as-of"
            value={dayjs(asOf)}
            format={VI_DATE_FORMAT}
            allowClear={false}
            onChange={(value) => showDate(value ? value.format('YYYY-MM-DD') : todayIso())}
          />
        </Space>
      </SceneHeader>
      {/* A different date is a different tree: remount rather than patch yesterday's nodes. */}
      <OrgTreeWorkspace key={asOf} asOf={asOf} onShowToday={() => showDate(todayIso())} />
    </div>
  );
}

function OrgTreeWorkspace({ asOf, onShowToday }: { asOf: string; onShowToday: () => void }) {
  const tree = useOrgTree(asOf);
  return (
    <div className="org-workspace">
      <Card className="org-tree-card" title="Cây tổ chức">
        <UnitSearchBox asOf={asOf} onChoose={(hit) => void tree.reveal(hit)} />
        <UnitTreePanel tree={tree} asOf={asOf} onShowToday={onShowToday} />
      </Card>
      <Card className="org-detail-card" title="Thông tin đơn vị">
        <UnitDetailPanel
          unitId={tree.selectedId}
          asOf={asOf}
          onOpenAncestor={(ancestor, above) => void tree.reveal({ id: ancestor.id, ancestors: above })}
        />
      </Card>
    </div>
  );
}
