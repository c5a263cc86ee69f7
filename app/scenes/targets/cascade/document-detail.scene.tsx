import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { meQuery } from '../../../api/auth.api.ts';
import { cascadeQuery, documentDetailQuery, documentFileUrl } from '../../../api/documents.api.ts';
import { formatViDate } from '../../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { ReportDocumentButton } from '../../report-documents/report-document.button.tsx';
import { DocumentTargetsTable } from '../document-targets.table.tsx';
import { documentKindLabel } from '../target-form.model.ts';
import { CascadeCard } from './cascade.card.tsx';
import { ReferencesCard } from './document-references.card.tsx';
import '../../../components/registry/registry.css';
import '../review/review.css';
import { SceneLoadError } from '../../../components/scene-load-error.tsx';

/** One document: its metadata and file, its targets, and the cascade — what it implements (up) and what implements it (down). */
export default function DocumentDetailScene() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const detail = useQuery({ ...documentDetailQuery(id), enabled: id > 0 });
  const cascade = useQuery({ ...cascadeQuery(id), enabled: id > 0 });
  useDocumentTitle(detail.data?.symbol ?? 'Văn bản');
  if (detail.isError) return <SceneLoadError error={detail.error} />;
  if (!detail.data) return <Spin className="app-loading" />;
  const d = detail.data;

  return (
    <div className="scene" data-testid="document-detail">
      <div className="scene-header">
        <div>
          <Typography.Text type="secondary">
            <Link to="/van-ban-chi-tieu">Văn bản & chỉ tiêu</Link> / {d.symbol ?? 'Văn bản'}
          </Typography.Text>
          <h1 className="scene-title">
            {d.symbol ? `${d.symbol} — ` : ''}
            {d.title}
          </h1>
          <Space>
            <Tag>{documentKindLabel(d.kind)}</Tag>
            {d.status === 'review' ? <Tag color="gold">Đang rà soát</Tag> : <Tag color="green">Đã lưu · {d.targets} chỉ tiêu</Tag>}
          </Space>
        </div>
        <Space>
          {d.file && (
            <Button icon={<DownloadOutlined />} href={documentFileUrl(d.id)}>
              Tải tệp gốc
            </Button>
          )}
          {d.status === 'confirmed' && (
            <ReportDocumentButton unitId={me.data?.unit.id} unitName={me.data?.unit.name} documents={[d]} documentId={d.id} />
          )}
          {d.file && (
            <Button onClick={() => navigate(`/van-ban-chi-tieu/${d.id}/ra-soat`)} data-testid="document-review-open">
              {d.status === 'review' ? (canWrite ? 'Tiếp tục rà soát' : 'Xem bản đang rà soát') : 'Xem kết quả rà soát'}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={3}
          items={[
            { key: 'issuer', label: 'Đơn vị ban hành', children: d.issuer.name },
            { key: 'as-written', label: 'Cơ quan ban hành (trên văn bản)', children: d.issuerText ?? '—' },
            {
              key: 'date',
              label: 'Ngày ban hành',
              children: d.issuedOn ? `${d.place ? `${d.place}, ` : ''}${formatViDate(d.issuedOn)}` : '—',
            },
            { key: 'term', label: 'Nhiệm kỳ', children: d.termFrom ? `${d.termFrom}–${d.termTo ?? ''}` : '—' },
            {
              key: 'signer',
              label: 'Người ký',
              children: [d.signerCapacity, d.signerTitle, d.signerName].filter(Boolean).join(' · ') || '—',
            },
            {
              key: 'file',
              label: 'Tệp',
              children: d.file ? `${d.file.name} (${Math.max(1, Math.round(d.file.sizeBytes / 1024))} KB)` : 'Nhập bằng tay',
            },
          ]}
        />
      </Card>
      <CascadeCard cascade={cascade.data} error={cascade.isError ? cascade.error : undefined} />
      <ReferencesCard documentId={d.id} references={cascade.data?.references ?? []} canWrite={canWrite} />
      {d.status === 'confirmed' && (
        <Card size="small" title="Chỉ tiêu của văn bản">
          <DocumentTargetsTable document={d} />
        </Card>
      )}
    </div>
  );
}
