// Who issued the document. The header names it (left column: "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH
// PHƯỚC / BAN CHẤP HÀNH", "ĐẢNG BỘ TỈNH … / HUYỆN ỦY …", "HỘI LHPN TỈNH …"); headers are often
// lost in conversion, so the body of an issued document is read too: "…, Ban Thường vụ Tỉnh ủy
// xây dựng kế hoạch…", "Trên đây là Kế hoạch … của Ban Thường vụ Liên đoàn Lao động huyện". A
// text without the anatomy of an issued document (a news write-up) names no issuer of its own:
// the organisation in its first sentence is the one it reports on.
import type { Layout } from './document-layout.ts';
import type { TextField } from './extraction-types.ts';
import { readHeaderBlock, type HeaderPiece } from './metadata-extractor.ts';

const ORG_HEAD =
  '(?:ban chap hanh|ban thuong vu|ban thuong truc|thuong truc|dang doan|ban can su|ban bi thu|bo chinh tri|doan chu tich|uy ban nhan dan|ubnd|tinh uy|huyen uy|thanh uy|quan uy|dang uy|lien doan lao dong|ldld|cong doan|hoi lien hiep phu nu|hoi|tinh doan|huyen doan|thanh doan|doan thanh nien|ban chi dao|so|ban)';
const ADMIN = /(?:^|\s)(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|đặc khu)(?:\s+(?:ủy|uỷ))?$/u;

const ABBREVIATIONS: [RegExp, string][] = [
  [/LĐLĐ/g, 'Liên đoàn Lao động'],
  [/\bTLĐ\b/g, 'Tổng Liên đoàn'],
  [/BCH/g, 'Ban Chấp hành'],
  [/BTV/g, 'Ban Thường vụ'],
];

export function readIssuer(layout: Layout, place: string | null): TextField | null {
  const block = readHeaderBlock(layout);
  if (!block.isDocument) return null;
  const found = fromHeader(block.pieces, block.signingBody) ?? fromPreamble(layout) ?? fromClosing(layout);
  if (!found) return null;
  let value = found.value;
  for (const [re, full] of ABBREVIATIONS) value = value.replace(re, full);
  value = completeWithPlace(layout, value, place);
  return { ...found, value };
}

// Header lines in capitals that name an organisation or one of its bodies.
const ORG_START =
  /^(?:tong lien doan|lien doan|ldld|tld|cong doan|cd|cdcs|dang bo|dang uy|dang doan|chi bo|tinh uy|huyen uy|thanh uy|quan uy|thi uy|uy ban|ubnd|hdnd|hoi dong|hoi|hlhpn|lhpn|tinh doan|huyen doan|thanh doan|quan doan|thi doan|doan|chi doan|ban|bch|btv|so|bo|mat tran|mttq|truong|khoi|cong ty|tap doan|tong cong ty|vien|thuong truc|van phong|nghiep doan)(?![a-z])/;
const BODY_ONLY = /^(?:ban chap hanh|bch|ban thuong vu|btv|ban thuong truc|thuong truc|doan chu tich|ban can su dang)$/;
// A name broken over two header lines: "LIÊN ĐOÀN LAO ĐỘNG" / "TỈNH BÌNH PHƯỚC".
const CONTINUATION =
  /^(?:tinh|huyen|thanh pho|tp|quan|thi xa|tx|xa|phuong|dac khu|khu cong nghiep|kcn|nganh|viet nam|cac|co quan)(?![a-z])/;
const NOT_AN_ISSUER = /^(?:du thao|mat|toi mat|khan|hoa toc|thuong khan|v\/v|so)(?![a-z])/;

function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/**
 * The lowest organisation of the header's left column, with the body that issues for it: the
 * header's own body line ("BAN CHẤP HÀNH"), else the body that signs ("T/M BAN THƯỜNG VỤ").
 */
function fromHeader(pieces: readonly HeaderPiece[], signingBody: string | null): TextField | null {
  const orgs: { start: number; end: number; value: string }[] = [];
  let body: { start: number; end: number; value: string } | null = null;
  let lastWasOrg = false;
  for (const piece of pieces) {
    const f = fold(piece.value).replace(/\s+/g, ' ').trim();
    if (piece.value.length > 120 || NOT_AN_ISSUER.test(f)) {
      lastWasOrg = false;
      continue;
    }
    if (BODY_ONLY.test(f)) {
      body = { ...piece };
      lastWasOrg = false;
      continue;
    }
    if (ORG_START.test(f)) {
      orgs.push({ ...piece });
      lastWasOrg = true;
      continue;
    }
    const previous = orgs[orgs.length - 1];
    if (lastWasOrg && previous && CONTINUATION.test(f)) {
      previous.value = `${previous.value} ${piece.value}`;
      previous.end = piece.end;
      continue;
    }
    lastWasOrg = false;
  }
  let org = orgs[orgs.length - 1];
  if (!org) return null;
  // A department under the organisation above it: "TỈNH ỦY …" / "BAN TUYÊN GIÁO".
  const parent = orgs[orgs.length - 2];
  if (parent && DEPARTMENT.test(fold(org.value)) && !BODY_ONLY.test(fold(org.value))) {
    org = { start: parent.start, end: org.end, value: `${departmentName(org.value)} ${titleCaseOrg(expandCapitals(parent.value))}` };
    return { start: org.start, end: org.end, value: org.value };
  }
  const orgName = titleCaseOrg(expandCapitals(org.value));
  if (/^(?:Ban|Đảng đoàn|Đoàn Chủ tịch|Thường trực)\s/u.test(orgName)) return { start: org.start, end: org.end, value: orgName };
  if (body) {
    return {
      start: Math.min(body.start, org.start),
      end: Math.max(body.end, org.end),
      value: `${titleCaseOrg(expandCapitals(body.value))} ${orgName}`,
    };
  }
  if (signingBody && BODY_ONLY.test(fold(signingBody).replace(/\s+/g, ' ').trim())) {
    return { start: org.start, end: org.end, value: `${titleCaseOrg(expandCapitals(signingBody.toUpperCase()))} ${orgName}` };
  }
  return { start: org.start, end: org.end, value: orgName };
}

const DEPARTMENT = /^(?:ban |van phong|uy ban kiem tra)/;

/** "BAN TUYÊN GIÁO - NỮ CÔNG" → "Ban Tuyên giáo - Nữ công". */
function departmentName(upper: string): string {
  const lower = expandCapitals(upper).toLowerCase().replace(/\s+/g, ' ').trim();
  const named = lower.replace(/^(ban|văn phòng|ủy ban kiểm tra|uỷ ban kiểm tra)(?: (\p{L}))?/u, (_m, head: string, c?: string) =>
    c ? `${head} ${c.toUpperCase()}` : head,
  );
  const joined = named.replace(/ - (\p{L})/gu, (_m, c: string) => ` - ${c.toUpperCase()}`);
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

const CAPITAL_ABBREVIATIONS: [RegExp, string][] = [
  [/(?<!\p{L})TỔNG LĐLĐ(?!\p{L})/gu, 'TỔNG LIÊN ĐOÀN LAO ĐỘNG'],
  [/(?<!\p{L})LĐLĐ(?!\p{L})/gu, 'LIÊN ĐOÀN LAO ĐỘNG'],
  [/(?<!\p{L})TLĐ(?!\p{L})/gu, 'TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM'],
  [/(?<!\p{L})BCH(?!\p{L})/gu, 'BAN CHẤP HÀNH'],
  [/(?<!\p{L})BTV(?!\p{L})/gu, 'BAN THƯỜNG VỤ'],
  [/(?<!\p{L})UBND(?!\p{L})/gu, 'ỦY BAN NHÂN DÂN'],
  [/(?<!\p{L})HĐND(?!\p{L})/gu, 'HỘI ĐỒNG NHÂN DÂN'],
  [/(?<!\p{L})HLHPN(?!\p{L})/gu, 'HỘI LIÊN HIỆP PHỤ NỮ'],
  [/(?<!\p{L})LHPN(?!\p{L})/gu, 'LIÊN HIỆP PHỤ NỮ'],
  [/(?<!\p{L})TNCS(?!\p{L})/gu, 'THANH NIÊN CỘNG SẢN'],
  [/(?<!\p{L})MTTQ(?!\p{L})/gu, 'MẶT TRẬN TỔ QUỐC'],
  [/(?<!\p{L})CĐCS(?!\p{L})/gu, 'CÔNG ĐOÀN CƠ SỞ'],
  [/(?<!\p{L})CĐ(?!\p{L})/gu, 'CÔNG ĐOÀN'],
  [/(?<!\p{L})KCN(?!\p{L})/gu, 'KHU CÔNG NGHIỆP'],
  [/(?<!\p{L})TP\.?(?=\s)/gu, 'THÀNH PHỐ'],
  [/(?<!\p{L})TX\.?(?=\s)/gu, 'THỊ XÃ'],
];

function expandCapitals(upper: string): string {
  let s = upper;
  for (const [re, full] of CAPITAL_ABBREVIATIONS) s = s.replace(re, full);
  return s;
}

function fromPreamble(layout: Layout): TextField | null {
  const { text, folded, paragraphs, bodyStart } = layout;
  const re = new RegExp(
    `${ORG_HEAD}(?:[^,.;:()]{0,80}?)\\s+(?=(?:xay dung|ban hanh|de ra|trien khai xay dung)\\s+(?:ke hoach|chuong trinh|nghi quyet|huong dan|de an|quy che))`,
    'g',
  );
  for (const p of paragraphs.slice(0, bodyStart)) {
    const slice = folded.slice(p.contentStart, p.contentEnd);
    let best: RegExpExecArray | null = null;
    for (let m = re.exec(slice); m; m = re.exec(slice)) best = m;
    re.lastIndex = 0;
    if (!best) continue;
    const start = p.contentStart + best.index;
    const end = start + best[0].trimEnd().length;
    return { start, end, value: text.slice(start, end).trim() };
  }
  return null;
}

function fromClosing(layout: Layout): TextField | null {
  const { text, folded } = layout;
  const at = folded.lastIndexOf('tren day la');
  if (at < 0) return null;
  const sentenceEnd = folded.indexOf('\n', at);
  const sentence = folded.slice(at, sentenceEnd < 0 ? undefined : sentenceEnd);
  const re = new RegExp(`cua\\s+(${ORG_HEAD}[^,.;:()]{0,80}?)(?=\\s*(?:\\.\\/\\.|\\.|,|;|\\s+thuc hien|\\s+ve|\\s+nhiem ky|$))`, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) last = m;
  if (!last || last[1] === undefined) return null;
  const start = at + last.index + last[0].length - last[1].length;
  const end = start + last[1].length;
  return { start, end, value: text.slice(start, end).trim() };
}

/** "Ban Chấp hành Liên đoàn Lao động tỉnh" + "Bình Phước" when the name was left implicit. */
function completeWithPlace(layout: Layout, value: string, place: string | null): string {
  // The unit word itself, not a name that folds like one ("… tỉnh Hà Tĩnh").
  const admin = ADMIN.exec(value.toLowerCase().trim());
  if (!admin) return value;
  const unit = fold(admin[1] as string);
  const named = mostFrequentName(layout.text, unit);
  const name = named ?? (place && !/^(?:huyện|tỉnh|thành phố|xã|phường)\s/iu.test(place) ? place : null);
  return name ? `${value} ${name}` : value;
}

const UNIT_WORDS: Record<string, string> = {
  tinh: 'tỉnh',
  huyen: 'huyện',
  'thanh pho': 'thành phố',
  'thi xa': 'thị xã',
  quan: 'quận',
  xa: 'xã',
  phuong: 'phường',
  'dac khu': 'đặc khu',
};

function mostFrequentName(text: string, unit: string): string | null {
  const word = UNIT_WORDS[unit];
  if (!word) return null;
  const re = new RegExp(`(?<![\\p{L}])${word}\\s+((?:\\p{Lu}[\\p{Ll}]*)(?:\\s+\\p{Lu}[\\p{Ll}]*){0,3})`, 'gu');
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const name = (m[1] as string).replace(/\s+(?:Về|Và|Trong|Theo|Nhiệm|Giai)\b.*$/u, '');
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [name, count] of counts)
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  return best;
}

const ORG_CASE: [RegExp, string | ((m: string, a: string) => string)][] = [
  [/tổng liên đoàn lao động việt nam/g, 'Tổng Liên đoàn Lao động Việt Nam'],
  [/liên đoàn lao động/g, 'Liên đoàn Lao động'],
  [/ban chấp hành/g, 'Ban Chấp hành'],
  [/ban thường vụ/g, 'Ban Thường vụ'],
  [/ban thường trực/g, 'Ban Thường trực'],
  [/đoàn chủ tịch/g, 'Đoàn Chủ tịch'],
  [/công đoàn/g, 'Công đoàn'],
  [/hội liên hiệp phụ nữ/g, 'Hội Liên hiệp Phụ nữ'],
  [/liên hiệp phụ nữ/g, 'Liên hiệp Phụ nữ'],
  [/thanh niên cộng sản hồ chí minh/g, 'Thanh niên Cộng sản Hồ Chí Minh'],
  [/mặt trận tổ quốc/g, 'Mặt trận Tổ quốc'],
  [/việt nam/g, 'Việt Nam'],
  // The youth union: "Ban Chấp hành Đoàn tỉnh …", "Đoàn trường …", "Chi đoàn …".
  [
    /(?<!(?:công|Công|liên|Liên|tổng|Tổng|chi|Chi|tỉnh|huyện|thành|quận|thị|đảng|Đảng|nghiệp|Nghiệp) )(?<!\p{L})đoàn(?= (?:tỉnh|huyện|thành phố|quận|thị xã|xã|phường|trường|khối|thanh niên|tncs|cơ sở)(?!\p{L}))/gu,
    'Đoàn',
  ],
  [/^chi đoàn/g, 'Chi đoàn'],
  [/^(tỉnh|thành|huyện|quận|thị) đoàn/g, (_m: string, a: string) => `${a.charAt(0).toUpperCase()}${a.slice(1)} đoàn`],
  [/đảng đoàn/g, 'Đảng đoàn'],
];

/** "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH PHƯỚC" → "Liên đoàn Lao động tỉnh Bình Phước". */
export function titleCaseOrg(upper: string): string {
  let s = upper.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [re, rep] of ORG_CASE) s = typeof rep === 'string' ? s.replace(re, rep) : s.replace(re, rep);
  s = s.replace(
    /(?<!\p{L})(tỉnh|huyện|thành|quận|thị|đảng) (ủy|uỷ)/gu,
    (_m, a: string, b: string) => `${a.charAt(0).toUpperCase()}${a.slice(1)} ${b}`,
  );
  // Proper names follow the administrative unit word.
  s = s.replace(
    /(?<!\p{L})(tỉnh|huyện|thành phố|thị xã|thị trấn|quận|xã|phường|đặc khu|khu công nghiệp|Tỉnh ủy|Huyện ủy|Thành ủy|Quận ủy|Thị ủy|Tỉnh đoàn|Huyện đoàn|Thành đoàn|Quận đoàn|Thị đoàn)\s+(.+)$/u,
    (_m, unit: string, name: string) =>
      `${unit} ${name.replace(/(^|\s|-)(\p{Ll})/gu, (_x: string, sp: string, c: string) => sp + c.toUpperCase())}`,
  );
  // Names of enterprises and institutions: each word capitalised, legal-form abbreviations kept.
  s = s.replace(
    /(?<!\p{L})(?<![Đđ]oàn )(công ty|tổng công ty|tập đoàn|ngân hàng|bệnh viện|nhà máy|xí nghiệp|trường)\s+(.+)$/u,
    (_m, unit: string, name: string) =>
      `${unit.charAt(0).toUpperCase()}${unit.slice(1)} ${name
        .split(' ')
        .map((w) => (ENTERPRISE_ABBREVIATIONS.has(w) ? w.toUpperCase() : w.charAt(0).toUpperCase() + w.slice(1)))
        .join(' ')}`,
  );
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const ENTERPRISE_ABBREVIATIONS = new Set(['tnhh', 'mtv', 'cp', 'tm', 'dv', 'sx', 'xnk', 'xd', 'thpt', 'thcs', 'ptdt', 'vn']);
