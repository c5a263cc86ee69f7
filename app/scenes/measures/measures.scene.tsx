import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { ElementsTab } from './elements.tab.tsx';
import { IndicatorsTab } from './indicators.tab.tsx';
import '../admin/admin.css';
import '../../components/registry/registry.css';
import './measures.css';
import { SceneHeader } from '../../components/scene-header.tsx';

const TABS = { elements: 'thanh-phan', indicators: 'chi-so' } as const;

/**
 * Chỉ số và thành phần số liệu (Quản trị): what targets are measured by. Everyone with
 * targets.read sees the lists; measures.manage adds, edits and deletes within the caller's subtree.
 */
export default function MeasuresScene() {
  useDocumentTitle('Chỉ số và thành phần số liệu');
  const me = useQuery(meQuery());
  const canManage = me.data?.permissions.includes('measures.manage') ?? false;
  const owner = me.data?.unit;
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === TABS.indicators ? TABS.indicators : TABS.elements;

  return (
    <div className="scene" data-testid="measures-scene">
      <SceneHeader
        title="Chỉ số và thành phần số liệu"
        description="Thành phần số liệu là con số được nhập qua biểu mẫu hoặc đếm từ sổ; chỉ số tính từ các thành phần và là thước đo của chỉ tiêu."
      />
      {me.data && !canManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="measures-read-only"
          title="Bạn đang xem danh mục. Thêm, sửa, xóa chỉ số và thành phần cần quyền quản lý biểu mẫu và chỉ số."
        />
      )}
      <Card className="measure-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === TABS.elements ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: TABS.elements,
              label: <span data-testid="measures-tab-elements">Thành phần số liệu</span>,
              children: <ElementsTab canManage={canManage} owner={owner} />,
            },
            {
              key: TABS.indicators,
              label: <span data-testid="measures-tab-indicators">Chỉ số</span>,
              children: <IndicatorsTab canManage={canManage} owner={owner} />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
