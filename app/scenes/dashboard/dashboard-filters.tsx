import { Card, DatePicker, Select, Space, Switch } from 'antd';
import dayjs from 'dayjs';
import type { ProgressStatus } from '../../api/progress.api.ts';
import { VI_DATE_FORMAT } from '../../lib/calendar-date.ts';
import { ChoiceFilter } from '../../components/choice-filter.tsx';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { STATUS_LABELS, STATUS_ORDER, periodAsOf } from './target-format.ts';

const FIRST_YEAR = 2020;

export interface DashboardFilterValues {
  viewedId: number | undefined;
  me: { id: number; name: string } | null;
  today: string;
  asOf: string;
  documentId: number | undefined;
  documents: { id: number; symbol: string | null; title: string }[];
  status: ProgressStatus | undefined;
  includeSubmitted: boolean;
  setUnitId: (id: number | undefined) => void;
  setAsOf: (iso: string) => void;
  setDocumentId: (id: number | undefined) => void;
  setStatus: (status: ProgressStatus | undefined) => void;
  setIncludeSubmitted: (value: boolean) => void;
}

/**
 * Tổng quan's filters: unit, date, year, document, status, unreviewed figures. Their own chunk
 * (the date picker and the unit tree are the heaviest controls of the screen): the cards are
 * drawn without waiting for them, and on a phone they load when the officer unfolds them.
 */
export default function DashboardFilters({
  viewedId,
  me,
  today,
  asOf,
  documentId,
  documents,
  status,
  includeSubmitted,
  setUnitId,
  setAsOf,
  setDocumentId,
  setStatus,
  setIncludeSubmitted,
}: DashboardFilterValues) {
  const year = Number(asOf.slice(0, 4));
  const years = Array.from({ length: Number(today.slice(0, 4)) - FIRST_YEAR + 1 }, (_, i) => Number(today.slice(0, 4)) - i);
  return (
    <Card size="small" className="dashboard-filters">
      <Space wrap size={[16, 8]} className="filter-bar">
        <UnitPicker
          value={viewedId}
          initialUnit={me}
          onChange={setUnitId}
          placeholder="Chọn đơn vị"
          className="dashboard-unit"
          data-testid="dashboard-unit"
        />
        <Space size={6}>
          <span id="dashboard-as-of-label">Tính đến ngày</span>
          <DatePicker
            format={VI_DATE_FORMAT}
            allowClear={false}
            value={dayjs(asOf)}
            onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
            data-testid="dashboard-as-of"
            aria-labelledby="dashboard-as-of-label"
          />
        </Space>
        <Select
          value={year}
          style={{ width: 130 }}
          onChange={(y: number) => setAsOf(periodAsOf(y, today))}
          options={years.map((y) => ({ value: y, label: `Năm ${y}` }))}
          data-testid="dashboard-year"
          aria-label="Kỳ đánh giá"
        />
        <ChoiceFilter
          placeholder="Mọi văn bản"
          value={documentId}
          onChange={setDocumentId}
          width={260}
          popupMatchSelectWidth={false}
          options={documents.map((d) => ({ value: d.id, label: d.symbol ? `${d.symbol} — ${d.title}` : d.title }))}
          testId="dashboard-document"
          aria-label="Văn bản"
        />
        <ChoiceFilter
          placeholder="Mọi trạng thái"
          value={status}
          onChange={setStatus}
          width={170}
          options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          testId="dashboard-status"
          aria-label="Trạng thái chỉ tiêu"
        />
        <label className="dashboard-switch">
          <Switch checked={includeSubmitted} onChange={setIncludeSubmitted} data-testid="dashboard-include-submitted" />
          <span>Dùng cả số liệu chưa duyệt</span>
        </label>
      </Space>
    </Card>
  );
}
