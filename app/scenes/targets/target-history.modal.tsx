import { useQuery } from '@tanstack/react-query';
import { Alert, Modal, Table, Tag } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { changeLines, versionInterval, versionSummary, versionTitle, type TargetVersion } from './target-revise.model.ts';
import { targetVersionsQuery } from './target-versions.api.ts';

const CHANGE_TAG = { original: 'default', revised: 'blue', withdrawn: 'red' } as const;
const atLocal = (iso: string) => {
  const d = new Date(iso);
  return `${formatViDate(`${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/** Lịch sử thay đổi: each version of a target — from when, who, what changed (before → after), why. */
export function TargetHistoryModal({
  targetId,
  title,
  unitId,
  onClose,
}: {
  targetId: number;
  title: string;
  unitId?: number;
  onClose: () => void;
}) {
  const versions = useQuery(targetVersionsQuery(targetId, unitId));
  const items = versions.data?.items ?? [];
  return (
    <Modal open width={900} title={`Lịch sử thay đổi — ${title}`} footer={null} onCancel={onClose} destroyOnHidden>
      {versions.isError && <Alert type="error" showIcon title={errorMessage(versions.error)} />}
      {versions.data?.withdrawn && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`Chỉ tiêu đã được rút từ ngày ${formatViDate(versions.data.withdrawn.on)}`}
          description={`Lý do: ${versions.data.withdrawn.reason}`}
        />
      )}
      <Table<TargetVersion>
        size="small"
        rowKey="version"
        loading={versions.isPending}
        dataSource={[...items].reverse()}
        pagination={false}
        data-testid={`target-history-${targetId}`}
        columns={[
          {
            title: 'Phiên bản',
            key: 'when',
            width: 230,
            render: (_, v) => (
              <div>
                <Tag color={CHANGE_TAG[v.change]}>{versionTitle(v)}</Tag>
                <div className="cell-muted">{versionInterval(v)}</div>
              </div>
            ),
          },
          {
            title: 'Người thực hiện',
            key: 'by',
            width: 170,
            render: (_, v) =>
              v.by ? (
                <div>
                  <div>{v.by.label}</div>
                  <div className="cell-muted">{atLocal(v.at)}</div>
                </div>
              ) : (
                <span className="cell-muted">Khi giao chỉ tiêu</span>
              ),
          },
          {
            title: 'Thay đổi',
            key: 'what',
            render: (_, v) => {
              if (v.change === 'original') return versionSummary(v);
              if (v.change === 'withdrawn') return <strong>Rút chỉ tiêu</strong>;
              const previous = items.find((p) => p.version === v.version - 1);
              return (
                <ul className="target-history-changes" style={{ margin: 0, paddingLeft: 16 }}>
                  {changeLines(previous, v).map((line) => (
                    <li key={line.label}>
                      {line.label}: <span className="cell-muted">{line.before}</span> → <strong>{line.after}</strong>
                    </li>
                  ))}
                </ul>
              );
            },
          },
          { title: 'Lý do', key: 'reason', width: 220, render: (_, v) => v.reason ?? '' },
        ]}
      />
    </Modal>
  );
}
