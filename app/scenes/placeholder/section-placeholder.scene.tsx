import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { useNavigate } from 'react-router';
import type { NavSection } from '../../components/nav-sections.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';

/** A section that later issues build: says so plainly instead of showing invented figures. */
export default function SectionPlaceholderScene({ section }: { section: NavSection }) {
  const navigate = useNavigate();
  useDocumentTitle(section.label);
  return (
    <div className="scene">
      <h1 className="scene-title">{section.label}</h1>
      <Card data-testid="section-placeholder">
        <Result
          icon={<ToolOutlined />}
          title="Chức năng đang được xây dựng"
          subTitle={section.summary}
          extra={
            <Button type="primary" onClick={() => navigate('/co-cau-to-chuc')}>
              Xem cơ cấu tổ chức
            </Button>
          }
        />
      </Card>
    </div>
  );
}
