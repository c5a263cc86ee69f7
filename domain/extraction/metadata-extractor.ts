// The document's own anatomy (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW): number and symbol,
// place and date, kind and title (trích yếu), term, signer and recipients.
import { collapseSpaces } from '../text/vietnamese-normalize.ts';
import type { Layout, Paragraph } from './document-layout.ts';
import { kindOfTypeCode, type SymbolMatch } from './document-symbol.ts';
import type { DocumentKind, DocumentMetadata, TextField } from './extraction-types.ts';
import { isoDate } from './reference-extractor.ts';
import { findTerm } from './timing-expression.ts';

export type HeaderMetadata = Pick<DocumentMetadata, 'kind' | 'symbol' | 'place' | 'date' | 'title' | 'term' | 'signer' | 'recipients'>;

export interface HeaderReading extends HeaderMetadata {
  ownSymbol: SymbolMatch | null;
  /** Paragraph holding the kind line ("KẾ HOẠCH"), if any. */
  kindParagraph: Paragraph | null;
}

const KIND_LINES: [RegExp, DocumentKind][] = [
  [/^chuong trinh hanh dong/, 'chuong_trinh_hanh_dong'],
  [/^chuong trinh/, 'chuong_trinh'],
  [/^nghi quyet/, 'nghi_quyet'],
  [/^ke hoach/, 'ke_hoach'],
  [/^chi thi/, 'chi_thi'],
  [/^ket luan/, 'ket_luan'],
  [/^quyet dinh/, 'quyet_dinh'],
  [/^huong dan/, 'huong_dan'],
  [/^bao cao/, 'bao_cao'],
  [/^de an/, 'de_an'],
  [/^thong bao/, 'thong_bao'],
  [/^quy che/, 'quy_che'],
  [/^quy dinh/, 'quy_dinh'],
  [/^to trinh/, 'to_trinh'],
];

export function readHeader(layout: Layout, symbols: readonly SymbolMatch[]): HeaderReading {
  const { text, folded, paragraphs, bodyStart } = layout;
  const head = paragraphs.slice(0, Math.max(bodyStart, Math.min(paragraphs.length, 6)));
  const ownSymbol = findOwnSymbol(folded, symbols, head);
  const { place, date } = readPlaceDate(layout, head);
  const { kind, kindParagraph } = readKind(layout, head, ownSymbol);
  const title = readTitle(layout, kindParagraph);
  const termSearchEnd = title ? title.end : Math.min(text.length, 3000);
  const term = findTerm(folded, title ? title.start : 0, termSearchEnd) ?? findTerm(folded, 0, Math.min(text.length, 3000));
  return {
    kind,
    symbol: ownSymbol ? { start: ownSymbol.start, end: ownSymbol.end, value: ownSymbol.symbol } : null,
    place,
    date,
    title,
    term,
    signer: readSigner(layout),
    recipients: readRecipients(layout),
    ownSymbol,
    kindParagraph,
  };
}

function findOwnSymbol(folded: string, symbols: readonly SymbolMatch[], head: readonly Paragraph[]): SymbolMatch | null {
  const headEnd = head[head.length - 1]?.end ?? 0;
  for (const s of symbols) {
    if (s.start > headEnd) break;
    // "Số: 05/CTr-LĐLĐ" at the start of a line (or after a wide gap); not "… hành động số 03/CTr".
    if (/(?:^|\n|\s{2})[\s*_#]*so\s*:?\s*$/.test(folded.slice(Math.max(0, s.start - 12), s.start))) return s;
  }
  return null;
}

function readPlaceDate(layout: Layout, head: readonly Paragraph[]): { place: TextField | null; date: TextField | null } {
  const { text, folded } = layout;
  const re = /(?:^|\s{2,}|\t)([^,\n]{2,40}?),\s*ngay\s*(\d{1,2})?\s*(?:thang\s*(\d{1,2})\s*nam\s*(\d{4})|\/\s*(\d{1,2})\s*\/\s*(\d{4}))/;
  for (const p of head) {
    const m = re.exec(folded.slice(p.contentStart, p.contentEnd));
    if (!m) continue;
    const placeStart = p.contentStart + m.index + m[0].indexOf(m[1] as string);
    const placeValue = text.slice(placeStart, placeStart + (m[1] as string).length).trim();
    const month = Number(m[3] ?? m[5]);
    const year = Number(m[4] ?? m[6]);
    const iso = isoDate(year, month, m[2] ? Number(m[2]) : null);
    return {
      place: { start: placeStart, end: placeStart + placeValue.length, value: placeValue },
      date: iso ? { start: placeStart + (m[1] as string).length + 1, end: p.contentStart + m.index + m[0].length, value: iso } : null,
    };
  }
  return { place: null, date: null };
}

function readKind(layout: Layout, head: readonly Paragraph[], own: SymbolMatch | null): { kind: DocumentKind | null; kindParagraph: Paragraph | null } {
  const { text, folded } = layout;
  for (const p of head) {
    const content = text.slice(p.contentStart, p.contentEnd).replace(/[*_#]/g, '').trim();
    const firstLine = content.split('\n')[0] ?? '';
    const letters = firstLine.replace(/[^\p{L}]/gu, '');
    if (letters.length < 4 || letters !== letters.toUpperCase()) continue;
    const f = folded.slice(p.contentStart, p.contentEnd).replace(/[*_#]/g, '').trim();
    for (const [re, kind] of KIND_LINES) if (re.test(f)) return { kind, kindParagraph: p };
  }
  if (own) return { kind: kindOfTypeCode(own.typeCode), kindParagraph: null };
  // News write-ups: "… ban hành Chương trình hành động số …" early in the text.
  const early = folded.slice(0, 600);
  for (const [re, kind] of KIND_LINES) {
    if (new RegExp(re.source.slice(1)).test(early)) return { kind, kindParagraph: null };
  }
  return { kind: null, kindParagraph: null };
}

/** The trích yếu: the lines right after the kind line, up to the first blank line. */
function readTitle(layout: Layout, kindParagraph: Paragraph | null): TextField | null {
  if (!kindParagraph) return null;
  const { text, paragraphs, folded } = layout;
  const index = paragraphs.indexOf(kindParagraph);
  const kindContent = text.slice(kindParagraph.contentStart, kindParagraph.contentEnd);
  const inline = kindContent.replace(/^[\s*_#]*\p{Lu}[\p{Lu}\s]*\p{Lu}(?=\s)/u, '');
  if (inline.trim().length > 10 && !inline.includes('\n')) {
    const start = kindParagraph.contentEnd - inline.trimStart().length;
    return { start, end: kindParagraph.contentEnd, value: collapseSpaces(inline.replace(/[*_]/g, '')) };
  }
  let start = -1;
  let end = -1;
  for (let i = index + 1; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    if (p.isHeading || /^(so|ngay)\s*:?/.test(folded.slice(p.contentStart, p.contentStart + 5))) break;
    if (start >= 0 && /\n[ \t]*\n/.test(text.slice(end, p.start)) && !continuesTitle(text.slice(start, end), text.slice(p.contentStart, p.contentEnd))) break;
    if (start < 0) start = p.contentStart;
    end = p.contentEnd;
    if (text.slice(p.contentStart, p.contentEnd).trim().endsWith(':')) break;
  }
  if (start < 0) return null;
  const value = collapseSpaces(text.slice(start, end).replace(/[*_]/g, ''));
  return value.length >= 5 && value.length <= 600 ? { start, end, value } : null;
}

/**
 * Word files often set each line of a trích yếu as its own paragraph (Enter at each line end), so
 * a blank-line gap does not always end the title: a short line after an unfinished one
 * ("…thực hiện Nghị quyết" / "Đại hội XI Công đoàn tỉnh,") continues it; a body sentence does not.
 */
function continuesTitle(sofar: string, next: string): boolean {
  const line = next.trim();
  return !/[.:;!?]\s*$/.test(sofar.trim()) && line.length > 0 && line.length <= 120 && !/[.:]$/.test(line) && sofar.length + line.length <= 600;
}

const CAPACITY = /^(tm\.?|t\/m|kt\.?|tl\.?|tuq\.?|q\.)\s*(.*)$/;
const TITLES = /^(?:pho )?(?:chu tich|bi thu|truong ban|giam doc|chanh van phong|truong phong|thu truong|bo truong|tong thu ky|uy vien)(?:\s+\S+)*$/;

function readSigner(layout: Layout): DocumentMetadata['signer'] {
  const { text, folded, paragraphs } = layout;
  const at = new Map(paragraphs.map((p, i) => [p, i]));
  const tail = paragraphs.filter((p) => p.section.cls === 'closing');
  let capacity: string | null = null;
  let title: string | null = null;
  let start = -1;
  let end = -1;
  let after = -1;
  for (const p of tail) {
    for (const [lineStart, line] of linesOf(text, p)) {
      const f = folded.slice(lineStart, lineStart + line.length).replace(/[*_]/g, '').trim();
      const raw = line.replace(/[*_]/g, '').trim();
      const cap = CAPACITY.exec(f);
      if (cap && raw.length < 80) {
        capacity = formatCapacity(raw);
        start = lineStart;
        end = lineStart + line.length;
        after = at.get(p) as number;
      } else if (TITLES.test(f) && raw === raw.toUpperCase() && raw.length < 60) {
        title = sentenceCaseTitle(raw);
        if (start < 0) start = lineStart;
        end = lineStart + line.length;
        after = at.get(p) as number;
      }
    }
  }
  if (start < 0) return null;
  let name: string | null = null;
  for (let i = paragraphs.length - 1; i > after && after >= 0; i--) {
    const p = paragraphs[i] as Paragraph;
    const raw = text.slice(p.contentStart, p.contentEnd).replace(/[*_]/g, '').trim();
    if (/^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u.test(raw) && !/^(?:Cơ quan|Văn phòng|Ban|Tỉnh|Huyện|Liên đoàn|Công đoàn|Nơi)/u.test(raw)) {
      name = raw;
      end = Math.max(end, p.contentEnd);
      break;
    }
  }
  return { capacity, title, name, start, end };
}

function linesOf(text: string, p: Paragraph): [number, string][] {
  const out: [number, string][] = [];
  let pos = p.contentStart;
  for (const line of text.slice(p.contentStart, p.contentEnd).split('\n')) {
    out.push([pos, line]);
    pos += line.length + 1;
  }
  return out;
}

function formatCapacity(raw: string): string {
  const m = /^(TM\.?|T\/M|KT\.?|TL\.?|TUQ\.?|Q\.)\s*(.*)$/iu.exec(raw);
  if (!m) return raw;
  const rest = (m[2] ?? '').trim();
  const lower = rest.toLowerCase();
  const body = /^ban (chấp hành|thường vụ|thường trực)/u.test(lower)
    ? lower.replace(/^ban (\p{Ll})/u, (_x, c: string) => `Ban ${c.toUpperCase()}`)
    : lower.charAt(0).toUpperCase() + lower.slice(1);
  return `${(m[1] as string).toUpperCase()} ${body}`.trim();
}

function sentenceCaseTitle(raw: string): string {
  const lower = raw.toLowerCase();
  const words = lower.split(/\s+/);
  if (words[0] === 'phó' && words[1]) words[1] = words[1].charAt(0).toUpperCase() + words[1].slice(1);
  const joined = words.join(' ');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

function readRecipients(layout: Layout): TextField[] {
  const { text, folded, paragraphs } = layout;
  const at = paragraphs.findIndex((p) => /^noi nhan/.test(folded.slice(p.contentStart, p.contentStart + 8)));
  if (at < 0) return [];
  const out: TextField[] = [];
  const first = paragraphs[at] as Paragraph;
  const inline = text.slice(first.contentStart, first.contentEnd).replace(/^[^:]*:?/, '');
  const items: { start: number; raw: string }[] = [];
  if (inline.trim()) items.push({ start: first.contentEnd - inline.length, raw: inline });
  for (let i = at + 1; i < paragraphs.length; i++) {
    const p = paragraphs[i] as Paragraph;
    const f = folded.slice(p.contentStart, p.contentEnd).replace(/[*_]/g, '').trim();
    if (CAPACITY.test(f) || TITLES.test(f)) break;
    if (p.marker === 'star' || (p.marker === 'none' && /:$/.test(f))) continue;
    if (p.marker !== 'dash' && p.marker !== 'plus') break;
    items.push({ start: p.contentStart, raw: text.slice(p.contentStart, p.contentEnd) });
  }
  for (const item of items) {
    const value = collapseSpaces(item.raw.replace(/[*_]/g, '')).replace(/^[-–+]\s*/, '').replace(/[;,.]+$/, '').trim();
    if (value && !/^Lưu\b/u.test(value)) out.push({ start: item.start, end: item.start + item.raw.trimEnd().length, value });
  }
  return out;
}
