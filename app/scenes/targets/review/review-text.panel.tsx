import { memo, useMemo } from 'react';
import { segmentText, type Mark } from './highlight.model.ts';

/**
 * The normalised text with every extracted item highlighted at its offsets. A click on a
 * highlight selects the innermost item there; `data-starts` lets the list scroll here.
 */
export const ReviewTextPanel = memo(function ReviewTextPanel({
  text,
  marks,
  selected,
  dropped,
  onSelect,
}: {
  text: string;
  marks: Mark[];
  selected: string | null;
  dropped: ReadonlySet<string>;
  onSelect: (key: string) => void;
}) {
  const segments = useMemo(() => segmentText(text.length, marks), [text, marks]);
  return (
    // Focusable so the keyboard can scroll the document's text (it scrolls on its own).
    <div className="review-text" data-testid="review-text" tabIndex={0} role="region" aria-label="Nội dung văn bản">
      {segments.map((s) => {
        const chunk = text.slice(s.start, s.end);
        if (s.covering.length === 0) return <span key={s.start}>{chunk}</span>;
        const top = s.covering[0]!;
        const classes = ['hl', ...new Set(s.covering.map((m) => `hl-${m.kind}`)), `hl-top-${top.kind}`];
        if (s.covering.some((m) => m.key === selected)) classes.push('hl-selected');
        if (top.kind === 'target' && dropped.has(top.key)) classes.push('hl-dropped');
        return (
          <span
            key={s.start}
            className={classes.join(' ')}
            data-starts={s.starting.length ? s.starting.join(' ') : undefined}
            data-testid={top.kind === 'target' && s.starting.includes(top.key) ? `mark-${top.key}` : undefined}
            onClick={(e) => {
              e.stopPropagation();
              onSelect(top.key);
            }}
          >
            {chunk}
          </span>
        );
      })}
    </div>
  );
});
