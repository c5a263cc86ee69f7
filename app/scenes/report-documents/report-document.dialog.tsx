import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { downloadReportDocument, type ReportDocumentFormat } from '../../api/report-documents.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import type { ReportDocumentButtonProps } from './report-document.button.tsx';
import { defaultReportPeriod, reportPeriodOptions } from './report-period.model.ts';

/**
 * The dialog behind "Lập báo cáo": the programme, the period, the signer, then the Word document
 * or the Excel tables. Loaded when first opened: Tổng quan's first paint does without its form.
 */
export default function ReportDocumentDialog({
  unitId,
  unitName,
  documents,
  documentId,
  year,
  onClose,
}: ReportDocumentButtonProps & { onClose: () => void }) {
  const { message } = App.useApp();
  const today = todayIso();
  const y = year ?? Number(today.slice(0, 4));
  const [chosenDocument, setChosenDocument] = useState<number | undefined>(documentId);
  const [period, setPeriod] = useState(defaultReportPeriod(y, today));
  const [signerName, setSignerName] = useState('');
  const [signerTitle, setSignerTitle] = useState('');
  const [busy, setBusy] = useState<ReportDocumentFormat>();
  const [error, setError] = useState<string>();
  const docId = chosenDocument ?? documentId ?? (documents.length === 1 ? documents[0]!.id : undefined);

  const download = async (format: ReportDocumentFormat) => {
    if (unitId === undefined || docId === undefined) return;
    setBusy(format);
    setError(undefined);
    try {
      const fileName = await downloadReportDocument({ unitId, documentId: docId, period, format, signerName, signerTitle });
      message.success(`Đã tải ${fileName}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Modal open onCancel={onClose} title="Lập báo cáo kết quả thực hiện" footer={null} width={560} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        Dự thảo báo cáo {unitName ? `của ${unitName} ` : ''}theo Nghị định 30/2020/NĐ-CP với số liệu trực tiếp từ hệ thống (như trên Tổng
        quan). Phần đánh giá và những gì hệ thống chưa biết (số, ngày của văn bản) được tô vàng để cán bộ điền trước khi trình ký. Bản Word
        nêu các đơn vị chậm nhất của mỗi chỉ tiêu; tệp Excel có đủ mọi đơn vị.
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="Chương trình, kế hoạch" required>
          <Select
            value={docId}
            onChange={setChosenDocument}
            placeholder="Chọn văn bản"
            disabled={documentId !== undefined && documents.length <= 1}
            options={documents.map((d) => ({ value: d.id, label: d.symbol ? `${d.symbol} — ${d.title}` : d.title }))}
            data-testid="report-document-document"
          />
        </Form.Item>
        <Form.Item label="Kỳ báo cáo" required>
          <Select value={period} onChange={setPeriod} options={reportPeriodOptions(y, today)} data-testid="report-document-period" />
        </Form.Item>
        <Space size={12} style={{ width: '100%' }} align="start">
          <Form.Item label="Người ký (họ và tên)">
            <Input
              value={signerName}
              onChange={(e) => setSignerName(e.target.value)}
              placeholder="Để trống: điền sau"
              maxLength={120}
              data-testid="report-document-signer"
            />
          </Form.Item>
          <Form.Item label="Chức vụ">
            <Input value={signerTitle} onChange={(e) => setSignerTitle(e.target.value)} placeholder="Chủ tịch" maxLength={120} />
          </Form.Item>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="report-document-error" />}
      <Space>
        <Button
          type="primary"
          icon={<FileWordOutlined />}
          loading={busy === 'docx'}
          disabled={docId === undefined || busy !== undefined}
          onClick={() => download('docx')}
          data-testid="report-document-docx"
        >
          Tải báo cáo (Word)
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          disabled={docId === undefined || busy !== undefined}
          onClick={() => download('xlsx')}
          data-testid="report-document-xlsx"
        >
          Tải bảng số liệu (Excel)
        </Button>
      </Space>
    </Modal>
  );
}
