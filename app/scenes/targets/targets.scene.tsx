import { CloudUploadOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Empty, Input, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { documentKeys, documentPath, documentSearchQuery } from '../../api/documents.api.ts';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { unitQuery } from '../../api/org.api.ts';
import { progressKeys, type PlanDocument } from '../../api/progress.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { DocumentFormModal } from './document-form.modal.tsx';
import { DocumentTargetsTable } from './document-targets.table.tsx';
import { TargetFormModal } from './target-form.modal.tsx';
import { UploadDocumentModal } from './upload-document.modal.tsx';
import { documentKindLabel } from './target-form.model.ts';
import '../../components/registry/registry.css';
import { SceneHeader } from '../../components/scene-header.tsx';

/** Văn bản & chỉ tiêu: the documents of a unit and its subtree, each with its targets and their progress. */
export default function TargetsScene() {
  useDocumentTitle('Văn bản & chỉ tiêu');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const [unitId, setUnitId] = useState<number>();
  const viewedId = unitId ?? me.data?.unit.id;
  const unit = useQuery({ ...unitQuery(viewedId ?? 0, todayIso()), enabled: viewedId !== undefined });
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.normalize('NFC').trim(), 300);
  const docs = useQuery({ ...documentSearchQuery({ unitId: viewedId, q: q || undefined }), enabled: viewedId !== undefined });
  const documents = docs.data?.items ?? [];
  const confirmed = documents.filter((d) => d.status === 'confirmed');
  const [form, setForm] = useState<{ kind: 'document' } | { kind: 'upload' } | { kind: 'target'; document?: PlanDocument }>();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: progressKeys.all }),
      queryClient.invalidateQueries({ queryKey: documentKeys.all }),
    ]);
  const issuer = unit.data ? { id: unit.data.id, name: unit.data.name } : me.data?.unit;

  return (
    <div className="scene" data-testid="targets-scene">
      <SceneHeader
        title="Văn bản & chỉ tiêu"
        description="Nghị quyết, chương trình, kế hoạch của đơn vị và các đơn vị trực thuộc, cùng các chỉ tiêu đã giao và tiến độ hôm nay."
      >
        <Space wrap>
          {canWrite && (
            <>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                onClick={() => setForm({ kind: 'upload' })}
                data-testid="document-upload"
              >
                Tải văn bản lên
              </Button>
              <Button icon={<FileAddOutlined />} onClick={() => setForm({ kind: 'document' })} data-testid="document-create">
                Thêm văn bản
              </Button>
              <Button
                icon={<PlusOutlined />}
                disabled={confirmed.length === 0}
                onClick={() => setForm({ kind: 'target' })}
                data-testid="target-create"
              >
                Thêm chỉ tiêu
              </Button>
            </>
          )}
        </Space>
      </SceneHeader>
      <Card size="small" className="registry-widgets">
        <Space wrap>
          <span>Đơn vị</span>
          <UnitPicker value={viewedId} onChange={setUnitId} initialUnit={me.data?.unit ?? null} className="registry-filter-unit" />
          <Input.Search
            allowClear
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Tìm số ký hiệu, trích yếu (không cần dấu)"
            style={{ width: 360, maxWidth: '100%' }}
            data-testid="documents-search"
          />
        </Space>
      </Card>
      {docs.isError && <Typography.Text type="danger">{errorMessage(docs.error)}</Typography.Text>}
      {docs.isPending && viewedId !== undefined && <Spin className="app-loading" />}
      {docs.data && documents.length === 0 && (
        <Card>
          <Empty
            description={
              q
                ? `Không có văn bản nào khớp “${q}”.`
                : canWrite
                  ? 'Chưa có văn bản nào. Bấm “Tải văn bản lên” để đọc chương trình hành động đầu tiên.'
                  : 'Chưa có văn bản nào.'
            }
          />
        </Card>
      )}
      {documents.length > 0 && (
        <Collapse
          data-testid="documents-list"
          defaultActiveKey={documents.slice(0, 3).map((d) => d.id)}
          items={documents.map((d) => ({
            key: d.id,
            label: (
              <div data-testid={`document-${d.id}`}>
                <Tag>{documentKindLabel(d.kind)}</Tag>
                {d.status === 'review' && <Tag color="gold">Đang rà soát</Tag>}
                <Link to={documentPath(d)} onClick={(e) => e.stopPropagation()} data-testid={`document-open-${d.id}`}>
                  <strong>
                    {d.symbol ? `${d.symbol} — ` : ''}
                    {d.title}
                  </strong>
                </Link>
                <div className="cell-muted">
                  {d.issuer.name}
                  {d.issuedOn ? ` · ban hành ngày ${formatViDate(d.issuedOn)}` : ''}
                  {d.termFrom ? ` · nhiệm kỳ ${d.termFrom}–${d.termTo ?? ''}` : ''} · {formatCount(d.targets)} chỉ tiêu
                </div>
              </div>
            ),
            extra:
              canWrite && d.status === 'confirmed' ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={(e) => {
                    e.stopPropagation();
                    setForm({ kind: 'target', document: d });
                  }}
                >
                  Chỉ tiêu
                </Button>
              ) : undefined,
            children:
              d.status === 'review' ? (
                <Button onClick={() => navigate(documentPath(d))} data-testid={`document-resume-${d.id}`}>
                  {canWrite ? 'Tiếp tục rà soát' : 'Xem bản đang rà soát'}
                </Button>
              ) : (
                <DocumentTargetsTable document={d} />
              ),
          }))}
        />
      )}
      {form?.kind === 'document' && issuer && (
        <DocumentFormModal
          issuer={issuer}
          onClose={() => setForm(undefined)}
          onSaved={(d) => {
            setForm(undefined);
            void refresh();
            void message.success(`Đã thêm văn bản ${d.symbol ?? d.title}.`);
          }}
        />
      )}
      {form?.kind === 'upload' && issuer && (
        <UploadDocumentModal
          issuer={issuer}
          onClose={() => setForm(undefined)}
          onUploaded={(r) => {
            setForm(undefined);
            void refresh();
            navigate(documentPath(r.document));
          }}
        />
      )}
      {form?.kind === 'target' && (
        <TargetFormModal
          documents={confirmed}
          document={form.document}
          onClose={() => setForm(undefined)}
          onSaved={(t) => {
            setForm(undefined);
            void refresh();
            void message.success(`Đã thêm chỉ tiêu: ${t.indicator.name}.`);
          }}
        />
      )}
    </div>
  );
}
