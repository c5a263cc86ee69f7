import { useQuery } from '@tanstack/react-query';
import { FilterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Drawer, Empty, Spin } from 'antd';
import { Suspense, lazy, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/api-client.ts';
import { meQuery } from '../../api/auth.api.ts';
import { unitQuery } from '../../api/org.api.ts';
import { progressQuery, type ProgressStatus, type TargetProgress } from '../../api/progress.api.ts';
import { formatViDate, todayIso } from '../../lib/calendar-date.ts';
import { useDocumentTitle } from '../../lib/use-document-title.ts';
import { useIsPhone } from '../../lib/use-is-phone.ts';
import { ReportDocumentButton } from '../report-documents/report-document.button.tsx';
import { TaskDeadlinesPanel } from '../tasks/task-deadlines.panel.tsx';
import { StatusSummaryStrip } from './status-summary.strip.tsx';
import { TargetCard } from './target.card.tsx';
import { countByStatus, visibleTargets } from './target-format.ts';
import './dashboard.css';
import { SceneHeader } from '../../components/scene-header.tsx';

// Loaded when needed: the cards are what the first paint is for (bench/first-load.bench.ts).
const DashboardFilters = lazy(() => import('./dashboard-filters.tsx'));
const TargetDetailDrawer = lazy(() => import('./target-detail.drawer.tsx').then((m) => ({ default: m.TargetDetailDrawer })));

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
  // The chosen unit, or none for the officer's own: the same request the route's loader starts
  // before the session is known (dashboard.loader.ts).
  const list = useQuery(progressQuery({ unitId, asOf, includeSubmitted }));
  const all = useMemo(() => list.data?.items ?? [], [list.data]);
  const inDocument = useMemo(() => all.filter((t) => documentId === undefined || t.document.id === documentId), [all, documentId]);
  const cards = visibleTargets(inDocument, { status });
  const documents = useMemo(() => [...new Map(all.map((t) => [t.document.id, t.document])).values()], [all]);
  const year = Number(asOf.slice(0, 4));
  const unit = useQuery({ ...unitQuery(viewedId ?? 0, today), enabled: unitId !== undefined });
  const unitName = unitId === undefined ? me.data?.unit.name : unit.data?.name;
  // On a phone the six filters took a whole screen above the first card: they fold away behind a
  // button that says how many are in use (the subtitle above still names the unit and the date).
  const isPhone = useIsPhone();
  const [showFilters, setShowFilters] = useState(false);
  const activeFilters = [unitId, asOf === today ? undefined : asOf, documentId, status, includeSubmitted || undefined].filter(
    (v) => v !== undefined,
  ).length;

  return (
    <div className="scene dashboard" data-testid="dashboard-scene">
      <SceneHeader
        title="Tổng quan"
        description={
          <>
            Tiến độ các chỉ tiêu nghị quyết áp dụng cho {unitName ?? 'đơn vị'}, tính trực tiếp từ sổ sách và báo cáo đến ngày{' '}
            {formatViDate(asOf)}.
          </>
        }
      >
        <ReportDocumentButton unitId={viewedId} unitName={unitName} documents={documents} documentId={documentId} year={year} />
      </SceneHeader>
      {isPhone && (
        <Button
          block
          icon={<FilterOutlined />}
          className="dashboard-filters-toggle"
          aria-expanded={showFilters}
          onClick={() => setShowFilters((v) => !v)}
          data-testid="dashboard-filters-toggle"
        >
          {showFilters ? 'Ẩn bộ lọc' : `Bộ lọc: đơn vị, ngày, văn bản, trạng thái${activeFilters ? ` (${activeFilters} đang chọn)` : ''}`}
        </Button>
      )}
      {(!isPhone || showFilters) && (
        <Suspense
          fallback={
            <Card size="small" className="dashboard-filters dashboard-filters-loading">
              <Spin size="small" description="Đang tải bộ lọc…" />
            </Card>
          }
        >
          <DashboardFilters
            viewedId={viewedId}
            me={me.data ? { id: me.data.unit.id, name: me.data.unit.name } : null}
            today={today}
            asOf={asOf}
            documentId={documentId}
            documents={documents}
            status={status}
            includeSubmitted={includeSubmitted}
            setUnitId={setUnitId}
            setAsOf={setAsOf}
            setDocumentId={setDocumentId}
            setStatus={setStatus}
            setIncludeSubmitted={setIncludeSubmitted}
          />
        </Suspense>
      )}
      <TaskDeadlinesPanel unitId={viewedId} />

      {list.isError && <Alert type="error" showIcon message={errorMessage(list.error)} className="dashboard-alert" />}
      {list.isPending && <Spin className="app-loading" />}
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
            <Card>
              <Empty description="Không có chỉ tiêu nào khớp với điều kiện lọc." />
            </Card>
          ) : (
            <div className={`target-grid${list.isFetching ? ' is-refreshing' : ''}`} data-testid="target-grid">
              {cards.map((t) => (
                <TargetCard key={t.targetId} t={t} onOpen={setOpen} />
              ))}
            </div>
          )}
        </>
      )}
      {open && viewedId !== undefined && (
        <Suspense fallback={<Drawer open loading size={920} title={open.indicator.name} onClose={() => setOpen(undefined)} />}>
          <TargetDetailDrawer
            key={`${open.targetId}-${viewedId}`}
            t={open}
            unit={{ id: viewedId, name: unitName ?? open.owner.name }}
            asOf={asOf}
            includeSubmitted={includeSubmitted}
            onClose={() => setOpen(undefined)}
          />
        </Suspense>
      )}
    </div>
  );
}
