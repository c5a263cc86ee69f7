// Finds the numbers in a text that *could* be targets: a percentage, a fraction ("2/3"), a sum
// of money ("40 triệu đồng/người/năm") or a count followed by something countable ("140.000
// đoàn viên", "55 nghìn lao động"). A range ("1,5–2%", "từ 1 đến 2 xã") gives two mentions, its
// bounds. Dates, document symbols, years, clock times and legal references are masked out first.
import { applyMagnitude, parseNumberWords, parseVietnameseNumeral } from '../text/vietnamese-number.ts';
import { firstAtOrAfter } from './clause-index.ts';
import type { SymbolMatch } from './document-symbol.ts';

export interface NumericMention {
  /** Start of the numeral (or of the number words). */
  start: number;
  /** End of the numeral including "%", "phần trăm" or a magnitude word. */
  end: number;
  value: number;
  unit: 'count' | 'percent' | 'money';
  /** Folded head noun after the number ("doan vien"), empty for percentages. */
  noun: string;
  nounEnd: number;
  currency: 'VND' | null;
  /** True when the noun is in the list of things the genre counts. */
  knownNoun: boolean;
  /** A bound of a range: "1 đến 2 xã" is at least 1 and at most 2. */
  range: 'lower' | 'upper' | null;
  /** "/người/năm" after a sum or a rate: kept with the subject; "/năm" makes it a yearly figure. */
  per: { start: number; end: number } | null;
}

// Things the genre counts (folded, matched as a prefix of the words after the number).
const COUNTABLE = [
  'doan vien',
  'hoi vien',
  'cong doan vien',
  'cong doan',
  'cdcs',
  'nghiep doan',
  'doanh nghiep',
  'dn ',
  'don vi',
  'co quan',
  'nguoi',
  'lao dong',
  'nld',
  'cong nhan',
  'cnld',
  'cnvcld',
  'cnvc',
  'cong chuc',
  'vien chuc',
  'can bo',
  'chu tich',
  'luot',
  'mo hinh',
  'cong trinh',
  'sang kien',
  'de tai',
  'giai phap',
  'lop',
  'hoi nghi',
  'cuoc',
  'buoi',
  'mai am',
  'nha',
  'can ',
  'suat',
  'phan qua',
  'qua',
  'to ',
  'chi doan',
  'chi hoi',
  'chi bo',
  'dang vien',
  'quan chung',
  'thoa uoc',
  'tuldtt',
  'ban ',
  'hop dong',
  'ho so',
  'vu ',
  'vu viec',
  'truong hop',
  'gia dinh',
  'ho ',
  'hoc sinh',
  'sinh vien',
  'thanh nien',
  'thieu nhi',
  'phu nu',
  'co so',
  'tap the',
  'ca nhan',
  'diem',
  'cau lac bo',
  'clb',
  'doi ',
  'nhom',
  'tin ',
  'bai',
  'tac pham',
  'chuong trinh',
  'hoat dong',
  'phong trao',
  'du an',
  'dien hinh',
  'guong',
  'dong',
  'xa',
  'phuong',
  'truong',
  'hoc vien',
  'em ',
  'chau',
  'lan ',
  'ngoi nha',
  'can ho',
  'phong ',
  'y kien',
  'kien nghi',
  'van ban',
  'quy che',
  'to chuc',
  'dang bo',
  'khu',
  'ky',
  'tu sach',
  'doan ',
  'dvtn',
  'dot ',
];
// Words that make a number not a count of anything we track.
const NEVER_COUNT =
  /^(?:nam|thang|ngay|tuan|quy|gio|phut|giay|tuoi|lan thu|khoa|do |km|m |m2|ha |kg|tan|so |dieu|khoan|trang|%|x |nghin dong\/)/;

const NUMERAL = /(?<![\p{L}\d.,/#])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d#]|[.,]\d)/gu;

/** Returns `folded` with dates, symbols, years, times and legal references replaced by '#'. */
export function maskNonQuantities(folded: string, symbols: readonly SymbolMatch[]): string {
  const chars = folded.split('');
  const hide = (s: number, e: number) => {
    for (let i = s; i < e; i++) if (chars[i] !== '\n') chars[i] = '#';
  };
  for (const s of symbols) hide(s.start, s.end);
  const patterns = [
    /\d{4}[.-]\d{2}[.-]\d{2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*[+-]\d{2}:?\d{2})?/g, // signature timestamps
    /\d{1,2}:\d{2}(?::\d{2})?/g,
    /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}/g, // 24/11/2023
    /ngay\s+\d{0,2}\s*(?:[/.-]\s*\d{1,2}|thang\s+\d{1,2}(?:\s*(?:nam|\/)\s*\d{4})?)/g,
    /thang\s+\d{1,2}\s*(?:\/|nam)\s*\d{4}/g,
    /(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}/g,
    /(?<![\p{L}])(?:nam|den|toi|truoc|tu|giai doan|nhiem ky|khoa)\s+(?:19|20)\d{2}(?![\d.,%])/gu,
    /(?<![\p{L}])(?<!tong )(?:lan thu|thu|khoa|dieu|khoan|diem|chuong|muc|so|to cong tac|dai hoi|quyet dinh|nghi quyet|nghi dinh|ke hoach|chuong trinh|chi thi|ket luan|thong tu|luat) (?:thu )?\d+(?:[.,]\d+)*(?![\d%])/gu,
    /(?<![\p{L}])(?:kien nghi|ky niem|tron|gan|hon|truoc)\s+\d+\s+nam(?![\p{L}])/gu,
  ];
  for (const re of patterns) for (const m of folded.matchAll(re)) hide(m.index, m.index + m[0].length);
  return chars.join('');
}

export function findNumericMentions(text: string, masked: string): NumericMention[] {
  const found: NumericMention[] = [];
  const numerals = [...masked.matchAll(NUMERAL)];
  for (let i = 0; i < numerals.length; i++) {
    const m = numerals[i]!;
    const next = numerals[i + 1];
    const gap = next ? RANGE_GAP.exec(masked.slice(m.index + m[0].length, next.index)) : null;
    const upper = gap && next ? describeNumeral(masked, next.index, next[0]) : null;
    if (gap && next && upper && (upper.unit !== 'count' || upper.knownNoun)) {
      // The lower bound takes the upper's unit, noun and magnitude ("2,5 đến 3 triệu đồng").
      const scale = upper.unit === 'percent' ? 1 : upper.value / (parseVietnameseNumeral(next[0]) ?? upper.value);
      const end = m.index + m[0].length + (gap[1] ? gap[0].indexOf(gap[1]) + gap[1].length : 0);
      found.push(
        { ...upper, start: m.index, end, value: (parseVietnameseNumeral(m[0]) ?? 0) * scale, range: 'lower' },
        { ...upper, range: 'upper' },
      );
      i++;
      continue;
    }
    const mention = describeNumeral(masked, m.index, m[0]);
    if (mention) found.push(mention);
  }
  // Numerals come in order of start (their ends may overlap the next: "2 / 3"), number words
  // too: an overlap is found by binary search over the furthest end so far, not pair by pair.
  const numeralStarts = found.map((f) => f.start);
  const furthestEnd: number[] = [];
  for (const f of found) furthestEnd.push(Math.max(f.end, furthestEnd[furthestEnd.length - 1] ?? -Infinity));
  let wordsEnd = -Infinity;
  for (const mention of findWordNumbers(text, masked)) {
    const k = firstAtOrAfter(numeralStarts, mention.end) - 1; // the last numeral starting before the mention ends
    if ((k >= 0 && (furthestEnd[k] as number) > mention.start) || wordsEnd > mention.start) continue;
    found.push(mention);
    wordsEnd = Math.max(wordsEnd, mention.end);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Between the bounds of a range: "1,5–2%", "1,5% - 2%", "1 đến 2 xã", "từ 3 tới 5 mô hình". */
const RANGE_GAP = /^\s*(%|phan tram)?\s*(?:den|toi|[-–—])\s*$/u;

function describeNumeral(masked: string, start: number, raw: string): NumericMention | null {
  let value = parseVietnameseNumeral(raw);
  if (value === null) return null;
  let end = start + raw.length;
  const after = masked.slice(end, end + 80);
  const pct = /^\s*(?:%|phan tram(?![\p{L}]))/u.exec(after);
  if (pct) return withPer(masked, mention(start, end + pct[0].length, value, 'percent', '', end + pct[0].length, null, true));
  const fraction = /^\s*\/\s*(\d{1,2})(?![\d/#])/.exec(after);
  if (fraction) {
    const denominator = Number(fraction[1]);
    const before = masked.slice(Math.max(0, start - 20), start);
    const cue = /(?:tren|it nhat|toi thieu|co|dat|tu|khoang|hon|gan|phan dau|chiem)\s*$/.test(before);
    if (!cue || denominator < 2 || denominator > 10 || value >= denominator) return null;
    const pctValue = Math.round((value / denominator) * 10000) / 100;
    const fracEnd = end + fraction[0].length;
    return mention(start, fracEnd, pctValue, 'percent', '', fracEnd, null, true);
  }
  const magnitude = /^\s*(nghin|ngan|trieu|ty|ti|van)(?![\p{L}])/u.exec(after);
  if (magnitude) {
    value = applyMagnitude(
      value,
      magnitude[1] === 'ngan'
        ? 'nghìn'
        : magnitude[1] === 'trieu'
          ? 'triệu'
          : magnitude[1] === 'ty' || magnitude[1] === 'ti'
            ? 'tỷ'
            : magnitude[1] === 'van'
              ? 'vạn'
              : 'nghìn',
    );
    end += magnitude[0].length;
  }
  return withNoun(masked, start, end, value, false);
}

function withNoun(masked: string, start: number, end: number, value: number, requireKnown: boolean): NumericMention | null {
  const nounMatch = /^\s*(?:[("“']\s*)?([\p{L}][\p{L}\s]{0,40})/u.exec(masked.slice(end, end + 60));
  if (!nounMatch) return null;
  const words = (nounMatch[1] ?? '').split(/\s+/).filter(Boolean).slice(0, 4).join(' ') + ' ';
  if (NEVER_COUNT.test(words)) return null;
  const known = COUNTABLE.find((c) => words.startsWith(`${c.trim()} `));
  if (!known && requireKnown) return null;
  const head = known ? known.trim() : (words.split(' ')[0] ?? '');
  const nounStart = end + nounMatch[0].length - (nounMatch[1] ?? '').length;
  // "40 triệu đồng" is money; "15 đồng chí" are people.
  if (head === 'dong' && !/^dong chi(?![\p{L}])/u.test(words)) {
    return withPer(masked, mention(start, end, value, 'money', head, nounStart + head.length, 'VND', true));
  }
  return mention(start, end, value, 'count', head, nounStart + head.length, null, known !== undefined);
}

/** "đồng/người/năm", "%/năm": the per-unit qualifier right after a sum or a rate. */
function withPer(masked: string, m: NumericMention): NumericMention {
  const per = /^(?:\s*\/\s*[\p{L}]+(?:\s[\p{L}]+)?){1,3}/u.exec(masked.slice(m.nounEnd, m.nounEnd + 40));
  return per ? { ...m, per: { start: m.nounEnd, end: m.nounEnd + per[0].length } } : m;
}

function mention(
  start: number,
  end: number,
  value: number,
  unit: NumericMention['unit'],
  noun: string,
  nounEnd: number,
  currency: 'VND' | null,
  knownNoun: boolean,
): NumericMention {
  return { start, end, value, unit, noun, nounEnd, currency, knownNoun, range: null, per: null };
}

const WORD = '(?:không|một|mốt|hai|ba|bốn|tư|năm|lăm|nhăm|sáu|bảy|bẩy|tám|chín|mười|mươi|trăm|linh|lẻ|nghìn|ngàn|triệu|tỷ|tỉ)';
const WORD_SEQUENCE = new RegExp(`(?<![\\p{L}])${WORD}(?:\\s+${WORD})*(?![\\p{L}])`, 'gu');
const FRACTION_DENOMINATOR: Record<string, number> = { hai: 2, ba: 3, tư: 4, bốn: 4, năm: 5, mười: 10 };

/** "một trăm phần trăm", "hai phần ba", "mười nghìn đoàn viên", "ít nhất một mô hình". */
function findWordNumbers(text: string, masked: string): NumericMention[] {
  const lower = text.toLowerCase();
  const out: NumericMention[] = [];
  for (const m of lower.matchAll(WORD_SEQUENCE)) {
    const words = m[0].split(/\s+/);
    const start = m.index;
    let end = start + m[0].length;
    if (masked.slice(start, end).includes('#')) continue;
    const after = lower.slice(end, end + 40);
    const pct = /^\s+phần trăm(?![\p{L}])/u.exec(after);
    if (pct) {
      const value = parseNumberWords(words);
      if (value !== null) out.push(mention(start, end + pct[0].length, value, 'percent', '', end + pct[0].length, null, true));
      continue;
    }
    const frac = /^\s+phần\s+(hai|ba|tư|bốn|năm|mười)(?![\p{L}])/u.exec(after);
    if (frac) {
      const value = parseNumberWords(words);
      const denominator = FRACTION_DENOMINATOR[frac[1] as string] ?? 0;
      if (value !== null && value < denominator) {
        end += frac[0].length;
        out.push(mention(start, end, Math.round((value / denominator) * 10000) / 100, 'percent', '', end, null, true));
      }
      continue;
    }
    const value = parseNumberWords(words);
    if (value === null || value === 0) continue;
    const scaled = words.some((w) => /^(mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ)$/.test(w));
    const cue = /(?:ít nhất|tối thiểu|không dưới|có|đạt|kết nạp|thành lập|xây dựng|giới thiệu|tổ chức|trên|được|thêm)\s+$/.test(
      lower.slice(Math.max(0, start - 15), start),
    );
    // "năm" alone is far more often "year" than "five"; "một" alone is often "a/one of".
    if (!scaled && (!cue || words.length > 1 || words[0] === 'năm')) continue;
    const withUnit = withNoun(masked, start, end, value, true);
    if (withUnit) out.push(withUnit);
  }
  return out;
}
