import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { myReportsQuery, openReport, type MyReports } from '../../api/reporting.api.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { userKeyOf } from '../../offline/device-copy.ts';
import { isOnlineNow } from '../../offline/connectivity.ts';
import { useKeepAssignedReports } from '../../offline/keep-assigned.ts';
import { draftStateLabel, useDrafts, useOnline } from '../../offline/use-offline.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { STATUS_COLORS, TIMELINESS_LABELS } from './report-format.ts';

type Item = MyReports['items'][number];

/** The reports a unit has to fill (its own by default; staff above may fill for a unit below). */
export function MyReportsTab() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useQuery(meQuery());
  const [unitId, setUnitId] = useState<number>();
  const viewedId = unitId ?? me.data?.unit.id;
  const list = useQuery({ ...myReportsQuery(unitId), enabled: viewedId !== undefined });
  const canSubmit = me.data?.permissions.includes('reports.submit') ?? false;
  useKeepAssignedReports(list.data?.items);
  const isOnline = useOnline();
  const drafts = useDrafts(me.data ? userKeyOf(me.data) : null);
  const waiting = (reportId: number | null) => {
    const draft = drafts.find((d) => d.reportId === reportId);
    return draft ? draftStateLabel(draft, isOnline) : null;
  };
  const [opening, setOpening] = useState<string>();

  const open = async (item: Item) => {
    if (item.reportId) return navigate(`/bao-cao-dinh-ky/${item.reportId}`);
    if (!isOnlineNow())
      return void message.warning('Cần có mạng để lập báo cáo mới. Báo cáo đã lập trước đó vẫn mở và nhập được khi mất mạng.');
    setOpening(`${item.templateCode}-${item.periodCode}`);
    try {
      const report = await openReport(item.templateCode, list.data!.unit.id, item.periodCode);
      navigate(`/bao-cao-dinh-ky/${report.id}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <div data-testid="my-reports">
      <Space className="registry-widgets">
        <span>Đơn vị lập báo cáo</span>
        <UnitPicker value={viewedId} onChange={setUnitId} initialUnit={me.data?.unit ?? null} className="registry-filter-unit" />
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Table<Item>
        rowKey={(i) => `${i.templateCode}-${i.periodCode}`}
        loading={list.isPending && viewedId !== undefined}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <span className="table-empty-text">{'Đơn vị này không có biểu mẫu báo cáo nào đang mở.'}</span> }}
        className={`${TABLE_AS_LIST} clickable-rows`}
        // The whole row opens the report (the button stays for the keyboard and screen readers).
        onRow={(i) =>
          ({
            'data-testid': `my-report-${i.templateCode}-${i.periodCode}`,
            onClick: (e: React.MouseEvent) => {
              if (!(e.target as HTMLElement).closest('button') && (i.reportId || canSubmit)) void open(i);
            },
          }) as never
        }
        columns={asListColumns<Item>([
          { title: 'Biểu mẫu', dataIndex: 'templateName' },
          { title: 'Kỳ báo cáo', dataIndex: 'periodLabel' },
          { title: 'Hạn gửi', dataIndex: 'dueOn', render: (d: string) => formatViDate(d) },
          {
            title: 'Trạng thái',
            render: (_, i) => (
              <>
                <Tag color={i.status ? STATUS_COLORS[i.status] : 'default'}>{i.statusLabel}</Tag>
                {i.returnReason && (
                  <div className="report-returned-reason" data-testid={`my-report-reason-${i.reportId}`}>
                    Lý do trả lại: {i.returnReason}
                  </div>
                )}
                {/* Figures typed on this device and not on the server yet (docs/offline.md). */}
                {waiting(i.reportId) && (
                  <Tag color="orange" data-testid={`my-report-offline-${i.reportId}`}>
                    {waiting(i.reportId)}
                  </Tag>
                )}
              </>
            ),
          },
          {
            title: 'Thời hạn',
            render: (_, i) => (
              <Tag color={i.timeliness === 'late' || i.timeliness === 'overdue' ? 'red' : undefined}>{TIMELINESS_LABELS[i.timeliness]}</Tag>
            ),
          },
          {
            title: '',
            align: 'right',
            render: (_, i) =>
              (i.reportId || canSubmit) && (
                <Button
                  type={canSubmit && (i.status === null || i.status === 'draft' || i.status === 'returned') ? 'primary' : 'default'}
                  loading={opening === `${i.templateCode}-${i.periodCode}`}
                  onClick={() => void open(i)}
                  data-testid={`open-report-${i.templateCode}-${i.periodCode}`}
                >
                  {i.status === null
                    ? 'Lập báo cáo'
                    : canSubmit && (i.status === 'draft' || i.status === 'returned')
                      ? 'Tiếp tục nhập'
                      : 'Xem'}
                </Button>
              ),
          },
        ])}
      />
    </div>
  );
}
