import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../../api/api-client.ts';
import {
  discardDocument,
  documentKeys,
  documentReviewQuery,
  documentFileUrl,
  saveReview,
  type ReviewResult,
} from '../../../api/documents.api.ts';
import { meQuery } from '../../../api/auth.api.ts';
import { indicatorsQuery } from '../../../api/measures.api.ts';
import { progressKeys } from '../../../api/progress.api.ts';
import { LeaveGuard } from '../../../components/leave-guard.tsx';
import type { SaveState } from '../../../lib/use-autosave.ts';
import { useDocumentTitle } from '../../../lib/use-document-title.ts';
import { indicatorOptions } from '../target-form.model.ts';
import type { Mark, MarkKind } from './highlight.model.ts';
import { useReviewDraft } from './use-review-draft.hook.ts';
import { ReviewActions } from './review-actions.tsx';
import { useReviewSelection } from './use-review-selection.hook.ts';
import { ReviewItemList, ReviewTargetList } from './review-item.list.tsx';
import { ReviewMetadataCard } from './review-metadata.card.tsx';
import { ReviewTasksPanel } from './review-tasks.panel.tsx';
import { ReviewTextPanel } from './review-text.panel.tsx';
import { blockingReason, countByDecision, toSaveBody } from './review.model.ts';
import '../../../components/registry/registry.css';
import './review.css';
import { SceneLoadError } from '../../../components/scene-load-error.tsx';

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
  if (review.isError) return <SceneLoadError error={review.error} />;
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
  const [saving, setSaving] = useState<'draft' | 'final' | null>(null);
  const [error, setError] = useState<string>();
  const canCreateIndicator = me.data?.permissions.includes('measures.manage') ?? false;
  const indicatorList = useQuery(indicatorsQuery());
  // One list for every card (kept stable so the memoised cards do not all re-render on each edit).
  const indicators = useMemo(() => indicatorOptions(indicatorList.data?.items ?? []), [indicatorList.data]);
  const { metadata, drafts, autosave, version, meta, change, confirmRemaining } = useReviewDraft(review);

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

  const { selected, tab, setTab, selectFromList, selectFromText } = useReviewSelection(kindOf);

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

  const itemList = (kind: MarkKind) => (
    <ReviewItemList items={review.items.filter((i) => i.kind === kind)} selected={selected} onSelect={selectFromList} />
  );
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
        <ReviewActions
          documentId={doc.id}
          isReadOnly={isReadOnly}
          isConfirmed={isConfirmed}
          saving={saving}
          counts={counts}
          onDiscard={() => void discard()}
          onSaveDraft={() => void saveDraftNow()}
          onConfirmRemaining={confirmRemaining}
          onSaveFinal={() => void saveFinal()}
        />
      </div>
      {!isReadOnly && <LeaveGuard autosave={autosave} />}
      {!isReadOnly && <DraftState autosave={autosave.state} savedBefore={review.draft} onReload={onReload} />}
      {review.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
      ))}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="review-error" />}
      <ReviewMetadataCard metadata={metadata} onChange={meta} isReadOnly={isReadOnly} />
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
                children: (
                  <ReviewTargetList
                    proposals={review.proposals}
                    drafts={drafts}
                    issuer={doc.issuer}
                    indicators={indicators}
                    canCreateIndicator={canCreateIndicator}
                    selected={selected}
                    isReadOnly={isReadOnly}
                    onSelect={selectFromList}
                    onChange={change}
                  />
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
