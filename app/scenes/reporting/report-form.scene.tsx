import { CloudUploadOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Input, Modal, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { validateReport } from '../../../domain/reporting/report-validation.ts';
import { meQuery } from '../../api/auth.api.ts';
import { reportingKeys, reportQuery, type ReportView } from '../../api/reporting.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { deviceCopyTime, userKeyOf } from '../../offline/device-copy.ts';
import { knownDraft, readDraft } from '../../offline/offline-db.ts';
import { draftKey, submitRefusal, type ReportDraft } from '../../offline/report-draft.ts';
import { confirmAction } from '../../components/confirm-action.ts';
import { reportViewUrl } from '../../offline/report-sync.ts';
import { useOnline } from '../../offline/use-offline.ts';
import { useReportDraft } from '../../offline/use-report-draft.ts';
import { STATUS_COLORS, TIMELINESS_LABELS } from './report-format.ts';
import { ConflictPanel, ReportDraftNotice, ReportOfflineState, useOpensOffline } from './report-offline.section.tsx';
import { ReportContextCard, ReportSections } from './report-field.row.tsx';
import { useReportReview } from './use-report-review.hook.ts';
import { ReportTasksSection } from './report-tasks.section.tsx';
import './reporting.css';
import { SceneLoadError } from '../../components/scene-load-error.tsx';

/** One report: the form (kept on the device, sent by the sync), the figures from the registries beside it, checks, the thread, and the review actions. */
export default function ReportFormScene() {
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const report = useQuery({ ...reportQuery(id), enabled: Number.isInteger(id) && id > 0 });
  useDocumentTitle(report.data ? `${report.data.templateName} — ${report.data.unit.name}` : 'Báo cáo định kỳ');
  // The figures change while the form is open (saved by the sync): read the report afresh on the next visit.
  useEffect(() => () => queryClient.removeQueries({ queryKey: reportingKeys.report(id), exact: true }), [queryClient, id]);
  if (report.isError) return <SceneLoadError error={report.error} />;
  if (!report.data || !me.data) return <Spin className="app-loading" />;
  // A fresh form state per loaded version of the report (after a reload, a review, an upload).
  return (
    <ReportFormWithDraft
      key={`${report.data.id}-${report.data.version}-${report.dataUpdatedAt}`}
      view={report.data}
      userKey={userKeyOf(me.data)}
    />
  );
}

/** Reads the device's draft of this report (if any) before the form shows a figure, so what was typed offline is what appears. */
function ReportFormWithDraft({ view, userKey }: { view: ReportView; userKey: string }) {
  // Known at once when this page already read or wrote it (a re-open after a save or a review).
  const [initial, setInitial] = useState<ReportDraft | null | undefined>(() => knownDraft(draftKey(userKey, view.id)));
  useEffect(() => {
    if (initial !== undefined) return;
    let isLive = true;
    void readDraft(draftKey(userKey, view.id))
      .catch(() => undefined)
      .then((d) => isLive && setInitial(d ?? null));
    return () => {
      isLive = false;
    };
  }, [userKey, view.id, initial]);
  if (initial === undefined) return <Spin className="app-loading" />;
  return <ReportForm view={view} initialDraft={initial} userKey={userKey} />;
}

function ReportForm({ view, initialDraft, userKey }: { view: ReportView; initialDraft: ReportDraft | null; userKey: string }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const isOnline = useOnline();
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);
  const [reasonFor, setReasonFor] = useState<'return' | 'reopen'>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportingKeys.all });
  const local = useReportDraft(view, initialDraft, userKey, {
    onEvent: (event) => {
      if (event.sent?.kind === 'submitted') {
        message.success('Đã gửi báo cáo lên cấp trên.');
        void refresh();
      }
      if (event.submitRefused) {
        setServerIssues(event.submitRefused.issues);
        message.error(event.submitRefused.message);
      }
    },
  });
  const { values, explanations, draft } = local;
  const review = useReportReview(view, refresh, setServerIssues);
  const { busy, setBusy } = review;
  const status = review.reviewStatus ?? local.status;
  const copyAt = deviceCopyTime(reportViewUrl(view.id));
  const opensOffline = useOpensOffline(reportViewUrl(view.id), copyAt !== undefined);
  const isHeld = draft !== null && (draft.state === 'conflict' || draft.state === 'refused' || draft.submitRequested);
  const canEdit = view.can.edit && (status === 'draft' || status === 'returned') && !isHeld;
  const fields = useMemo(() => view.template.sections.flatMap((s) => s.fields), [view.template.sections]);
  const findings = useMemo(
    () => validateReport({ sections: view.template.sections, rules: view.template.rules }, values, view.previous, explanations),
    [values, explanations, view],
  );
  // A new form is mostly empty, and "required" would paint every field red before anything was
  // typed: a field's errors show once it holds a figure, once it was left, or after an attempt to send.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [hasAttempted, setHasAttempted] = useState(false);
  const showsErrorsOf = (element: string) => hasAttempted || touched.has(element) || (values[element] ?? null) !== null;
  const shownErrorCount = findings.errors.filter((e) => showsErrorsOf(e.element)).length;

  const setValue = (element: string, value: number | null) => {
    local.setValue(element, value);
    // The server's verdict on this field is stale once it changes; the live checks take over.
    setServerIssues((issues) => issues.filter((i) => i.path !== element));
  };
  /** Enter moves to the next figure, as in a spreadsheet. */
  const focusNext = (element: string) => {
    const i = fields.findIndex((f) => f.element === element);
    const next = fields[i + 1];
    if (next) document.getElementById(`f-${next.element}`)?.focus();
  };

  /**
   * Checked here with the server's own rules and words, then queued with the figures: sent now
   * when online, on reconnect when not (docs/offline.md: why a submission is queued, not refused).
   */
  const submit = async () => {
    setServerIssues([]);
    setHasAttempted(true);
    const refusal = submitRefusal(view.template, values, view.previous, explanations);
    if (refusal) {
      setServerIssues(refusal.issues);
      message.error(refusal.message);
      return;
    }
    const isAgain = status === 'returned';
    const confirmed = await confirmAction(modal, {
      title: `${isAgain ? 'Gửi lại' : 'Gửi'} báo cáo ${view.period.label.replace(/^Năm/, 'năm')} lên ${view.parentUnit?.name ?? 'cấp trên'}?`,
      content: 'Sau khi gửi, số liệu chỉ sửa được khi cấp trên trả lại.',
      okText: isAgain ? 'Gửi lại báo cáo' : 'Gửi báo cáo',
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      const left = await local.requestSubmit();
      if (left?.submitRequested && left.state === 'pending')
        message.info('Chưa có mạng: báo cáo được giữ trên máy này và sẽ tự gửi khi có mạng.');
    } finally {
      setBusy(false);
    }
  };

  const saveState = saveStateText(local.send, draft, isOnline, canEdit);

  return (
    <div className="scene report-form" data-testid="report-form">
      <ReportFormHeader
        view={view}
        status={status}
        canEdit={canEdit}
        busy={busy}
        isOnline={isOnline}
        offline={<ReportOfflineState draft={draft} isOnline={isOnline} copyAt={copyAt} opensOffline={opensOffline} />}
        onUpload={(file) => void review.upload(file)}
      />

      {draft?.state === 'conflict' && <ConflictPanel draft={draft} template={view.template} onResolve={local.resolveConflict} />}
      <ReportDraftNotice
        draft={draft}
        isOnline={isOnline}
        template={view.template}
        onCancelSubmit={() => void local.cancelSubmit()}
        onDiscard={() =>
          void local.discard().then(() => {
            if (isOnline) void refresh();
          })
        }
      />
      {view.comments.length > 0 && <ReportThread comments={view.comments} />}

      <Row gutter={16}>
        <Col xs={24} lg={17}>
          <ReportSections
            view={view}
            values={values}
            explanations={explanations}
            canEdit={canEdit}
            findings={findings}
            showsErrorsOf={showsErrorsOf}
            serverIssues={serverIssues}
            onTouch={(element) => setTouched((t) => (t.has(element) ? t : new Set(t).add(element)))}
            onChange={setValue}
            onEnter={focusNext}
            onExplain={local.setExplanation}
          />
          <ReportTasksSection reportId={view.id} unitId={view.unit.id} canEdit={canEdit} />
          <ReportActionBar
            status={status}
            canEdit={canEdit}
            canReview={view.can.review && isOnline}
            busy={busy}
            saveState={saveState}
            errorCount={shownErrorCount > 0 ? findings.errors.length : 0}
            onSubmit={() => void submit()}
            onSave={() => void local.sendNow()}
            onAccept={() => void review.accept()}
            onAskReason={setReasonFor}
          />
        </Col>
        <Col xs={24} lg={7}>
          <ReportContextCard context={view.context} />
        </Col>
      </Row>
      <ReasonModal
        kind={reasonFor}
        onCancel={() => setReasonFor(undefined)}
        onConfirm={async (reason) => {
          const kind = reasonFor!;
          setReasonFor(undefined);
          await review.returnOrReopen(kind, reason);
        }}
      />
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = {
  draft: 'Đang nhập',
  submitted: 'Đã gửi, chờ duyệt',
  returned: 'Bị trả lại',
  accepted: 'Đã duyệt',
};
const COMMENT_LABEL: Record<string, string> = { return: 'Trả lại', reopen: 'Mở lại', submit: 'Gửi', accept: 'Duyệt', note: 'Ghi chú' };

function ReportThread({ comments }: { comments: ReportView['comments'] }) {
  return (
    <Card size="small" title="Trao đổi về báo cáo" className="report-thread" data-testid="report-thread">
      {comments.map((c) => (
        <div key={c.id} className="report-comment" data-testid={`comment-${c.kind}`}>
          <Tag>{COMMENT_LABEL[c.kind]}</Tag>
          <strong>{c.author}</strong> <span className="cell-muted">{new Date(c.at).toLocaleString('vi-VN')}</span>
          <div>{c.body}</div>
        </div>
      ))}
    </Card>
  );
}

function ReasonModal({
  kind,
  onCancel,
  onConfirm,
}: {
  kind?: 'return' | 'reopen';
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={kind !== undefined}
      title={kind === 'return' ? 'Trả lại báo cáo' : 'Mở lại báo cáo đã duyệt'}
      okText={kind === 'return' ? 'Trả lại' : 'Mở lại'}
      cancelText="Hủy"
      okButtonProps={{ disabled: reason.trim().length < 5, 'data-testid': 'reason-confirm' } as never}
      onCancel={onCancel}
      onOk={() => {
        onConfirm(reason.trim());
        setReason('');
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>Ghi rõ lý do để đơn vị biết cần sửa gì (ít nhất 5 ký tự).</Typography.Paragraph>
      <Input.TextArea
        data-testid="reason-input"
        autoFocus
        autoSize={{ minRows: 3 }}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
    </Modal>
  );
}

/** The line beside the buttons: where the figures typed so far are kept. */
function saveStateText(
  send: ReturnType<typeof useReportDraft>['send'],
  draft: ReportDraft | null,
  isOnline: boolean,
  canEdit: boolean,
): string {
  return send.kind === 'saving'
    ? 'Đang lưu…'
    : draft?.state === 'pending' && (draft.message || !isOnline)
      ? draft.submitRequested
        ? 'Đã lưu trên máy này: báo cáo sẽ tự gửi khi có mạng.'
        : 'Đã lưu trên máy này, chưa gửi lên máy chủ.'
      : send.kind === 'saved'
        ? `Đã lưu nháp lúc ${send.at}`
        : canEdit
          ? 'Số liệu được tự động lưu khi bạn nhập.'
          : '';
}

/** Where the report belongs, its status, period and deadline, and the Excel form to download or load. */
function ReportFormHeader({
  view,
  status,
  canEdit,
  busy,
  isOnline,
  offline,
  onUpload,
}: {
  view: ReportView;
  status: string;
  canEdit: boolean;
  busy: boolean;
  isOnline: boolean;
  offline: ReactNode;
  onUpload: (file: File) => void;
}) {
  return (
    <div className="scene-header">
      <div>
        <Typography.Text type="secondary">
          <Link to="/bao-cao-dinh-ky">Báo cáo định kỳ</Link> / {view.unit.name}
        </Typography.Text>
        <h1 className="scene-title">{view.templateName}</h1>
        <Space wrap>
          <Tag color={STATUS_COLORS[status]} data-testid="report-status">
            {STATUS_LABEL[status]}
          </Tag>
          <span>
            {view.unit.name} · {view.period.label} · hạn gửi {formatViDate(view.period.dueOn)}
          </span>
          {view.firstSubmittedAt && <Tag>{TIMELINESS_LABELS[view.timeliness]}</Tag>}
          <Typography.Text type="secondary">Biểu mẫu phiên bản {view.template.version}</Typography.Text>
        </Space>
        {offline}
      </div>
      <Space wrap>
        <Button icon={<DownloadOutlined />} href={`/api/reports/${view.id}/workbook`} data-testid="report-download">
          Tải biểu mẫu Excel
        </Button>
        {canEdit && (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            disabled={!isOnline}
            beforeUpload={(file) => {
              onUpload(file);
              return false;
            }}
          >
            <Button icon={<CloudUploadOutlined />} disabled={busy || !isOnline} data-testid="report-upload">
              Nạp tệp Excel
            </Button>
          </Upload>
        )}
      </Space>
    </div>
  );
}

/** Send and save for the reporting unit, accept, return and reopen for the level above, and where the figures stand. */
function ReportActionBar({
  status,
  canEdit,
  canReview,
  busy,
  saveState,
  errorCount,
  onSubmit,
  onSave,
  onAccept,
  onAskReason,
}: {
  status: string;
  canEdit: boolean;
  /** May review and is online: the review actions go straight to the server. */
  canReview: boolean;
  busy: boolean;
  saveState: string;
  /** The errors to fix before sending, 0 while none is shown yet. */
  errorCount: number;
  onSubmit: () => void;
  onSave: () => void;
  onAccept: () => void;
  onAskReason: (kind: 'return' | 'reopen') => void;
}) {
  return (
    <Card size="small" className="report-actions">
      <Space wrap>
        {canEdit && (
          <>
            <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={onSubmit} data-testid="report-submit">
              {status === 'returned' ? 'Gửi lại báo cáo' : 'Gửi báo cáo'}
            </Button>
            <Button onClick={onSave} data-testid="report-save">
              Lưu nháp (Ctrl+S)
            </Button>
          </>
        )}
        {canReview && status === 'submitted' && (
          <>
            <Button type="primary" loading={busy} data-testid="report-accept" onClick={onAccept}>
              Duyệt
            </Button>
            <Button danger data-testid="report-return" onClick={() => onAskReason('return')}>
              Trả lại
            </Button>
          </>
        )}
        {canReview && status === 'accepted' && (
          <Button data-testid="report-reopen" onClick={() => onAskReason('reopen')}>
            Mở lại
          </Button>
        )}
        <span className="cell-muted" data-testid="report-save-state">
          {saveState}
        </span>
        {canEdit && errorCount > 0 && (
          <Typography.Text type="danger" data-testid="report-error-count">
            Còn {errorCount} lỗi cần sửa trước khi gửi.
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
