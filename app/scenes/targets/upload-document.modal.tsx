import { InboxOutlined } from '@ant-design/icons';
import { Alert, Modal, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { uploadDocument, type ReviewResult } from '../../api/documents.api.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';

/** Choose the issuing unit and a .docx/.pdf/.txt: the server reads it and the review opens. */
export function UploadDocumentModal({ issuer, onClose, onUploaded }: { issuer: { id: number; name: string }; onClose: () => void; onUploaded: (r: ReviewResult) => void }) {
  const [unitId, setUnitId] = useState<number | undefined>(issuer.id);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async () => {
    if (!file || !unitId) return setError(!file ? 'Hãy chọn tệp văn bản.' : 'Hãy chọn đơn vị ban hành.');
    setBusy(true);
    setError(undefined);
    try {
      onUploaded(await uploadDocument(file, unitId));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title="Tải văn bản lên" okText="Tải lên và đọc văn bản" cancelText="Hủy" onCancel={onClose} onOk={() => void submit()} confirmLoading={busy}
      okButtonProps={{ disabled: !file, 'data-testid': 'upload-submit' } as never} destroyOnHidden>
      <p>Tiến Độ đọc văn bản, đề xuất chỉ tiêu, văn bản dẫn chiếu và nhiệm vụ; bạn rà soát và xác nhận trước khi lưu.</p>
      <div className="field-label">Đơn vị ban hành</div>
      <UnitPicker value={unitId} onChange={setUnitId} initialUnit={issuer} className="registry-filter-unit" />
      <Upload.Dragger
        style={{ marginTop: 12 }}
        accept=".docx,.pdf,.txt"
        maxCount={1}
        beforeUpload={(f) => { setFile(f); setError(undefined); return false; }}
        onRemove={() => setFile(undefined)}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        data-testid="upload-file"
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">Kéo tệp vào đây hoặc bấm để chọn</p>
        <p className="ant-upload-hint">Word (.docx), PDF có lớp chữ, hoặc văn bản (.txt); tối đa 20 MB.</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="upload-error" />}
    </Modal>
  );
}
