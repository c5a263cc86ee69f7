import { Table, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { ReportList } from '../../api/reporting.api.ts';
import { parsePeriod } from '../../../domain/periods/period.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { STATUS_COLORS, TIMELINESS_LABELS } from './report-format.ts';

type Row = ReportList['items'][number];

/** The reports to review, 50 a page; a click on a row opens the report. */
export function ReviewReportsTable({
  list,
  loading,
  canReview,
  selected,
  onSelected,
  offset,
  onOffset,
}: {
  list: ReportList | undefined;
  loading: boolean;
  /** reports.review: rows waiting for review can be chosen for Duyệt. */
  canReview: boolean;
  selected: number[];
  onSelected: (ids: number[]) => void;
  offset: number;
  onOffset: (offset: number) => void;
}) {
  const navigate = useNavigate();
  return (
    <Table<Row>
      className={`${TABLE_AS_LIST} clickable-rows`}
      rowKey="id"
      loading={loading}
      dataSource={list?.items ?? []}
      rowSelection={
        canReview
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelected(keys as number[]),
              getCheckboxProps: (r) => ({ disabled: r.status !== 'submitted' }),
            }
          : undefined
      }
      // A click anywhere on the row opens the report, except on its checkbox or link (they act themselves).
      onRow={(r) =>
        ({
          'data-testid': `review-row-${r.id}`,
          onClick: (e: React.MouseEvent) => {
            if (!(e.target as HTMLElement).closest('a, button, input, .ant-checkbox-wrapper, .ant-table-selection-column'))
              navigate(`/bao-cao-dinh-ky/${r.id}`);
          },
        }) as never
      }
      pagination={{
        total: list?.total ?? 0,
        pageSize: 50,
        current: offset / 50 + 1,
        onChange: (page) => onOffset((page - 1) * 50),
        showSizeChanger: false,
        showTotal: (total) => <span data-testid="list-total">{total.toLocaleString('vi-VN')} báo cáo</span>,
      }}
      locale={{ emptyText: <span className="table-empty-text">{'Không có báo cáo nào khớp bộ lọc.'}</span> }}
      columns={asListColumns<Row>([
        {
          title: 'Đơn vị',
          render: (_, r) => (
            <Link to={`/bao-cao-dinh-ky/${r.id}`} data-testid={`review-open-${r.id}`}>
              {r.unit.name}
            </Link>
          ),
        },
        { title: 'Biểu mẫu', dataIndex: 'templateName' },
        { title: 'Kỳ', render: (_, r) => periodLabel(r.periodCode) },
        {
          title: 'Trạng thái',
          render: (_, r) => (
            <>
              <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
              {r.returnReason && (
                <div className="report-returned-reason" data-testid={`review-reason-${r.id}`}>
                  Lý do trả lại: {r.returnReason}
                </div>
              )}
            </>
          ),
        },
        { title: 'Gửi lúc', render: (_, r) => (r.submittedAt ? new Date(r.submittedAt).toLocaleString('vi-VN') : '') },
        {
          title: 'Hạn',
          render: (_, r) => (
            <span>
              {formatViDate(r.dueOn)} <Tag>{TIMELINESS_LABELS[r.timeliness]}</Tag>
            </span>
          ),
        },
      ])}
    />
  );
}

/** "2026-H1" → "6 tháng đầu năm 2026": the list speaks as the form does. */
function periodLabel(code: string): string {
  try {
    return parsePeriod(code).label;
  } catch {
    return code;
  }
}
