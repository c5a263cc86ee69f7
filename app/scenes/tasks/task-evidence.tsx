import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Upload } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { deleteEvidence, uploadEvidence, type EvidenceItem } from '../../api/tasks.api.ts';
import { formatViDateTime } from '../admin/date-time.ts';
import { EVIDENCE_ACCEPT, formatFileSize } from './task-format.ts';
import './tasks.css';

/** The files attached to a status: each downloads as it was sent; removable while the period is open. */
export function EvidenceList({ items, canDelete, onChanged }: { items: EvidenceItem[]; canDelete: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  if (items.length === 0) return null;
  const remove = async (e: EvidenceItem) => {
    try {
      await deleteEvidence(e.id);
      void message.success(`Đã xóa tệp ${e.fileName}.`);
      onChanged();
    } catch (error) {
      void message.error(errorMessage(error));
    }
  };
  return (
    <ul className="task-evidence" data-testid="task-evidence">
      {items.map((e) => (
        <li key={e.id}>
          <PaperClipOutlined />
          <a href={e.downloadUrl} download={e.fileName} data-testid={`evidence-link-${e.id}`}>
            {e.fileName}
          </a>
          <span className="cell-muted">
            {formatFileSize(e.sizeBytes)} · {e.uploadedBy} · {formatViDateTime(e.uploadedAt)}
          </span>
          {canDelete && (
            <Popconfirm title={`Xóa tệp ${e.fileName}?`} okText="Xóa" cancelText="Không" onConfirm={() => void remove(e)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`Xóa ${e.fileName}`} />
            </Popconfirm>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * "Đính kèm minh chứng": the chosen file goes to the server at once; a refusal (wrong kind, too
 * large, too many pages) is the server's Vietnamese sentence, shown as is.
 */
export function EvidenceUploader({ statusId, onUploaded }: { statusId: number; onUploaded: (item: EvidenceItem) => void }) {
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (file: File) => uploadEvidence(statusId, file),
    onSuccess: (item) => {
      void message.success(`Đã đính kèm ${item.fileName}.`);
      onUploaded(item);
    },
  });
  return (
    <div className="task-evidence-upload">
      <Upload
        accept={EVIDENCE_ACCEPT}
        showUploadList={false}
        beforeUpload={(file) => {
          upload.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid={`evidence-upload-${statusId}`}>
          Đính kèm minh chứng
        </Button>
      </Upload>
      <span className="cell-muted">PDF, Word (.docx), Excel (.xlsx), ảnh PNG/JPEG; tối đa 20 MB.</span>
      {upload.isError && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(upload.error)}
          closable={{ onClose: () => upload.reset() }}
          data-testid="evidence-error"
        />
      )}
    </div>
  );
}
