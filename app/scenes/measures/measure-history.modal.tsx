import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Spin, Timeline, Typography } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { measureVersionsQuery } from '../../api/measures.api.ts';
import { formatViDateMinute } from '../admin/date-time.ts';
import { versionLines } from './measures.model.ts';

/** Lịch sử: every version of an element or indicator — when, who, why, and what changed. */
export function MeasureHistoryModal({
  kind,
  code,
  name,
  onClose,
}: {
  kind: 'elements' | 'indicators';
  code: string;
  name: string;
  onClose: () => void;
}) {
  const versions = useQuery(measureVersionsQuery(kind, code));
  const items = [...(versions.data?.items ?? [])].sort((a, b) => a.version - b.version);
  return (
    <Modal open title={`Lịch sử thay đổi «${name}»`} footer={null} onCancel={onClose} width={640} destroyOnHidden>
      {versions.isPending && <Spin />}
      {versions.isError && <Alert type="error" showIcon title={errorMessage(versions.error)} />}
      {versions.data && items.length === 0 && (
        <Typography.Text type="secondary">Chưa có phiên bản nào được ghi (danh mục có sẵn chưa sửa lần nào).</Typography.Text>
      )}
      {items.length > 0 && (
        <Timeline
          data-testid="measure-history"
          items={items
            .map((v, i) => ({
              key: v.version,
              content: (
                <div>
                  <div>
                    <strong>Phiên bản {v.version}</strong> · {formatViDateMinute(v.changedAt)}
                    {v.changedBy ? ` · ${v.changedBy}` : ''}
                  </div>
                  {v.reason && <div className="cell-muted">Lý do: {v.reason}</div>}
                  <ul className="measure-usage-list">
                    {versionLines(i === 0 ? null : items[i - 1]!.snapshot, v.snapshot).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </div>
              ),
            }))
            .reverse()}
        />
      )}
    </Modal>
  );
}
