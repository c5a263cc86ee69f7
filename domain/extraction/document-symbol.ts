// Document numbers and symbols ("số, ký hiệu"): union/state style `05/CTr-LĐLĐ`, `30/2020/NĐ-CP`
// and Party style `61-KH/TU`. Real text puts spaces and en dashes around the separators
// ("05 /CTr- LĐLĐ", "02 – NQ/TW"); the symbol is returned compact, with the source's spelling.
import type { DocumentKind } from './extraction-types.ts';

export interface SymbolMatch {
  start: number;
  end: number;
  symbol: string;
  number: string;
  typeCode: string;
  issuerCode: string;
  style: 'state' | 'party';
}

const CODE = '\\p{Lu}[\\p{L}]{0,7}';
const ISSUER = '\\p{Lu}[\\p{L}\\d]{0,12}';
const STATE = new RegExp(
  `(?<![\\d\\p{L}/.])(\\d{1,5})\\s*\\/\\s*(?:((?:19|20)\\d{2})\\s*\\/\\s*)?(${CODE})\\s*[-–]\\s*(${ISSUER}(?:[-–]${ISSUER})?)(?![\\p{L}\\d])`,
  'gu',
);
const PARTY = new RegExp(`(?<![\\d\\p{L}/.])(\\d{1,5})\\s*[-–]\\s*(${CODE})\\s*\\/\\s*(${ISSUER}(?:-${ISSUER})?)(?![\\p{L}\\d])`, 'gu');

export function findSymbols(text: string): SymbolMatch[] {
  const found: SymbolMatch[] = [];
  for (const m of text.matchAll(STATE)) {
    const [whole, num, year, type, issuer] = m as unknown as [string, string, string | undefined, string, string];
    if (!plausibleIssuer(issuer)) continue;
    const symbol = `${num}/${year ? `${year}/` : ''}${type}-${issuer.replace(/–/g, '-')}`;
    found.push({ start: m.index, end: m.index + whole.length, symbol, number: num, typeCode: type, issuerCode: issuer, style: 'state' });
  }
  const state = found.length;
  for (const m of text.matchAll(PARTY)) {
    const [whole, num, type, issuer] = m as unknown as [string, string, string, string];
    if (!plausibleIssuer(issuer)) continue;
    // Party symbols never overlap each other (one regex); state ones are disjoint and in order.
    if (overlapsFirst(found, state, m.index, m.index + whole.length)) continue;
    found.push({
      start: m.index,
      end: m.index + whole.length,
      symbol: `${num}-${type}/${issuer}`,
      number: num,
      typeCode: type,
      issuerCode: issuer,
      style: 'party',
    });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Whether [start, end) overlaps one of the first `count` matches (disjoint, ascending): binary search. */
function overlapsFirst(sorted: readonly SymbolMatch[], count: number, start: number, end: number): boolean {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as SymbolMatch).end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && (sorted[lo] as SymbolMatch).start < end;
}

/** Issuer codes are abbreviations: at least two capitals ("TW", "LĐLĐ", "TTg", "CP"). */
function plausibleIssuer(code: string): boolean {
  return (code.match(/\p{Lu}/gu) ?? []).length >= 2;
}

const TYPE_CODES: Record<string, DocumentKind> = {
  NQ: 'nghi_quyet',
  CTR: 'chuong_trinh',
  CTHĐ: 'chuong_trinh_hanh_dong',
  KH: 'ke_hoach',
  QĐ: 'quyet_dinh',
  CT: 'chi_thi',
  KL: 'ket_luan',
  TB: 'thong_bao',
  HD: 'huong_dan',
  BC: 'bao_cao',
  ĐA: 'de_an',
  NĐ: 'nghi_dinh',
  TT: 'thong_tu',
  QC: 'quy_che',
  QYĐ: 'quy_dinh',
  CV: 'cong_van',
  TTR: 'to_trinh',
};

// Kind words as they precede a symbol ("Kết luận số 391-KT/TU" is a kết luận despite the typo).
const KIND_WORDS: [RegExp, DocumentKind][] = [
  [/chuong trinh hanh dong/, 'chuong_trinh_hanh_dong'],
  [/chuong trinh/, 'chuong_trinh'],
  [/nghi quyet/, 'nghi_quyet'],
  [/ke hoach/, 'ke_hoach'],
  [/chi thi/, 'chi_thi'],
  [/ket luan/, 'ket_luan'],
  [/quyet dinh/, 'quyet_dinh'],
  [/quy dinh/, 'quy_dinh'],
  [/huong dan/, 'huong_dan'],
  [/bao cao/, 'bao_cao'],
  [/de an/, 'de_an'],
  [/thong bao/, 'thong_bao'],
  [/nghi dinh/, 'nghi_dinh'],
  [/thong tu/, 'thong_tu'],
  [/quy che/, 'quy_che'],
  [/cong van/, 'cong_van'],
];

/** Kind of a referenced document: the word in front of the symbol wins over the type code. */
export function kindOfSymbol(match: SymbolMatch, foldedBefore: string): DocumentKind | null {
  const tail = foldedBefore.slice(-40);
  const m = /([a-z ]+?)\s*(?:so\s*)?:?\s*$/.exec(tail);
  const words = m?.[1] ?? '';
  const fromCode = kindOfTypeCode(match.typeCode);
  let fromWord: DocumentKind | null = null;
  for (const [re, kind] of KIND_WORDS) {
    if (new RegExp(`${re.source}$`).test(words.trim())) {
      fromWord = kind;
      break;
    }
  }
  if (!fromCode || !fromWord || fromCode === fromWord) return fromWord ?? fromCode;
  // "Quy định số 212-QĐ/TW" (Party rules share QĐ), "Chương trình hành động số 06/CTr-…".
  if ((fromCode === 'quyet_dinh' && fromWord === 'quy_dinh') || (fromCode === 'chuong_trinh' && fromWord === 'chuong_trinh_hanh_dong'))
    return fromWord;
  // Otherwise the code is more reliable than a word that may qualify it ("Thông báo kết luận số 160-TB/TW").
  return fromCode;
}

export function kindOfTypeCode(code: string): DocumentKind | null {
  return TYPE_CODES[code.toUpperCase()] ?? null;
}
