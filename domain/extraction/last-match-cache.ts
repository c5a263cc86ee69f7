// The last match of a cue regex in `text.slice(s, p)`, for many numbers p sharing one sentence
// start s. Scanning the sentence again for every number made a long sentence quadratic.
//
// Why it is exact: the regexes asked here match at most `reach` characters, look-arounds
// included, so whether (and how) they match at a position y depends only on text[y - 1, y + reach).
// One scan of a longer slice [s, P) therefore finds the same successive matches as a scan of
// [s, p) for every match starting at or before p - reach, and nothing can start between the last
// of those and p - reach; the scan of [s, p) is resumed from there, a few characters from p.
import { lastAtOrBefore } from './clause-index.ts';

export interface SliceMatch {
  /** Offsets relative to s, as in a match on the slice itself. */
  start: number;
  end: number;
}

interface Chain {
  limit: number;
  starts: number[];
  ends: number[];
}

export class LastMatchCache {
  private readonly chains = new Map<RegExp, Map<number, Chain>>();

  constructor(private readonly text: string) {}

  /** Same as the last element of `[...text.slice(s, p).matchAll(re)]`, for a global `re` matching at most `reach` characters. */
  last(re: RegExp, reach: number, s: number, p: number): SliceMatch | null {
    if (p - s <= 4 * reach) return lastFrom(re, this.text.slice(s, p), 0, null);
    const chain = this.chain(re, s, p, reach);
    const k = lastAtOrBefore(chain.starts, p - reach);
    const known = k >= 0 ? { start: (chain.starts[k] as number) - s, end: (chain.ends[k] as number) - s } : null;
    const resumeAt = Math.max(known ? known.end : 0, p - reach - s);
    return lastFrom(re, this.text.slice(s, p), resumeAt, known);
  }

  /** The matches of re in [s, limit) for a limit at least p, grown geometrically (amortised linear). */
  private chain(re: RegExp, s: number, p: number, reach: number): Chain {
    let byStart = this.chains.get(re);
    if (!byStart) this.chains.set(re, (byStart = new Map()));
    const cached = byStart.get(s);
    if (cached && cached.limit >= p) return cached;
    const limit = Math.min(this.text.length, s + Math.max(8 * reach, 2 * (p - s)));
    const chain: Chain = { limit, starts: [], ends: [] };
    for (const m of this.text.slice(s, limit).matchAll(re)) {
      chain.starts.push(s + m.index);
      chain.ends.push(s + m.index + m[0].length);
    }
    byStart.set(s, chain);
    return chain;
  }
}

/** Continues the successive matches of `re` over `slice` from `from`; the last one, else `known`. */
function lastFrom(re: RegExp, slice: string, from: number, known: SliceMatch | null): SliceMatch | null {
  const scan = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  scan.lastIndex = from;
  let last = known;
  for (let m = scan.exec(slice); m; m = scan.exec(slice)) last = { start: m.index, end: m.index + m[0].length };
  return last;
}
