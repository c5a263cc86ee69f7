// `findTimings(folded, a, b)` for many ranges of one text without rescanning each range. The
// extractor asks, for every number, for the timings of its clause and sentence up to the number:
// in a long paragraph that rescanned the paragraph for every number (quadratic), and then tested
// every timing found against the number again (cubic).
//
// Why the answers stay exact: no timing phrase contains, and no pattern looks past, a "break" —
// a character that is not a letter, a digit, a space, "/" or a dash (punctuation), or a run of
// letters beginning with none of the TIMING_WORDS (a timing starts and continues only at word
// starts, with those words; a look-ahead may read such a run's first letters and the character
// after it, no further). So the scan of [a, b) splits at every break lying inside it: the stretch
// before the first break and the one after the last are scanned directly (they touch the range's
// edges), and every stretch in between is identical to the same stretch of one scan of the whole
// text, done once. timing-index.test.ts compares the answers with findTimings on generated text.
import type { ClauseIndex } from './clause-index.ts';
import { firstAtOrAfter, lastAtOrBefore } from './clause-index.ts';
import { findTimings, TIMING_WORDS, type TimingMatch } from './timing-expression.ts';

interface RangeParts {
  /** Timings of the stretch before the first inner break (or of the whole range when none). */
  head: TimingMatch[];
  /** [from, to): indexes into the whole-text timings lying between the first and last inner breaks. */
  from: number;
  to: number;
  /** Timings of the stretch after the last inner break. */
  tail: TimingMatch[];
}

export class TimingIndex {
  private readonly all: TimingMatch[];
  private readonly allStarts: Int32Array;
  private readonly breakStarts: Int32Array;
  private readonly breakEnds: Int32Array;
  /** Max-tree over the whole-text timings of "first position where the paren depth drops below their end". */
  private scopeTree: Int32Array | null = null;
  private treeSize = 0;

  constructor(
    private readonly folded: string,
    private readonly clauses: ClauseIndex,
  ) {
    this.all = findTimings(folded, 0, folded.length);
    this.allStarts = Int32Array.from(this.all, (t) => t.start);
    const { starts, ends } = findBreaks(folded);
    this.breakStarts = starts;
    this.breakEnds = ends;
  }

  /** Same as `findTimings(folded, a, b)`. */
  find(a: number, b: number): TimingMatch[] {
    const p = this.parts(a, b);
    return [...p.head, ...this.all.slice(p.from, p.to), ...p.tail];
  }

  /** Same as `findTimings(folded, a, b)[0]`. */
  first(a: number, b: number): TimingMatch | undefined {
    const p = this.parts(a, b);
    return p.head[0] ?? (p.from < p.to ? this.all[p.from] : p.tail[0]);
  }

  /** Same as the last of `findTimings(folded, a, b).filter((t) => sameParenScope(text, t.end, b))`. */
  lastInScope(a: number, b: number): TimingMatch | undefined {
    const p = this.parts(a, b);
    const inScope = (t: TimingMatch) => this.clauses.sameParenScope(t.end, b);
    const fromTail = findLast(p.tail, inScope);
    if (fromTail) return fromTail;
    const k = p.from < p.to ? this.rightmostInScope(p.from, p.to - 1, b) : -1;
    if (k >= 0) return this.all[k];
    return findLast(p.head, inScope);
  }

  private parts(a: number, b: number): RangeParts {
    if (a >= b) return { head: [], from: 0, to: 0, tail: [] };
    const first = firstAtOrAfter(this.breakStarts, a);
    const last = lastAtOrBefore(this.breakEnds, b - 1);
    // A break counts when it lies inside the range with the character after it (read by look-aheads).
    if (first >= this.breakStarts.length || last < first) return { head: findTimings(this.folded, a, b), from: 0, to: 0, tail: [] };
    const firstEnd = this.breakEnds[first] as number;
    const lastStart = this.breakStarts[last] as number;
    const lastEnd = this.breakEnds[last] as number;
    const firstStart = this.breakStarts[first] as number;
    return {
      // Scanned up to the character after the break, as the whole range's scan would see it.
      head: findTimings(this.folded, a, firstEnd + 1).filter((t) => t.start < firstStart),
      from: firstAtOrAfter(this.allStarts, firstEnd),
      to: firstAtOrAfter(this.allStarts, lastStart),
      tail: findTimings(this.folded, lastEnd, b),
    };
  }

  /** Rightmost k in [lo, hi] whose timing stays in the paren scope of `pos`, or -1. */
  private rightmostInScope(lo: number, hi: number, pos: number): number {
    const tree = this.tree();
    const search = (node: number, nodeLo: number, nodeHi: number): number => {
      if (nodeHi < lo || nodeLo > hi || (tree[node] as number) <= pos) return -1;
      if (nodeLo === nodeHi) return nodeLo;
      const mid = (nodeLo + nodeHi) >>> 1;
      const right = search(2 * node + 1, mid + 1, nodeHi);
      return right >= 0 ? right : search(2 * node, nodeLo, mid);
    };
    return search(1, 0, this.treeSize - 1);
  }

  /** Built on first use: sameParenScope(end, pos) ⇔ nextLower(end) > pos, so a max per subtree finds the last one. */
  private tree(): Int32Array {
    if (this.scopeTree) return this.scopeTree;
    let size = 1;
    while (size < this.all.length) size *= 2;
    const tree = new Int32Array(2 * size).fill(-1);
    this.all.forEach((t, k) => {
      tree[size + k] = this.clauses.scopeLimit(t.end);
    });
    for (let node = size - 1; node >= 1; node--) tree[node] = Math.max(tree[2 * node] as number, tree[2 * node + 1] as number);
    this.treeSize = size;
    this.scopeTree = tree;
    return tree;
  }
}

function findLast<T>(list: readonly T[], keep: (item: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (keep(list[i] as T)) return list[i];
  return undefined;
}

const LETTER = /\p{L}/u;
const SPACE = /\s/;
const WORDS: readonly string[] = TIMING_WORDS;

/** Breaks of a folded text, as disjoint [start, end) spans in order. */
function findBreaks(folded: string): { starts: Int32Array; ends: Int32Array } {
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < folded.length) {
    const c = folded.codePointAt(i) as number;
    const width = c > 0xffff ? 2 : 1;
    if (isLetter(c, folded, i, width)) {
      let end = i + width;
      for (;;) {
        const next = folded.codePointAt(end);
        if (next === undefined) break;
        const w = next > 0xffff ? 2 : 1;
        if (!isLetter(next, folded, end, w)) break;
        end += w;
      }
      if (!WORDS.some((word) => folded.startsWith(word, i))) {
        starts.push(i);
        ends.push(end);
      }
      i = end;
      continue;
    }
    if (!isDigitSpaceOrJoiner(c, folded, i, width)) {
      starts.push(i);
      ends.push(i + width);
    }
    i += width;
  }
  return { starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
}

function isLetter(c: number, s: string, i: number, width: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(s.slice(i, i + width));
}

/** Digits, blanks, "/" and the dashes may sit inside a timing ("6/2025", "2021 – 2025"). */
function isDigitSpaceOrJoiner(c: number, s: string, i: number, width: number): boolean {
  if (c >= 48 && c <= 57) return true;
  if (c === 47 || c === 45 || c === 0x2013 || c === 0x2014) return true;
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  return c >= 128 && SPACE.test(s.slice(i, i + width));
}
