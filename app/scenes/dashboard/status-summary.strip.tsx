import type { ProgressStatus } from '../../api/progress.api.ts';
import { formatCount } from '../../components/registry/registry-format.ts';
import { STATUS_COLORS, STATUS_LABELS, STATUS_ORDER } from './target-format.ts';

/** Counts per status; a click filters the cards to that status (a second click clears it). */
export function StatusSummaryStrip({
  counts,
  active,
  onPick,
}: {
  counts: Record<ProgressStatus, number>;
  active?: ProgressStatus;
  onPick: (s: ProgressStatus | undefined) => void;
}) {
  const total = STATUS_ORDER.reduce((sum, s) => sum + counts[s], 0);
  return (
    <div className="status-strip" data-testid="status-summary">
      <button type="button" className={`status-chip${active ? '' : ' is-active'}`} onClick={() => onPick(undefined)}>
        <span className="status-chip-count">{formatCount(total)}</span>
        <span className="status-chip-label">Tất cả chỉ tiêu</span>
      </button>
      {STATUS_ORDER.map((s) => (
        <button
          type="button"
          key={s}
          className={`status-chip${active === s ? ' is-active' : ''}`}
          style={{ borderTopColor: STATUS_COLORS[s] }}
          onClick={() => onPick(active === s ? undefined : s)}
          data-testid={`status-count-${s}`}
        >
          <span className="status-chip-count" style={{ color: STATUS_COLORS[s] }}>
            {formatCount(counts[s])}
          </span>
          <span className="status-chip-label">{STATUS_LABELS[s]}</span>
        </button>
      ))}
    </div>
  );
}
