// Resolves the timing of a number from the nearest phrase that governs it: its own clause,
// its sentence, the start of its paragraph, a heading like "Đến năm 2025:" whose year carries
// to the bullets under it, the section heading, and finally the document (term, period).
import type { Layout, Paragraph } from './document-layout.ts';
import type { Timing } from './extraction-types.ts';
import { findTimings, type TimingMatch } from './timing-expression.ts';

export interface TimingDefaults {
  term: { from: number; to: number } | null;
  /** Deadline implied by the document itself ("Kế hoạch … năm 2024", "giai đoạn 2021 - 2025"). */
  documentDeadline: number | null;
}

/** Between a figure and a year that is its own: its noun at most ("300 đoàn viên năm 2030"), never "và", "so với". */
const YEAR_RIGHT_AFTER = /^(?:\s+(?!(?:va|hoac|con|so|voi|den|tu|tang|giam|dat|la)(?![\p{L}]))[\p{L}]+){0,3}\s*$/u;

/** What a line that is only a timing may hold besides it: dress, a colon, "mục tiêu/chỉ tiêu". */
const TIMING_LINE = /^[\s*_#:.,\-–]*(?:(?:cac\s+)?(?:muc tieu|chi tieu)(?:\s+chu yeu|\s+cu the)?)?[\s*_#:.,\-–]*$/u;

export class TimingContext {
  private readonly headingTiming = new Map<Paragraph, TimingMatch>();
  private readonly sectionTiming = new Map<object, TimingMatch | null>();
  private readonly leadTiming = new Map<Paragraph, TimingMatch | null>();

  constructor(
    private readonly layout: Layout,
    private readonly defaults: TimingDefaults,
  ) {
    this.computeHeadingScopes();
  }

  /**
   * Timing for a number at [pos, posEnd) inside `para`. The clause and sentence lookups go
   * through the layout's indexes: the same answers as findTimings over the clause and
   * sameParenScope for each timing, without rescanning a long paragraph for every number.
   */
  resolve(para: Paragraph, pos: number, posEnd: number): Timing {
    const { clauses, timings } = this.layout.index;
    const cStart = clauses.clauseStart(para.contentStart, pos);
    const cEnd = clauses.clauseEnd(posEnd, para.contentEnd);
    const after = timings.first(posEnd, cEnd);
    // "dưới 40% năm 2025, dưới 35% năm 2035": a year right after the figure is its own.
    if (after && after.kind === 'deadline' && YEAR_RIGHT_AFTER.test(this.layout.folded.slice(posEnd, after.start)))
      return this.toTiming(after, 'clause');
    const before = timings.lastInScope(cStart, pos);
    if (before) return this.toTiming(before, 'clause');
    if (after) return this.toTiming(after, 'clause');
    const sStart = clauses.sentenceStart(para.contentStart, pos);
    const sentence = timings.lastInScope(sStart, pos);
    // "hằng năm" inside an earlier clause belongs to that clause; at the head of the sentence
    // ("Hằng năm, mỗi chi hội …; …") it governs the whole list.
    const heads = (t: TimingMatch) => /^[\s\-–•+*.,;:()\d]*$/u.test(this.layout.folded.slice(sStart, t.start));
    if (sentence && (sentence.kind !== 'annual' || heads(sentence))) return this.toTiming(sentence, 'sentence');
    if (sentence) {
      const inSentence = timings.find(sStart, pos).filter((t) => clauses.sameParenScope(t.end, pos));
      const dated = inSentence.filter((t) => t.kind !== 'annual').at(-1);
      if (dated) return this.toTiming(dated, 'sentence');
      const head = inSentence[0];
      if (head && heads(head)) return this.toTiming(head, 'sentence');
    }
    const lead = this.leadingTiming(para);
    if (lead && lead.end <= pos) return this.toTiming(lead, 'sentence');
    const heading = this.headingTiming.get(para);
    if (heading) return this.toTiming(heading, 'heading');
    const section = this.timingOfSection(para.section);
    if (section) return this.toTiming(section, 'section');
    if (this.defaults.documentDeadline !== null) {
      return { deadlineYear: this.defaults.documentDeadline, recurrence: null, source: 'document' };
    }
    return { deadlineYear: null, recurrence: null, source: 'none' };
  }

  /** Timing that governs a whole span (used for qualitative targets). */
  resolveSpan(para: Paragraph, start: number): Timing {
    return this.resolve(para, start, start);
  }

  private toTiming(t: TimingMatch, source: Timing['source']): Timing {
    if (t.kind === 'annual') return { deadlineYear: null, recurrence: 'annual', source };
    if (t.kind === 'term-end') return { deadlineYear: this.defaults.term?.to ?? null, recurrence: null, source: 'term' };
    return { deadlineYear: t.year, recurrence: null, source };
  }

  /** "Đến năm 2025, …" at the very start of a paragraph governs all its sentences. */
  private leadingTiming(para: Paragraph): TimingMatch | null {
    const cached = this.leadTiming.get(para);
    if (cached !== undefined) return cached;
    const first = findTimings(this.layout.folded, para.contentStart, Math.min(para.contentEnd, para.contentStart + 40))[0];
    // "Tổ chức hằng năm 2 đợt …" is that clause's; only "Hằng năm, …" heads the paragraph.
    const lead =
      first &&
      first.start - para.contentStart <= 12 &&
      (first.kind !== 'annual' || !/\p{L}/u.test(this.layout.folded.slice(para.contentStart, first.start)))
        ? first
        : null;
    this.leadTiming.set(para, lead);
    return lead;
  }

  /**
   * A paragraph that is only a timing phrase ending with ":" ("- Đến năm 2025:") is a heading
   * for the paragraphs after it, until a heading, another such line, or a sibling bullet.
   */
  private computeHeadingScopes(): void {
    const { paragraphs, text, folded } = this.layout;
    let active: { timing: TimingMatch; marker: Paragraph['marker']; section: object } | null = null;
    for (const para of paragraphs) {
      // Emphasis from a conversion ("**Đến năm 2025:**", "*Giai đoạn 2026 - 2030*") is dress, not content.
      const content = text
        .slice(para.contentStart, para.contentEnd)
        .replace(/[*_#]+/g, '')
        .trim();
      // Only a short line can be such a heading: one ending with ":", or one that is only a timing.
      const timings = content.length <= 120 ? findTimings(folded, para.contentStart, para.contentEnd) : [];
      const onlyTiming =
        timings.length === 1 &&
        TIMING_LINE.test(folded.slice(para.contentStart, timings[0]!.start) + folded.slice(timings[0]!.end, para.contentEnd));
      if (timings.length > 0 && (content.endsWith(':') || onlyTiming)) {
        active = { timing: timings[timings.length - 1] as TimingMatch, marker: para.marker, section: para.section };
        continue;
      }
      if (active && (para.isHeading || para.section !== active.section || (active.marker !== 'none' && para.marker === active.marker))) {
        active = null;
      }
      if (active) this.headingTiming.set(para, active.timing);
    }
  }

  private timingOfSection(section: Paragraph['section']): TimingMatch | null {
    for (let s: Paragraph['section'] | null = section; s; s = s.parent) {
      if (!s.heading) continue;
      if (!this.sectionTiming.has(s)) {
        const h = s.heading;
        const found = findTimings(this.layout.folded, h.contentStart, h.contentEnd);
        this.sectionTiming.set(s, found[found.length - 1] ?? null);
      }
      const t = this.sectionTiming.get(s);
      if (t) return t;
    }
    return null;
  }
}
