import { CheckOutlined, DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space } from 'antd';
import { useNavigate } from 'react-router';

/** The review's buttons: discard, save a draft, confirm the rest, save; or, once saved, the way to the document. */
export function ReviewActions({
  documentId,
  isReadOnly,
  isConfirmed,
  saving,
  counts,
  onDiscard,
  onSaveDraft,
  onConfirmRemaining,
  onSaveFinal,
}: {
  documentId: number;
  isReadOnly: boolean;
  isConfirmed: boolean;
  saving: 'draft' | 'final' | null;
  counts: { confirm: number; pending: number };
  onDiscard: () => void;
  onSaveDraft: () => void;
  onConfirmRemaining: () => void;
  onSaveFinal: () => void;
}) {
  const navigate = useNavigate();
  return (
    <Space wrap>
      {isReadOnly ? (
        isConfirmed && (
          <Button type="primary" onClick={() => navigate(`/van-ban-chi-tieu/${documentId}`)}>
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
            onConfirm={onDiscard}
          >
            <Button danger icon={<DeleteOutlined />} data-testid="review-discard">
              Bỏ văn bản
            </Button>
          </Popconfirm>
          <Button icon={<SaveOutlined />} loading={saving === 'draft'} onClick={onSaveDraft} data-testid="review-save-draft">
            Lưu nháp (Ctrl+S)
          </Button>
          <Button icon={<CheckOutlined />} onClick={onConfirmRemaining} disabled={counts.pending === 0} data-testid="review-confirm-all">
            Xác nhận các chỉ tiêu còn lại
          </Button>
          <Button type="primary" loading={saving === 'final'} onClick={onSaveFinal} data-testid="review-save">
            Lưu và theo dõi {counts.confirm} chỉ tiêu
          </Button>
        </>
      )}
    </Space>
  );
}
