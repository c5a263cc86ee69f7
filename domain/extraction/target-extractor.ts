// Targets, baselines and qualitative targets. A number becomes a target when it is governed by
// a target phrase ("phấn đấu", "ít nhất", "đạt") or a timing, or sits in a Mục tiêu / Chỉ tiêu
// section; a baseline when "hiện có", "đã …" or a past year governs it; a size condition
// ("doanh nghiệp có từ 25 lao động") only narrows the scope of the target next to it.
import { collapseSpaces } from '../text/vietnamese-normalize.ts';
import type { Layout, Paragraph } from './document-layout.ts';
import type { Baseline, ExtractedTarget, QualitativeTarget, TargetScope } from './extraction-types.ts';
import type { NumericMention } from './numeric-mention.ts';
import { isSizeCondition, readComparator, readCues, readSectors, sizeThreshold, type ComparatorReading } from './target-parts.ts';
import type { TimingContext } from './timing-context.ts';
import { findTimings } from './timing-expression.ts';

export interface TargetExtraction {
  targets: ExtractedTarget[];
  baselines: Baseline[];
  qualitativeTargets: QualitativeTarget[];
}

interface Classified {
  mention: NumericMention;
  para: Paragraph;
  clauseStart: number;
  reading: ComparatorReading;
  kind: 'target' | 'baseline';
  timing: ReturnType<TimingContext['resolve']>;
}

export function extractTargets(
  layout: Layout,
  mentions: readonly NumericMention[],
  timing: TimingContext,
  documentYear: number | null,
): TargetExtraction {
  const classified: Classified[] = [];
  const conditions: NumericMention[] = [];
  const byPara = groupByParagraph(layout, mentions);
  const paraIndex = new Map(layout.paragraphs.map((p, i) => [p, i]));
  for (const [para, list] of byPara) {
    if (para.section.cls === 'closing') continue;
    for (const m of list) {
      const last = classified[classified.length - 1];
      // A list of targets goes on through its clauses and into the next paragraph.
      const continuing = last !== undefined && last.kind === 'target' && (paraIndex.get(para) ?? 0) - (paraIndex.get(last.para) ?? 0) <= 1;
      const c = classify(layout, para, m, timing, documentYear, continuing);
      if (c === 'condition') conditions.push(m);
      else if (c) classified.push(c);
    }
  }
  const targets: ExtractedTarget[] = [];
  const baselines: Baseline[] = [];
  let previous: { para: Paragraph; end: number; clauseStart: number; subject: string } | null = null;
  const lowerBounds = new Set<number>();
  classified.forEach((c, i) => {
    const next = classified[i + 1];
    const nextCue = next && next.para === c.para && next.clauseStart === c.clauseStart ? next.reading.cueStart : null;
    const prevInClause = previous && previous.para === c.para && previous.clauseStart === c.clauseStart ? previous.end : null;
    const built = describe(layout, c, nextCue, prevInClause, previous?.para === c.para ? previous.subject : '');
    previous = { para: c.para, end: built.end, clauseStart: c.clauseStart, subject: built.subject };
    if (c.kind === 'baseline') {
      const year = c.timing.source === 'clause' || c.timing.source === 'sentence' ? c.timing.deadlineYear : null;
      baselines.push({
        value: c.mention.value,
        unit: c.mention.unit,
        subject: built.subject,
        quote: built.quote,
        start: built.start,
        end: built.end,
        year,
      });
      return;
    }
    if (c.mention.range === 'lower') lowerBounds.add(targets.length);
    targets.push({
      value: c.mention.value,
      unit: c.mention.unit,
      comparator: c.reading.comparator,
      deadlineYear: c.timing.deadlineYear,
      recurrence: c.timing.recurrence,
      subject: built.subject,
      quote: built.quote,
      start: built.start,
      end: built.end,
      scope: scopeOf(layout, built, conditions),
      change: c.reading.change,
      currency: c.mention.currency,
      timingSource: c.timing.source,
      valueStart: c.mention.start,
      valueEnd: c.mention.end,
    });
  });
  // "Tăng 1 đến 2 xã đạt chuẩn": both bounds measure what follows the upper one.
  targets.forEach((t, i) => {
    const upper = targets[i + 1];
    if (upper && lowerBounds.has(i) && t.valueEnd <= upper.valueStart && t.end >= upper.valueStart - 8) t.subject = upper.subject;
  });
  return { targets, baselines, qualitativeTargets: extractQualitative(layout, timing, classified) };
}

function groupByParagraph(layout: Layout, mentions: readonly NumericMention[]): Map<Paragraph, NumericMention[]> {
  const out = new Map<Paragraph, NumericMention[]>();
  let i = 0;
  for (const para of layout.paragraphs) {
    while (i < mentions.length && (mentions[i] as NumericMention).start < para.contentStart) i++;
    const list: NumericMention[] = [];
    while (i < mentions.length && (mentions[i] as NumericMention).start < para.contentEnd) list.push(mentions[i++] as NumericMention);
    if (list.length) out.set(para, list);
  }
  return out;
}

function classify(
  layout: Layout,
  para: Paragraph,
  m: NumericMention,
  timing: TimingContext,
  documentYear: number | null,
  continuing: boolean,
): Classified | 'condition' | null {
  const { folded, index } = layout;
  const cStart = index.clauses.clauseStart(para.contentStart, m.start);
  if (isSizeCondition(folded, para.contentStart, m)) return 'condition';
  const sStart = index.clauses.sentenceStart(para.contentStart, m.start);
  const cues = readCues(folded, sStart, m, index.cues);
  if (m.unit === 'count' && !m.knownNoun && !cues.strong) return null;
  // "5 nhiệm vụ trọng tâm", "3 nhóm giải pháp": the document's own parts.
  if (m.unit === 'count' && DOCUMENT_PART.test(folded.slice(m.nounEnd - m.noun.length, m.nounEnd + 40))) return null;
  const t = timing.resolve(para, m.start, m.end);
  const read = readComparator(folded, cStart, m);
  // "từ 2 đến 3 mô hình", "1,5–2%": at least the lower bound, at most the upper.
  const reading = m.range ? { ...read, comparator: m.range === 'lower' ? ('>=' as const) : ('<=' as const) } : read;
  const base = { mention: m, para, clauseStart: cStart, reading, timing: t };
  // "vượt 11,7% kế hoạch", "đạt 109% chỉ tiêu": how far a plan was met, a result.
  if (m.unit === 'percent' && /^\s*(?:so voi\s+|cua\s+)?(?:ke hoach|chi tieu)(?![\p{L}])/u.test(folded.slice(m.end, m.end + 30)))
    return { ...base, kind: 'baseline' };
  const explicit = t.source === 'clause' || t.source === 'sentence' || t.source === 'heading' || t.source === 'term';
  const past =
    documentYear !== null && t.deadlineYear !== null && t.deadlineYear < documentYear && (t.source === 'clause' || t.source === 'sentence');
  if (cues.baseline || past) return { ...base, kind: 'baseline' };
  const cls = para.section.cls;
  if (cls === 'situation') return { ...base, kind: 'baseline' };
  if (cls === 'targets') return { ...base, kind: 'target' };
  const weakEvidence = cues.target || m.unit !== 'count' || m.knownNoun;
  if (cues.strong || (explicit && weakEvidence) || (cues.target && m.unit !== 'count')) return { ...base, kind: 'target' };
  // "…; trên 90% hồ sơ được xử lý trên môi trường mạng": the next item of a list of targets.
  if (continuing && m.unit === 'percent' && STATEMENT_HEAD.test(folded.slice(cStart, m.start))) return { ...base, kind: 'target' };
  return null;
}

const DOCUMENT_PART =
  /^(?:nhom\s+)?(?:nhiem vu|giai phap|chi tieu|muc tieu|noi dung|linh vuc|khau dot pha|dot pha|phan|chuong|muc|dieu)(?![\p{L}])/u;

/** A clause that opens with its figure: list marks and a comparator word at most before it. */
const STATEMENT_HEAD = /^[\s\-–•+*.,;:()\d]*(?:(?:tren|hon|tu|it nhat|toi thieu|khong duoi|dat|co)\s+)?$/u;

interface Built {
  start: number;
  end: number;
  subject: string;
  quote: string;
  subjectStart: number;
  subjectEnd: number;
}

function describe(layout: Layout, c: Classified, nextCue: number | null, prevEnd: number | null, prevSubject: string): Built {
  const { text } = layout;
  const m = c.mention;
  const cEnd = layout.index.clauses.clauseEnd(m.end, c.para.contentEnd);
  const limit = nextCue !== null && nextCue > m.end ? Math.min(nextCue, cEnd) : cEnd;
  // A sum's subject is what it measures, before it ("thu nhập bình quân … đạt 96 triệu"); its
  // unit and qualifier ("đồng/người/năm") are kept after it.
  const moneyUnit = m.unit === 'money' ? text.slice(m.nounEnd - m.noun.length, m.per?.end ?? m.nounEnd) : '';
  let subjectStart = m.unit === 'money' ? (m.per?.end ?? m.nounEnd) : m.end;
  let subjectEnd = trimJoinersEnd(text, subjectStart, subjectLimit(text, subjectStart, Math.max(limit, subjectStart), m.unit === 'count'));
  // "đạt 75% vào năm 2030": a timing right after the figure is not what it measures; one further
  // on starts the next item ("năm 2035 đạt 83% và năm 2045 đạt 90%").
  const timingAfter = findTimings(layout.folded, subjectStart, subjectEnd)[0];
  if (timingAfter && /^[\s,]*$/.test(layout.folded.slice(subjectStart, timingAfter.start))) subjectStart = timingAfter.end;
  else if (timingAfter) subjectEnd = trimJoinersEnd(text, subjectStart, timingAfter.start);
  let subject = cleanSubject(text.slice(subjectStart, subjectEnd));
  // "… 30% so với tổng số lao động", "… 83% và …": a comparison base or the next item, not a subject.
  if (
    m.unit !== 'count' &&
    /^[\s,]*(?:va|hoac|so voi|tren tong so|cua tong so)(?![\p{L}])/u.test(layout.folded.slice(subjectStart, subjectEnd))
  )
    subject = '';
  let quoteStart = prevEnd !== null ? skipJoiners(text, prevEnd, m.start) : c.clauseStart;
  if (c.reading.cueStart < quoteStart) quoteStart = c.reading.cueStart;
  // "giảm tỷ lệ hộ nghèo còn 3%": what is reduced is named inside the comparator phrase.
  const thinSubject = m.unit !== 'count' && subject.split(' ').filter(Boolean).length < 2;
  const reduced = /^giam\s+(.{6,80}?)\s+con(?:\s+duoi)?\s*$/u.exec(layout.folded.slice(c.reading.cueStart, m.start));
  if (reduced && thinSubject) {
    const from = c.reading.cueStart + reduced[0].indexOf(reduced[1]!);
    subject = cleanSubject(text.slice(from, from + reduced[1]!.length));
  } else if (thinSubject) {
    // "tỷ lệ CĐCS ký kết TƯLĐTT đạt 80%": the subject comes before the number.
    const before = subjectBefore(layout, quoteStart, c.reading.cueStart);
    if (before) {
      subject = before;
      subjectStart = quoteStart;
      subjectEnd = c.reading.cueStart;
    } else {
      subject = prevSubject;
    }
    subjectEnd = Math.max(subjectEnd, m.end);
  }
  if (moneyUnit) {
    subject = subject ? `${subject} (${moneyUnit})` : moneyUnit;
    subjectEnd = Math.max(subjectEnd, m.per?.end ?? m.nounEnd);
  }
  const end = Math.max(subjectEnd, m.end);
  const trimmedEnd = trimEnd(text, quoteStart, end);
  return {
    start: quoteStart,
    end: trimmedEnd,
    subject,
    quote: collapseSpaces(text.slice(quoteStart, trimmedEnd)),
    subjectStart,
    subjectEnd,
  };
}

function subjectLimit(text: string, from: number, limit: number, isCount: boolean): number {
  let words = 0;
  for (let i = from; i < limit; i++) {
    const ch = text[i] as string;
    if (isCount && ch === ',') return i;
    if (/\s/.test(ch) && !/\s/.test(text[i - 1] ?? ' ')) words++;
    if (words >= 30) return i;
  }
  return limit;
}

const LEADING_NOISE = /^(?:\s|trở lên|trở xuống|số|tổng số|các|những|\(|,)+/u;

function cleanSubject(raw: string): string {
  let s = collapseSpaces(raw).replace(LEADING_NOISE, '');
  s = s.replace(/[\s,;:.\-–(]+$/u, '').replace(/\s+(?:và|với|hoặc|thì)$/u, '');
  return s.trim();
}

function subjectBefore(layout: Layout, from: number, to: number): string {
  if (to <= from) return '';
  const raw = layout.text.slice(from, to);
  const folded = layout.folded.slice(from, to);
  let cut = 0;
  for (const t of findTimings(folded, 0, folded.length)) if (t.start <= cut + 2) cut = t.end;
  // "An Giang phấn đấu tỷ lệ …", "Mục tiêu của chương trình là …": what follows the cue.
  const cue = /^.{0,40}?(?<![\p{L}])(?:phan dau|muc tieu(?:\s+cua\s+[\p{L}\s]{0,30}?\s+la)?|chi tieu)(?![\p{L}])[\s,:]*/u.exec(
    folded.slice(cut),
  );
  const lead = cue?.[0].length ?? /^[\s,]*/.exec(folded.slice(cut))?.[0].length ?? 0;
  const body = raw.slice(cut + lead);
  const foldedBody = folded.slice(cut + lead);
  const tail = /\s*(?:dat(?:\s+ty le)?|la|chiem|len|o muc|bang|con)?\s*$/.exec(foldedBody);
  let bodyEnd = tail ? tail.index : body.length;
  // "Thu nhập bình quân đầu người đến năm 2025 đạt …": the timing is not part of the subject.
  const lastTiming = findTimings(foldedBody, 0, bodyEnd).at(-1);
  if (lastTiming && /^[\s,]*$/.test(foldedBody.slice(lastTiming.end, bodyEnd)) && lastTiming.start > 0) bodyEnd = lastTiming.start;
  const cleaned = cleanSubject(body.slice(0, bodyEnd));
  return cleaned.split(' ').length >= 2 ? cleaned : '';
}

function skipJoiners(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const rest = text.slice(i, limit);
    const m = /^(?:[\s,;]+|và\s+|với\s+)/u.exec(rest);
    if (!m || m[0].length === 0) break;
    i += m[0].length;
  }
  return i;
}

function trimJoinersEnd(text: string, start: number, end: number): number {
  for (;;) {
    const before = end;
    end = trimEnd(text, start, end);
    const m = /\s+(?:và|với|hoặc|thì|tại|ở)$/u.exec(text.slice(Math.max(start, end - 8), end));
    if (m) end -= m[0].length;
    if (end === before) return end;
  }
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /[\s,;:.\-–(]/.test(text[end - 1] as string)) end--;
  return end;
}

function scopeOf(layout: Layout, built: Built, conditions: readonly NumericMention[]): TargetScope {
  const spanStart = Math.min(built.start, built.subjectStart);
  const spanEnd = Math.max(built.end, built.subjectEnd);
  const condition = firstStartingIn(conditions, spanStart, spanEnd);
  return {
    sectors: readSectors(layout.folded.slice(built.subjectStart, built.subjectEnd)),
    sizeThreshold: condition ? sizeThreshold(layout.folded, condition) : null,
  };
}

const QUANTIFIER =
  /(?<![\p{L}])(?:hau het|phan lon|dai da so|da so|dai bo phan|co ban (?:cac|hoan thanh|dat|moi|tat ca)|tat ca|toan bo)(?![\p{L}])/u;

/** Clauses without a number that still commit to an outcome ("hầu hết người lao động là đoàn viên"). */
function extractQualitative(layout: Layout, timing: TimingContext, classified: readonly Classified[]): QualitativeTarget[] {
  const { text, folded } = layout;
  const out: QualitativeTarget[] = [];
  const classifiedMentions = classified.map((c) => c.mention);
  const nextClose = new NextCloseParen(text);
  for (const para of layout.paragraphs) {
    if (para.isHeading || para.section.cls === 'closing') continue;
    const inTargets = para.section.cls === 'targets';
    for (const clause of qualitativeClauses(layout, para, nextClose)) {
      if (!QUANTIFIER.test(folded.slice(clause.start, clause.end))) continue;
      if (firstStartingIn(classifiedMentions, clause.start, clause.end)) continue;
      const t = timing.resolveSpan(para, clause.start);
      const explicit = t.source !== 'none' && t.source !== 'document' && t.source !== 'section';
      if (!inTargets && !explicit) continue;
      const end = trimEnd(text, clause.start, clause.end);
      out.push({
        text: collapseSpaces(text.slice(clause.start, end)),
        deadlineYear: t.deadlineYear,
        recurrence: t.recurrence,
        start: clause.start,
        end,
      });
    }
  }
  return out;
}

/** Clauses split at ";", ":" and sentence ends; parentheses holding a timing are cut out. */
function qualitativeClauses(layout: Layout, para: Paragraph, nextClose: NextCloseParen): { start: number; end: number }[] {
  const { text } = layout;
  const out: { start: number; end: number }[] = [];
  let start = para.contentStart;
  let depth = 0;
  for (let i = para.contentStart; i <= para.contentEnd; i++) {
    const ch = text[i] ?? '';
    if (ch === '(') {
      const close = nextClose.after(i);
      if (close > i && close < para.contentEnd && layout.index.timings.first(i, close) !== undefined) {
        out.push({ start, end: i });
        start = close + 1;
        i = close;
        continue;
      }
      depth++;
    } else if (ch === ')') depth = Math.max(0, depth - 1);
    const stop =
      i === para.contentEnd ||
      (depth === 0 && (ch === ';' || (ch === ':' && !/\d/.test(text[i + 1] ?? '')) || (ch === '.' && /\s/.test(text[i + 1] ?? ' '))));
    if (stop) {
      out.push({ start, end: i });
      start = i + 1;
    }
  }
  return out.map((c) => ({ start: skipJoiners(text, c.start, c.end), end: c.end })).filter((c) => c.end - c.start > 8);
}

/**
 * The first of `sorted` (ascending by start) starting in [from, to): what `find` over all of them
 * answered, in O(log n) — every target and qualitative clause asked it of every item.
 */
function firstStartingIn(sorted: readonly NumericMention[], from: number, to: number): NumericMention | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as NumericMention).start < from) lo = mid + 1;
    else hi = mid;
  }
  const found = sorted[lo];
  return found && found.start < to ? found : undefined;
}

/** `text.indexOf(')', i)` for increasing i, remembered: "(((…" without ")" is not rescanned each time. */
class NextCloseParen {
  private at = -1;
  private from = Infinity;

  constructor(private readonly text: string) {}

  after(i: number): number {
    // indexOf(')', from) also answers for i >= from until i passes it (none after `from`: none after i).
    if (i < this.from || (this.at !== -1 && this.at < i)) {
      this.at = this.text.indexOf(')', i);
      this.from = i;
    }
    return this.at;
  }
}
