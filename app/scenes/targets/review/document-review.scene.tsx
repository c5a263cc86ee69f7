import { CheckOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Input, InputNumber, Popconfirm, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import { discardDocument, documentKeys, documentReviewQuery, documentFileUrl, saveReview, type ReviewResult, type SaveReview } from '../../../api/documents.api.ts';
import { progressKeys } from '../../../api/progress.api.ts';
import { VI_DATE_FORMAT } from '../../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { DOCUMENT_KINDS } from '../target-form.model.ts';
import type { Mark, MarkKind } from './highlight.model.ts';
import { ReviewTargetCard } from './review-target.card.tsx';
import { ReviewTextPanel } from './review-text.panel.tsx';
import { blockingReason, countByDecision, initialDrafts, metadataOf, toSaveBody, type Draft } from './review.model.ts';
import '../../../components/registry/registry.css';
import './review.css';

const TAB_OF: Record<MarkKind, string> = { target: 'target', baseline: 'baseline', qualitative: 'qualitative', reference: 'reference', task: 'task' };

/** Rà soát văn bản: the text with what was read highlighted beside the list; confirm, correct or drop each target, then save. */
export default function DocumentReviewScene() {
  const id = Number(useParams().id);
  const review = useQuery({ ...documentReviewQuery(id), enabled: Number.isInteger(id) && id > 0 });
  useDocumentTitle('Rà soát văn bản');
  if (review.isError) return <div className="scene"><Alert type="error" showIcon title={errorMessage(review.error)} /></div>;
  if (!review.data) return <Spin className="app-loading" />;
  return <ReviewEditor key={`${review.data.document.id}-${review.data.document.status}`} review={review.data} />;
}

function ReviewEditor({ review }: { review: ReviewResult }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const doc = review.document;
  const isReadOnly = doc.status === 'confirmed';
  const [metadata, setMetadata] = useState<SaveReview['metadata']>(() => metadataOf(review));
  const [drafts, setDrafts] = useState<Draft[]>(() => initialDrafts(review));
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('target');
  const [saving, setSaving] = useState<'draft' | 'final' | null>(null);
  const [error, setError] = useState<string>();

  const marks = useMemo<Mark[]>(() => [
    ...review.items.map((i) => ({ key: i.key, kind: i.kind, start: i.start, end: i.end })),
    ...review.proposals.map((p) => ({ key: p.key, kind: 'target' as const, start: p.start, end: p.end })),
  ], [review]);
  const kindOf = useMemo(() => new Map(marks.map((m) => [m.key, m.kind])), [marks]);
  const dropped = useMemo(() => new Set(drafts.filter((d) => d.decision === 'drop').map((d) => d.key)), [drafts]);
  const counts = countByDecision(drafts);
  const meta = (patch: Partial<SaveReview['metadata']>) => setMetadata((m) => ({ ...m, ...patch }));
  const change = useCallback((key: string, patch: Partial<Draft>) => setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d))), []);

  // From the list to the text, and from the text to the list: bring the other side into view.
  const selectFromList = useCallback((key: string) => {
    setSelected(key);
    const mark = document.querySelector(`.review-text [data-starts~="${key}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark?.classList.add('hl-flash');
    window.setTimeout(() => mark?.classList.remove('hl-flash'), 1200);
  }, []);
  const selectFromText = useCallback((key: string) => {
    setSelected(key);
    setTab(TAB_OF[kindOf.get(key) ?? 'target']);
  }, [kindOf]);
  useEffect(() => {
    if (!selected) return;
    const id = window.setTimeout(() => document.querySelector(`.review-list [data-review-key="${selected}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }), 50);
    return () => window.clearTimeout(id);
  }, [selected, tab]);

  const save = async (confirm: boolean) => {
    setError(undefined);
    if (confirm) {
      const reason = blockingReason(drafts);
      if (reason) return setError(reason);
    }
    setSaving(confirm ? 'final' : 'draft');
    try {
      const saved = await saveReview(doc.id, toSaveBody(metadata, drafts, confirm));
      queryClient.setQueryData(documentKeys.review(doc.id), saved);
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      void queryClient.invalidateQueries({ queryKey: progressKeys.all });
      if (confirm) {
        void message.success(`Đã lưu văn bản và ${saved.savedTargets} chỉ tiêu; chỉ tiêu đã có trên Tổng quan.`);
        navigate(`/van-ban-chi-tieu/${doc.id}`);
      } else {
        void message.success('Đã lưu nháp; có thể quay lại rà soát tiếp.');
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(null);
    }
  };

  const discard = async () => {
    try {
      await discardDocument(doc.id);
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      void message.success('Đã bỏ văn bản và tệp đã tải lên.');
      navigate('/van-ban-chi-tieu');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const itemList = (kind: MarkKind) => {
    const items = review.items.filter((i) => i.kind === kind);
    if (items.length === 0) return <Empty description="Không đọc được mục nào loại này." />;
    return items.map((i) => (
      <div key={i.key} data-review-key={i.key} className={`review-item${selected === i.key ? ' is-selected' : ''}`} onClick={() => selectFromList(i.key)} data-testid={`review-item-${i.key}`}>
        <div className="cell-strong">{i.detail}</div>
        <div className="cell-muted">{i.text.length > 220 ? `${i.text.slice(0, 220)}…` : i.text}</div>
      </div>
    ));
  };
  const count = (kind: MarkKind) => review.items.filter((i) => i.kind === kind).length;

  return (
    <div className="scene" data-testid="document-review">
      <div className="scene-header">
        <div>
          <Typography.Text type="secondary"><Link to="/van-ban-chi-tieu">Văn bản & chỉ tiêu</Link> / Rà soát</Typography.Text>
          <h1 className="scene-title">{doc.symbol ? `${doc.symbol} — ` : ''}{metadata.title}</h1>
          <Space wrap>
            {isReadOnly ? <Tag color="green">Đã lưu</Tag> : <Tag color="gold">Đang rà soát</Tag>}
            <span className="cell-muted">{doc.issuer.name}</span>
            {doc.file && <a href={documentFileUrl(doc.id)} className="cell-muted">Tệp gốc: {doc.file.name}</a>}
            <span className="cell-muted" data-testid="review-counts">{review.proposals.length} chỉ tiêu đọc được · {counts.confirm} xác nhận · {counts.drop} bỏ · {counts.pending} chưa quyết định</span>
          </Space>
        </div>
        <Space>
          {isReadOnly ? (
            <Button type="primary" onClick={() => navigate(`/van-ban-chi-tieu/${doc.id}`)}>Xem văn bản và sơ đồ thực hiện</Button>
          ) : (
            <>
              <Popconfirm title="Bỏ văn bản này?" description="Tệp đã tải lên và kết quả rà soát sẽ bị xóa." okText="Bỏ văn bản" cancelText="Không" onConfirm={() => void discard()}>
                <Button danger icon={<DeleteOutlined />} data-testid="review-discard">Bỏ văn bản</Button>
              </Popconfirm>
              <Button icon={<SaveOutlined />} loading={saving === 'draft'} onClick={() => void save(false)} data-testid="review-save-draft">Lưu nháp</Button>
              <Button icon={<CheckOutlined />} onClick={() => setDrafts((ds) => ds.map((d) => (d.decision === 'pending' ? { ...d, decision: 'confirm' } : d)))} disabled={counts.pending === 0} data-testid="review-confirm-all">Xác nhận các chỉ tiêu còn lại</Button>
              <Button type="primary" loading={saving === 'final'} onClick={() => void save(true)} data-testid="review-save">Lưu và theo dõi {counts.confirm} chỉ tiêu</Button>
            </>
          )}
        </Space>
      </div>
      {review.warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />)}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="review-error" />}
      <Card size="small" title="Thông tin văn bản (đọc từ văn bản, sửa nếu cần)" style={{ marginBottom: 12 }}>
        <div className="review-meta">
          <label>Loại văn bản<Select value={metadata.kind} onChange={(kind) => meta({ kind })} options={DOCUMENT_KINDS.map((k) => ({ ...k }))} disabled={isReadOnly} style={{ width: '100%' }} /></label>
          <label>Số, ký hiệu<Input value={metadata.symbol ?? ''} onChange={(e) => meta({ symbol: e.target.value })} disabled={isReadOnly} data-testid="review-symbol" /></label>
          <label>Ngày ban hành<DatePicker format={VI_DATE_FORMAT} style={{ width: '100%' }} value={metadata.issuedOn ? dayjs(metadata.issuedOn) : null} onChange={(d) => meta({ issuedOn: d ? d.format('YYYY-MM-DD') : null })} disabled={isReadOnly} /></label>
          <label>Nhiệm kỳ<Space.Compact style={{ width: '100%' }}>
            <InputNumber min={1945} max={2100} value={metadata.termFrom ?? undefined} onChange={(v) => meta({ termFrom: v ?? null })} disabled={isReadOnly} placeholder="từ" />
            <InputNumber min={1945} max={2100} value={metadata.termTo ?? undefined} onChange={(v) => meta({ termTo: v ?? null })} disabled={isReadOnly} placeholder="đến" />
          </Space.Compact></label>
          <label className="span-2">Trích yếu<Input value={metadata.title} onChange={(e) => meta({ title: e.target.value })} disabled={isReadOnly} data-testid="review-title" /></label>
          <label className="span-2">Cơ quan ban hành (như ghi trên văn bản)<Input value={metadata.issuerText ?? ''} onChange={(e) => meta({ issuerText: e.target.value })} disabled={isReadOnly} /></label>
          <label>Địa danh<Input value={metadata.place ?? ''} onChange={(e) => meta({ place: e.target.value })} disabled={isReadOnly} /></label>
          <label>Thẩm quyền ký<Input value={metadata.signerCapacity ?? ''} onChange={(e) => meta({ signerCapacity: e.target.value })} disabled={isReadOnly} placeholder="TM. Ban Chấp hành" /></label>
          <label>Chức vụ người ký<Input value={metadata.signerTitle ?? ''} onChange={(e) => meta({ signerTitle: e.target.value })} disabled={isReadOnly} /></label>
          <label>Người ký<Input value={metadata.signerName ?? ''} onChange={(e) => meta({ signerName: e.target.value })} disabled={isReadOnly} /></label>
        </div>
      </Card>
      <div className="review-legend">
        <span className="hl-target">Chỉ tiêu</span><span className="hl-baseline">Số liệu hiện trạng</span><span className="hl-qualitative">Chỉ tiêu định tính</span>
        <span className="hl-reference">Văn bản dẫn chiếu</span><span className="hl-task">Nhiệm vụ</span>
      </div>
      <div className="review-layout">
        <ReviewTextPanel text={review.text} marks={marks} selected={selected} dropped={dropped} onSelect={selectFromText} />
        <div className="review-list" data-testid="review-list">
          <Tabs
            size="small"
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'target', label: `Chỉ tiêu (${review.proposals.length})`,
                children: review.proposals.length === 0 ? <Empty description="Không đọc được chỉ tiêu có số liệu nào trong văn bản này." /> : review.proposals.map((p, i) => (
                  <ReviewTargetCard key={p.key} index={i} proposal={p} draft={drafts[i]!} issuer={doc.issuer} isSelected={selected === p.key} isReadOnly={isReadOnly} onSelect={selectFromList} onChange={change} />
                )),
              },
              { key: 'baseline', label: `Hiện trạng (${count('baseline')})`, children: itemList('baseline') },
              { key: 'qualitative', label: `Định tính (${count('qualitative')})`, children: itemList('qualitative') },
              { key: 'reference', label: `Dẫn chiếu (${count('reference')})`, children: itemList('reference') },
              { key: 'task', label: `Nhiệm vụ (${count('task')})`, children: itemList('task') },
            ]}
          />
        </div>
      </div>
    </div>
  );
}
