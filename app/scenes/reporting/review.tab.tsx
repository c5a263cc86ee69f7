import { CloudUploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Select, Space, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { reportingKeys, reportListQuery, templatesQuery } from '../../api/reporting.api.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { STATUS_FILTERS } from './report-format.ts';
import { ReviewReportsTable } from './review-reports.table.tsx';
import { useReviewBulk } from './use-review-bulk.hook.tsx';

/** Reports of the units below, waiting ones first; bulk accept; many units' Excel files at once. */
export function ReviewTab() {
  const queryClient = useQueryClient();
  const me = useQuery(meQuery());
  const templates = useQuery(templatesQuery());
  const [unitId, setUnitId] = useState<number>();
  const [statuses, setStatuses] = useState<string[]>(['submitted']);
  const [templateCode, setTemplateCode] = useState<string>();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<number[]>([]);
  const list = useQuery(reportListQuery({ unitId, status: statuses.join(',') || undefined, templateCode, offset }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: reportingKeys.all });
  const canReview = me.data?.permissions.includes('reports.review') ?? false;

  const { busy, acceptSelected, uploadMany } = useReviewBulk({
    items: list.data?.items ?? [],
    selected,
    setSelected,
    unitId,
    refresh,
  });

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
      <ReviewReportsTable
        list={list.data}
        loading={list.isFetching}
        canReview={canReview}
        selected={selected}
        onSelected={setSelected}
        offset={offset}
        onOffset={setOffset}
      />
    </div>
  );
}
