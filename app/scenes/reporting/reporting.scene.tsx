import { useQuery } from '@tanstack/react-query';
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { CompletenessTab } from './completeness.tab.tsx';
import { FormVersionsTab } from './forms/form-versions.tab.tsx';
import { MyReportsTab } from './my-reports.tab.tsx';
import { ReviewTab } from './review.tab.tsx';
import '../../components/registry/registry.css';
import './reporting.css';
import { SceneHeader } from '../../components/scene-header.tsx';

/** Báo cáo định kỳ: the reports to fill, the reports from the units below to review, and who has reported. */
export default function ReportingScene() {
  useDocumentTitle('Báo cáo định kỳ');
  const me = useQuery(meQuery());
  const [params, setParams] = useSearchParams();
  const canReview = me.data?.permissions.includes('reports.review') ?? false;
  const canReadForms = me.data?.permissions.includes('reports.read') ?? false;
  const tab = params.get('tab') ?? 'cua-toi';
  const items = [
    { key: 'cua-toi', label: 'Báo cáo của đơn vị', children: <MyReportsTab /> },
    ...(canReview ? [{ key: 'duyet', label: 'Duyệt báo cáo cấp dưới', children: <ReviewTab /> }] : []),
    { key: 'tinh-hinh', label: 'Tình hình nộp báo cáo', children: <CompletenessTab /> },
    ...(canReadForms ? [{ key: 'bieu-mau', label: 'Biểu mẫu', children: <FormVersionsTab /> }] : []),
  ];
  return (
    <div className="scene" data-testid="reporting-scene">
      <SceneHeader
        title="Báo cáo định kỳ"
        description="Lập, gửi và duyệt báo cáo 6 tháng, năm theo biểu mẫu; theo dõi đơn vị nào đã nộp, đúng hạn hay chưa."
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={items.map((i) => ({ ...i, label: <span data-testid={`tab-${i.key}`}>{i.label}</span> }))}
        destroyOnHidden
      />
    </div>
  );
}
