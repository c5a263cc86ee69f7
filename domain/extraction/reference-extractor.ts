// References to other documents by number and symbol, with their date when the text gives it,
// and how this document relates to them: it implements them ("Thực hiện…", "Căn cứ…" in the
// title or preamble), replaces them ("thay thế"), or merely cites them.
import type { Layout } from './document-layout.ts';
import { kindOfSymbol, type SymbolMatch } from './document-symbol.ts';
import type { DocumentReference } from './extraction-types.ts';

export interface ReferenceContext {
  /** The document's own symbol ("Số: 05/CTr-LĐLĐ"), excluded from references. */
  ownSymbol: SymbolMatch | null;
  /** Title and preamble paragraphs that say "Thực hiện…"/"Căn cứ…": symbols there are implemented. */
  implementsSpans: readonly { start: number; end: number }[];
}

export function extractReferences(layout: Layout, symbols: readonly SymbolMatch[], ctx: ReferenceContext): DocumentReference[] {
  const { text, folded } = layout;
  const byKey = new Map<string, DocumentReference>();
  for (const s of symbols) {
    if (ctx.ownSymbol && s.start === ctx.ownSymbol.start) continue;
    const key = s.symbol.toUpperCase();
    const relation = relationOf(folded, s, ctx);
    const existing = byKey.get(key);
    if (existing) {
      existing.mentions.push({ start: s.start, end: s.end });
      existing.date ??= dateAfter(text, folded, s.end);
      existing.relation = strongest(existing.relation, relation);
      continue;
    }
    byKey.set(key, {
      symbol: s.symbol,
      number: s.number,
      typeCode: s.typeCode,
      issuerCode: s.issuerCode,
      kind: kindOfSymbol(s, folded.slice(Math.max(0, s.start - 60), s.start)),
      date: dateAfter(text, folded, s.end),
      relation,
      start: s.start,
      end: s.end,
      mentions: [{ start: s.start, end: s.end }],
    });
  }
  return [...byKey.values()];
}

const RANK = { cites: 0, implements: 1, replaces: 2 } as const;
function strongest(a: DocumentReference['relation'], b: DocumentReference['relation']): DocumentReference['relation'] {
  return RANK[a] >= RANK[b] ? a : b;
}

function relationOf(folded: string, s: SymbolMatch, ctx: ReferenceContext): DocumentReference['relation'] {
  const sentenceBefore = lastSentence(folded.slice(Math.max(0, s.start - 160), s.start));
  if (/(?:thay the|bai bo|het hieu luc)/.test(sentenceBefore)) return 'replaces';
  if (insideSpan(ctx.implementsSpans, s.start)) return 'implements';
  return 'cites';
}

/** Spans are paragraphs, so disjoint and in order: binary search instead of testing each for every symbol. */
function insideSpan(spans: readonly { start: number; end: number }[], pos: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid] as { start: number }).start <= pos) lo = mid + 1;
    else hi = mid;
  }
  const span = spans[lo - 1];
  return span !== undefined && pos < span.end;
}

function lastSentence(s: string): string {
  const cut = Math.max(s.lastIndexOf('. '), s.lastIndexOf('.\n'), s.lastIndexOf('\n\n'));
  return cut >= 0 ? s.slice(cut + 1) : s;
}

/** "…số 02-NQ/TW ngày 12/6/2021" or "… ngày 30 tháng 12 năm 2019". */
function dateAfter(text: string, folded: string, end: number): string | null {
  const window = folded.slice(end, end + 45);
  const numeric = /^\s*[,(]?\s*(?:ban hanh\s+)?ngay\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/.exec(window);
  const words = /^\s*[,(]?\s*(?:ban hanh\s+)?ngay\s*(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})/.exec(window);
  const m = numeric ?? words;
  if (!m) return null;
  return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
}

export function isoDate(year: number, month: number, day: number | null): string | null {
  if (month < 1 || month > 12 || year < 1900 || year > 2100) return null;
  const mm = String(month).padStart(2, '0');
  if (day === null) return `${year}-${mm}`;
  if (day < 1 || day > 31) return null;
  return `${year}-${mm}-${String(day).padStart(2, '0')}`;
}

/** Used by the metadata reader to pull implemented symbols out of the title/preamble. */
export function referencesByRelation(refs: readonly DocumentReference[], relation: DocumentReference['relation']): string[] {
  return refs.filter((r) => r.relation === relation).map((r) => r.symbol);
}
