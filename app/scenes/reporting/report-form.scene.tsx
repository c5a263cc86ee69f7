import { CloudUploadOutlined, DownloadOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Input, InputNumber, Modal, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { validateReport, warningKey } from '../../../domain/reporting/report-validation.ts';
import { ApiError, errorMessage } from '../../api/api-client.ts';
import { reportingKeys, reportQuery, reviewReport, saveReport, submitReport, uploadFiles, type ReportSummary, type ReportValues, type ReportView } from '../../api/reporting.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { useAutosave } from '../../lib/use-autosave.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { formatFigure, parseFigure, STATUS_COLORS, TIMELINESS_LABELS } from './report-format.ts';
import { ReportTasksSection } from './report-tasks.section.tsx';
import './reporting.css';

/** One report: the form (autosaved), the figures from the registries beside it, checks, the thread, and the review actions. */
export default function ReportFormScene() {
  const id = Number(useParams().id);
  const report = useQuery({ ...reportQuery(id), enabled: Number.isInteger(id) && id > 0 });
  useDocumentTitle(report.data ? `${report.data.templateName} — ${report.data.unit.name}` : 'Báo cáo định kỳ');
  if (report.isError) return <div className="scene"><Alert type="error" showIcon message={errorMessage(report.error)} /></div>;
  if (!report.data) return <Spin className="app-loading" />;
  // A fresh form state per loaded version of the report (after a reload, a review, an upload).
  return <ReportForm key={`${report.data.id}-${report.data.version}-${report.dataUpdatedAt}`} view={report.data} />;
}

function ReportForm({ view }: { view: ReportView }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ReportValues>(view.values);
  const [explanations, setExplanations] = useState<Record<string, string>>(view.explanations);
  const [status, setStatus] = useState(view.status);
  const [serverIssues, setServerIssues] = useState<{ path: string; message: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [reasonFor, setReasonFor] = useState<'return' | 'reopen'>();
  const version = useRef(view.version);
  const latest = useRef({ values, explanations });
  latest.current = { values, explanations };
  const canEdit = view.can.edit && (status === 'draft' || status === 'returned');
  const fields = useMemo(() => view.template.sections.flatMap((s) => s.fields), [view.template.sections]);
  const findings = useMemo(() => validateReport({ sections: view.template.sections, rules: view.template.rules }, values, view.previous, explanations), [values, explanations, view]);
  const errorsByField = useMemo(() => groupBy(findings.errors, (e) => e.element), [findings]);
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportingKeys.all });

  const autosave = useAutosave({
    conflictCode: 'REPORT_VERSION_CONFLICT',
    save: async () => {
      const saved = await saveReport(view.id, { version: version.current, ...latest.current });
      version.current = saved.version;
    },
  });
  const { state: save, touch, saveNow } = autosave;

  const setValue = (element: string, value: number | null) => {
    setValues((v) => ({ ...v, [element]: value }));
    // The server's verdict on this field is stale once it changes; the live checks take over.
    setServerIssues((issues) => issues.filter((i) => i.path !== element));
    touch();
  };
  /** Enter moves to the next figure, as in a spreadsheet. */
  const focusNext = (element: string) => {
    const i = fields.findIndex((f) => f.element === element);
    const next = fields[i + 1];
    if (next) document.getElementById(`f-${next.element}`)?.focus();
  };

  const act = async (work: () => Promise<ReportSummary>, done: string) => {
    setBusy(true);
    setServerIssues([]);
    try {
      const result = await work();
      version.current = result.version;
      setStatus(result.status);
      message.success(done);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError) setServerIssues(error.issues);
      message.error(errorMessage(error));
      if (error instanceof ApiError && error.code === 'REPORT_VERSION_CONFLICT') autosave.markConflict(error.message);
    } finally {
      setBusy(false);
    }
  };

  const submit = () => act(() => autosave.commit(() => submitReport(view.id, { version: version.current, ...latest.current })), 'Đã gửi báo cáo lên cấp trên.');

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await uploadFiles<ReportSummary>(`/api/reports/${view.id}/workbook`, [file]);
      message.success('Đã nạp số liệu từ tệp Excel.');
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="scene report-form" data-testid="report-form">
      <div className="scene-header">
        <div>
          <Typography.Text type="secondary"><Link to="/bao-cao-dinh-ky">Báo cáo định kỳ</Link> / {view.unit.name}</Typography.Text>
          <h1 className="scene-title">{view.templateName}</h1>
          <Space wrap>
            <Tag color={STATUS_COLORS[status]} data-testid="report-status">{STATUS_LABEL[status]}</Tag>
            <span>{view.unit.name} · {view.period.label} · hạn gửi {formatViDate(view.period.dueOn)}</span>
            {view.firstSubmittedAt && <Tag>{TIMELINESS_LABELS[view.timeliness]}</Tag>}
            <Typography.Text type="secondary">Biểu mẫu phiên bản {view.template.version}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={`/api/reports/${view.id}/workbook`} data-testid="report-download">Tải biểu mẫu Excel</Button>
          {canEdit && (
            <Upload accept=".xlsx" showUploadList={false} beforeUpload={(file) => { void upload(file); return false; }}>
              <Button icon={<CloudUploadOutlined />} disabled={busy} data-testid="report-upload">Nạp tệp Excel</Button>
            </Upload>
          )}
        </Space>
      </div>

      {save.kind === 'conflict' && (
        <Alert type="error" showIcon data-testid="report-conflict" message={save.message}
          action={<Button onClick={() => void refresh()}>Tải lại báo cáo</Button>} />
      )}
      {save.kind === 'error' && <Alert type="warning" showIcon message={`Chưa lưu được: ${save.message}`} />}
      {view.comments.length > 0 && <ReportThread comments={view.comments} />}

      <Row gutter={16}>
        <Col xs={24} lg={17}>
          {view.template.sections.map((section) => (
            <Card key={section.title} size="small" title={section.title} className="report-section">
              {section.fields.map((field) => {
                const warnings = findings.warnings.filter((w) => w.element === field.element);
                const errors = [...(errorsByField.get(field.element) ?? []), ...serverIssues.filter((i) => i.path === field.element && !(errorsByField.get(field.element) ?? []).some((e) => e.message === i.message))];
                const previous = view.previous?.[field.element];
                return (
                  <div key={field.element} className="report-row" data-testid={`row-${field.element}`}>
                    <label className="report-label" htmlFor={`f-${field.element}`}>
                      {field.label}
                      {field.hint && <span className="cell-muted"> ({field.hint})</span>}
                      {typeof previous === 'number' && <div className="cell-muted">Kỳ trước: {formatFigure(previous)}</div>}
                    </label>
                    <InputNumber
                      id={`f-${field.element}`}
                      data-testid={`field-${field.element}`}
                      className="report-input"
                      // Whole numbers only: a phone opens its digit keypad, not the full keyboard.
                      inputMode="numeric"
                      value={values[field.element] ?? null}
                      min={0}
                      precision={0}
                      disabled={!canEdit}
                      status={errors.length ? 'error' : warnings.length ? 'warning' : undefined}
                      formatter={(v) => formatFigure(v as number | string | undefined)}
                      parser={(t) => parseFigure(t) as unknown as number}
                      onChange={(v) => setValue(field.element, typeof v === 'number' ? v : null)}
                      onPressEnter={() => focusNext(field.element)}
                    />
                    <div className="report-findings">
                      {errors.map((e) => <div key={e.message} className="report-error" data-testid={`error-${field.element}`}>{e.message}</div>)}
                      {warnings.map((w) => (
                        <div key={w.message} className="report-warning" data-testid={`warning-${field.element}`}>
                          {w.message}
                          <Input.TextArea
                            data-testid={`explain-${field.element}`}
                            autoSize={{ minRows: 1, maxRows: 4 }}
                            placeholder="Giải thích nguyên nhân biến động"
                            value={explanations[warningKey(w)] ?? ''}
                            disabled={!canEdit}
                            onChange={(e) => { setExplanations((x) => ({ ...x, [warningKey(w)]: e.target.value })); touch(); }}
                          />
                        </div>
                      ))}
                    </div>
                  </div>
                );
              })}
            </Card>
          ))}
          <ReportTasksSection reportId={view.id} unitId={view.unit.id} canEdit={canEdit} />
          <Card size="small" className="report-actions">
            <Space wrap>
              {canEdit && (
                <>
                  <Button type="primary" icon={<SendOutlined />} loading={busy} onClick={() => void submit()} data-testid="report-submit">
                    {status === 'returned' ? 'Gửi lại báo cáo' : 'Gửi báo cáo'}
                  </Button>
                  <Button onClick={() => void saveNow()} data-testid="report-save">Lưu nháp (Ctrl+S)</Button>
                </>
              )}
              {view.can.review && status === 'submitted' && (
                <>
                  <Button type="primary" loading={busy} data-testid="report-accept" onClick={() => void act(() => reviewReport(view.id, 'accept', { version: version.current }), 'Đã duyệt báo cáo.')}>Duyệt</Button>
                  <Button danger data-testid="report-return" onClick={() => setReasonFor('return')}>Trả lại</Button>
                </>
              )}
              {view.can.review && status === 'accepted' && <Button data-testid="report-reopen" onClick={() => setReasonFor('reopen')}>Mở lại</Button>}
              <span className="cell-muted" data-testid="report-save-state">
                {save.kind === 'saving' ? 'Đang lưu…' : save.kind === 'saved' ? `Đã lưu nháp lúc ${save.at}` : canEdit ? 'Số liệu được tự động lưu khi bạn nhập.' : ''}
              </span>
              {canEdit && findings.errors.length > 0 && <Typography.Text type="danger">Còn {findings.errors.length} lỗi cần sửa trước khi gửi.</Typography.Text>}
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" title="Số liệu từ sổ sách (chỉ xem)" data-testid="report-context">
            <Typography.Paragraph type="secondary">Tính đến ngày {formatViDate(view.context.measuredOn)}, để đối chiếu khi nhập.</Typography.Paragraph>
            {view.context.items.map((item) => (
              <div key={item.code} className="report-context-row">
                <span>{item.name}</span>
                <strong>{item.value === null ? '—' : formatFigure(item.value)}</strong>
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <ReasonModal
        kind={reasonFor}
        onCancel={() => setReasonFor(undefined)}
        onConfirm={async (reason) => {
          const kind = reasonFor!;
          setReasonFor(undefined);
          await act(() => reviewReport(view.id, kind, { version: version.current, reason }), kind === 'return' ? 'Đã trả lại báo cáo.' : 'Đã mở lại báo cáo.');
        }}
      />
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = { draft: 'Đang nhập', submitted: 'Đã gửi, chờ duyệt', returned: 'Bị trả lại', accepted: 'Đã duyệt' };
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

function ReasonModal({ kind, onCancel, onConfirm }: { kind?: 'return' | 'reopen'; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={kind !== undefined}
      title={kind === 'return' ? 'Trả lại báo cáo' : 'Mở lại báo cáo đã duyệt'}
      okText={kind === 'return' ? 'Trả lại' : 'Mở lại'}
      cancelText="Hủy"
      okButtonProps={{ disabled: reason.trim().length < 5, 'data-testid': 'reason-confirm' } as never}
      onCancel={onCancel}
      onOk={() => { onConfirm(reason.trim()); setReason(''); }}
      destroyOnHidden
    >
      <Typography.Paragraph>Ghi rõ lý do để đơn vị biết cần sửa gì (ít nhất 5 ký tự).</Typography.Paragraph>
      <Input.TextArea data-testid="reason-input" autoFocus autoSize={{ minRows: 3 }} value={reason} onChange={(e) => setReason(e.target.value)} />
    </Modal>
  );
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}
