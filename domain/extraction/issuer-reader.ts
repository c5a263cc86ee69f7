// Who issued the document. Real headers ("LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH PHƯỚC / BAN CHẤP HÀNH")
// are often lost in conversion, so the body is read too: "…, Ban Thường vụ Tỉnh ủy xây dựng kế
// hoạch…", "Trên đây là Kế hoạch … của Ban Thường vụ Liên đoàn Lao động huyện".
import type { Layout } from './document-layout.ts';
import type { TextField } from './extraction-types.ts';

const ORG_HEAD = '(?:ban chap hanh|ban thuong vu|ban thuong truc|thuong truc|dang doan|ban can su|ban bi thu|bo chinh tri|doan chu tich|uy ban nhan dan|ubnd|tinh uy|huyen uy|thanh uy|quan uy|dang uy|lien doan lao dong|ldld|cong doan|hoi lien hiep phu nu|hoi|tinh doan|huyen doan|thanh doan|doan thanh nien|ban chi dao|so|ban)';
const ADMIN = /(?:^|\s)(tinh|huyen|thanh pho|thi xa|quan|xa|phuong|dac khu|tinh uy|huyen uy|thanh uy)$/;

const ABBREVIATIONS: [RegExp, string][] = [
  [/LĐLĐ/g, 'Liên đoàn Lao động'],
  [/\bTLĐ\b/g, 'Tổng Liên đoàn'],
  [/BCH/g, 'Ban Chấp hành'],
  [/BTV/g, 'Ban Thường vụ'],
];

export function readIssuer(layout: Layout, place: string | null): TextField | null {
  const found = fromHeader(layout) ?? fromPreamble(layout) ?? fromClosing(layout);
  if (!found) return null;
  let value = found.value;
  for (const [re, full] of ABBREVIATIONS) value = value.replace(re, full);
  value = completeWithPlace(layout, value, place);
  return { ...found, value };
}

function fromHeader(layout: Layout): TextField | null {
  const { text, paragraphs, bodyStart } = layout;
  const header = paragraphs.slice(0, Math.min(bodyStart, 8));
  const lines: { start: number; end: number; value: string }[] = [];
  for (const p of header) {
    const value = text.slice(p.contentStart, p.contentEnd).trim();
    const letters = value.replace(/[^\p{L}]/gu, '');
    if (letters.length < 4 || letters !== letters.toUpperCase()) continue;
    if (/CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|ĐẢNG CỘNG SẢN|^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|NGHỊ QUYẾT|CHỈ THỊ|QUYẾT ĐỊNH|HƯỚNG DẪN|BÁO CÁO|THÔNG BÁO|ĐỀ ÁN|KẾT LUẬN)/u.test(value)) continue;
    if (!/(LIÊN ĐOÀN|CÔNG ĐOÀN|ỦY|UỶ|ĐẢNG|BAN |HỘI|ĐOÀN|SỞ|BỘ)/u.test(value)) continue;
    lines.push({ start: p.contentStart, end: p.contentEnd, value });
  }
  const last = lines[lines.length - 1];
  if (!last) return null;
  const previous = lines[lines.length - 2];
  const isBody = /^BAN (?:CHẤP HÀNH|THƯỜNG VỤ)|^ĐẢNG ĐOÀN|^THƯỜNG TRỰC/u.test(last.value);
  const value = isBody && previous ? `${titleCaseOrg(last.value)} ${titleCaseOrg(previous.value)}` : titleCaseOrg(last.value);
  return { start: isBody && previous ? previous.start : last.start, end: last.end, value };
}

function fromPreamble(layout: Layout): TextField | null {
  const { text, folded, paragraphs, bodyStart } = layout;
  const re = new RegExp(`${ORG_HEAD}(?:[^,.;:()]{0,80}?)\\s+(?=(?:xay dung|ban hanh|de ra|trien khai xay dung)\\s+(?:ke hoach|chuong trinh|nghi quyet|huong dan|de an|quy che))`, 'g');
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
  const folded = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const admin = ADMIN.exec(folded.trim());
  if (!admin) return value;
  const unit = (admin[1] as string).replace(/ uy$/, '');
  const named = mostFrequentName(layout.text, unit);
  const name = named ?? (place && !/^(?:huyện|tỉnh|thành phố|xã|phường)\s/iu.test(place) ? place : null);
  return name ? `${value} ${name}` : value;
}

const UNIT_WORDS: Record<string, string> = {
  tinh: 'tỉnh', huyen: 'huyện', 'thanh pho': 'thành phố', 'thi xa': 'thị xã', quan: 'quận', xa: 'xã', phuong: 'phường', 'dac khu': 'đặc khu',
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
  for (const [name, count] of counts) if (count > bestCount) { best = name; bestCount = count; }
  return best;
}

const ORG_CASE: [RegExp, string | ((m: string, a: string) => string)][] = [
  [/tổng liên đoàn lao động việt nam/g, 'Tổng Liên đoàn Lao động Việt Nam'],
  [/liên đoàn lao động/g, 'Liên đoàn Lao động'],
  [/ban chấp hành/g, 'Ban Chấp hành'],
  [/ban thường vụ/g, 'Ban Thường vụ'],
  [/công đoàn/g, 'Công đoàn'],
  [/hội liên hiệp phụ nữ/g, 'Hội Liên hiệp Phụ nữ'],
  [/^(tỉnh|thành|huyện) đoàn/g, (_m: string, a: string) => `${a.charAt(0).toUpperCase()}${a.slice(1)} đoàn`],
  [/đảng đoàn/g, 'Đảng đoàn'],
];

/** "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH PHƯỚC" → "Liên đoàn Lao động tỉnh Bình Phước". */
export function titleCaseOrg(upper: string): string {
  let s = upper.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [re, rep] of ORG_CASE) s = typeof rep === 'string' ? s.replace(re, rep) : s.replace(re, rep);
  s = s.replace(/(tỉnh|huyện|thành|đảng) (ủy|uỷ)/gu, (_m, a: string, b: string) => `${a.charAt(0).toUpperCase()}${a.slice(1)} ${b}`);
  // Proper names follow the administrative unit word.
  s = s.replace(/(tỉnh|huyện|thành phố|thị xã|quận|xã|phường|khu công nghiệp|Tỉnh ủy|Huyện ủy|Thành ủy|Tỉnh đoàn|Huyện đoàn|Thành đoàn)\s+(.+)$/u, (_m, unit: string, name: string) =>
    `${unit} ${name.replace(/(^|\s)(\p{Ll})/gu, (_x: string, sp: string, c: string) => sp + c.toUpperCase())}`);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
