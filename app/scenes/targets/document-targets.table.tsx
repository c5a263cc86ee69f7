import { useQuery } from '@tanstack/react-query';
import { Progress, Table, Tag } from 'antd';
import { errorMessage } from '../../api/api-client.ts';
import { progressQuery, type PlanDocument, type TargetProgress } from '../../api/progress.api.ts';
import { todayIso } from '../../lib/calendar-date.ts';
import { STATUS_TAG, barPercent, formatIndicatorValue, formatShare, statusColor, targetSentence } from '../dashboard/target-format.ts';

/** The targets of one document, measured today on the issuing unit, with a one-line progress summary each. */
export function DocumentTargetsTable({ document }: { document: PlanDocument }) {
  const list = useQuery(progressQuery({ unitId: document.issuer.id, asOf: todayIso(), documentId: document.id }));
  return (
    <Table<TargetProgress>
      size="small"
      rowKey="targetId"
      data-testid={`document-targets-${document.id}`}
      loading={list.isFetching}
      dataSource={list.data?.items ?? []}
      pagination={false}
      locale={{ emptyText: list.isError ? errorMessage(list.error) : 'Văn bản chưa có chỉ tiêu nào.' }}
      columns={[
        {
          title: 'Chỉ tiêu',
          key: 'what',
          render: (_, t) => (
            <div>
              <div className="cell-strong">{t.indicator.name}</div>
              <div>{targetSentence(t)}</div>
              {t.subject && <div className="cell-muted">{t.subject}</div>}
            </div>
          ),
        },
        { title: 'Đơn vị thực hiện', key: 'owner', width: 200, render: (_, t) => t.owner.name },
        {
          title: 'Thực hiện',
          key: 'value',
          width: 120,
          align: 'right',
          render: (_, t) => (t.value === null ? <span className="cell-muted">Chưa có số liệu</span> : <span className="cell-number">{formatIndicatorValue(t.value, t.indicator.unit)}</span>),
        },
        {
          title: 'Tiến độ',
          key: 'progress',
          width: 220,
          render: (_, t) => (
            <div>
              <Tag color={STATUS_TAG[t.progress.status]}>{t.progress.statusLabel}</Tag>
              {t.progress.shareAchieved !== null && <span className="cell-number">{formatShare(t.progress.shareAchieved)}</span>}
              {t.progress.shareAchieved !== null && <Progress percent={barPercent(t.progress.shareAchieved)} showInfo={false} size="small" strokeColor={statusColor(t.progress.status)} />}
            </div>
          ),
        },
      ]}
    />
  );
}
