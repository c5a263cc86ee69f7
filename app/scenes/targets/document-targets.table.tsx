import { EditOutlined, HistoryOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Progress, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { IconAction } from '../../components/icon-action.tsx';
import { documentKeys } from '../../api/documents.api.ts';
import { progressKeys, progressQuery, type PlanDocument, type TargetProgress } from '../../api/progress.api.ts';
import { formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { STATUS_TAG, barPercent, formatIndicatorValue, formatShare, statusColor, targetSentence } from '../dashboard/target-format.ts';
import { TargetHistoryModal } from './target-history.modal.tsx';
import { TargetReviseModal } from './target-revise.modal.tsx';
import { targetVersionKeys } from './target-versions.api.ts';
import { TargetWithdrawModal } from './target-withdraw.modal.tsx';

/**
 * The targets of one document, measured today on the issuing unit, with a one-line progress
 * summary each; Lịch sử thay đổi for everyone, Sửa and Rút for staff with targets.write.
 */
export function DocumentTargetsTable({ document }: { document: PlanDocument }) {
  const list = useQuery(progressQuery({ unitId: document.issuer.id, asOf: todayIso(), documentId: document.id }));
  const me = useQuery(meQuery());
  const canWrite = me.data?.permissions.includes('targets.write') ?? false;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<{ kind: 'revise' | 'withdraw' | 'history'; target: TargetProgress }>();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: progressKeys.all }),
      queryClient.invalidateQueries({ queryKey: targetVersionKeys.all }),
      queryClient.invalidateQueries({ queryKey: documentKeys.all }),
    ]);
  return (
    <>
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
            render: (_, t) =>
              t.value === null ? (
                <span className="cell-muted">Chưa có số liệu</span>
              ) : (
                <span className="cell-number">{formatIndicatorValue(t.value, t.indicator.unit)}</span>
              ),
          },
          {
            title: 'Tiến độ',
            key: 'progress',
            width: 220,
            render: (_, t) => (
              <div>
                <Tag color={STATUS_TAG[t.progress.status]}>{t.progress.statusLabel}</Tag>
                {t.progress.shareAchieved !== null && <span className="cell-number">{formatShare(t.progress.shareAchieved)}</span>}
                {t.progress.shareAchieved !== null && (
                  <Progress
                    percent={barPercent(t.progress.shareAchieved)}
                    showInfo={false}
                    size="small"
                    strokeColor={statusColor(t.progress.status)}
                  />
                )}
              </div>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: canWrite ? 120 : 48,
            align: 'right',
            render: (_, t) => (
              <Space size={0}>
                <IconAction
                  label="Lịch sử thay đổi"
                  size="small"
                  icon={<HistoryOutlined />}
                  onClick={() => setOpen({ kind: 'history', target: t })}
                  testId={`target-history-open-${t.targetId}`}
                />
                {canWrite && (
                  <>
                    <IconAction
                      label="Sửa chỉ tiêu"
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setOpen({ kind: 'revise', target: t })}
                      testId={`target-revise-${t.targetId}`}
                    />
                    <IconAction
                      label="Rút chỉ tiêu"
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      onClick={() => setOpen({ kind: 'withdraw', target: t })}
                      testId={`target-withdraw-${t.targetId}`}
                    />
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {open?.kind === 'history' && (
        <TargetHistoryModal targetId={open.target.targetId} title={open.target.indicator.name} onClose={() => setOpen(undefined)} />
      )}
      {open?.kind === 'revise' && (
        <TargetReviseModal
          target={open.target}
          onClose={() => setOpen(undefined)}
          onSaved={(v) => {
            setOpen(undefined);
            void refresh();
            const last = v.items.at(-1);
            void message.success(`Đã sửa chỉ tiêu (phiên bản ${v.current}, hiệu lực từ ngày ${formatViDate(last?.validFrom)}).`);
          }}
        />
      )}
      {open?.kind === 'withdraw' && (
        <TargetWithdrawModal
          target={open.target}
          onClose={() => setOpen(undefined)}
          onDone={(v) => {
            setOpen(undefined);
            void refresh();
            void message.success(`Đã rút chỉ tiêu từ ngày ${formatViDate(v.withdrawn?.on)}.`);
          }}
        />
      )}
    </>
  );
}
