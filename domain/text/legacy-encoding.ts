// Detection and conversion of the pre-Unicode Vietnamese encodings still found in old files:
// TCVN3 (ABC, fonts ".VnTime") and VNI (fonts "VNI-Times"). Both were 8-bit font hacks, so the
// text reaches us either as raw bytes or as Latin-1 look-alikes ("Céng hßa", "Coäng hoøa").

export type LegacyEncoding = 'tcvn3' | 'vni';

export const LEGACY_ENCODING_NAMES: Record<LegacyEncoding, string> = {
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI',
};

// TCVN3 code point (as Latin-1) → Unicode letter.
const TCVN3: Record<number, string> = {
  0xa1: 'Ă',
  0xa2: 'Â',
  0xa3: 'Ê',
  0xa4: 'Ô',
  0xa5: 'Ơ',
  0xa6: 'Ư',
  0xa7: 'Đ',
  0xa8: 'ă',
  0xa9: 'â',
  0xaa: 'ê',
  0xab: 'ô',
  0xac: 'ơ',
  0xad: 'ư',
  0xae: 'đ',
  0xb5: 'à',
  0xb6: 'ả',
  0xb7: 'ã',
  0xb8: 'á',
  0xb9: 'ạ',
  0xbb: 'ằ',
  0xbc: 'ẳ',
  0xbd: 'ẵ',
  0xbe: 'ắ',
  0xc6: 'ặ',
  0xc7: 'ầ',
  0xc8: 'ẩ',
  0xc9: 'ẫ',
  0xca: 'ấ',
  0xcb: 'ậ',
  0xcc: 'è',
  0xce: 'ẻ',
  0xcf: 'ẽ',
  0xd0: 'é',
  0xd1: 'ẹ',
  0xd2: 'ề',
  0xd3: 'ể',
  0xd4: 'ễ',
  0xd5: 'ế',
  0xd6: 'ệ',
  0xd7: 'ì',
  0xd8: 'ỉ',
  0xdc: 'ĩ',
  0xdd: 'í',
  0xde: 'ị',
  0xdf: 'ò',
  0xe1: 'ỏ',
  0xe2: 'õ',
  0xe3: 'ó',
  0xe4: 'ọ',
  0xe5: 'ồ',
  0xe6: 'ổ',
  0xe7: 'ỗ',
  0xe8: 'ố',
  0xe9: 'ộ',
  0xea: 'ờ',
  0xeb: 'ở',
  0xec: 'ỡ',
  0xed: 'ớ',
  0xee: 'ợ',
  0xef: 'ù',
  0xf1: 'ủ',
  0xf2: 'ũ',
  0xf3: 'ú',
  0xf4: 'ụ',
  0xf5: 'ừ',
  0xf6: 'ử',
  0xf7: 'ữ',
  0xf8: 'ứ',
  0xf9: 'ự',
  0xfa: 'ỳ',
  0xfb: 'ỷ',
  0xfc: 'ỹ',
  0xfd: 'ý',
  0xfe: 'ỵ',
};

// VNI writes a base letter followed by one mark character; these are the marks.
const VNI_MARKS: Record<string, string> = {
  ù: '\u0301',
  ø: '\u0300',
  û: '\u0309',
  õ: '\u0303',
  ï: '\u0323',
  â: '\u0302',
  á: '\u0302\u0301',
  à: '\u0302\u0300',
  å: '\u0302\u0309',
  ã: '\u0302\u0303',
  ä: '\u0302\u0323',
  ê: '\u0306',
  é: '\u0306\u0301',
  è: '\u0306\u0300',
  ú: '\u0306\u0309',
  ü: '\u0306\u0303',
  ë: '\u0306\u0323',
};
// Letters VNI encodes as one character of their own.
const VNI_SINGLE: Record<string, string> = {
  ñ: 'đ',
  Ñ: 'Đ',
  ô: 'ơ',
  Ô: 'Ơ',
  ö: 'ư',
  Ö: 'Ư',
  ì: 'ì',
  í: 'í',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
  Ì: 'Ì',
  Í: 'Í',
  Æ: 'Ỉ',
  Ó: 'Ĩ',
  Ò: 'Ị',
  Î: 'Ỵ',
};

// Latin-1 letters that Vietnamese Unicode text uses; anything else in U+00A0..U+00FF is suspicious.
const VIETNAMESE_LATIN1 = new Set('àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ');
const VIETNAMESE_EXTENDED = /[ăĂđĐĩĨũŨơƠưƯ\u1ea0-\u1ef9]/g;

// A handful of very frequent Vietnamese syllables: a converted text full of them is Vietnamese.
const COMMON_WORDS =
  /(?:^|[^\p{L}])(của|và|các|công|đoàn|người|lao|động|năm|việt|thực|hiện|những|được|trong|với|cho|tổ|chức|nghị|quyết|cộng|hòa|hoà|độc|lập|tự|do|hạnh|phúc)(?=[^\p{L}]|$)/giu;

export interface LegacyDetection {
  encoding: LegacyEncoding;
  converted: string;
  /** Share (0..1) of words of the converted text that are common Vietnamese syllables. */
  confidence: number;
}

/**
 * Looks for TCVN3 or VNI text dressed up as Latin-1. Returns null for ordinary Unicode
 * Vietnamese (or plain ASCII), otherwise the most plausible legacy encoding with its conversion.
 */
export function detectLegacyEncoding(text: string): LegacyDetection | null {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return null;
  let suspicious = 0;
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 0xa0 && code <= 0xff && !VIETNAMESE_LATIN1.has(ch)) suspicious++;
  }
  const vniPairs = (text.match(/[aeiouyAEIOUYôö][ùøûõïâáàåãäêéèúüë]/g) ?? []).length;
  const modern = (text.match(VIETNAMESE_EXTENDED) ?? []).length;
  // Real Vietnamese Unicode is dense in U+1EA0..U+1EF9 and ă/đ/ơ/ư; legacy text has none of them.
  if (modern > letters * 0.02) return null;
  if (suspicious < 3 && vniPairs < 5) return null;
  const candidates: LegacyDetection[] = [];
  for (const encoding of ['tcvn3', 'vni'] as const) {
    const converted = convertLegacy(text, encoding);
    candidates.push({ encoding, converted, confidence: vietnameseScore(converted) });
  }
  candidates.sort((a, b) => b.confidence - a.confidence);
  const best = candidates[0];
  return best && best.confidence > 0.02 ? best : null;
}

export function convertLegacy(text: string, encoding: LegacyEncoding): string {
  const out = encoding === 'tcvn3' ? convertTcvn3(text) : convertVni(text);
  return restoreUpperCase(out.normalize('NFC'));
}

function convertTcvn3(text: string): string {
  let out = '';
  for (const ch of text) {
    const mapped = TCVN3[ch.charCodeAt(0)];
    out += ch.length === 1 && mapped !== undefined ? mapped : ch;
  }
  return out;
}

function convertVni(text: string): string {
  let out = '';
  let previousBase = '';
  for (const ch of text) {
    const single = VNI_SINGLE[ch];
    const mark = VNI_MARKS[ch] ?? VNI_MARKS[ch.toLowerCase()];
    if (single !== undefined) out += single;
    else if (mark !== undefined && /[aeiouyAEIOUYơưƠƯ]/.test(previousBase)) out += mark;
    else out += ch;
    // The base letter of what was just written (ơ/ư count as vowels that take marks).
    const last = single ?? (mark !== undefined ? previousBase : ch);
    previousBase =
      last.normalize('NFD')[0] === 'o' && last === 'ơ'
        ? 'ơ'
        : last === 'ư' || last === 'ơ' || last === 'Ư' || last === 'Ơ'
          ? last
          : (last.normalize('NFD')[0] ?? '');
  }
  return out;
}

/**
 * Legacy upper-case fonts (".VnTimeH") reuse the lower-case code points, so headings come out
 * in lower case after conversion. A word whose ASCII letters are all upper case is upper-cased.
 */
function restoreUpperCase(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const ascii = line.replace(/[^A-Za-z]/g, '');
      // A heading line whose ASCII letters are all capitals was typed in a capitals font.
      if (ascii.length >= 4 && ascii === ascii.toUpperCase()) return line.toUpperCase();
      return line.replace(/\p{L}+/gu, (word) => {
        const letters = word.replace(/[^A-Za-z]/g, '');
        return letters.length >= 2 && letters === letters.toUpperCase() ? word.toUpperCase() : word;
      });
    })
    .join('\n');
}

function vietnameseScore(text: string): number {
  const words = (text.match(/\p{L}+/gu) ?? []).length;
  if (words === 0) return 0;
  return (text.match(COMMON_WORDS) ?? []).length / words;
}

/** Decodes bytes one to one (Latin-1): lossless, and the form in which legacy tables are keyed. */
export function decodeLatin1(bytes: Uint8Array): string {
  let out = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    out += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return out;
}
