import { App, Modal } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { bulkAccept, uploadFiles, type BulkUploadResult, type ReportList } from '../../api/reporting.api.ts';
import { confirmAction } from '../../components/confirm-action.ts';

/**
 * The review list's two bulk actions: accept the chosen reports (after a confirmation naming
 * them) and load many units' Excel files at once; `busy` while either runs.
 */
export function useReviewBulk({
  items,
  selected,
  setSelected,
  unitId,
  refresh,
}: {
  items: ReportList['items'];
  selected: number[];
  setSelected: (ids: number[]) => void;
  unitId: number | undefined;
  refresh: () => Promise<void>;
}) {
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState(false);

  const acceptSelected = async () => {
    const chosen = items.filter((r) => selected.includes(r.id));
    const shown = chosen.slice(0, 8);
    const confirmed = await confirmAction(modal, {
      title: `Duyệt ${selected.length} báo cáo đã chọn?`,
      content: (
        <>
          <ul className="confirm-list" data-testid="confirm-bulk-list">
            {shown.map((r) => (
              <li key={r.id}>
                {r.unit.name} — {r.templateName}
              </li>
            ))}
            {chosen.length > shown.length && <li>và {chosen.length - shown.length} báo cáo khác</li>}
          </ul>
          Sau khi duyệt, số liệu của các báo cáo này được khóa và tính là số liệu đã duyệt trên Tổng quan; muốn sửa phải mở lại từng báo
          cáo, ghi rõ lý do.
        </>
      ),
      okText: `Duyệt ${selected.length} báo cáo`,
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      const result = await bulkAccept(selected);
      const refused = result.results.filter((r) => !r.ok);
      if (refused.length)
        modal.warning({
          title: `Đã duyệt ${result.accepted} báo cáo; ${refused.length} báo cáo chưa duyệt được`,
          content: refused.map((r) => `#${r.id}: ${r.message}`).join('\n'),
        });
      else message.success(`Đã duyệt ${result.accepted} báo cáo.`);
      setSelected([]);
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const uploadMany = async (files: File[]) => {
    setBusy(true);
    try {
      const result = await uploadFiles<BulkUploadResult>(`/api/reports/workbooks${unitId ? `?unitId=${unitId}` : ''}`, files);
      Modal.info({
        title: `Đã nạp ${result.accepted} tệp, từ chối ${result.refused} tệp`,
        width: 640,
        content: (
          <ul data-testid="bulk-upload-results">
            {result.results.map((r) => (
              <li key={r.fileName}>
                <strong>{r.fileName}</strong>: {r.ok ? `${r.unitName} — ${r.message}` : r.message}
              </li>
            ))}
          </ul>
        ),
      });
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return { busy, acceptSelected, uploadMany };
}
