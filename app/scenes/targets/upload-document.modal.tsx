import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../api/api-client.ts';
import { DUPLICATE_CODES, documentPath, uploadDocument, type DuplicateDocument, type ReviewResult } from '../../api/documents.api.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';

type Duplicate = DuplicateDocument & { message: string };

/**
 * Choose the issuing unit and a .docx/.pdf/.txt: the server reads it and the review opens. A
 * document already in the system is offered instead of a copy: the same file can only be opened;
 * the same symbol of the same issuer may still be uploaded as another document (numbering
 * restarts every year, and a symbol may have been misread).
 */
export function UploadDocumentModal({
  issuer,
  onClose,
  onUploaded,
}: {
  issuer: { id: number; name: string };
  onClose: () => void;
  onUploaded: (r: ReviewResult) => void;
}) {
  const [unitId, setUnitId] = useState<number | undefined>(issuer.id);
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [duplicate, setDuplicate] = useState<Duplicate>();
  const navigate = useNavigate();

  const submit = async (acceptSameSymbol = false) => {
    if (!file || !unitId) return setError(!file ? 'Hãy chọn tệp văn bản.' : 'Hãy chọn đơn vị ban hành.');
    setBusy(true);
    setError(undefined);
    setDuplicate(undefined);
    try {
      onUploaded(await uploadDocument(file, unitId, acceptSameSymbol));
    } catch (e) {
      if (e instanceof ApiError && (DUPLICATE_CODES as readonly string[]).includes(e.code) && e.details)
        setDuplicate({ ...(e.details as DuplicateDocument), message: e.message });
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setError(undefined);
    setDuplicate(undefined);
  };

  return (
    <Modal
      open
      title="Tải văn bản lên"
      okText="Tải lên và đọc văn bản"
      cancelText="Hủy"
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={busy}
      okButtonProps={{ disabled: !file || duplicate !== undefined, 'data-testid': 'upload-submit' } as never}
      destroyOnHidden
    >
      <p>Tiến Độ đọc văn bản, đề xuất chỉ tiêu, văn bản dẫn chiếu và nhiệm vụ; bạn rà soát và xác nhận trước khi lưu.</p>
      <div className="field-label">Đơn vị ban hành</div>
      <UnitPicker
        value={unitId}
        onChange={(v) => {
          setUnitId(v);
          reset();
        }}
        initialUnit={issuer}
        className="registry-filter-unit"
      />
      <Upload.Dragger
        style={{ marginTop: 12 }}
        accept=".docx,.pdf,.txt"
        maxCount={1}
        beforeUpload={(f) => {
          setFile(f);
          reset();
          return false;
        }}
        onRemove={() => {
          setFile(undefined);
          reset();
        }}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        data-testid="upload-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">Kéo tệp vào đây hoặc bấm để chọn</p>
        <p className="ant-upload-hint">Word (.docx), PDF có lớp chữ, hoặc văn bản (.txt); tối đa 20 MB.</p>
      </Upload.Dragger>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="upload-error" />}
      {duplicate && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="upload-duplicate"
          title="Văn bản này đã có trong hệ thống"
          description={
            <>
              <p data-testid="upload-duplicate-message">{duplicate.message}</p>
              <Space wrap>
                <Button
                  type="primary"
                  onClick={() => {
                    onClose();
                    navigate(documentPath(duplicate.existing));
                  }}
                  data-testid="upload-open-existing"
                >
                  Mở văn bản đã có
                </Button>
                {duplicate.canProceed && (
                  <Button loading={busy} onClick={() => void submit(true)} data-testid="upload-proceed">
                    Vẫn tải lên như văn bản khác
                  </Button>
                )}
              </Space>
            </>
          }
        />
      )}
    </Modal>
  );
}
