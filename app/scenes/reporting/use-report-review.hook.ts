import { App } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-client.ts';
import { reviewReport, uploadFiles, type ReportSummary, type ReportView } from '../../api/reporting.api.ts';
import { confirmAction } from '../../components/confirm-action.ts';

/**
 * What a report's page sends straight to the server, online: the review actions of the level
 * above (accept, return, reopen, answered with the report's new status) and an Excel file of
 * figures. `busy` while one runs; the form's own send shares it.
 */
export function useReportReview(
  view: ReportView,
  refresh: () => Promise<void>,
  setServerIssues: (issues: { path: string; message: string }[]) => void,
) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [reviewStatus, setReviewStatus] = useState<string>();
  const version = useRef(view.version);

  /** Review actions (the level above, online): straight to the server, as before. */
  const act = async (work: () => Promise<ReportSummary>, done: string) => {
    setBusy(true);
    setServerIssues([]);
    try {
      const result = await work();
      version.current = result.version;
      setReviewStatus(result.status);
      message.success(done);
      await refresh();
    } catch (error) {
      if (error instanceof ApiError) setServerIssues(error.issues);
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const accept = async () => {
    const confirmed = await confirmAction(modal, {
      title: `Duyệt báo cáo ${view.period.label.replace(/^Năm/, 'năm')} của ${view.unit.name}?`,
      content: 'Sau khi duyệt, số liệu được khóa và tính là số liệu đã duyệt trên Tổng quan; muốn sửa phải mở lại báo cáo, ghi rõ lý do.',
      okText: 'Duyệt báo cáo',
    });
    if (confirmed) await act(() => reviewReport(view.id, 'accept', { version: version.current }), 'Đã duyệt báo cáo.');
  };

  const returnOrReopen = (kind: 'return' | 'reopen', reason: string) =>
    act(
      () => reviewReport(view.id, kind, { version: version.current, reason }),
      kind === 'return' ? 'Đã trả lại báo cáo.' : 'Đã mở lại báo cáo.',
    );

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

  return { busy, setBusy, reviewStatus, accept, returnOrReopen, upload };
}
