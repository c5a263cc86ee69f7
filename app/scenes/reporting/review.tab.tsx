import { CloudUploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Select, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { bulkAccept, reportingKeys, reportListQuery, templatesQuery, uploadFiles, type BulkUploadResult, type ReportList } from '../../api/reporting.api.ts';
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

  const acceptSelected = async () => {
    setBusy(true);
    try {
      const result = await bulkAccept(selected);
      const refused = result.results.filter((r) => !r.ok);
      if (refused.length) modal.warning({ title: `Đã duyệt ${result.accepted} báo cáo; ${refused.length} báo cáo chưa duyệt được`, content: refused.map((r) => `#${r.id}: ${r.message}`).join('\n') });
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
        title: `Đã nạp ${result.accepted} tệp, từ chối ${result.refused} tệp`, width: 640,
        content: <ul data-testid="bulk-upload-results">{result.results.map((r) => <li key={r.fileName}><strong>{r.fileName}</strong>: {r.ok ? `${r.unitName} — ${r.message}` : r.message}</li>)}</ul>,
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
        <UnitPicker value={unitId ?? me.data?.unit.id} onChange={(v) => { setUnitId(v); setOffset(0); }} initialUnit={me.data?.unit ?? null} className="registry-filter-unit" />
        <Select mode="multiple" allowClear style={{ minWidth: 260 }} placeholder="Mọi trạng thái" value={statuses} data-testid="review-status-filter"
          options={STATUS_FILTERS.map((s) => ({ value: s.value, label: s.label }))} onChange={(v) => { setStatuses(v); setOffset(0); }} />
        <Select allowClear style={{ minWidth: 280 }} placeholder="Mọi biểu mẫu" value={templateCode} onChange={(v) => { setTemplateCode(v); setOffset(0); }}
          options={(templates.data?.items ?? []).map((t) => ({ value: t.code, label: t.name }))} />
        <Button type="primary" disabled={selected.length === 0} loading={busy} onClick={() => void acceptSelected()} data-testid="bulk-accept">
          Duyệt {selected.length || ''} báo cáo đã chọn
        </Button>
        <Upload multiple accept=".xlsx" showUploadList={false} beforeUpload={(_, all) => { if (_ === all[0]) void uploadMany(all); return false; }}>
          <Button icon={<CloudUploadOutlined />} loading={busy} data-testid="bulk-upload">Nạp nhiều tệp Excel</Button>
        </Upload>
      </Space>
      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} />}
      <Table<Row>
        className={TABLE_AS_LIST}
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'submitted' }) }}
        onRow={(r) => ({ 'data-testid': `review-row-${r.id}` }) as never}
        pagination={{ total: list.data?.total ?? 0, pageSize: 50, current: offset / 50 + 1, onChange: (page) => setOffset((page - 1) * 50), showSizeChanger: false }}
        locale={{ emptyText: 'Không có báo cáo nào khớp bộ lọc.' }}
        columns={asListColumns<Row>([
          { title: 'Đơn vị', render: (_, r) => <Link to={`/bao-cao-dinh-ky/${r.id}`} data-testid={`review-open-${r.id}`}>{r.unit.name}</Link> },
          { title: 'Biểu mẫu', dataIndex: 'templateName' },
          { title: 'Kỳ', dataIndex: 'periodCode' },
          { title: 'Trạng thái', render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{r.statusLabel}</Tag> },
          { title: 'Gửi lúc', render: (_, r) => (r.submittedAt ? new Date(r.submittedAt).toLocaleString('vi-VN') : '') },
          { title: 'Hạn', render: (_, r) => <span>{formatViDate(r.dueOn)} <Tag>{TIMELINESS_LABELS[r.timeliness]}</Tag></span> },
        ])}
      />
    </div>
  );
}
