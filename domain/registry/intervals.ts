/**
 * Half-open date intervals [from, to) with ISO strings; `to` null = still open. Used to keep a
 * member's history consistent when two records of one person are merged.
 */
export interface DateInterval {
  from: string;
  to: string | null;
}

const before = (a: string | null, b: string | null) => a !== null && (b === null || a < b);

/** The parts of `a` not covered by any interval of `cover`. */
export function subtractIntervals(a: DateInterval, cover: DateInterval[]): DateInterval[] {
  let pieces: DateInterval[] = [a];
  for (const c of cover) {
    const next: DateInterval[] = [];
    for (const p of pieces) {
      const overlaps = before(p.from, c.to) && before(c.from, p.to);
      if (!overlaps) {
        next.push(p);
        continue;
      }
      if (p.from < c.from) next.push({ from: p.from, to: c.from });
      if (c.to !== null && before(c.to, p.to)) next.push({ from: c.to, to: p.to });
    }
    pieces = next;
  }
  return pieces;
}
