// The per-text indexes the extractor queries once per number: clause and sentence bounds,
// timings of a range, and cue phrases of a sentence. Built on first use, each in linear time,
// so that a long paragraph holding hundreds of numbers is not rescanned for each of them.
import { ClauseIndex } from './clause-index.ts';
import { LastMatchCache } from './last-match-cache.ts';
import { TimingIndex } from './timing-index.ts';

export class LayoutIndex {
  private clauseIndex: ClauseIndex | null = null;
  private timingIndex: TimingIndex | null = null;
  private cueCache: LastMatchCache | null = null;

  constructor(
    private readonly text: string,
    private readonly folded: string,
  ) {}

  get clauses(): ClauseIndex {
    return (this.clauseIndex ??= new ClauseIndex(this.text));
  }

  get timings(): TimingIndex {
    return (this.timingIndex ??= new TimingIndex(this.folded, this.clauses));
  }

  /** Cue phrases are read on the folded text. */
  get cues(): LastMatchCache {
    return (this.cueCache ??= new LastMatchCache(this.folded));
  }
}
