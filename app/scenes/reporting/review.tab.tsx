import { CloudUploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import {
  bulkAccept,
  reportingKeys,
  reportListQuery,
  templatesQuery,
  uploadFiles,
  type BulkUploadResult,
  type ReportList,
} from '../../api/reporting.api.ts';
import { parsePeriod } from '../../../domain/periods/period.ts';
import { confirmAction } from '../../components/confirm-action.ts';
import { TABLE_AS_LIST, asListColumns } from '../../components/table-as-list.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { STATUS_COLORS, STATUS_FILTERS, TIMELINESS_LABELS } from './report-format.ts';

type Row = ReportList['items'][number];

/** Reports of the units below, waiting ones first; bulk accept; many units' Excel files at once. */
export function ReviewTab() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const templates = useQuery(templatesQuery());
  const [unitId, setUnitId] = useState<number>();
  const [statuses, setStatuses] = useState<string[]>(['submitted']);
  const [templateCode, setTemplateCode] = useState<string>();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const list = useQuery(reportListQuery({ unitId, status: statuses.join(',') || undefined, templateCode, offset }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportingKeys.all });
  const navigate = useNavigate();
  const canReview = me.data?.permissions.includes('reports.review') ?? false;

  const acceptSelected = async () => {
    const chosen = (list.data?.items ?? []).filter((r) => selected.includes(r.id));
    const shown = chosen.slice(0, 8);
    const confirmed = await confirmAction(modal, {
      title: `Duyệt ${selected.length} báo cáo đã chọn?`,
      content: (
        <>
          <ul className="confirm-list" data-testid="confirm-bulk-list">
            {shown.map((r) => (
              <li key={r.id}>
                {r.unit.name} — {r.templateName}
              </li>
            ))}
            {chosen.length > shown.length && <li>và {chosen.length - shown.length} báo cáo khác</li>}
          </ul>
          Sau khi duyệt, số liệu của các báo cáo này được khóa và tính là số liệu đã duyệt trên Tổng quan; muốn sửa phải mở lại từng báo
          cáo, ghi rõ lý do.
        </>
      ),
      okText: `Duyệt ${selected.length} báo cáo`,
    });
    if (!confirmed) return;
    setBusy(true);
    try {
      const result = await bulkAccept(selected);
      const refused = result.results.filter((r) => !r.ok);
      if (refused.length)
        modal.warning({
          title: `Đã duyệt ${result.accepted} báo cáo; ${refused.length} báo cáo chưa duyệt được`,
          content: refused.map((r) => `#${r.id}: ${r.message}`).join('\n'),
        });
      else message.success(`Đã duyệt ${result.accepted} báo cáo.`);
      setSelected([]);
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const uploadMany = async (files: File[]) => {
    setBusy(true);
    try {
      const result = await uploadFiles<BulkUploadResult>(`/api/reports/workbooks${unitId ? `?unitId=${unitId}` : ''}`, files);
      Modal.info({
        title: `Đã nạp ${result.accepted} tệp, từ chối ${result.refused} tệp`,
        width: 640,
        content: (
          <ul data-testid="bulk-upload-results">
            {result.results.map((r) => (
              <li key={r.fileName}>
                <strong>{r.fileName}</strong>: {r.ok ? `${r.unitName} — ${r.message}` : r.message}
              </li>
            ))}
          </ul>
        ),
      });
      await refresh();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="review-reports">
      <Space wrap className="registry-widgets">
        <UnitPicker
          value={unitId ?? me.data?.unit.id}
          onChange={(v) => {
            setUnitId(v);
            setOffset(0);
          }}
          initialUnit={me.data?.unit ?? null}
          className="registry-filter-unit"
        />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 260 }}
          placeholder="Mọi trạng thái"
          value={statuses}
          data-testid="review-status-filter"
          aria-label="Trạng thái"
          options={STATUS_FILTERS.map((s) => ({ value: s.value, label: s.label }))}
          onChange={(v) => {
            setStatuses(v);
            setOffset(0);
          }}
        />
        <Select
          allowClear
          style={{ minWidth: 280 }}
          placeholder="Mọi biểu mẫu"
          aria-label="Biểu mẫu"
          value={templateCode}
          onChange={(v) => {
            setTemplateCode(v);
            setOffset(0);
          }}
          options={(templates.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))}
        />
        <Button
          type="primary"
          disabled={selected.length === 0}
          loading={busy}
          onClick={() => void acceptSelected()}
          data-testid="bulk-accept"
        >
          Duyệt {selected.length || ''} báo cáo đã chọn
        </Button>
        <Upload
          multiple
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(_, all) => {
            if (_ === all[0]) void uploadMany(all);
            return false;
          }}
        >
          <Button icon={<CloudUploadOutlined />} loading={busy} data-testid="bulk-upload">
            Nạp nhiều tệp Excel
          </Button>
        </Upload>
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Table<Row>
        className={`${TABLE_AS_LIST} clickable-rows`}
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={
          canReview
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => setSelected(keys as number[]),
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
          total: list.data?.total ?? 0,
          pageSize: 50,
          current: offset / 50 + 1,
          onChange: (page) => setOffset((page - 1) * 50),
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
    </div>
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
