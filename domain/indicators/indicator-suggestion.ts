/**
 * Reading a target's subject (or its whole quote) the way an officer does when picking the
 * indicator it is measured with. Pure; used by `suggestIndicators` in catalogue.ts.
 *
 * What is read, in this order:
 * 1. Normal form: accent-free, lower case (so a wrong or missing diacritic — "kêt nạp",
 *    "Phần đầu", "thoả ước", "doan vien" — reads like the right one), the genre's abbreviations
 *    expanded (CĐCS, NLĐ, CNVCLĐ, TƯLĐTT, KPCĐ, DN, KCN…), spelling variants unified (tỉ/tỷ lệ,
 *    kĩ/kỹ năng, qui/quy chế), numbers replaced by `#` and years by `Y`.
 * 2. The head: the population the value quantifies — the noun phrase right after the value
 *    ("85% | doanh nghiệp …", "kết nạp 1.500 | đoàn viên"), else the denominator of
 *    "tỷ lệ A trên (tổng số) B", else the first population the text names. A size condition
 *    ("doanh nghiệp có từ 25 lao động trở lên") is never the value.
 * 3. Features of the clause: admission verbs before the members ("kết nạp (mới)", "phát triển
 *    (mới/thêm)", "thu hút … gia nhập"), Party context, what follows the head (a predicate such
 *    as "được khám sức khỏe", or a subgroup such as "nữ", "ưu tú", which turns a stock into
 *    something else), agreement quality ("loại B"), "có lợi hơn", lawsuits and disputes and the
 *    union's role in them, collection of fees, the sector group.
 * 4. Each indicator's profile: which heads it can measure, which features it needs or refuses,
 *    and its topic phrases (the catalogue's `keywords`). An indicator is suggested only when
 *    its topic is present, the units agree and the head is one it measures; ranking is by the
 *    evidence found. A subject whose head is a population the catalogue does not measure
 *    (youth-union members, Party members, cadres, households, conferences held…) gets none:
 *    no suggestion is better than a confident wrong one.
 */
import type { IndicatorDef } from './catalogue.ts';

/** Units of extracted targets: a count, a share, or a sum of money in đồng. */
export type SuggestionUnit = 'count' | 'percent' | 'money';

type Population =
  'member' | 'worker' | 'cdcs' | 'upper' | 'employer' | 'agreement' | 'chair' | 'cadre' | 'case' | 'dispute' | 'home' | 'event' | 'foreign';

type Feature =
  | 'admission'
  | 'party'
  | 'partyIntro'
  | 'predicate'
  | 'subgroup'
  | 'memberOverWorker'
  | 'agreement'
  | 'quality'
  | 'better'
  | 'lawsuit'
  | 'dispute'
  | 'support'
  | 'collect'
  | 'trainedStatus'
  | 'meeting'
  | 'finInspection'
  | 'levelValue'
  | 'sizeOnly';

interface Profile {
  /** Heads this indicator measures (the counted thing, or a share's denominator). */
  heads: Population[] | 'any';
  /** May be suggested when no head could be read. */
  headless?: boolean;
  /** A count of the head itself (members, CĐCS): the head is the topic. */
  headIsTopic?: boolean;
  requires?: Feature[];
  forbids?: Feature[];
  /** Features that count as topic evidence besides the keywords. */
  cues?: Feature[];
  /**
   * Its cue can be a condition on the head ("doanh nghiệp có tổ chức công đoàn …"): it yields
   * when another topic follows it.
   */
  conditionLike?: boolean;
}

const RATED: Profile = { heads: ['cdcs'], headless: true, forbids: ['agreement'] };

/** Profiles of the built-in indicators; an indicator without one is matched by its keywords only. */
export const SUGGESTION_PROFILES: Record<string, Profile> = {
  members: { heads: ['member'], headIsTopic: true, requires: ['levelValue'], forbids: ['admission', 'party', 'predicate', 'subgroup'] },
  members_new: {
    heads: ['member', 'worker'],
    headless: true,
    requires: ['admission'],
    forbids: ['party', 'subgroup'],
    cues: ['admission'],
  },
  cdcs_new_count: { heads: ['cdcs'], headIsTopic: true, requires: ['levelValue'], forbids: ['predicate'] },
  employers_with_cdcs_share: { heads: ['employer'], conditionLike: true, cues: ['sizeOnly'], forbids: ['agreement'] },
  workers_members_share: { heads: ['worker'], headless: true, cues: ['memberOverWorker'], forbids: ['party'] },
  agreements_share: { heads: ['cdcs', 'employer'], headless: true, requires: ['agreement'], forbids: ['quality', 'better'] },
  agreements_b_share: { heads: ['agreement', 'cdcs', 'employer'], headless: true, requires: ['agreement', 'quality'], forbids: ['better'] },
  agreements_better_share: { heads: ['agreement', 'cdcs', 'employer'], headless: true, requires: ['agreement', 'better'] },
  lawsuits_supported_share: { heads: ['case', 'member', 'worker'], headless: true, requires: ['lawsuit', 'support'] },
  dissemination_share: { heads: ['member', 'worker', 'cadre'], headless: true },
  skills_share: { heads: ['worker', 'member'], headless: true, forbids: ['trainedStatus'] },
  democracy_state_share: { heads: ['cdcs', 'employer'], headless: true, forbids: ['meeting'] },
  democracy_nonstate_share: { heads: ['cdcs', 'employer'], headless: true, forbids: ['meeting'] },
  party_introduced_per_cdcs: { heads: ['member', 'worker'], headless: true, requires: ['partyIntro'] },
  chairs_trained_share: { heads: ['chair'] },
  rated_good_upper_share: { heads: ['upper'], forbids: ['agreement'] },
  rated_good_state_share: RATED,
  rated_good_nonstate_share: RATED,
  women_committee_share: { heads: ['cdcs', 'employer'], headless: true },
  fin_inspection_share: { heads: ['upper'], cues: ['finInspection'] },
  cdcs_fin_inspected_share: { heads: ['cdcs'], headless: true, cues: ['finInspection'] },
  disputes_with_union_share: { heads: ['dispute'], headless: true, requires: ['dispute', 'support'], forbids: ['lawsuit'] },
  union_fee_share: { heads: 'any', requires: ['collect'] },
  dues_share: { heads: 'any', requires: ['collect'] },
  union_homes: { heads: ['home'], headless: true },
};

// ---------------------------------------------------------------------------------------------
// 1. Normal form

const ABBREVIATIONS: Record<string, string> = {
  cdcs: 'cong doan co so',
  cd: 'cong doan',
  dvcd: 'doan vien cong doan',
  dv: 'doan vien',
  nld: 'nguoi lao dong',
  ld: 'lao dong',
  cnld: 'cong nhan lao dong',
  cnvcld: 'cong nhan vien chuc lao dong',
  cnvc: 'cong nhan vien chuc',
  cbcnvc: 'can bo cong nhan vien chuc',
  cbcd: 'can bo cong doan',
  ctcd: 'chu tich cong doan',
  dn: 'doanh nghiep',
  dnnn: 'doanh nghiep nha nuoc',
  hcsn: 'hanh chinh su nghiep',
  kcn: 'khu cong nghiep',
  kcx: 'khu che xuat',
  kkt: 'khu kinh te',
  tuldtt: 'thoa uoc lao dong tap the',
  ldtt: 'lao dong tap the',
  kpcd: 'kinh phi cong doan',
  qcdc: 'quy che dan chu',
  nsdld: 'nguoi su dung lao dong',
  ldld: 'lien doan lao dong',
  macd: 'mai am cong doan',
  bch: 'ban chap hanh',
  ubkt: 'uy ban kiem tra',
  hnnld: 'hoi nghi nguoi lao dong',
  bnc: 'ban nu cong',
  ubnd: 'uy ban nhan dan',
};

/** Spelling variants: the second word decides ("ti lệ" → "tỷ lệ", but "ti vi" stays). */
const VARIANTS: [string, string, string][] = [
  ['ti', 'le', 'ty'],
  ['ki', 'nang', 'ky'],
  ['qui', 'che', 'quy'],
  ['qui', 'dinh', 'quy'],
  ['qui', 'mo', 'quy'],
];
const MULTIPLIERS = new Set(['nghin', 'ngan', 'van', 'trieu', 'ty']);

export function normalTokens(text: string): string[] {
  let s = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  s = s.replace(/\b\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}\b/g, ' Y ');
  s = s.replace(/(?<![\d.,])(?:19|20)\d\d(?![\d]|[.,]\d)/g, ' Y ');
  s = s.replace(/\d+(?:[.,]\d+)*(?:\s*\/\s*\d+)?/g, ' # ');
  s = s.replace(/phan tram/g, ' % ').replace(/%/g, ' % ');
  s = s
    .replace(/[;:.()\n\r!?]+/g, ' ; ')
    .replace(/,/g, ' , ')
    .replace(/[^a-z0-9#%;,Y]+/g, ' ');
  const raw = s.split(' ').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i]!;
    if (t === 'Y' || t === '#' || t === '%' || t === ';' || t === ',') {
      out.push(t);
      continue;
    }
    if (MULTIPLIERS.has(t) && out[out.length - 1] === '#' && raw[i + 1] !== 'le') continue;
    if (t === 'tu' && raw[i + 1] === 'ldtt') {
      out.push('thoa', 'uoc');
      continue;
    }
    const variant = VARIANTS.find(([w, next]) => w === t && raw[i + 1] === next);
    if (variant) {
      out.push(variant[2]);
      continue;
    }
    const expanded = ABBREVIATIONS[t];
    if (expanded) out.push(...expanded.split(' '));
    else out.push(t);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2. The head

const POPULATIONS: [string[], Population][] = (
  [
    ['cong doan cap tren truc tiep co so', 'upper'],
    ['cong doan cap tren co so', 'upper'],
    ['cong doan cap tren truc tiep', 'upper'],
    ['cong doan cap tren', 'upper'],
    ['lien doan lao dong', 'upper'],
    ['cong doan nganh', 'upper'],
    ['cong doan cac khu cong nghiep', 'upper'],
    ['cong doan khu cong nghiep', 'upper'],
    ['cong doan khu kinh te', 'upper'],
    ['cong doan khu che xuat', 'upper'],
    ['cong doan xa', 'upper'],
    ['cong doan phuong', 'upper'],
    ['cong doan dac khu', 'upper'],
    ['cong doan tong cong ty', 'upper'],
    ['cong doan co so', 'cdcs'],
    ['nghiep doan co so', 'cdcs'],
    ['nghiep doan', 'cdcs'],
    ['chu tich cong doan', 'chair'],
    ['chu tich', 'chair'],
    ['can bo', 'cadre'],
    ['uy vien', 'cadre'],
    ['to truong', 'cadre'],
    ['ban chap hanh', 'cadre'],
    ['doan vien thanh nien', 'foreign'],
    ['doan vien cong doan', 'member'],
    ['doan vien', 'member'],
    ['thanh nien', 'foreign'],
    ['hoi vien', 'foreign'],
    ['dang vien', 'foreign'],
    ['phu nu', 'foreign'],
    ['thieu nhi', 'foreign'],
    ['hoc sinh', 'foreign'],
    ['sinh vien', 'foreign'],
    ['ho ngheo', 'foreign'],
    ['ho gia dinh', 'foreign'],
    ['ho hoi vien', 'foreign'],
    ['nguoi lao dong', 'worker'],
    ['cong nhan', 'worker'],
    ['lao dong', 'worker'],
    ['cong chuc', 'worker'],
    ['vien chuc', 'worker'],
    ['doanh nghiep', 'employer'],
    ['don vi su dung lao dong', 'employer'],
    ['co quan', 'employer'],
    ['don vi', 'employer'],
    ['cong ty', 'employer'],
    ['hop tac xa', 'employer'],
    ['co so san xuat', 'employer'],
    ['nha truong', 'employer'],
    ['truong hoc', 'employer'],
    ['ban thoa uoc', 'agreement'],
    ['thoa uoc', 'agreement'],
    ['vu viec', 'case'],
    ['vu an', 'case'],
    ['vu tranh chap', 'dispute'],
    ['tranh chap', 'dispute'],
    ['cuoc ngung viec', 'dispute'],
    ['vu ngung viec', 'dispute'],
    ['ngung viec', 'dispute'],
    ['cuoc dinh cong', 'dispute'],
    ['vu dinh cong', 'dispute'],
    ['dinh cong', 'dispute'],
    ['nha mai am', 'home'],
    ['mai am', 'home'],
    ['can nha', 'home'],
    ['ngoi nha', 'home'],
    ['luot', 'event'],
    ['cuoc', 'event'],
    ['hoi nghi', 'event'],
    ['lop', 'event'],
    ['suat', 'event'],
    ['sang kien', 'event'],
    ['mo hinh', 'event'],
    ['tap the', 'event'],
    ['hoat dong', 'event'],
    ['ho so', 'event'],
  ] as [string, Population][]
)
  .map(([phrase, population]): [string[], Population] => [phrase.split(' '), population])
  .sort((a, b) => b[0].length - a[0].length);

/** Words between a value and its head ("85% trở lên số", "ít nhất 01 người"). */
const FILLERS = new Set([
  '%',
  'so',
  'tong',
  'cac',
  'nhung',
  'trong',
  'tren',
  'hon',
  'it',
  'nhat',
  'toi',
  'thieu',
  'khoang',
  'nguoi',
  'tro',
  'len',
  'xuong',
  'ca',
  'toan',
  'bo',
]);
const NUMBER_WORDS = new Set(['mot', 'hai', 'ba', 'bon', 'bay', 'tam', 'chin', 'muoi', 'tram']);

function populationAt(tokens: string[], at: number): { population: Population; end: number } | null {
  for (const [phrase, population] of POPULATIONS) {
    if (phrase.every((w, k) => tokens[at + k] === w)) return { population, end: at + phrase.length };
  }
  return null;
}

/** The head after position `from`: skips fillers; null at a clause end, 'unknown' at another word. */
function headAfter(tokens: string[], from: number): { population: Population; start: number; end: number } | 'unknown' | null {
  for (let i = from; i < tokens.length; i++) {
    const found = populationAt(tokens, i);
    if (found) return { ...found, start: i };
    const t = tokens[i]!;
    if (t === ';' || t === ',' || t === '#' || t === 'Y') return null;
    if (!FILLERS.has(t)) return 'unknown';
  }
  return null;
}

const ORG_BEFORE_CONDITION = new Set(['nghiep', 'vi', 'quan', 'so', 'ty', 'xa', 'doan']);

/** "doanh nghiệp có (từ) 25 lao động (trở lên)": a size condition, not the value. */
function isCondition(tokens: string[], i: number): boolean {
  if (tokens[i + 1] === '%') return false;
  const next = headAfter(tokens, i + 1);
  if (!next || next === 'unknown' || (next.population !== 'worker' && next.population !== 'member')) return false;
  let j = i - 1;
  if (['tu', 'tren', 'duoi'].includes(tokens[j] ?? '')) j--;
  return tokens[j] === 'co' && ORG_BEFORE_CONDITION.has(tokens[j - 1] ?? '');
}

const LABEL_WORDS = new Set(['tieu', 'muc', 'dieu', 'khoan', 'diem', 'phan', 'nhom']);

/** "1. …", "Chỉ tiêu 2: …": a list label, not a value. */
function isLabel(tokens: string[], i: number): boolean {
  const prev = tokens[i - 1];
  return (tokens[i + 1] === ';' || tokens[i + 1] === ',') && (prev === undefined || prev === ';' || LABEL_WORDS.has(prev));
}

/**
 * The text ends on an employer-size condition with nothing said after it ("100% doanh nghiệp
 * có từ 25 lao động trở lên"): the threshold that defines the share of employers with a union.
 */
function endsOnSizeCondition(tokens: string[]): boolean {
  const words = tokens.filter((t) => t !== ';' && t !== ',');
  const at = words.lastIndexOf('#');
  if (at < 0 || !isCondition(words, at)) return false;
  const rest = words.slice(at + 1).join(' ');
  return /^(nguoi lao dong|cong nhan lao dong|cong nhan|lao dong)( tro len)?$/.test(rest);
}

/** Index of the value token: the first number that is neither a year, a label nor a size condition. */
function valueIndex(tokens: string[], unit: SuggestionUnit): number {
  const candidates: number[] = [];
  tokens.forEach((t, i) => {
    if (t === '#' && !isCondition(tokens, i) && !isLabel(tokens, i)) candidates.push(i);
    else if (NUMBER_WORDS.has(t)) {
      const h = headAfter(tokens, i + 1);
      if (h && h !== 'unknown' && h.start === i + 1) candidates.push(i);
    }
  });
  if (candidates.length === 0) return -1;
  const wantsPercent = unit === 'percent';
  return candidates.find((i) => (tokens[i + 1] === '%') === wantsPercent) ?? candidates[0]!;
}

interface Head {
  population: Population | null;
  start: number;
  end: number;
}

/** Words that qualify a value without being its verb ("có trên", "đạt ít nhất", "từ … trở lên"). */
const QUANTITY_WORDS = new Set(['tren', 'hon', 'it', 'nhat', 'toi', 'thieu', 'tu', 'khoang', 'gan', 'ca', 'duoc']);
/** Verbs that make a value a level held or reached (or units set up), not people an action is done for. */
const LEVEL_LEADS = [
  ' co',
  ' dat',
  ' la',
  ' len',
  ' voi',
  ' phan dau',
  ' quan ly',
  ' duy tri',
  ' on dinh',
  ' thanh lap',
  ' thanh lap moi',
  ' xay dung moi',
];

/**
 * A stock's value is held: "có / đạt / là / nâng … lên / phấn đấu N", a value opening its clause,
 * or no value at all (a bare subject) — not "hỗ trợ / tặng quà / giới thiệu việc làm cho N đoàn viên".
 */
function isLevelValue(tokens: string[], unit: SuggestionUnit): boolean {
  const v = valueIndex(tokens, unit);
  if (v < 0) return true;
  let i = v - 1;
  while (i >= 0 && QUANTITY_WORDS.has(tokens[i]!)) i--;
  if (i < 0 || tokens[i] === ';' || tokens[i] === ',' || tokens[i] === 'Y') return true;
  const before = ` ${tokens.slice(Math.max(0, i - 2), i + 1).join(' ')}`;
  return LEVEL_LEADS.some((lead) => before.endsWith(lead));
}

function readHead(tokens: string[], unit: SuggestionUnit): Head {
  const none: Head = { population: null, start: -1, end: -1 };
  const v = valueIndex(tokens, unit);
  if (v >= 0) {
    const after = headAfter(tokens, v + 1);
    if (after === 'unknown') return none;
    if (after) return after;
  }
  // "tỷ lệ A trên (tổng số) B": B is what the share is of; else A.
  const rate = tokens.findIndex((t, i) => t === 'ty' && tokens[i + 1] === 'le');
  if (rate >= 0) {
    for (let i = rate + 2; i < tokens.length && tokens[i] !== ';'; i++) {
      if (tokens[i] === 'tren' || (tokens[i] === 'so' && tokens[i - 1] === 'voi')) {
        const denominator = headAfter(tokens, i + 1);
        if (denominator && denominator !== 'unknown') return denominator;
      }
    }
    const first = headAfter(tokens, rate + 2);
    return first && first !== 'unknown' ? first : none;
  }
  for (let i = 0; i < tokens.length; i++) {
    const found = populationAt(tokens, i);
    if (found) return { ...found, start: i };
  }
  return none;
}

// ---------------------------------------------------------------------------------------------
// 3. Features

// Not a bare "ky": folded, "ký" (signs) is also "kỳ" (nhiệm kỳ, định kỳ).
const PREDICATES = [
  'duoc',
  'tham gia',
  'dat',
  'nhan',
  'hoc',
  'ky ket',
  'ky duoc',
  'to chuc',
  'thuc hien',
  'hoan thanh',
  'xep loai',
  'dong',
  'vi pham',
  'tiep can',
  'huong',
  'kho khan',
  'hoan canh',
  'dang ky',
  'thi',
  'bi',
  'mat viec',
  'nghi viec',
  'xay dung',
  'khoi kien',
  'co ban',
  'co thoa uoc',
  'gioi thieu',
  'tap huan',
  'boi duong',
  'dao tao',
];
const SUBGROUPS = ['nu', 'uu tu', 'thanh nien', 'tre', 'lao dong nu'];
/** Words of the value phrase itself, dropped from the end of what follows a head ("… đạt trên"). */
const VALUE_WORDS = new Set([
  'dat',
  'tren',
  'tu',
  'it',
  'nhat',
  'hon',
  'khoang',
  'toi',
  'thieu',
  'la',
  'co',
  'len',
  'tong',
  'so',
  'muc',
  'duy',
  'tri',
  'quan',
  'ly',
  'nang',
]);

/** The words after the head, up to the clause's end or the value. */
function afterHead(tokens: string[], head: Head): string {
  if (head.end < 0) return '';
  const words: string[] = [];
  for (let i = head.end; i < tokens.length && words.length < 10; i++) {
    const t = tokens[i]!;
    if (t === ';' || t === ',' || t === '#' || t === 'Y') break;
    words.push(t);
  }
  while (words.length && VALUE_WORDS.has(words[words.length - 1]!)) words.pop();
  return ` ${words.join(' ')} `;
}

const FEATURE_PATTERNS: Partial<Record<Feature, RegExp>> = {
  admission: new RegExp(
    [
      ' (ket nap|phat trien|thu hut|tang|tap hop|van dong)( (moi|them|duoc|it nhat|toi thieu|tren|hon|tu|khoang|tong|so|tro len|#|%|dat|cho|duoc))* (doan vien|nguoi lao dong|cong nhan|lao dong|cnvcld)',
      ' doan vien( cong doan)? (moi(?! nam)|duoc ket nap|ket nap)',
      ' ket nap moi ',
      ' phat trien (moi|them) ',
      ' gia nhap (to chuc )?cong doan ',
    ].join('|'),
  ),
  party: / (cho|vao|ket nap|cua|to chuc|cap uy) dang | dang vien | dang (bo|uy) | chi bo /,
  memberOverWorker: / doan vien( cong doan)? (tren|so voi) (tong )?(so )?(nguoi lao dong|cong nhan|lao dong)/,
  agreement: / thoa uoc /,
  quality: / loai [abcd] | xep loai | chat luong | dat loai /,
  better: / co loi hon | (cao|tot) hon (so voi )?(quy dinh|muc|phap luat|luat) | vuot (so voi )?quy dinh /,
  lawsuit: / khoi kien | toa an | vu an | to tung /,
  dispute: / tranh chap | ngung viec | dinh cong /,
  support:
    / ho tro | dai dien | tro giup | bao ve | tham gia (giai quyet|to tung|dai dien) | su tham gia | cong doan tham gia | giai quyet | tu van | huong dan /,
  collect:
    / (thu|dong|nop|truy thu)( duoc| du| day du)? (kinh phi cong doan|doan phi) | (kinh phi cong doan|doan phi)( cong doan)? (thu|dong|nop|da thu|phai thu)| ty le thu /,
  trainedStatus: / qua dao tao | co bang | chung chi /,
  meeting: / hoi nghi | doi thoai | dai hoi /,
  finInspection: / (tu )?kiem tra( va)?( giam sat)?( cong tac)? tai chinh | giam sat tai chinh /,
};

/** Topics the catalogue does not measure; as a predicate they make a condition-like cue yield. */
const OTHER_TOPICS =
  / hoi nghi | doi thoai | dai hoi | tap huan | thi dua | (tang|trao|suat) qua | tro cap | tham hoi | kham | chuyen doi so | trang thong tin | sang kien | an toan | bao hiem | nha o | khen thuong /;

interface Reading {
  /** Folded words with commas dropped, padded with spaces. */
  flat: string;
  head: Head;
  features: Set<Feature>;
  sector: 'state' | 'nonstate' | null;
}

function sectorOf(flat: string): 'state' | 'nonstate' | null {
  if (/ ngoai (khu vuc )?nha nuoc | fdi | (von )?(dau tu )?nuoc ngoai | tu nhan | dan doanh | ngoai quoc doanh /.test(flat))
    return 'nonstate';
  if (
    / nha nuoc | hanh chinh | su nghiep | cong lap | co quan | truong hoc | benh vien | cong chuc | vien chuc | luc luong vu trang /.test(
      flat,
    )
  )
    return 'state';
  if (/ doanh nghiep | khu cong nghiep | khu che xuat | khu kinh te /.test(flat)) return 'nonstate';
  return null;
}

export function readSubject(text: string, unit: SuggestionUnit): Reading {
  const tokens = normalTokens(text);
  const flat = ` ${tokens.filter((t) => t !== ',').join(' ')} `;
  const head = readHead(tokens, unit);
  const features = new Set<Feature>();
  for (const [feature, pattern] of Object.entries(FEATURE_PATTERNS) as [Feature, RegExp][]) if (pattern.test(flat)) features.add(feature);
  if (/ gioi thieu /.test(flat) && (features.has('party') || / uu tu /.test(flat))) features.add('partyIntro');
  const tail = afterHead(tokens, head);
  if (PREDICATES.some((p) => tail.includes(` ${p} `))) features.add('predicate');
  if (SUBGROUPS.some((p) => tail.includes(` ${p} `))) features.add('subgroup');
  if (isLevelValue(tokens, unit)) features.add('levelValue');
  if (head.population === 'employer' && endsOnSizeCondition(tokens)) features.add('sizeOnly');
  return { flat, head, features, sector: sectorOf(flat) };
}

// ---------------------------------------------------------------------------------------------
// 4. Ranking

const COMPATIBLE: Record<SuggestionUnit, readonly string[]> = { count: ['count', 'ratio'], percent: ['percent'], money: ['money'] };

interface Scored {
  indicator: IndicatorDef;
  score: number;
  order: number;
}

/** Where the last occurrence of any of the phrases ends in `flat`, or -1. */
function lastEnd(flat: string, phrases: string[]): number {
  return Math.max(
    -1,
    ...phrases.map((p) => {
      const at = flat.lastIndexOf(` ${p} `);
      return at < 0 ? -1 : at + p.length + 1;
    }),
  );
}

/**
 * Indicators for `text` (a target's quote or subject), best first; empty when none fits.
 * `context`, the rest of the target's sentence, is read only when the text itself names no
 * topic — coordinated targets share their predicate ("80% CĐCS khu vực nhà nước và 65% CĐCS
 * ngoài khu vực nhà nước đạt loại hoàn thành tốt nhiệm vụ") — and then only for the topic:
 * head, sector and what follows the head stay those of the target's own words.
 */
export function rankIndicators(indicators: IndicatorDef[], text: string, unit: SuggestionUnit, context = ''): IndicatorDef[] {
  const own = readSubject(text, unit);
  const ranked = rankReading(indicators, own, unit);
  if (ranked.length > 0 || !context.trim()) return ranked;
  const shared = readSubject(`${text} ; ${context}`, unit);
  const kept: Feature[] = ['predicate', 'subgroup', 'levelValue'];
  const features = new Set([...shared.features].filter((f) => !kept.includes(f)));
  for (const f of kept) if (own.features.has(f)) features.add(f);
  return rankReading(indicators, { ...own, flat: shared.flat, features }, unit);
}

function rankReading(indicators: IndicatorDef[], reading: Reading, unit: SuggestionUnit): IndicatorDef[] {
  const { flat, head, features } = reading;
  const scored: Scored[] = [];
  indicators.forEach((indicator, order) => {
    if (!COMPATIBLE[unit].includes(indicator.unit)) return;
    const profile: Profile = SUGGESTION_PROFILES[indicator.code] ?? { heads: 'any', headless: true };
    if (profile.requires?.some((f) => !features.has(f))) return;
    if (profile.forbids?.some((f) => features.has(f))) return;
    const headKnown = head.population !== null;
    const headFits = profile.heads === 'any' || (headKnown && profile.heads.includes(head.population!));
    if (!headFits && (headKnown || !profile.headless)) return;
    if (profile.headIsTopic && !(headKnown && headFits)) return;
    const matched = indicator.keywords.filter((k) => flat.includes(` ${k} `));
    const featureCues = [...(profile.cues ?? []), ...(profile.requires ?? [])].filter((f) => features.has(f));
    if (!profile.headIsTopic && matched.length === 0 && featureCues.length === 0) return;
    if (profile.conditionLike && matched.length > 0) {
      const rest = flat.slice(lastEnd(flat, matched));
      const otherTopics = indicators.filter((o) => o !== indicator).flatMap((o) => o.keywords.filter((k) => k.split(' ').length > 1));
      if (OTHER_TOPICS.test(rest) || otherTopics.some((k) => rest.includes(` ${k} `) && !matched.some((m) => m.includes(k)))) return;
    }
    if (indicator.sectorGroup && reading.sector && indicator.sectorGroup !== reading.sector) return;
    const longest = Math.max(0, ...matched.map((k) => k.split(' ').length));
    let score = longest + 0.5 * Math.max(0, matched.length - 1) + 2 * featureCues.length;
    if (headKnown && headFits) score += 3;
    if (profile.headIsTopic) score += 2;
    if (indicator.sectorGroup && indicator.sectorGroup === reading.sector) score += 1;
    scored.push({ indicator, score, order });
  });
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((s) => s.indicator);
}
