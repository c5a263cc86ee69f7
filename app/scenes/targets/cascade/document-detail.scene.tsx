import { ApartmentOutlined, DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Modal, Popconfirm, Select, Space, Spin, Table, Tag, Tree, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import { meQuery } from '../../../api/auth.api.ts';
import {
  cascadeQuery,
  documentDetailQuery,
  documentFileUrl,
  documentKeys,
  documentSearchQuery,
  linkDocument,
  unlinkDocument,
  type CascadeNode,
  type DocumentLink,
  type DocumentSummaryItem,
} from '../../../api/documents.api.ts';
import { formatViDate } from '../../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { ReportDocumentButton } from '../../report-documents/report-document.button.tsx';
import { DocumentTargetsTable } from '../document-targets.table.tsx';
import { documentKindLabel } from '../target-form.model.ts';
import { toTree, type CascadeTreeNode } from './cascade.model.ts';
import '../../../components/registry/registry.css';
import '../review/review.css';

interface TreeItem {
  key: string;
  title: ReactNode;
  children: TreeItem[];
}

const RELATION = { implements: 'Thực hiện', cites: 'Dẫn chiếu', replaces: 'Thay thế' } as const;

/** One document: its metadata and file, its targets, and the cascade — what it implements (up) and what implements it (down). */
export default function DocumentDetailScene() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const detail = useQuery({ ...documentDetailQuery(id), enabled: id > 0 });
  const cascade = useQuery({ ...cascadeQuery(id), enabled: id > 0 });
  const [linking, setLinking] = useState<{ linkId?: number; symbol?: string | null } | null>(null);
  useDocumentTitle(detail.data?.symbol ?? 'Văn bản');
  if (detail.isError)
    return (
      <div className="scene">
        <Alert type="error" showIcon title={errorMessage(detail.error)} />
      </div>
    );
  if (!detail.data) return <Spin className="app-loading" />;
  const d = detail.data;

  const title = (e: CascadeNode) => {
    const doc = e.document;
    if (!doc)
      return (
        <span data-testid={`cascade-node-${e.linkId}`}>
          <Tag>Chưa có trong hệ thống</Tag>
          {e.symbol}
        </span>
      );
    const label = (
      <span>
        {doc.symbol ? <strong>{doc.symbol}</strong> : null} {documentKindLabel(doc.kind)} — {doc.title}{' '}
        <span className="cell-muted">({doc.issuer.name})</span>
      </span>
    );
    return (
      <span data-testid={`cascade-node-${e.linkId}`}>
        {doc.isInScope ? <Link to={`/van-ban-chi-tieu/${doc.id}`}>{label}</Link> : label}
      </span>
    );
  };
  const treeData = (nodes: CascadeTreeNode[]): TreeItem[] =>
    nodes.map((n) => ({ key: n.key, title: title(n.entry), children: treeData(n.children) }));

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
      <Card
        size="small"
        title={
          <span>
            <ApartmentOutlined /> Sơ đồ thực hiện
          </span>
        }
        style={{ marginBottom: 12 }}
        data-testid="cascade"
      >
        {cascade.isError && <Alert type="error" title={errorMessage(cascade.error)} />}
        {cascade.data && (
          <div className="cascade-columns">
            <div data-testid="cascade-up">
              <Typography.Title level={5}>Văn bản này thực hiện</Typography.Title>
              {cascade.data.up.length ? (
                <Tree defaultExpandAll selectable={false} treeData={treeData(toTree(cascade.data.up))} />
              ) : (
                <Empty description="Chưa liên kết với văn bản cấp trên." />
              )}
            </div>
            <div data-testid="cascade-down">
              <Typography.Title level={5}>Văn bản thực hiện văn bản này</Typography.Title>
              {cascade.data.down.length ? (
                <Tree defaultExpandAll selectable={false} treeData={treeData(toTree(cascade.data.down))} />
              ) : (
                <Empty description="Chưa có văn bản nào trong phạm vi của bạn thực hiện văn bản này." />
              )}
            </div>
          </div>
        )}
      </Card>
      <Card
        size="small"
        title="Văn bản dẫn chiếu"
        style={{ marginBottom: 12 }}
        extra={
          canWrite && (
            <Button size="small" icon={<LinkOutlined />} onClick={() => setLinking({})} data-testid="link-add">
              Liên kết văn bản cấp trên
            </Button>
          )
        }
      >
        <Table<DocumentLink>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={cascade.data?.references ?? []}
          data-testid="references"
          locale={{ emptyText: 'Văn bản không dẫn chiếu văn bản nào.' }}
          columns={[
            {
              title: 'Quan hệ',
              key: 'relation',
              width: 110,
              render: (_, l) => <Tag color={l.relation === 'implements' ? 'blue' : undefined}>{RELATION[l.relation]}</Tag>,
            },
            {
              title: 'Số, ký hiệu',
              key: 'symbol',
              render: (_, l) => (
                <span>
                  {l.symbol ?? l.linked?.symbol ?? '—'}
                  {l.referencedOn ? <span className="cell-muted"> ngày {formatViDate(l.referencedOn)}</span> : null}
                </span>
              ),
            },
            {
              title: 'Văn bản trong hệ thống',
              key: 'linked',
              render: (_, l) =>
                l.linked ? (
                  l.linked.isInScope ? (
                    <Link to={`/van-ban-chi-tieu/${l.linked.id}`}>{l.linked.title}</Link>
                  ) : (
                    <span>
                      {l.linked.title} <span className="cell-muted">({l.linked.issuer.name})</span>
                    </span>
                  )
                ) : (
                  <span className="cell-muted">Chưa có trong hệ thống</span>
                ),
            },
            {
              title: '',
              key: 'actions',
              width: 150,
              render: (_, l) =>
                canWrite &&
                (l.linked ? (
                  <UnlinkButton documentId={d.id} link={l} />
                ) : (
                  <Button size="small" onClick={() => setLinking({ linkId: l.id, symbol: l.symbol })} data-testid={`link-${l.id}`}>
                    Liên kết…
                  </Button>
                )),
            },
          ]}
        />
      </Card>
      {d.status === 'confirmed' && (
        <Card size="small" title="Chỉ tiêu của văn bản">
          <DocumentTargetsTable document={d} />
        </Card>
      )}
      {linking && <LinkModal documentId={d.id} linkId={linking.linkId} symbol={linking.symbol ?? null} onClose={() => setLinking(null)} />}
    </div>
  );
}

function UnlinkButton({ documentId, link }: { documentId: number; link: DocumentLink }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title="Bỏ liên kết này?"
      okText="Bỏ liên kết"
      cancelText="Không"
      onConfirm={async () => {
        try {
          queryClient.setQueryData(documentKeys.cascade(documentId), await unlinkDocument(documentId, link.id));
        } catch (e) {
          void message.error(errorMessage(e));
        }
      }}
    >
      <Button size="small">Bỏ liên kết</Button>
    </Popconfirm>
  );
}

/** Pick the stored document a reference means (own subtree, or a level above: what one implements). */
function LinkModal({
  documentId,
  linkId,
  symbol,
  onClose,
}: {
  documentId: number;
  linkId?: number;
  symbol: string | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(symbol ?? '');
  const q = useDebouncedValue(text.normalize('NFC').trim(), 300);
  const found = useQuery(documentSearchQuery({ q: q || undefined, includeAbove: true }));
  const [chosen, setChosen] = useState<number>();
  const [error, setError] = useState<string>();
  const options = (found.data?.items ?? [])
    .filter((x: DocumentSummaryItem) => x.id !== documentId)
    .map((x) => ({ value: x.id, label: `${x.symbol ? `${x.symbol} — ` : ''}${x.title} (${x.issuer.name})` }));
  const submit = async () => {
    if (!chosen) return setError('Hãy chọn văn bản.');
    try {
      queryClient.setQueryData(documentKeys.cascade(documentId), await linkDocument(documentId, { linkedDocumentId: chosen, linkId }));
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={symbol ? `Liên kết ${symbol} với văn bản trong hệ thống` : 'Liên kết văn bản mà văn bản này thực hiện'}
      okText="Liên kết"
      cancelText="Hủy"
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Select
        showSearch
        filterOption={false}
        style={{ width: '100%' }}
        searchValue={text}
        onSearch={setText}
        value={chosen}
        onChange={setChosen}
        options={options}
        loading={found.isFetching}
        placeholder="Gõ số ký hiệu hoặc trích yếu"
        notFoundContent="Không tìm thấy văn bản"
        data-testid="link-select"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
    </Modal>
  );
}
