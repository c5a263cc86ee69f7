// The parts of a target read around its number: comparator, subject, scope (sector, size
// condition), and the cues that tell a target from a baseline or a condition.
import type { Comparator, Sector, TargetScope } from './extraction-types.ts';
import type { LastMatchCache } from './last-match-cache.ts';
import type { NumericMention } from './numeric-mention.ts';

export interface ComparatorReading {
  comparator: Comparator;
  /** Start of the comparator phrase before the number (the number itself when none). */
  cueStart: number;
  change: 'increase' | 'decrease' | null;
}

const BEFORE_RULES: [RegExp, Comparator][] = [
  [/(?:it nhat|toi thieu|khong duoi|khong it hon|khong thap hon)(?:\s+(?:la|dat|co))?\s*$/, '>='],
  [/(?:khong qua|khong vuot qua|toi da|khong cao hon|khong nhieu hon|khong vuot)\s*$/, '<='],
  [/giam\s+(?:[\p{L}\s,]{0,40}?\s)?con(?:\s+duoi)?\s*$/u, '<='],
  [/(?:duoi|thap hon|it hon)\s*$/, '<'],
  [/(?:tren|hon|vuot|cao hon|nhieu hon|vuot muc)\s*$/, '>'],
  [/(?<![\p{L}])tu\s*$/u, '>='],
];

/** Reads the comparator from the folded text just before and after the number. */
export function readComparator(folded: string, clauseStart: number, m: NumericMention): ComparatorReading {
  const from = Math.max(clauseStart, m.start - 40);
  const before = folded.slice(from, m.start);
  const afterEnd = m.unit === 'count' ? m.nounEnd : m.end;
  const after = folded.slice(afterEnd, afterEnd + 40);
  const orMore = /^\s*(?:[\p{L}]+\s+){0,3}?tro len(?![\p{L}])/u.test(after) || /^\s*tro len/.test(folded.slice(m.end, m.end + 12));
  const orLess = /^\s*(?:[\p{L}]+\s+){0,3}?tro xuong(?![\p{L}])/u.test(after);
  let comparator: Comparator = orMore ? '>=' : orLess ? '<=' : '=';
  let cueStart = m.start;
  for (const [re, cmp] of BEFORE_RULES) {
    const hit = re.exec(before);
    if (!hit) continue;
    cueStart = from + hit.index;
    // "từ 80% trở lên" and "trên 80% trở lên" both read as "at least".
    comparator = orMore ? '>=' : cmp;
    break;
  }
  const change = /(?:tang|nang)(?:\s+(?:them|len|thuc|binh quan))?\s*$/.test(before)
    ? 'increase'
    : /giam(?:\s+(?:it nhat|toi thieu|tu))?\s*$/.test(before) && comparator !== '<='
      ? 'decrease'
      : null;
  return { comparator, cueStart, change };
}

const WORKER_NOUNS = /^(?:lao dong|cong nhan|nguoi lao dong|nguoi|nld|cnld|cnvcld|doan vien|hoi vien|can bo)/;
const ENTITY_BEFORE =
  /(?:doanh nghiep|dn|don vi|co quan|cong ty|cdcs|cong doan co so|nghiep doan|noi|co so|to chuc|chi nhanh|hop tac xa|nha may)(?:\s+[\p{L}]+){0,4}?\s*\(?\s*(?:co|su dung|voi)?\s*(?:tu|tren|duoi)?\s*$/u;

/** "doanh nghiệp có từ 25 lao động trở lên": a size condition, not a target. */
export function isSizeCondition(folded: string, clauseStart: number, m: NumericMention): boolean {
  if (m.unit !== 'count' || !WORKER_NOUNS.test(m.noun)) return false;
  const before = folded.slice(Math.max(clauseStart, m.start - 40), m.start);
  return ENTITY_BEFORE.test(before) && /(?:co|su dung|voi|tu|tren|duoi)\s*$/.test(before);
}

export function sizeThreshold(folded: string, m: NumericMention): TargetScope['sizeThreshold'] {
  const before = folded.slice(Math.max(0, m.start - 12), m.start);
  const after = folded.slice(m.nounEnd, m.nounEnd + 40);
  const comparator: Comparator = /duoi\s*$/.test(before) ? '<' : /tren\s*$/.test(before) && !/tro len/.test(after) ? '>' : '>=';
  return { comparator, value: m.value, of: m.noun.replace('nld', 'lao dong') };
}

const SECTOR_RULES: [RegExp, Sector][] = [
  [/von dau tu nuoc ngoai|(?<![\p{L}])fdi(?![\p{L}])|co von nuoc ngoai/u, 'fdi'],
  [/ngoai (?:khu vuc )?nha nuoc|ngoai quoc doanh|dan doanh/, 'ngoai_nha_nuoc'],
  [/doanh nghiep tu nhan|khu vuc tu nhan/, 'tu_nhan'],
  [/hanh chinh|su nghiep|hcsn|co quan nha nuoc|khoi co quan/, 'hcsn'],
  [/doanh nghiep (?:khu vuc )?nha nuoc|(?<![\p{L}])dnnn(?![\p{L}])|doanh nghiep nha nuoc/u, 'dnnn'],
  [/khu vuc nha nuoc/, 'nha_nuoc'],
];

export function readSectors(foldedSubject: string): Sector[] {
  let rest = foldedSubject;
  const out: Sector[] = [];
  for (const [re, sector] of SECTOR_RULES) {
    const m = re.exec(rest);
    if (!m) continue;
    if (sector === 'nha_nuoc' && out.includes('dnnn')) continue;
    out.push(sector);
    rest = rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
  }
  return out;
}

const TARGET_CUE =
  /(?<![\p{L}])(?:phan dau|chi tieu|muc tieu|dat|it nhat|toi thieu|khong duoi|nang|tang|giam|ket nap|thanh lap|phat trien|gioi thieu|bao dam|dam bao|hoan thanh|xay dung moi)(?![\p{L}])/gu;
const BASELINE_CUE =
  /(?<![\p{L}])(?:hien (?:co|nay|tai|dang|la)|hien toan|hien(?=[^.;]{0,40}?\sco\s)|da (?:co|ket nap|thanh lap|dat|ky|phat trien|xay dung|to chuc|ho tro|trao|gioi thieu|van dong|thu hut|tap hop|tang|giam|thuc hien|chi|hoan thanh)|tinh den(?=\s+(?:ngay|het|nay|thoi diem|cuoi|thang|nam|\d))|den nay|toi nay|nam qua|vua qua|ky truoc|nhiem ky qua|nhiem ky truoc|so voi cung ky)(?![\p{L}])/gu;
const STRONG_TARGET_CUE = /(?<![\p{L}])(?:phan dau|chi tieu|muc tieu|it nhat|toi thieu|khong duoi)(?![\p{L}])/gu;

/** Longest stretch a cue regex reads from where it matches (hiện + a 40-character look-ahead; the rest are short phrases). */
const CUE_REACH = 64;

function lastMatch(re: RegExp, folded: string, from: number, to: number, cache?: LastMatchCache): { start: number; end: number } | null {
  if (cache) return cache.last(re, CUE_REACH, from, to);
  let last: { start: number; end: number } | null = null;
  for (const m of folded.slice(from, to).matchAll(re)) last = { start: m.index, end: m.index + m[0].length };
  return last;
}

export interface CueReading {
  /** A baseline phrase ("hiện có", "đã kết nạp") governs the number. */
  baseline: boolean;
  /** A target phrase ("phấn đấu", "đạt", "ít nhất") governs the number. */
  target: boolean;
  strong: boolean;
}

/**
 * Which phrase governs the number: the later of the last baseline and last target cue. With a
 * cache, numbers of one long sentence do not each rescan it from its start.
 */
export function readCues(folded: string, windowStart: number, m: NumericMention, cache?: LastMatchCache): CueReading {
  const afterEnd = m.unit === 'count' ? m.nounEnd : m.end;
  const after = folded.slice(afterEnd, afterEnd + 30);
  const base = lastMatch(BASELINE_CUE, folded, windowStart, m.start, cache);
  const target = lastMatch(TARGET_CUE, folded, windowStart, m.start, cache);
  const baselineAfter = /^[^;.]{0,25}?(?:hien nay|hien co|hien tai)(?![\p{L}])/u.test(after);
  // "đã kết nạp 98.500 đoàn viên, đạt 109% chỉ tiêu": "đạt" after a baseline continues it.
  const weakDat = target !== null && base !== null && folded.slice(windowStart + target.start, windowStart + target.end) === 'dat';
  const targetWins = target !== null && (base === null || (target.start >= base.end && !weakDat));
  return {
    baseline: (base !== null && !targetWins) || (baselineAfter && target === null),
    target: targetWins,
    strong: lastMatch(STRONG_TARGET_CUE, folded, windowStart, m.start, cache) !== null || /^\s*(?:%\s*)?tro len/.test(after),
  };
}
