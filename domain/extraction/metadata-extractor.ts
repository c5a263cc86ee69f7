// The document's own anatomy (Nghị định 30/2020, Hướng dẫn 36-HD/VPTW): number and symbol,
// place and date, kind and title (trích yếu), term, signer and recipients.
//
// Metadata is read only where the document states it, and left empty otherwise: a news write-up
// has no header, so it has no issuer, place, date, symbol, kind or signer of its own, and the
// dates and names in its first sentence are those of what it reports. The header block is the
// run of lines before the kind line ("KẾ HOẠCH") or, without one, before the first sentence of
// prose; the place-date line, the "Số:" line and the issuer's name are looked for there only.
import { collapseSpaces } from '../text/vietnamese-normalize.ts';
import type { Layout, Paragraph } from './document-layout.ts';
import { findSymbols, kindOfTypeCode, type SymbolMatch } from './document-symbol.ts';
import type { DocumentKind, DocumentMetadata, TextField } from './extraction-types.ts';
import { isoDate } from './reference-extractor.ts';

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
const KIND_TITLE =
  /^(?:chuong trinh hanh dong|chuong trinh|nghi quyet|ke hoach|chi thi|ket luan|quyet dinh|huong dan|bao cao|de an|thong bao|quy che|quy dinh|to trinh)(?: (?:chinh tri|tong ket|so ket|lien tich|cong tac|hanh dong))* (?:dai hoi|hoi nghi|cua|ve|thuc hien|trien khai|cong tac|lien tich|chinh tri|tong ket|so ket|kiem diem)(?: |$)/;
const KIND_PHRASES = new Set([
  'chuong trinh hanh dong',
  'chuong trinh',
  'nghi quyet',
  'ke hoach',
  'chi thi',
  'ket luan',
  'quyet dinh',
  'huong dan',
  'bao cao',
  'de an',
  'thong bao',
  'quy che',
  'quy dinh',
  'to trinh',
]);

export function readHeader(layout: Layout, symbols: readonly SymbolMatch[]): HeaderReading {
  const { text, folded } = layout;
  const block = readHeaderBlock(layout, symbols);
  const ownSymbol = block.ownSymbol;
  const { place, date } = block;
  const kindParagraph = block.kindParagraph && (block.kindIsPure || block.isDocument) ? block.kindParagraph : null;
  const kind = kindParagraph ? kindOfLine(layout, kindParagraph) : ownSymbol ? kindOfTypeCode(ownSymbol.typeCode) : null;
  const title = readTitle(layout, kindParagraph);
  const term = (title ? findTerm(folded, title.start, title.end) : null) ?? findTerm(folded, 0, Math.min(text.length, 3000), 'latest');
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

// ---------------------------------------------------------------------------------------------
// The header block

/** A run of the header's text between column gaps, with what was recognised in it removed. */
export interface HeaderPiece {
  start: number;
  end: number;
  /** The words, decoration (markdown stars, underscores) removed, single-spaced. */
  value: string;
}

export interface HeaderBlock {
  /** Paragraphs before the kind line, or before the body when there is none. */
  paragraphs: Paragraph[];
  kindParagraph: Paragraph | null;
  /** The kind line holds the kind's words alone in capitals ("KẾ HOẠCH"), not a headline. */
  kindIsPure: boolean;
  ownSymbol: SymbolMatch | null;
  place: TextField | null;
  date: TextField | null;
  /** Pieces of capitals left in the header once mottos, the symbol and the date are taken out. */
  pieces: HeaderPiece[];
  /** The text has the anatomy of an issued document: a motto, a "Số:" line, a place-date line, a kind line standing alone, or a signature block. */
  isDocument: boolean;
  /** The collective body that signs ("TM. BAN THƯỜNG VỤ" → "BAN THƯỜNG VỤ"), as written. */
  signingBody: string | null;
}

interface Token {
  start: number;
  end: number;
  /** The token without markdown decoration. */
  word: string;
  /** Whitespace of two or more characters, a tab or a table bar before it: a column boundary. */
  gapBefore: boolean;
}

const MOTTOS = [
  /cong hoa xa hoi chu nghia viet nam/g,
  /doc lap\s*[-–—]+\s*tu do\s*[-–—]+\s*hanh phuc/g,
  /dang cong san viet nam/g,
  /doan (?:tncs|thanh nien cong san) ho chi minh/g,
];
interface PlaceDate {
  place: TextField | null;
  date: TextField | null;
  start: number;
  end: number;
}

const MAX_HEADER_PARAGRAPHS = 25;
const HEADER_SCAN_CHARS = 2000;
const blocks = new WeakMap<Layout, HeaderBlock>();

/** The header block of a text (computed once per layout). */
export function readHeaderBlock(layout: Layout, symbols?: readonly SymbolMatch[]): HeaderBlock {
  let block = blocks.get(layout);
  if (!block) {
    block = scanHeader(layout, symbols);
    blocks.set(layout, block);
  }
  return block;
}

function scanHeader(layout: Layout, given: readonly SymbolMatch[] | undefined): HeaderBlock {
  const { text, paragraphs } = layout;
  const limit = Math.min(paragraphs.length, MAX_HEADER_PARAGRAPHS);
  const scanEnd = limit > 0 ? (paragraphs[limit - 1] as Paragraph).end : 0;
  const symbols = (given ?? findSymbols(text.slice(0, scanEnd))).filter((s) => s.end <= scanEnd);
  const zone: Paragraph[] = [];
  let kindParagraph: Paragraph | null = null;
  let kindIsPure = false;
  let motto = false;
  let ownSymbol: SymbolMatch | null = null;
  let placeDate: PlaceDate | null = null;
  const consumed: { start: number; end: number }[] = [];
  const lines: Token[][] = [];

  for (let i = 0; i < limit; i++) {
    const p = paragraphs[i] as Paragraph;
    const kindLine = kindLineOf(layout, p);
    if (kindLine) {
      kindParagraph = p;
      kindIsPure = kindLine.pure;
      break;
    }
    if (p.isHeading) break;
    // What this paragraph holds of a header: mottos, a "Số:" line, a place-date line.
    let features = false;
    // Header lines are short: a paragraph is read for them up to a bound, so that a text converted
    // without line breaks is not scanned whole, token by token.
    const paragraphLines = linesOfRange(text, p.start, Math.min(p.end, p.start + HEADER_SCAN_CHARS)).map(([a, b]): [number, number] => [
      a,
      Math.min(b, a + HEADER_SCAN_CHARS),
    ]);
    for (const [lineStart, lineEnd] of paragraphLines) {
      const tokens = tokenize(text, lineStart, lineEnd);
      const mottoSpans = findMottos(text, layout.folded, lineStart, lineEnd);
      if (mottoSpans.length) {
        motto = true;
        features = true;
        consumed.push(...mottoSpans);
      }
      const symbol: { match: SymbolMatch; start: number } | null = ownSymbol
        ? null
        : findOwnSymbolIn(text, tokens, symbols, lineStart, lineEnd);
      if (symbol) {
        ownSymbol = symbol.match;
        features = true;
        consumed.push({ start: symbol.start, end: symbol.match.end });
      }
      const found: PlaceDate | null = placeDate ? null : findPlaceDate(layout, tokens, lineStart, lineEnd, [...consumed]);
      if (found) {
        placeDate = found;
        features = true;
        consumed.push({ start: found.start, end: found.end });
      }
      lines.push(tokens);
    }
    if (!features && isProse(text.slice(p.contentStart, Math.min(p.contentEnd, p.contentStart + HEADER_SCAN_CHARS)))) {
      lines.splice(lines.length - paragraphLines.length);
      break;
    }
    zone.push(p);
  }
  const signingBody = readSigningBody(layout);
  const isDocument = motto || ownSymbol !== null || placeDate !== null || (kindParagraph !== null && kindIsPure) || signingBody !== null;
  return {
    paragraphs: zone,
    kindParagraph,
    kindIsPure,
    ownSymbol,
    place: placeDate?.place ?? null,
    date: placeDate?.date ?? null,
    pieces: capitalPieces(lines, consumed),
    isDocument,
    signingBody: signingBody && signingBody.length > 0 ? signingBody : null,
  };
}

function linesOfRange(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let pos = start;
  while (pos <= end) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 || nl > end ? end : nl;
    if (text.slice(pos, lineEnd).trim()) out.push([pos, lineEnd]);
    if (lineEnd >= end) break;
    pos = lineEnd + 1;
  }
  return out;
}

/** Words of a line, with their column boundaries; bars and decoration-only tokens are dropped. */
function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  const line = text.slice(start, end);
  let lastEnd = 0;
  let gap = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const ws = line.slice(lastEnd, m.index);
    if (ws.length >= 2 || ws.includes('\t')) gap = true;
    lastEnd = m.index + m[0].length;
    // Table cells converted to markdown keep their line breaks as "<br>": a column boundary too.
    const parts = m[0].split(/(<br\s*\/?>)/i);
    let offset = m.index;
    for (const raw of parts) {
      const at = offset;
      offset += raw.length;
      if (!raw) continue;
      if (/^\|+$/.test(raw) || /^<br\s*\/?>$/i.test(raw)) {
        gap = true;
        continue;
      }
      const lead = (/^[*_#>|]+/.exec(raw)?.[0] ?? '').length;
      const trail = (/[*_|]+$/.exec(raw.slice(lead))?.[0] ?? '').length;
      const word = raw.slice(lead, raw.length - trail).replace(/[*_]/g, '');
      if (!word) continue;
      out.push({ start: start + at + lead, end: start + at + raw.length - trail, word, gapBefore: gap || out.length === 0 });
      gap = false;
    }
  }
  return out;
}

/**
 * Mottos as headers set them: the national and Party ones in capitals, "Độc lập - Tự do - Hạnh
 * phúc" with its dashes. The same words inside a sentence are not a header.
 */
function findMottos(text: string, folded: string, start: number, end: number): { start: number; end: number }[] {
  const line = folded.slice(start, end);
  const out: { start: number; end: number }[] = [];
  for (const [i, re] of MOTTOS.entries()) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      const raw = text.slice(start + m.index, start + m.index + m[0].length);
      if (i !== 1 && raw !== raw.toUpperCase()) continue;
      out.push({ start: start + m.index, end: start + m.index + m[0].length });
    }
  }
  return out;
}

/** "Số: 05/CTr-LĐLĐ", "SỐ 61-KH/TU", or a symbol standing alone in its column. */
function findOwnSymbolIn(
  text: string,
  tokens: readonly Token[],
  symbols: readonly SymbolMatch[],
  lineStart: number,
  lineEnd: number,
): { match: SymbolMatch; start: number } | null {
  for (const s of symbols) {
    if (s.start < lineStart || s.end > lineEnd) continue;
    const before = text.slice(lineStart, s.start);
    const so = /(?:^|[\s*_|(])(Số|SỐ|số)\s*([:.]?)[\s*_]*$/u.exec(before);
    if (so && (so[1] !== 'số' || so[2] === ':')) return { match: s, start: lineStart + so.index + so[0].indexOf(so[1] as string) };
    // The symbol alone in its cell (the "Số:" lost in conversion).
    const first = tokens.findIndex((t) => t.end > s.start);
    const last = tokens.findIndex((t) => t.end >= s.end);
    const next = tokens[last + 1];
    if (
      first >= 0 &&
      last >= 0 &&
      (tokens[first] as Token).gapBefore &&
      (tokens[first] as Token).start >= s.start &&
      (!next || next.gapBefore)
    ) {
      return { match: s, start: s.start };
    }
  }
  return null;
}

// "ngày 18 tháng 01 năm 2024", "ngày 18/01/2024", "ngày    tháng 8 năm 2024" (day left blank), and
// "tháng 8 năm 2024" without the day's word, as drafts leave it.
const DATE =
  /(?<![a-z])(?:ngay[\s.…_*]*(\d{1,2})?[\s.…_*]*(?:thang[\s.…_*]*(\d{1,2})?[\s.…_*]*nam[\s*_]*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))|thang[\s*_]*(\d{1,2})[\s*_]*nam[\s*_]*(\d{4}))(?!\d)/g;

/**
 * "Bình Phước, ngày 18 tháng 01 năm 2024": a place (capitalised words, "Huyện DMC", "TP. Hồ Chí
 * Minh") that begins its column, or follows only header text (capitals, a motto, the symbol),
 * then the date, then nothing but capitals. "Thực hiện Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của
 * Bộ Chính trị" is a cited date, not the document's: no place begins it and prose follows it.
 */
function findPlaceDate(
  layout: Layout,
  tokens: readonly Token[],
  lineStart: number,
  lineEnd: number,
  consumed: readonly { start: number; end: number }[],
): PlaceDate | null {
  const { text, folded } = layout;
  const line = folded.slice(lineStart, lineEnd);
  DATE.lastIndex = 0;
  for (let m = DATE.exec(line); m; m = DATE.exec(line)) {
    const at = lineStart + m.index;
    const after = lineStart + m.index + m[0].length;
    const idx = tokens.findIndex((t) => t.end > at);
    if (idx <= 0) continue;
    // The date is the end of its column, or only capitals follow (a flattened kind line).
    const restInCell: Token[] = [];
    for (const t of tokens) {
      if (t.start < after) continue;
      if (t.gapBefore) break;
      restInCell.push(t);
    }
    if (restInCell.some((t) => /\p{Ll}/u.test(t.word) && !/^[)(\].,;:]+$/.test(t.word))) continue;
    const place = placeBefore(tokens, idx, consumed);
    if (!place) continue;
    const value = place.words.join(' ');
    const comma = text.slice(place.end, at).indexOf(',');
    const dateStart = comma >= 0 ? place.end + comma + 1 : at;
    const month = Number(m[2] ?? m[4] ?? m[6]);
    const year = Number(m[3] ?? m[5] ?? m[7]);
    const iso = Number.isFinite(month) && month > 0 ? isoDate(year, month, m[1] ? Number(m[1]) : null) : null;
    return {
      place: { start: place.start, end: place.end, value },
      date: iso ? { start: dateStart, end: after, value: iso } : null,
      start: place.start,
      end: after,
    };
  }
  return null;
}

const NOT_A_PLACE = /^(?:Thứ|THỨ|Chủ [Nn]hật|CHỦ NHẬT|CN|Hôm|Sáng|Chiều|Tối|Trưa|Lúc|Cập|Đăng|Ngày|Nguồn|Tin|Ảnh|Bài|Theo)(?!\p{L})/u;
const UNIT_ABBREVIATION = /^(?:TP|Tp|TX|Tx|Q|P|TT)\.?$/u;

/** The place words right before token `idx` (the date's "ngày"), read leftwards. */
function placeBefore(
  tokens: readonly Token[],
  idx: number,
  consumed: readonly { start: number; end: number }[],
): { start: number; end: number; words: string[] } | null {
  const words: string[] = [];
  let first = -1;
  let last = -1;
  let i = idx - 1;
  // A lone comma, or the comma ending the place.
  if (i >= 0 && /^,+$/.test((tokens[i] as Token).word)) i--;
  for (let k = 0; i >= 0 && k < 7; i--, k++) {
    const t = tokens[i] as Token;
    const w = k === 0 ? t.word.replace(/,+$/, '') : t.word;
    if (!w || /,$/.test(w)) break;
    const left = i > 0 && !t.gapBefore ? (tokens[i - 1] as Token).word : '';
    if (!isPlaceWord(w, k, left)) break;
    words.unshift(w);
    first = i;
    if (last < 0) last = i;
    if (t.gapBefore) break; // a line break ends the place name
  }
  while (words.length && /^[-–]$/.test(words[0] as string)) {
    words.shift();
    first++;
  }
  if (!words.length || !words.some((w) => /\p{Lu}/u.test(w)) || words.every((w) => UNIT_ABBREVIATION.test(w) || /^\d+$/.test(w)))
    return null;
  if (words.length === 1 && /^(?:Tỉnh|Huyện|Xã|Phường|Quận|Thành|Thị|Ngày|Số)$/u.test(words[0] as string)) return null;
  // A news page's dateline ("Thứ Sáu, ngày 20/12/2024") names a weekday, not a place.
  if (NOT_A_PLACE.test(words.join(' '))) return null;
  // What precedes the place in its column is header text only: capitals, a motto, the symbol.
  for (let j = first - 1; j >= 0 && !(tokens[first] as Token).gapBefore; j--) {
    const t = tokens[j] as Token;
    const taken = consumed.some((c) => t.start >= c.start && t.end <= c.end);
    if (!taken && /\p{Ll}/u.test(t.word) && !/^Số:?$/u.test(t.word)) return null;
    if (t.gapBefore) break;
  }
  const firstToken = tokens[first] as Token;
  const lastToken = tokens[last] as Token;
  const lastWord = lastToken.word.replace(/,+$/, '');
  // Offsets of the words themselves, without a trailing comma.
  const end = lastToken.start + (lastToken.end - lastToken.start) - (lastToken.word.length - lastWord.length);
  return { start: firstToken.start, end, words };
}

function isPlaceWord(w: string, k: number, left: string): boolean {
  if (/^\p{Lu}\p{Ll}*\.?$/u.test(w)) return true;
  if (/^\p{Lu}\p{Ll}*(?:-\p{Lu}\p{Ll}*)+$/u.test(w)) return true;
  if (UNIT_ABBREVIATION.test(w)) return true;
  if (k === 0 && /^\p{Lu}{2,4}$/u.test(w)) return true;
  if (k === 0 && /^\p{Lu}{1,3}\.\p{Lu}{2,4}$/u.test(w)) return true;
  if (k > 0 && /^[-–]$/.test(w)) return true;
  if (/^(?:phố|xã|trấn|khu)$/u.test(w) && /^(?:Thành|Thị|Đặc)$/u.test(left)) return true;
  if (k === 0 && /^\d{1,2}$/.test(w) && /^(?:Quận|Phường|Q\.|P\.)$/u.test(left)) return true;
  return false;
}

/** A paragraph of running text: the header is over. */
function isProse(content: string): boolean {
  const words = content.split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length < 8) return false;
  const lower = words.filter((w) => /^[^\p{L}]*\p{Ll}/u.test(w)).length;
  if (lower * 2 < words.length) return false;
  return words.length >= 15 || /[.;:!?…"”)]$/.test(content.trim());
}

/** The kind line: its first line in capitals begins with a kind ("KẾ HOẠCH", "NGHỊ QUYẾT ĐẠI HỘI…"). */
function kindLineOf(layout: Layout, p: Paragraph): { pure: boolean } | null {
  const { text, folded } = layout;
  const end = Math.min(p.contentEnd, p.contentStart + HEADER_SCAN_CHARS);
  const content = text.slice(p.contentStart, end).replace(/[*_#]/g, '').trim();
  const firstLine = content.split('\n')[0] ?? '';
  const f = folded.slice(p.contentStart, end).replace(/[*_#]/g, '').trim();
  const foldedFirst = collapseSpaces(f.split('\n')[0] ?? '');
  const letters = firstLine.replace(/[^\p{L}]/gu, '');
  if (letters.length >= 4 && letters === letters.toUpperCase()) {
    if (!KIND_LINES.some(([re]) => re.test(f))) return null;
    const words = foldedFirst
      .replace(/[^a-z ]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    // "NGHỊ QUYẾT ĐẠI HỘI …", "KẾ HOẠCH LIÊN TỊCH", "CHƯƠNG TRÌNH CÔNG TÁC …" name a document; a
    // headline in capitals that merely begins with the word ("KẾ HOẠCH … ĐẠT KẾT QUẢ CAO") does not.
    return { pure: KIND_PHRASES.has(words) || KIND_TITLE.test(words) };
  }
  // "KẾ HOẠCH Thực hiện …": the kind in capitals, the title inline.
  const caps = /^(?:\p{Lu}+\s+)*\p{Lu}+(?=\s+\p{Lu}\p{Ll})/u.exec(firstLine);
  if (caps && KIND_PHRASES.has(collapseSpaces(foldedFirst.slice(0, caps[0].length)))) return { pure: true };
  return null;
}

function kindOfLine(layout: Layout, p: Paragraph): DocumentKind | null {
  const f = layout.folded.slice(p.contentStart, p.contentEnd).replace(/[*_#]/g, '').trim();
  for (const [re, kind] of KIND_LINES) if (re.test(f)) return kind;
  return null;
}

/** Runs of capitals in the header, split at column gaps and at what was recognised. */
function capitalPieces(lines: readonly Token[][], consumed: readonly { start: number; end: number }[]): HeaderPiece[] {
  const out: HeaderPiece[] = [];
  for (const tokens of lines) {
    let run: Token[] = [];
    const flush = () => {
      while (run.length && /^[-–]$/.test((run[run.length - 1] as Token).word)) run.pop();
      while (run.length && /^[-–]$/.test((run[0] as Token).word)) run.shift();
      if (!run.length) return;
      const words = run.map((t) => t.word);
      const letters = words.join('').replace(/[^\p{L}]/gu, '');
      if (letters.length >= 2 && letters === letters.toUpperCase()) {
        out.push({ start: (run[0] as Token).start, end: (run[run.length - 1] as Token).end, value: words.join(' ') });
      }
      run = [];
    };
    for (const t of tokens) {
      const taken = consumed.some((c) => t.start < c.end && t.end > c.start);
      // A single dash inside a name joins it ("BAN TUYÊN GIÁO - NỮ CÔNG"); other marks separate.
      if (!taken && !t.gapBefore && /^[-–]$/.test(t.word) && run.length) {
        run.push(t);
        continue;
      }
      const separator = !/[\p{L}\d]/u.test(t.word);
      if (taken || separator || t.gapBefore || /\p{Ll}/u.test(t.word)) flush();
      if (!taken && !separator && !/\p{Ll}/u.test(t.word)) run.push(t);
    }
    flush();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Title, term

/** The trích yếu: the lines right after the kind line, up to the first blank line. */
function readTitle(layout: Layout, kindParagraph: Paragraph | null): TextField | null {
  if (!kindParagraph) return null;
  const { text, paragraphs, folded } = layout;
  const index = paragraphs.indexOf(kindParagraph);
  const kindContent = text.slice(kindParagraph.contentStart, kindParagraph.contentEnd);
  // The title set on the kind line itself: "KẾ HOẠCH Thực hiện …" (the words after the capitals), or
  // "NGHỊ QUYẾT ĐẠI HỘI … NHIỆM KỲ 2023 - 2028" all in capitals (the words after the kind).
  const foldedKind = folded.slice(kindParagraph.contentStart, kindParagraph.contentEnd);
  const lead = (/^[\s*_#]*/.exec(foldedKind)?.[0] ?? '').length;
  const phrase = KIND_LINES.map(([re]) => re.exec(foldedKind.slice(lead))).find((m) => m)?.[0] ?? '';
  const afterKind = kindContent.slice(lead + phrase.length);
  const inline = /\p{Ll}/u.test(afterKind)
    ? kindContent.replace(/^[\s*_#]*\p{Lu}[\p{Lu}\s]*\p{Lu}(?=\s)/u, '')
    : afterKind.replace(/^[\s*_:,–-]+/, '');
  if (inline.trim().length > 10 && !inline.includes('\n')) {
    const start = kindParagraph.contentEnd - inline.trimStart().length;
    return { start, end: kindParagraph.contentEnd, value: collapseSpaces(inline.replace(/[*_]/g, '')) };
  }
  let start = -1;
  let end = -1;
  // A trích yếu is a few lines: a long run of lines after the kind line is body text, not title.
  for (let i = index + 1; i < Math.min(paragraphs.length, index + 1 + MAX_TITLE_LINES); i++) {
    const p = paragraphs[i] as Paragraph;
    if (p.isHeading || /^(so|ngay)\s*:?/.test(folded.slice(p.contentStart, p.contentStart + 5))) break;
    if (
      start >= 0 &&
      /\n[ \t]*\n/.test(text.slice(end, p.start)) &&
      !continuesTitle(text.slice(start, end), text.slice(p.contentStart, p.contentEnd))
    )
      break;
    if (start >= 0) {
      const next = text.slice(p.contentStart, p.contentEnd).replace(/[*_]/g, '').trim();
      // Without a blank line, the preamble's first sentence ("Căn cứ …, Ban Thường vụ ban hành …") ends it,
      // and so does the line in capitals naming the authority of a decision ("ĐOÀN CHỦ TỊCH …").
      if (/^Căn cứ(?!\p{L})/u.test(next) || (PREAMBLE_START.test(next) && isProse(next))) break;
      if (/\p{Ll}/u.test(text.slice(start, end)) && isCapitalLine(next)) break;
    }
    if (start < 0) start = p.contentStart;
    end = p.contentEnd;
    if (text.slice(p.contentStart, p.contentEnd).trim().endsWith(':')) break;
  }
  if (start < 0) return null;
  const value = collapseSpaces(text.slice(start, end).replace(/[*_]/g, ''));
  return value.length >= 5 && value.length <= 600 ? { start, end, value } : null;
}

const MAX_TITLE_LINES = 12;

function isCapitalLine(s: string): boolean {
  const letters = s.replace(/[^\p{L}]/gu, '');
  return letters.length >= 4 && letters === letters.toUpperCase();
}

const PREAMBLE_START = /^(?:Căn cứ|Thực hiện|Triển khai|Để|Nhằm|Ngày \d|Theo|Trên cơ sở|Sau khi|Qua|Thi hành|Quán triệt)(?!\p{L})/u;

/**
 * Word files often set each line of a trích yếu as its own paragraph (Enter at each line end), so
 * a blank-line gap does not always end the title: a short line after an unfinished one
 * ("…thực hiện Nghị quyết" / "Đại hội XI Công đoàn tỉnh,") continues it; a body sentence does not.
 */
function continuesTitle(sofar: string, next: string): boolean {
  const line = next.trim();
  return (
    !/[.:;!?]\s*$/.test(sofar.trim()) && line.length > 0 && line.length <= 120 && !/[.:]$/.test(line) && sofar.length + line.length <= 600
  );
}

const TERM = /nhiem ky\s+(?:nam hoc\s+)?\(?\s*((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})/g;

/**
 * "nhiệm kỳ 2023 – 2028", "nhiệm kỳ năm học 2023 - 2024" starting in [start, end): the first one,
 * or the one ending last (a text that names a past term beside its own plans for the next one).
 */
function findTerm(folded: string, start: number, end: number, which: 'first' | 'latest' = 'first'): DocumentMetadata['term'] {
  let best: DocumentMetadata['term'] = null;
  TERM.lastIndex = start;
  for (let m = TERM.exec(folded); m && m.index < end; m = TERM.exec(folded)) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    if (!(to > from && to - from <= 10)) continue;
    if (which === 'first') return { from, to, start: m.index, end: m.index + m[0].length };
    if (!best || to > best.to) best = { from, to, start: m.index, end: m.index + m[0].length };
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Signature block, recipients

const CAPACITY = /^(tm\.?|t\/m|kt\.?|tl\.?|tuq\.?|q\.)\s*(.*)$/;
const TITLES =
  /^(?:pho )?(?:chu tich|bi thu|truong ban|giam doc|chanh van phong|truong phong|thu truong|bo truong|tong thu ky|uy vien)(?:\s+\S+)*$/;

/** The body named after "TM." / "T/M" in the signature block, as written ("BAN THƯỜNG VỤ"). */
function readSigningBody(layout: Layout): string | null {
  const { text, folded, paragraphs } = layout;
  for (const p of paragraphs) {
    if (p.section.cls !== 'closing') continue;
    for (const [lineStart, line] of linesOf(text, p)) {
      for (const cell of cellsOf(lineStart, line)) {
        const f = folded.slice(cell.start, cell.end).replace(/[*_]/g, '').trim();
        const m = /^(?:tm\.?|t\/m)\s*(.*)$/.exec(f);
        if (m && cell.text.length < 80)
          return text
            .slice(cell.start, cell.end)
            .replace(/[*_]/g, '')
            .trim()
            .replace(/^(?:TM\.?|T\/M)\s*/iu, '');
      }
    }
  }
  return null;
}

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
      // The whole line first; a two-column closing flattened by conversion ("Nơi nhận:   TM. BAN
      // CHẤP HÀNH") is read cell by cell.
      const whole = { start: lineStart, end: lineStart + line.length, text: line };
      const cells = [whole, ...cellsOf(lineStart, line).filter((c) => c.text.trim() !== line.trim())];
      for (const cell of cells) {
        const f = folded.slice(cell.start, cell.end).replace(/[*_]/g, '').trim();
        const raw = cell.text.replace(/[*_]/g, '').trim();
        const cap = CAPACITY.exec(f);
        if (cap && raw.length < 80) {
          capacity = formatCapacity(raw);
          start = cell.start;
          end = cell.end;
          after = at.get(p) as number;
          break;
        } else if (TITLES.test(f) && raw === raw.toUpperCase() && raw.length < 60) {
          title = sentenceCaseTitle(raw);
          if (start < 0) start = cell.start;
          end = cell.end;
          after = at.get(p) as number;
          break;
        }
      }
    }
  }
  if (start < 0) return null;
  let name: string | null = null;
  for (let i = paragraphs.length - 1; i > after && after >= 0; i--) {
    const p = paragraphs[i] as Paragraph;
    const raw = text.slice(p.contentStart, p.contentEnd).replace(/[*_]/g, '').trim();
    const cells = [{ raw, end: p.contentEnd }];
    // "- Lưu: VT.                Nguyễn Văn An": the name in the right-hand column.
    const lines = linesOf(text, p);
    const lastLine = lines[lines.length - 1];
    if (lastLine) {
      const lastCell = cellsOf(lastLine[0], lastLine[1]).pop();
      if (lastCell && lastCell.start > lastLine[0]) cells.push({ raw: lastCell.text.replace(/[*_]/g, '').trim(), end: lastCell.end });
    }
    const found = cells.find((c) => isPersonName(c.raw));
    if (found) {
      name = found.raw;
      end = Math.max(end, found.end === p.contentEnd ? p.contentEnd : found.end);
      break;
    }
  }
  return { capacity, title, name, start, end };
}

function isPersonName(raw: string): boolean {
  return (
    /^(?:\p{Lu}\p{Ll}*\s+){1,4}\p{Lu}\p{Ll}*$/u.test(raw) && !/^(?:Cơ quan|Văn phòng|Ban|Tỉnh|Huyện|Liên đoàn|Công đoàn|Nơi)/u.test(raw)
  );
}

/** Cells of a line: runs of text between column gaps (two or more spaces, a tab). */
function cellsOf(lineStart: number, line: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /\S+(?:[ ]\S+)*/g;
  for (let m = re.exec(line); m; m = re.exec(line))
    out.push({ start: lineStart + m.index, end: lineStart + m.index + m[0].length, text: m[0] });
  return out;
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
    const value = collapseSpaces(item.raw.replace(/[*_]/g, ''))
      .replace(/^[-–+]\s*/, '')
      .replace(/[;,.]+$/, '')
      .trim();
    if (value && !/^Lưu\b/u.test(value)) out.push({ start: item.start, end: item.start + item.raw.trimEnd().length, value });
  }
  return out;
}
