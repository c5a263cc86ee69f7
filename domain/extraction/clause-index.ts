// Sentence, clause and parenthesis bounds of a whole text, answered in O(log n). The functions in
// clause-bounds.ts walk from a number back to its clause or sentence start: fine for one number,
// quadratic for a long paragraph holding hundreds of them (every number walked the paragraph
// again). This index is built once per text in linear time and gives the very same answers
// (clause-index.test.ts compares the two on generated text).
import { isSentenceEnd } from './clause-bounds.ts';

export class ClauseIndex {
  /** Positions i where `isSentenceEnd(text, i)`, ascending. */
  private readonly sentenceEnds: Int32Array;
  /** Positions where a forward clause scan stops: "(", ")", ";", ":" (not "14:57"), sentence ends. */
  private readonly clauseStops: Int32Array;
  /** Backward clause stops ("(", ";", ":", sentence ends) grouped by the paren depth just after them. */
  private readonly backStopsByDepth: Map<number, number[]>;
  /** depth[k]: count of "(" minus count of ")" in text[0, k). */
  private readonly depth: Int32Array;
  /** nextLower[k]: first j > k with depth[j] < depth[k] (text.length + 1 when none). */
  private readonly nextLower: Int32Array;
  /** nextNonBlank[i]: first j >= i whose character is not blank, "*" or "_". */
  private readonly nextNonBlank: Int32Array;

  constructor(readonly text: string) {
    const n = text.length;
    this.depth = parenDepths(text);
    this.nextLower = nextLowerPositions(this.depth);
    this.nextNonBlank = nextNonBlankPositions(text);
    const ends: number[] = [];
    const stops: number[] = [];
    this.backStopsByDepth = new Map();
    for (let i = 0; i < n; i++) {
      const ch = text[i] as string;
      const sentenceEnd = (ch === '.' || ch === '!' || ch === '?') && isSentenceEnd(text, i);
      if (sentenceEnd) ends.push(i);
      const hardStop = ch === ';' || (ch === ':' && !isAsciiDigit(text[i + 1]));
      if (ch === '(' || ch === ')' || hardStop || sentenceEnd) stops.push(i);
      if (ch === '(' || hardStop || sentenceEnd) this.pushBackStop(this.depth[i + 1] as number, i);
    }
    this.sentenceEnds = Int32Array.from(ends);
    this.clauseStops = Int32Array.from(stops);
  }

  /** Same as `sentenceStart(text, paraStart, pos)`. */
  sentenceStart(paraStart: number, pos: number): number {
    const k = lastAtOrBefore(this.sentenceEnds, pos - 1);
    const i = k < 0 ? -1 : (this.sentenceEnds[k] as number);
    return i > paraStart ? this.skipBlanks(i + 1, pos) : paraStart;
  }

  /** Same as `sentenceEnd(text, pos, paraEnd)`. */
  sentenceEnd(pos: number, paraEnd: number): number {
    const k = firstAtOrAfter(this.sentenceEnds, pos);
    const i = k < this.sentenceEnds.length ? (this.sentenceEnds[k] as number) : Infinity;
    return i < paraEnd ? i : paraEnd;
  }

  /**
   * Same as `clauseStart(text, paraStart, pos)`. The backward walk stops at the nearest stop
   * seen at paren depth 0 relative to `pos`, i.e. the last stop before `pos` whose following
   * depth equals the depth at `pos` (a stop inside a closed group has a higher depth).
   */
  clauseStart(paraStart: number, pos: number): number {
    const list = this.backStopsByDepth.get(this.depth[pos] as number);
    if (!list) return paraStart;
    const k = lastAtOrBefore(list, pos - 1);
    const i = k < 0 ? -1 : (list[k] as number);
    return i >= paraStart ? this.skipBlanks(i + 1, pos) : paraStart;
  }

  /** Same as `clauseEnd(text, pos, paraEnd)`. */
  clauseEnd(pos: number, paraEnd: number): number {
    const k = firstAtOrAfter(this.clauseStops, pos);
    const i = k < this.clauseStops.length ? (this.clauseStops[k] as number) : Infinity;
    return i < paraEnd ? i : paraEnd;
  }

  /** Same as `sameParenScope(text, from, to)`: no ")" in [from, to) closes a group opened before `from`. */
  sameParenScope(from: number, to: number): boolean {
    return from >= to || (this.nextLower[from] as number) > to;
  }

  /** First position after `from` where the paren depth drops below its depth at `from`. */
  scopeLimit(from: number): number {
    return this.nextLower[from] as number;
  }

  private skipBlanks(i: number, limit: number): number {
    return i >= limit ? i : Math.min(this.nextNonBlank[i] as number, limit);
  }

  private pushBackStop(depth: number, i: number): void {
    const list = this.backStopsByDepth.get(depth);
    if (list) list.push(i);
    else this.backStopsByDepth.set(depth, [i]);
  }
}

function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function parenDepths(text: string): Int32Array {
  const depth = new Int32Array(text.length + 1);
  let d = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40)
      d++; // (
    else if (c === 41) d--; // )
    depth[i + 1] = d;
  }
  return depth;
}

/** Next strictly lower value to the right, for every position (a monotonic stack, linear). */
function nextLowerPositions(values: Int32Array): Int32Array {
  const n = values.length;
  const out = new Int32Array(n).fill(n);
  const stack = new Int32Array(n);
  let top = 0;
  for (let j = 0; j < n; j++) {
    const v = values[j] as number;
    while (top > 0 && (values[stack[top - 1] as number] as number) > v) out[stack[--top] as number] = j;
    stack[top++] = j;
  }
  return out;
}

const BLANK = /[\s*_]/;

function nextNonBlankPositions(text: string): Int32Array {
  const n = text.length;
  const out = new Int32Array(n + 1);
  out[n] = n;
  for (let i = n - 1; i >= 0; i--) out[i] = BLANK.test(text[i] as string) ? (out[i + 1] as number) : i;
  return out;
}

/** Index of the last element <= value in an ascending list, or -1. */
export function lastAtOrBefore(list: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Index of the first element >= value in an ascending list, or list.length. */
export function firstAtOrAfter(list: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
