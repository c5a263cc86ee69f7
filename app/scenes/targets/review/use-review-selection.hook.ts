import { useCallback, useEffect, useState } from 'react';
import type { MarkKind } from './highlight.model.ts';

const TAB_OF: Record<MarkKind, string> = {
  target: 'target',
  baseline: 'baseline',
  qualitative: 'qualitative',
  reference: 'reference',
  task: 'task',
};

/**
 * Which read item is selected and which list tab shows: choosing in the list scrolls the text to
 * it, choosing in the text opens its tab and scrolls the list to it.
 */
export function useReviewSelection(kindOf: ReadonlyMap<string, MarkKind>) {
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('target');
  // From the list to the text, and from the text to the list: bring the other side into view.
  const selectFromList = useCallback((key: string) => {
    setSelected(key);
    const mark = document.querySelector(`.review-text [data-starts~="${key}"]`);
    mark?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    mark?.classList.add('hl-flash');
    window.setTimeout(() => mark?.classList.remove('hl-flash'), 1200);
  }, []);
  const selectFromText = useCallback(
    (key: string) => {
      setSelected(key);
      setTab(TAB_OF[kindOf.get(key) ?? 'target']);
    },
    [kindOf],
  );
  useEffect(() => {
    if (!selected) return;
    const id = window.setTimeout(
      () =>
        document.querySelector(`.review-list [data-review-key="${selected}"]`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
      50,
    );
    return () => window.clearTimeout(id);
  }, [selected, tab]);
  return { selected, tab, setTab, selectFromList, selectFromText };
}
