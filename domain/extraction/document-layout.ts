// Turns the flat text into paragraphs (with their list markers) and a tree of sections, so
// that extractors can ask "is this inside Mục tiêu / Nhiệm vụ / Tổ chức thực hiện?".
import { foldForSearch } from '../text/vietnamese-normalize.ts';
import { LayoutIndex } from './layout-index.ts';

export type MarkerKind = 'roman' | 'number' | 'letter' | 'dash' | 'plus' | 'star' | 'none';
export type SectionClass = 'preamble' | 'purpose' | 'targets' | 'tasks' | 'organisation' | 'situation' | 'generic' | 'closing';

export interface Paragraph {
  start: number;
  end: number;
  /** Start of the content after decoration and the list marker. */
  contentStart: number;
  /** End of the content before trailing decoration (markdown emphasis). */
  contentEnd: number;
  marker: MarkerKind;
  markerText: string;
  isHeading: boolean;
  level: number;
  section: Section;
}

export interface Section {
  heading: Paragraph | null;
  headingText: string;
  level: number;
  cls: SectionClass;
  parent: Section | null;
}

export interface Layout {
  text: string;
  folded: string;
  paragraphs: Paragraph[];
  /** Index of the first paragraph of the body (first section heading), or paragraphs.length. */
  bodyStart: number;
  /** Clause, sentence, timing and cue lookups over this text (built on first use). */
  index: LayoutIndex;
}

const DECORATION = /^[\s#>*_|]*/;
const ROMAN = /^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\s*[.)/–-]\s*/;
const NUMBER = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s*(?:[.)/]\s*|\s+(?=\p{Lu}))/u;
const LETTER = /^[a-zđ]\s*[).]\s+/;
const DASH = /^[-–—−•·●▪◦■□►✓]\s*/;
const PLUS = /^\+\s*/;
const STAR = /^\*\s+/;

/** A line as split, before it is known to be a heading or placed in a section. */
type RawLine = Omit<Paragraph, 'isHeading' | 'level' | 'section'>;

export function buildLayout(text: string): Layout {
  const folded = foldForSearch(text);
  const lines = splitLines(text);
  const merged = mergeContinuations(text, lines);
  const root: Section = { heading: null, headingText: '', level: 0, cls: 'preamble', parent: null };
  const paragraphs: Paragraph[] = [];
  let current = root;
  let bodyStart = -1;
  let closing = false;
  for (const line of merged) {
    const content = text.slice(line.contentStart, line.contentEnd);
    const foldedContent = folded.slice(line.contentStart, line.contentEnd);
    if (/^(noi nhan|tren day la|tm\.|t\/m|kt\.|tl\.)/.test(foldedContent.trim())) closing = true;
    const level = closing ? 0 : headingLevel(line, content, foldedContent);
    const para: Paragraph = { ...line, isHeading: level > 0, level, section: current };
    if (closing) {
      if (current.cls !== 'closing') current = { heading: null, headingText: '', level: 1, cls: 'closing', parent: root };
    } else if (level > 0) {
      while (current.parent && current.level >= level) current = current.parent;
      const own = classify(foldedContent);
      const cls: SectionClass = own ?? (current.cls === 'preamble' ? 'generic' : current.cls);
      current = { heading: para, headingText: content.replace(/[*_]+/g, '').trim(), level, cls, parent: current };
      if (bodyStart < 0) bodyStart = paragraphs.length;
    }
    para.section = current;
    paragraphs.push(para);
  }
  return { text, folded, paragraphs, bodyStart: bodyStart < 0 ? paragraphs.length : bodyStart, index: new LayoutIndex(text, folded) };
}

function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let pos = 0;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(pos, end);
    if (line.trim() !== '') out.push(describeLine(text, pos, end));
    if (nl < 0) break;
    pos = nl + 1;
  }
  return out;
}

function describeLine(text: string, start: number, end: number): RawLine {
  const line = text.slice(start, end);
  let offset = (DECORATION.exec(line)?.[0] ?? '').length;
  // "* *Gửi bản giấy:*" and "- text" both start with a marker; keep the star only as a bullet.
  let rest = line.slice(offset);
  let marker: MarkerKind = 'none';
  let markerText = '';
  const starBullet = /^\s*\*\s+(?!\*)/.exec(line);
  if (starBullet && offset === starBullet[0].length) {
    marker = 'star';
    markerText = '*';
  }
  if (marker === 'none') {
    const probes: [MarkerKind, RegExp][] = [
      ['roman', ROMAN],
      ['number', NUMBER],
      ['letter', LETTER],
      ['dash', DASH],
      ['plus', PLUS],
      ['star', STAR],
    ];
    for (const [kind, re] of probes) {
      const m = re.exec(rest);
      if (m && !(kind === 'number' && /^\d{1,2}\.\d/.test(rest) && !/^\d{1,2}(\.\d{1,2})+\.?\s/.test(rest))) {
        marker = kind;
        markerText = m[0].trim();
        offset += m[0].length;
        break;
      }
    }
  }
  rest = line.slice(offset);
  offset += (DECORATION.exec(rest)?.[0] ?? '').length;
  let contentEnd = end;
  while (contentEnd > start + offset && /[\s*_#]/.test(text[contentEnd - 1] as string)) contentEnd--;
  return { start, end, contentStart: start + offset, contentEnd, marker, markerText };
}

/**
 * A line without a marker that starts in lower case continues the previous paragraph (page
 * breaks and PDF wrapping cut sentences: "bồi\n\ndưỡng"). What is asked of the previous paragraph
 * is kept as it grows (its last character, whether it is all capitals) instead of re-reading
 * it for every line: thousands of continuation lines made that quadratic.
 */
function mergeContinuations(text: string, lines: RawLine[]): RawLine[] {
  const out: RawLine[] = [];
  let prevLast = '';
  let prevIsCaps = false;
  for (const line of lines) {
    const prev = out[out.length - 1];
    const first = text[line.contentStart] ?? '';
    if (prev && !prevIsCaps && line.marker === 'none' && /\p{Ll}/u.test(first) && !/[.:!?]/.test(prevLast)) {
      prev.end = line.end;
      prev.contentEnd = line.contentEnd;
      // Only spaces, decoration and line breaks lie between the two: no letters, so still not all capitals.
      prevLast = lastNonBlank(text, line.contentStart, line.contentEnd);
    } else {
      out.push({ ...line });
      const content = text.slice(line.contentStart, line.contentEnd);
      prevLast = content.trimEnd().slice(-1);
      prevIsCaps = isAllCapitals(content);
    }
  }
  return out;
}

function isAllCapitals(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters === letters.toUpperCase();
}

/** `text.slice(start, end).trimEnd().slice(-1)` without copying the slice. */
function lastNonBlank(text: string, start: number, end: number): string {
  let i = end - 1;
  while (i >= start && /\s/.test(text[i] as string)) i--;
  return i >= start ? (text[i] as string) : '';
}

function headingLevel(line: RawLine, content: string, foldedContent: string): number {
  const body = content.replace(/[*_]+/g, '').trim();
  const endsLikeSentence = /[.;,]$/.test(body) && !/\.\.\.$/.test(body);
  if (line.marker === 'roman') return body.length <= 300 ? 1 : 0;
  if (line.marker === 'number') {
    if (endsLikeSentence || body.length > 300) return 0;
    return 1 + line.markerText.replace(/[.)/]$/, '').split('.').length;
  }
  if (line.marker === 'letter') return !endsLikeSentence && body.length <= 200 ? 5 : 0;
  if (line.marker === 'none' && isUpperCaseLine(body) && classify(foldedContent) !== null) return 1;
  return 0;
}

function isUpperCaseLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

/** Section class from heading words (accent-free); null when the heading does not say. */
export function classify(foldedHeading: string): SectionClass | null {
  const h = foldedHeading.replace(/[*_#]/g, ' ').trim();
  if (/^(?:[ivx]+\s*[.)]\s*)?to chuc thuc hien|^(?:[ivx]+\s*[.)]\s*)?(?:phan cong|trach nhiem) (?:thuc hien|cua)/.test(h))
    return 'organisation';
  if (/^(?:cac |nhung |mot so )?(?:muc tieu|chi tieu)/.test(h)) return 'targets';
  if (/^(?:cac |nhung |mot so )?(?:nhiem vu|giai phap|khau dot pha|cac chuong trinh|noi dung)/.test(h) && !/^noi dung\s*$/.test(h))
    return 'tasks';
  if (/^(?:muc dich|yeu cau|quan diem)/.test(h)) return 'purpose';
  if (/^(?:tinh hinh|thuc trang|ket qua|danh gia|boi canh)/.test(h)) return 'situation';
  if (/^noi dung\s*$/.test(h)) return 'generic';
  return null;
}
