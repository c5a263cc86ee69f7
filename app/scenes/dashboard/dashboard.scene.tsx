import { useQuery } from '@tanstack/react-query';
import { FilterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Select, Space, Spin, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { unitQuery } from '../../api/org.api.ts';
import { progressQuery, type ProgressStatus, type TargetProgress } from '../../api/progress.api.ts';
import { VI_DATE_FORMAT, formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { UnitPicker } from '../admin/unit-picker.field.tsx';
import { ReportDocumentButton } from '../report-documents/report-document.button.tsx';
import { TaskDeadlinesPanel } from '../tasks/task-deadlines.panel.tsx';
import { StatusSummaryStrip } from './status-summary.strip.tsx';
import { TargetCard } from './target.card.tsx';
import { TargetDetailDrawer } from './target-detail.drawer.tsx';
import { STATUS_LABELS, STATUS_ORDER, countByStatus, periodAsOf, visibleTargets } from './target-format.ts';
import './dashboard.css';

const FIRST_YEAR = 2020;

/** Tổng quan: every target that applies to a unit, where it stands today (or on any date), and why. */
export default function DashboardScene() {
  useDocumentTitle('Tổng quan');
  const me = useQuery(meQuery());
  const today = todayIso();
  const [unitId, setUnitId] = useState<number>();
  const [asOf, setAsOf] = useState(today);
  const [documentId, setDocumentId] = useState<number>();
  const [status, setStatus] = useState<ProgressStatus>();
  const [includeSubmitted, setIncludeSubmitted] = useState(false);
  const [open, setOpen] = useState<TargetProgress>();
  const viewedId = unitId ?? me.data?.unit.id;
  const list = useQuery({ ...progressQuery({ unitId: viewedId, asOf, includeSubmitted }), enabled: viewedId !== undefined });
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const inDocument = useMemo(() => all.filter((t) => documentId === undefined || t.document.id === documentId), [all, documentId]);
  const cards = visibleTargets(inDocument, { status });
  const documents = useMemo(() => [...new Map(all.map((t) => [t.document.id, t.document])).values()], [all]);
  const year = Number(asOf.slice(0, 4));
  const years = Array.from({ length: Number(today.slice(0, 4)) - FIRST_YEAR + 1 }, (_, i) => Number(today.slice(0, 4)) - i);
  const unit = useQuery({ ...unitQuery(viewedId ?? 0, today), enabled: unitId !== undefined });
  const unitName = unitId === undefined ? me.data?.unit.name : unit.data?.name;
  // On a phone the six filters took a whole screen above the first card: they fold away behind a
  // button that says how many are in use (the subtitle above still names the unit and the date).
  const isPhone = useIsPhone();
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = [unitId, asOf === today ? undefined : asOf, documentId, status, includeSubmitted || undefined].filter((v) => v !== undefined).length;

  return (
    <div className="scene dashboard" data-testid="dashboard-scene">
      <div className="scene-header">
        <div>
          <h1 className="scene-title">Tổng quan</h1>
          <Typography.Text type="secondary">
            Tiến độ các chỉ tiêu nghị quyết áp dụng cho {unitName ?? 'đơn vị'}, tính trực tiếp từ sổ sách và báo cáo đến ngày {formatViDate(asOf)}.
          </Typography.Text>
        </div>
        <ReportDocumentButton unitId={viewedId} unitName={unitName} documents={documents} documentId={documentId} year={year} />
      </div>
      {isPhone && (
        <Button block icon={<FilterOutlined />} className="dashboard-filters-toggle" aria-expanded={showFilters} onClick={() => setShowFilters((v) => !v)} data-testid="dashboard-filters-toggle">
          {showFilters ? 'Ẩn bộ lọc' : `Bộ lọc: đơn vị, ngày, văn bản, trạng thái${activeFilters ? ` (${activeFilters} đang chọn)` : ''}`}
        </Button>
      )}
      {(!isPhone || showFilters) && (
        <Card size="small" className="dashboard-filters">
          <Space wrap size={[16, 8]} className="filter-bar">
            <UnitPicker
              value={viewedId}
              initialUnit={me.data ? { id: me.data.unit.id, name: me.data.unit.name } : null}
              onChange={setUnitId}
              placeholder="Chọn đơn vị"
              className="dashboard-unit"
              data-testid="dashboard-unit"
            />
            <Space size={6}>
              <span>Tính đến ngày</span>
              <DatePicker format={VI_DATE_FORMAT} allowClear={false} value={dayjs(asOf)} onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))} data-testid="dashboard-as-of" />
            </Space>
            <Select
              value={year}
              style={{ width: 130 }}
              onChange={(y: number) => setAsOf(periodAsOf(y, today))}
              options={years.map((y) => ({ value: y, label: `Năm ${y}` }))}
              data-testid="dashboard-year"
              aria-label="Kỳ đánh giá"
            />
            <Select
              allowClear
              placeholder="Mọi văn bản"
              value={documentId}
              onChange={setDocumentId}
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
              options={documents.map((d) => ({ value: d.id, label: d.symbol ? `${d.symbol} — ${d.title}` : d.title }))}
              data-testid="dashboard-document"
            />
            <Select
              allowClear
              placeholder="Mọi trạng thái"
              value={status}
              onChange={setStatus}
              style={{ width: 170 }}
              options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
              data-testid="dashboard-status"
            />
            <label className="dashboard-switch">
              <Switch checked={includeSubmitted} onChange={setIncludeSubmitted} data-testid="dashboard-include-submitted" />
              <span>Dùng cả số liệu chưa duyệt</span>
            </label>
          </Space>
        </Card>
      )}
      <TaskDeadlinesPanel unitId={viewedId} />

      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} className="dashboard-alert" />}
      {list.isPending && viewedId !== undefined && <Spin className="app-loading" />}
      {list.data && (
        <>
          <StatusSummaryStrip counts={countByStatus(inDocument)} active={status} onPick={setStatus} />
          {all.length === 0 ? (
            <Card>
              <Empty description="Chưa có chỉ tiêu nào áp dụng cho đơn vị này.">
                <Link to="/van-ban-chi-tieu">Nhập văn bản và chỉ tiêu</Link>
              </Empty>
            </Card>
          ) : cards.length === 0 ? (
            <Card><Empty description="Không có chỉ tiêu nào khớp với điều kiện lọc." /></Card>
          ) : (
            <div className={`target-grid${list.isFetching ? ' is-refreshing' : ''}`} data-testid="target-grid">
              {cards.map((t) => <TargetCard key={t.targetId} t={t} onOpen={setOpen} />)}
            </div>
          )}
        </>
      )}
      {open && viewedId !== undefined && (
        <TargetDetailDrawer
          key={`${open.targetId}-${viewedId}`}
          t={open}
          unit={{ id: viewedId, name: unitName ?? open.owner.name }}
          asOf={asOf}
          includeSubmitted={includeSubmitted}
          onClose={() => setOpen(undefined)}
        />
      )}
    </div>
  );
}
