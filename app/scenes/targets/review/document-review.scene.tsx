import { CheckOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import {
  discardDocument,
  documentKeys,
  documentReviewQuery,
  documentFileUrl,
  saveReview,
  saveReviewDraft,
  type ReviewResult,
  type SaveReview,
} from '../../../api/documents.api.ts';
import { meQuery } from '../../../api/auth.api.ts';
import { indicatorsQuery } from '../../../api/measures.api.ts';
import { progressKeys } from '../../../api/progress.api.ts';
import { LeaveGuard } from '../../../components/leave-guard.tsx';
import { VI_DATE_FORMAT } from '../../../lib/calendar-date.ts';
import { useAutosave, type SaveState } from '../../../lib/use-autosave.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { DOCUMENT_KINDS, indicatorOptions } from '../target-form.model.ts';
import type { Mark, MarkKind } from './highlight.model.ts';
import { ReviewTargetCard } from './review-target.card.tsx';
import { ReviewTasksPanel } from './review-tasks.panel.tsx';
import { ReviewTextPanel } from './review-text.panel.tsx';
import { blockingReason, countByDecision, initialDrafts, metadataOf, toDraftBody, toSaveBody, type Draft } from './review.model.ts';
import '../../../components/registry/registry.css';
import './review.css';

const TAB_OF: Record<MarkKind, string> = {
  target: 'target',
  baseline: 'baseline',
  qualitative: 'qualitative',
  reference: 'reference',
  task: 'task',
};

/**
 * Rà soát văn bản: the text with what was read highlighted beside the list; confirm, correct or
 * drop each target (autosaved as a draft), then save.
 */
export default function DocumentReviewScene() {
  const id = Number(useParams().id);
  const review = useQuery({ ...documentReviewQuery(id), enabled: Number.isInteger(id) && id > 0 });
  // A fresh working copy per load asked for (after a conflict: "Tải lại bản rà soát").
  const [generation, setGeneration] = useState(0);
  useDocumentTitle('Rà soát văn bản');
  if (review.isError)
    return (
      <div className="scene">
        <Alert type="error" showIcon title={errorMessage(review.error)} />
      </div>
    );
  // Never start from the cache: the draft may have been saved since (here, or in another browser).
  if (!review.data || !review.isFetchedAfterMount) return <Spin className="app-loading" />;
  const reload = async () => {
    await review.refetch();
    setGeneration((g) => g + 1);
  };
  return (
    <ReviewEditor key={`${review.data.document.id}-${review.data.document.status}-${generation}`} review={review.data} onReload={reload} />
  );
}

function ReviewEditor({ review, onReload }: { review: ReviewResult; onReload: () => Promise<void> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const doc = review.document;
  const me = useQuery(meQuery());
  const isConfirmed = doc.status === 'confirmed';
  // A reader without targets.write (a viewer) sees the review as it stands, with nothing to press.
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const isReadOnly = isConfirmed || !canWrite;
  const [metadata, setMetadata] = useState<SaveReview['metadata']>(() => metadataOf(review));
  const [drafts, setDrafts] = useState<Draft[]>(() => initialDrafts(review));
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('target');
  const [saving, setSaving] = useState<'draft' | 'final' | null>(null);
  const [error, setError] = useState<string>();
  const canCreateIndicator = me.data?.permissions.includes('measures.manage') ?? false;
  const indicatorList = useQuery(indicatorsQuery());
  // One list for every card (kept stable so the memoised cards do not all re-render on each edit).
  const indicators = useMemo(() => indicatorOptions(indicatorList.data?.items ?? []), [indicatorList.data]);
  const version = useRef(review.draft.version);
  const latest = useRef({ metadata, drafts });
  latest.current = { metadata, drafts };
  const autosave = useAutosave({
    conflictCode: 'REVIEW_VERSION_CONFLICT',
    save: async () => {
      const saved = await saveReviewDraft(doc.id, toDraftBody(version.current, latest.current.metadata, latest.current.drafts));
      version.current = saved.version;
    },
  });
  const { touch } = autosave;

  const marks = useMemo<Mark[]>(
    () => [
      ...review.items.map((i) => ({ key: i.key, kind: i.kind, start: i.start, end: i.end })),
      ...review.proposals.map((p) => ({ key: p.key, kind: 'target' as const, start: p.start, end: p.end })),
    ],
    [review],
  );
  const kindOf = useMemo(() => new Map(marks.map((m) => [m.key, m.kind])), [marks]);
  const dropped = useMemo(() => new Set(drafts.filter((d) => d.decision === 'drop').map((d) => d.key)), [drafts]);
  const counts = countByDecision(drafts);
  const meta = (patch: Partial<SaveReview['metadata']>) => {
    setMetadata((m) => ({ ...m, ...patch }));
    touch();
  };
  const change = useCallback(
    (key: string, patch: Partial<Draft>) => {
      setDrafts((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
      touch();
    },
    [touch],
  );
  const confirmRemaining = () => {
    setDrafts((ds) => ds.map((d) => (d.decision === 'pending' ? { ...d, decision: 'confirm' } : d)));
    touch();
  };

  // From the list to the text, and from the text to the list: bring the other side into view.
  const selectFromList = useCallback((key: string) => {
    setSelected(key);
    const mark = document.querySelector(`.review-text [data-starts~="${key}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark?.classList.add('hl-flash');
    window.setTimeout(() => mark?.classList.remove('hl-flash'), 1200);
  }, []);
  const selectFromText = useCallback(
    (key: string) => {
      setSelected(key);
      setTab(TAB_OF[kindOf.get(key) ?? 'target']);
    },
    [kindOf],
  );
  useEffect(() => {
    if (!selected) return;
    const id = window.setTimeout(
      () =>
        document.querySelector(`.review-list [data-review-key="${selected}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
      50,
    );
    return () => window.clearTimeout(id);
  }, [selected, tab]);

  const saveDraftNow = async () => {
    setSaving('draft');
    if (await autosave.saveNow()) void message.success('Đã lưu nháp; có thể quay lại rà soát tiếp, trên máy này hay máy khác.');
    setSaving(null);
  };

  const saveFinal = async () => {
    setError(undefined);
    const reason = blockingReason(drafts);
    if (reason) return setError(reason);
    setSaving('final');
    try {
      const saved = await autosave.commit(() => saveReview(doc.id, toSaveBody(metadata, drafts, true, version.current)));
      queryClient.setQueryData(documentKeys.review(doc.id), saved);
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      void queryClient.invalidateQueries({ queryKey: progressKeys.all });
      void message.success(`Đã lưu văn bản và ${saved.savedTargets} chỉ tiêu; chỉ tiêu đã có trên Tổng quan.`);
      navigate(`/van-ban-chi-tieu/${doc.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(null);
    }
  };

  const discard = async () => {
    try {
      // Nothing left to keep once the document is gone: leaving does not ask.
      await autosave.commit(() => discardDocument(doc.id));
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
      <div
        key={i.key}
        data-review-key={i.key}
        className={`review-item${selected === i.key ? ' is-selected' : ''}`}
        onClick={() => selectFromList(i.key)}
        data-testid={`review-item-${i.key}`}
      >
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
          <Typography.Text type="secondary">
            <Link to="/van-ban-chi-tieu">Văn bản & chỉ tiêu</Link> / Rà soát
          </Typography.Text>
          <h1 className="scene-title">
            {doc.symbol ? `${doc.symbol} — ` : ''}
            {metadata.title}
          </h1>
          <Space wrap>
            {isConfirmed ? <Tag color="success">Đã lưu</Tag> : <Tag color="warning">Đang rà soát</Tag>}
            <span className="cell-muted">{doc.issuer.name}</span>
            {doc.file && (
              <a href={documentFileUrl(doc.id)} className="cell-muted">
                Tệp gốc: {doc.file.name}
              </a>
            )}
            <span className="cell-muted" data-testid="review-counts">
              {review.proposals.length} chỉ tiêu đọc được · {counts.confirm} xác nhận · {counts.drop} bỏ · {counts.pending} chưa quyết định
            </span>
          </Space>
        </div>
        <Space wrap>
          {isReadOnly ? (
            isConfirmed && (
              <Button type="primary" onClick={() => navigate(`/van-ban-chi-tieu/${doc.id}`)}>
                Xem văn bản và sơ đồ thực hiện
              </Button>
            )
          ) : (
            <>
              <Popconfirm
                title="Bỏ văn bản này?"
                description="Tệp đã tải lên và kết quả rà soát sẽ bị xóa."
                okText="Bỏ văn bản"
                cancelText="Không"
                onConfirm={() => void discard()}
              >
                <Button danger icon={<DeleteOutlined />} data-testid="review-discard">
                  Bỏ văn bản
                </Button>
              </Popconfirm>
              <Button
                icon={<SaveOutlined />}
                loading={saving === 'draft'}
                onClick={() => void saveDraftNow()}
                data-testid="review-save-draft"
              >
                Lưu nháp (Ctrl+S)
              </Button>
              <Button icon={<CheckOutlined />} onClick={confirmRemaining} disabled={counts.pending === 0} data-testid="review-confirm-all">
                Xác nhận các chỉ tiêu còn lại
              </Button>
              <Button type="primary" loading={saving === 'final'} onClick={() => void saveFinal()} data-testid="review-save">
                Lưu và theo dõi {counts.confirm} chỉ tiêu
              </Button>
            </>
          )}
        </Space>
      </div>
      {!isReadOnly && <LeaveGuard autosave={autosave} />}
      {!isReadOnly && <DraftState autosave={autosave.state} savedBefore={review.draft} onReload={onReload} />}
      {review.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
      ))}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="review-error" />}
      <Card size="small" title="Thông tin văn bản (đọc từ văn bản, sửa nếu cần)" style={{ marginBottom: 12 }}>
        <div className="review-meta">
          <label>
            Loại văn bản
            <Select
              value={metadata.kind}
              onChange={(kind) => meta({ kind })}
              options={DOCUMENT_KINDS.map((k) => ({ ...k }))}
              disabled={isReadOnly}
              style={{ width: '100%' }}
              aria-label="Loại văn bản"
            />
          </label>
          <label>
            Số, ký hiệu
            <Input
              value={metadata.symbol ?? ''}
              maxLength={60}
              onChange={(e) => meta({ symbol: e.target.value })}
              disabled={isReadOnly}
              data-testid="review-symbol"
            />
          </label>
          <label>
            Ngày ban hành
            <DatePicker
              format={VI_DATE_FORMAT}
              style={{ width: '100%' }}
              value={metadata.issuedOn ? dayjs(metadata.issuedOn) : null}
              onChange={(d) => meta({ issuedOn: d ? d.format('YYYY-MM-DD') : null })}
              disabled={isReadOnly}
              aria-label="Ngày ban hành"
            />
          </label>
          <label>
            Nhiệm kỳ
            <Space.Compact style={{ width: '100%' }}>
              <InputNumber
                min={1945}
                max={2100}
                value={metadata.termFrom ?? undefined}
                onChange={(v) => meta({ termFrom: v ?? null })}
                disabled={isReadOnly}
                placeholder="từ"
                aria-label="Nhiệm kỳ từ năm"
              />
              <InputNumber
                min={1945}
                max={2100}
                value={metadata.termTo ?? undefined}
                onChange={(v) => meta({ termTo: v ?? null })}
                disabled={isReadOnly}
                placeholder="đến"
                aria-label="Nhiệm kỳ đến năm"
              />
            </Space.Compact>
          </label>
          <label className="span-2">
            Trích yếu
            <Input
              value={metadata.title}
              maxLength={1000}
              onChange={(e) => meta({ title: e.target.value })}
              disabled={isReadOnly}
              data-testid="review-title"
            />
          </label>
          <label className="span-2">
            Cơ quan ban hành (như ghi trên văn bản)
            <Input
              value={metadata.issuerText ?? ''}
              maxLength={300}
              onChange={(e) => meta({ issuerText: e.target.value })}
              disabled={isReadOnly}
            />
          </label>
          <label>
            Địa danh
            <Input value={metadata.place ?? ''} maxLength={100} onChange={(e) => meta({ place: e.target.value })} disabled={isReadOnly} />
          </label>
          <label>
            Thẩm quyền ký
            <Input
              value={metadata.signerCapacity ?? ''}
              maxLength={200}
              onChange={(e) => meta({ signerCapacity: e.target.value })}
              disabled={isReadOnly}
              placeholder="TM. Ban Chấp hành"
            />
          </label>
          <label>
            Chức vụ người ký
            <Input
              value={metadata.signerTitle ?? ''}
              maxLength={200}
              onChange={(e) => meta({ signerTitle: e.target.value })}
              disabled={isReadOnly}
            />
          </label>
          <label>
            Người ký
            <Input
              value={metadata.signerName ?? ''}
              maxLength={200}
              onChange={(e) => meta({ signerName: e.target.value })}
              disabled={isReadOnly}
            />
          </label>
        </div>
      </Card>
      <div className="review-legend">
        <span className="hl-target">Chỉ tiêu</span>
        <span className="hl-baseline">Số liệu hiện trạng</span>
        <span className="hl-qualitative">Chỉ tiêu định tính</span>
        <span className="hl-reference">Văn bản dẫn chiếu</span>
        <span className="hl-task">Nhiệm vụ</span>
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
                key: 'target',
                label: `Chỉ tiêu (${review.proposals.length})`,
                children:
                  review.proposals.length === 0 ? (
                    <Empty description="Không đọc được chỉ tiêu có số liệu nào trong văn bản này." />
                  ) : (
                    review.proposals.map((p, i) => (
                      <ReviewTargetCard
                        key={p.key}
                        index={i}
                        proposal={p}
                        draft={drafts[i]!}
                        issuer={doc.issuer}
                        indicators={indicators}
                        canCreateIndicator={canCreateIndicator}
                        isSelected={selected === p.key}
                        isReadOnly={isReadOnly}
                        onSelect={selectFromList}
                        onChange={change}
                      />
                    ))
                  ),
              },
              { key: 'baseline', label: `Hiện trạng (${count('baseline')})`, children: itemList('baseline') },
              { key: 'qualitative', label: `Định tính (${count('qualitative')})`, children: itemList('qualitative') },
              { key: 'reference', label: `Dẫn chiếu (${count('reference')})`, children: itemList('reference') },
              {
                key: 'task',
                label: `Nhiệm vụ (${count('task')})`,
                children: (
                  <ReviewTasksPanel
                    documentId={doc.id}
                    selectedStart={review.items.find((i) => i.key === selected)?.start}
                    onLocate={(start) => selectFromList(review.items.find((i) => i.kind === 'task' && i.start === start)?.key ?? '')}
                  />
                ),
              },
            ]}
          />
        </div>
      </div>
    </div>
  );
}

/** Where the draft stands: saving, saved, or why it is not (a conflict offers to reload). */
function DraftState({
  autosave,
  savedBefore,
  onReload,
}: {
  autosave: SaveState;
  savedBefore: ReviewResult['draft'];
  onReload: () => Promise<void>;
}) {
  const [reloading, setReloading] = useState(false);
  if (autosave.kind === 'conflict') {
    return (
      <Alert
        type="error"
        showIcon
        title={autosave.message}
        style={{ marginBottom: 8 }}
        data-testid="review-conflict"
        action={
          <Button
            loading={reloading}
            onClick={() => {
              setReloading(true);
              void onReload();
            }}
            data-testid="review-reload"
          >
            Tải lại bản rà soát
          </Button>
        }
      />
    );
  }
  if (autosave.kind === 'error')
    return (
      <Alert
        type="warning"
        showIcon
        title={`Chưa lưu được bản nháp: ${autosave.message}`}
        style={{ marginBottom: 8 }}
        data-testid="review-save-error"
      />
    );
  const before = savedBefore.savedAt
    ? ` Bản nháp lưu lần cuối lúc ${new Date(savedBefore.savedAt).toLocaleString('vi-VN')}${savedBefore.savedBy ? ` (${savedBefore.savedBy})` : ''}.`
    : '';
  const text =
    autosave.kind === 'saving'
      ? 'Đang lưu nháp…'
      : autosave.kind === 'saved'
        ? `Đã lưu nháp lúc ${autosave.at}.`
        : `Mỗi quyết định được tự động lưu thành bản nháp.${before}`;
  return (
    <Typography.Paragraph type="secondary" className="review-save-state" data-testid="review-save-state">
      {text}
    </Typography.Paragraph>
  );
}
