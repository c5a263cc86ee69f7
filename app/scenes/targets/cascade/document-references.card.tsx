import { LinkOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Modal, Popconfirm, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import {
  documentKeys,
  documentSearchQuery,
  linkDocument,
  unlinkDocument,
  type DocumentLink,
  type DocumentSummaryItem,
} from '../../../api/documents.api.ts';
import { formatViDate } from '../../../lib/calendar-date.ts';
import { useDebouncedValue } from '../../../lib/use-debounced-value.ts';

const RELATION = { implements: 'Thực hiện', cites: 'Dẫn chiếu', replaces: 'Thay thế' } as const;

/** Văn bản dẫn chiếu: the documents this one names, each linked (or to link) to a stored document. */
export function ReferencesCard({
  documentId,
  references,
  canWrite,
}: {
  documentId: number;
  references: DocumentLink[];
  /** targets.write: links can be added and removed. */
  canWrite: boolean;
}) {
  const [linking, setLinking] = useState<{ linkId?: number; symbol?: string | null } | null>(null);
  return (
    <>
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
          dataSource={references}
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
                  <UnlinkButton documentId={documentId} link={l} />
                ) : (
                  <Button size="small" onClick={() => setLinking({ linkId: l.id, symbol: l.symbol })} data-testid={`link-${l.id}`}>
                    Liên kết…
                  </Button>
                )),
            },
          ]}
        />
      </Card>
      {linking && (
        <LinkModal documentId={documentId} linkId={linking.linkId} symbol={linking.symbol ?? null} onClose={() => setLinking(null)} />
      )}
    </>
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
