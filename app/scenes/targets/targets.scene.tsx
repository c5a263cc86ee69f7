import { CloudUploadOutlined, FileAddOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Collapse, Empty, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { unitQuery } from '../../api/org.api.ts';
import { documentsQuery, progressKeys, type PlanDocument } from '../../api/progress.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { DocumentFormModal } from './document-form.modal.tsx';
import { DocumentTargetsTable } from './document-targets.table.tsx';
import { TargetFormModal } from './target-form.modal.tsx';
import { documentKindLabel } from './target-form.model.ts';
import '../../components/registry/registry.css';

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
  const docs = useQuery({ ...documentsQuery(viewedId), enabled: viewedId !== undefined });
  const documents = docs.data?.items ?? [];
  const [form, setForm] = useState<{ kind: 'document' } | { kind: 'target'; document?: PlanDocument }>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: progressKeys.all });
  const issuer = unit.data ? { id: unit.data.id, name: unit.data.name } : me.data?.unit;

  return (
    <div className="scene" data-testid="targets-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Văn bản & chỉ tiêu</h1>
          <Typography.Text type="secondary">Nghị quyết, chương trình, kế hoạch của đơn vị và các đơn vị trực thuộc, cùng các chỉ tiêu đã giao và tiến độ hôm nay.</Typography.Text>
        </div>
        <Space>
          <Tooltip title="Tải tệp văn bản và tự trích xuất chỉ tiêu sẽ có trong bản cập nhật sau. Hiện nay hãy nhập văn bản và chỉ tiêu bằng tay.">
            <Button icon={<CloudUploadOutlined />} disabled data-testid="document-upload-soon">Tải văn bản lên (sắp có)</Button>
          </Tooltip>
          {canWrite && (
            <>
              <Button icon={<FileAddOutlined />} onClick={() => setForm({ kind: 'document' })} data-testid="document-create">Thêm văn bản</Button>
              <Button type="primary" icon={<PlusOutlined />} disabled={documents.length === 0} onClick={() => setForm({ kind: 'target' })} data-testid="target-create">Thêm chỉ tiêu</Button>
            </>
          )}
        </Space>
      </div>
      <Card size="small" className="registry-widgets">
        <Space>
          <span>Đơn vị</span>
          <UnitPicker value={viewedId} onChange={setUnitId} initialUnit={me.data?.unit ?? null} className="registry-filter-unit" />
        </Space>
      </Card>
      {docs.isError && <Typography.Text type="danger">{errorMessage(docs.error)}</Typography.Text>}
      {docs.isPending && viewedId !== undefined && <Spin className="app-loading" />}
      {docs.data && documents.length === 0 && (
        <Card><Empty description={canWrite ? 'Chưa có văn bản nào. Bấm “Thêm văn bản” để nhập chương trình hành động đầu tiên.' : 'Chưa có văn bản nào.'} /></Card>
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
                <strong>{d.symbol ? `${d.symbol} — ` : ''}{d.title}</strong>
                <div className="cell-muted">
                  {d.issuer.name}{d.issuedOn ? ` · ban hành ngày ${formatViDate(d.issuedOn)}` : ''}
                  {d.termFrom ? ` · nhiệm kỳ ${d.termFrom}–${d.termTo ?? ''}` : ''} · {formatCount(d.targets)} chỉ tiêu
                </div>
              </div>
            ),
            extra: canWrite ? (
              <Button size="small" icon={<PlusOutlined />} onClick={(e) => { e.stopPropagation(); setForm({ kind: 'target', document: d }); }}>Chỉ tiêu</Button>
            ) : undefined,
            children: <DocumentTargetsTable document={d} />,
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
      {form?.kind === 'target' && (
        <TargetFormModal
          documents={documents}
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
