import { useQuery } from '@tanstack/react-query';
import { Descriptions, Drawer, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { meQuery } from '../../api/auth.api.ts';
import { errorMessage } from '../../api/api-client.ts';
import { seriesQuery, type TargetProgress } from '../../api/progress.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import { BreakdownTable, type UnitCrumb } from './breakdown.table.tsx';
import {
  STATUS_TAG,
  forecastSentence,
  formatIndicatorValue,
  formatShare,
  pathStartSentence,
  reportingSentence,
  statusColor,
  targetSentence,
} from './target-format.ts';
import { TrendChart } from './trend.chart.tsx';
import { trendChartData } from './trend-chart.model.ts';

interface Props {
  t: TargetProgress;
  /** The unit the dashboard looks at: the chart is for it and the drill-down starts from it. */
  unit: UnitCrumb;
  asOf: string;
  includeSubmitted: boolean;
  onClose: () => void;
}

/** One target in depth: the figures, the trend with the target and forecast, and the children ranked. */
export function TargetDetailDrawer({ t, unit, asOf, includeSubmitted, onClose }: Props) {
  const [path, setPath] = useState<UnitCrumb[]>([unit]);
  const series = useQuery(seriesQuery(t.targetId, unit.id, asOf, includeSubmitted));
  const chart = useMemo(() => (series.data ? trendChartData(series.data.points, t) : undefined), [series.data, t]);
  const { status, statusLabel, shareAchieved, expectedNow, pathStart } = t.progress;
  const forecast = forecastSentence(t);
  const me = useQuery(meQuery());
  // Only the unit that owns the target shares it out, and only someone who may set targets.
  const canAllocate = (me.data?.permissions.includes('targets.write') ?? false) && t.owner.id === unit.id;

  return (
    <Drawer open size={920} onClose={onClose} title={t.indicator.name} data-testid="target-detail" destroyOnHidden>
      <Descriptions size="small" column={2} bordered className="target-detail-facts">
        <Descriptions.Item label="Chỉ tiêu" span={2}>
          <strong data-testid="detail-goal">{targetSentence(t)}</strong>
          {t.subject && <div className="cell-muted">{t.subject}</div>}
        </Descriptions.Item>
        <Descriptions.Item label="Văn bản" span={2}>
          {t.document.symbol ? `${t.document.symbol} — ` : ''}
          {t.document.title}
          <div className="cell-muted">Đơn vị giao chỉ tiêu: {t.owner.name}</div>
          {t.origin && <div className="cell-muted">{t.origin}</div>}
          {canAllocate && (
            <Link to={`/tong-quan/giao-chi-tieu/${t.targetId}`} data-testid="target-allocate">
              Giao chỉ tiêu cho các đơn vị trực thuộc
            </Link>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={`Thực hiện (${formatViDate(t.measuredOn)})`}>
          {t.value === null ? (
            <span className="cell-muted">Chưa có số liệu</span>
          ) : (
            <strong>{formatIndicatorValue(t.value, t.indicator.unit)}</strong>
          )}
          {t.reportingUnits !== null && <div className="cell-muted">{reportingSentence(t.reportingUnits)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label="Trạng thái">
          <Tag color={STATUS_TAG[status]} data-testid="detail-status">
            {statusLabel}
          </Tag>
          {shareAchieved !== null && <span>đạt {formatShare(shareAchieved)} chỉ tiêu</span>}
        </Descriptions.Item>
        <Descriptions.Item label="Theo tiến độ, đến nay cần đạt">
          {expectedNow === null ? <span className="cell-muted">—</span> : formatIndicatorValue(expectedNow, t.indicator.unit)}
          {pathStart && (
            <div className="cell-muted" data-testid="detail-path-start">
              {pathStartSentence(pathStart, t.indicator.unit)}
            </div>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Dự báo">
          <span data-testid="detail-forecast">{t.progress.forecast ? forecast : <span className="cell-muted">{forecast}</span>}</span>
        </Descriptions.Item>
      </Descriptions>

      <h3 className="target-detail-heading">Diễn biến — {unit.name}</h3>
      {series.isError && <Typography.Text type="danger">{errorMessage(series.error)}</Typography.Text>}
      {chart && chart.actual.length > 0 && <TrendChart data={chart} color={statusColor(status)} />}
      {chart && chart.actual.length === 0 && <div className="trend-chart-empty">Chưa có số liệu để vẽ diễn biến.</div>}

      <h3 className="target-detail-heading">Các đơn vị trực thuộc — đơn vị chậm tiến độ trước</h3>
      <BreakdownTable
        targetId={t.targetId}
        unit={t.indicator.unit}
        asOf={asOf}
        includeSubmitted={includeSubmitted}
        path={path}
        onPathChange={setPath}
      />
    </Drawer>
  );
}
