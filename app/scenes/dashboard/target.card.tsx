import { Card, Progress, Tag, Typography } from 'antd';
import type { TargetProgress } from '../../api/progress.api.ts';
import { formatViDate } from '../../lib/calendar-date.ts';
import {
  STATUS_TAG,
  barPercent,
  forecastSentence,
  forecastTone,
  formatIndicatorValue,
  formatShare,
  reportingSentence,
  statusColor,
  targetSentence,
} from './target-format.ts';

/** One target at a glance: what was promised, where it stands, and where the current pace leads. */
export function TargetCard({ t, onOpen }: { t: TargetProgress; onOpen: (t: TargetProgress) => void }) {
  const { status, statusLabel, shareAchieved } = t.progress;
  const noData = status === 'no_data' || t.value === null;
  const forecast = forecastSentence(t);
  const reporting = reportingSentence(t.reportingUnits);
  return (
    <Card
      hoverable
      size="small"
      className={`target-card target-card-${status}`}
      onClick={() => onOpen(t)}
      data-testid={`target-card-${t.targetId}`}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onOpen(t)}
    >
      <div className="target-card-top">
        <Tag color={STATUS_TAG[status]} data-testid="target-status">
          {statusLabel}
        </Tag>
        <span className="target-card-doc" title={t.document.title}>
          {t.document.symbol ?? t.document.title}
        </span>
      </div>
      <div className="target-card-name">{t.indicator.name}</div>
      {t.subject && t.subject !== t.indicator.name && <div className="target-card-subject">{t.subject}</div>}
      <div className="target-card-goal" data-testid="target-goal">
        {targetSentence(t)}
      </div>
      {t.origin && (
        <div className="target-card-subject" data-testid="target-origin">
          {t.origin}
        </div>
      )}
      <div className="target-card-actual">
        {noData ? (
          <span className="target-card-nodata" data-testid="target-actual">
            Chưa có số liệu
          </span>
        ) : (
          <>
            <span className="target-card-value" data-testid="target-actual">
              {formatIndicatorValue(t.value, t.indicator.unit)}
            </span>
            <span className="target-card-share">{formatShare(shareAchieved)} chỉ tiêu</span>
          </>
        )}
      </div>
      <Progress
        percent={noData ? 100 : barPercent(shareAchieved)}
        showInfo={false}
        strokeColor={noData ? '#d9d9d9' : statusColor(status)}
        size="small"
        aria-label={noData ? 'Chưa có số liệu' : `Đạt ${formatShare(shareAchieved)} chỉ tiêu`}
      />
      <Typography.Text className="target-card-forecast" type={forecastTone(t.progress)} data-testid="target-forecast">
        {forecast}
      </Typography.Text>
      <div className="target-card-foot">
        <span>
          Số liệu ngày {formatViDate(t.measuredOn)}
          {t.timing.kind === 'annual' ? ` · ${t.period.label}` : ''}
        </span>
        {reporting && <span data-testid="target-reporting">{reporting}</span>}
      </div>
    </Card>
  );
}
