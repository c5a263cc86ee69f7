/**
 * Splits the reviewed text into runs at every item boundary, so items that nest or overlap (a
 * reference inside a task, a target inside a paragraph) are all highlighted and each stays
 * clickable. Pure, unit-tested; the text panel only renders the runs.
 */
export type MarkKind = 'target' | 'baseline' | 'qualitative' | 'reference' | 'task';

export interface Mark {
  key: string;
  kind: MarkKind;
  start: number;
  end: number;
}

export interface Segment {
  start: number;
  end: number;
  /** Items covering the run, innermost (shortest) first: a click selects the first. */
  covering: Mark[];
  /** Items that begin at this run (scroll anchors). */
  starting: string[];
}

export function segmentText(length: number, marks: readonly Mark[]): Segment[] {
  const valid = marks.filter((m) => m.start >= 0 && m.end <= length && m.start < m.end);
  const cuts = [...new Set([0, length, ...valid.flatMap((m) => [m.start, m.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = valid.filter((m) => m.start <= start && m.end >= end).sort((a, b) => a.end - a.start - (b.end - b.start));
    segments.push({ start, end, covering, starting: valid.filter((m) => m.start === start).map((m) => m.key) });
  }
  return segments;
}
