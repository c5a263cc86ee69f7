// Finds the phrases that say *when* a target is due: "đến năm 2025", "đến hết năm 2023",
// "hàng năm", "đến cuối nhiệm kỳ", "giai đoạn 2021 - 2025". Works on the folded (accent-free,
// lower-case, same length) text so that spelling variants ("hằng năm", "Hàng năm") match alike.

export type TimingKind = 'annual' | 'deadline' | 'term-end';

export interface TimingMatch {
  start: number;
  end: number;
  kind: TimingKind;
  year: number | null;
}

const YEAR = '((?:19|20)\\d{2})';
const PATTERNS: { re: RegExp; kind: TimingKind; yearGroup?: number }[] = [
  // "hàng năm", "hằng năm", "mỗi năm", "năm nào cũng"
  // "hàng năm", "hằng năm", "mỗi năm", "năm nào cũng", and "/năm" after a figure ("3%/năm", "850 tỷ đồng/năm")
  { re: /(?<![\p{L}])(?:hang|moi) nam(?![\p{L}])|(?<![\p{L}])nam nao cung(?![\p{L}])|\/\s*nam(?![\p{L}])/gu, kind: 'annual' },
  {
    re: /(?<![\p{L}])(?:den|toi|het|cuoi|trong|suot)\s+(?:ca\s+)?nhiem ky(?!\s*\d)(?!\s+(?:qua|truoc|vua qua))(?:\s+(?:nay|toi))?/gu,
    kind: 'term-end',
  },
  {
    re: new RegExp(
      `(?<![\\p{L}])(?:(?:den|toi|truoc|vao|trong|cuoi|het|dat)\\s+)?(?:(?:het|cuoi|nam|giua|dau)\\s+)*nam\\s+${YEAR}(?!\\s*[-–—]\\s*(?:19|20)\\d{2})(?![\\d/])`,
      'gu',
    ),
    kind: 'deadline',
    yearGroup: 1,
  },
  // "đến 2025", "trước 2030" without the word "năm"
  { re: new RegExp(`(?<![\\p{L}])(?:den|toi|truoc)\\s+${YEAR}(?![\\d/.,%])`, 'gu'), kind: 'deadline', yearGroup: 1 },
  // "giai đoạn 2021 - 2025", "trong 2 năm 2024 - 2025": the end year is the deadline
  // "năm học 2023 - 2024", "nhiệm kỳ 2025 - 2030" too: the end year is the deadline
  {
    re: new RegExp(`(?<![\\p{L}])(?:giai doan|thoi ky|nam hoc|nhiem ky(?: nam hoc)?|nam)\\s+(?:19|20)\\d{2}\\s*[-–—]\\s*${YEAR}`, 'gu'),
    kind: 'deadline',
    yearGroup: 1,
  },
  // "đến tháng 6/2025", "trước ngày 31/12/2025"
  {
    re: new RegExp(
      `(?<![\\p{L}])(?:den|truoc|cham nhat)\\s+(?:(?:het\\s+)?ngay\\s+)?(?:thang\\s+)?\\d{1,2}(?:\\/\\d{1,2})?\\/${YEAR}`,
      'gu',
    ),
    kind: 'deadline',
    yearGroup: 1,
  },
];

// "kế hoạch hàng năm", "định kỳ hàng năm": "hàng năm" qualifies a noun, it is not a due date.
const ANNUAL_AS_MODIFIER = /(?:ke hoach|chuong trinh|cong tac|bao cao|tong ket|so ket|dinh ky|nhiem vu|xep loai|danh gia|nha o xa hoi)\s+$/;

/**
 * Every word the patterns read, including the words only looked at ("qua" after "nhiệm kỳ"). A
 * run of letters that begins with none of them can never be part of a timing: TimingIndex cuts
 * the text there (timing-index.ts; timing-index.test.ts checks this list against PATTERNS).
 */
export const TIMING_WORDS = [
  'hang',
  'moi',
  'nam',
  'nao',
  'cung',
  'den',
  'toi',
  'het',
  'cuoi',
  'trong',
  'suot',
  'ca',
  'nhiem',
  'ky',
  'qua',
  'truoc',
  'vua',
  'nay',
  'vao',
  'dat',
  'giua',
  'dau',
  'giai',
  'doan',
  'thoi',
  'cham',
  'nhat',
  'ngay',
  'thang',
  'hoc',
] as const;

export const TIMING_PATTERN_SOURCES: readonly string[] = PATTERNS.map((p) => p.re.source);

export function findTimings(folded: string, start: number, end: number): TimingMatch[] {
  const slice = folded.slice(start, end);
  let found: TimingMatch[] = [];
  for (const { re, kind, yearGroup } of PATTERNS) {
    re.lastIndex = 0;
    const added: TimingMatch[] = [];
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const s = start + m.index;
      if (kind === 'annual' && ANNUAL_AS_MODIFIER.test(folded.slice(Math.max(0, s - 30), s))) continue;
      // "ngày 18 tháng 01 năm 2024" is a date, not a deadline.
      if (kind === 'deadline' && /thang\s+\d{1,2}\s+$/.test(folded.slice(Math.max(0, s - 12), s))) continue;
      // A phrase already read by an earlier pattern wins (matches of one pattern never overlap).
      if (overlapsAny(found, s, s + m[0].length)) continue;
      const year = yearGroup ? Number(m[yearGroup]) : null;
      added.push({ start: s, end: s + m[0].length, kind, year });
    }
    found = mergeByStart(found, added);
  }
  return found;
}

/** `sorted` holds disjoint spans by start (so also by end): binary search, not a scan of all. */
function overlapsAny(sorted: readonly TimingMatch[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as TimingMatch).end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as TimingMatch).start < end;
}

function mergeByStart(a: readonly TimingMatch[], b: readonly TimingMatch[]): TimingMatch[] {
  if (b.length === 0) return a as TimingMatch[];
  const out: TimingMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i] as TimingMatch).start < (b[j] as TimingMatch).start)) out.push(a[i++] as TimingMatch);
    else out.push(b[j++] as TimingMatch);
  }
  return out;
}

/** "nhiệm kỳ 2023 – 2028" or "nhiệm kỳ 2023-2028". */
export function findTerm(folded: string, start: number, end: number): { from: number; to: number; start: number; end: number } | null {
  const re = /nhiem ky\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})/g;
  re.lastIndex = start;
  const m = re.exec(folded);
  if (!m || m.index >= end) return null;
  return { from: Number(m[1]), to: Number(m[2]), start: m.index, end: m.index + m[0].length };
}
