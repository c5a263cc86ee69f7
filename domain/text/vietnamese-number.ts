// Vietnamese numerals: "." groups thousands, "," is the decimal mark ("140.000", "13,5"),
// magnitude words scale ("55 nghìn", "13,5 triệu"), and numbers may be written in words
// ("một trăm", "hai mươi lăm nghìn").

const MAGNITUDES: Record<string, number> = {
  nghìn: 1_000,
  ngàn: 1_000,
  ngan: 1_000,
  nghin: 1_000,
  vạn: 10_000,
  triệu: 1_000_000,
  trieu: 1_000_000,
  tỷ: 1_000_000_000,
  tỉ: 1_000_000_000,
  ty: 1_000_000_000,
};

/** Parses a digit numeral written the Vietnamese way. Returns null when it is not a number. */
export function parseVietnameseNumeral(raw: string): number | null {
  const s = raw.trim();
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return Number(s.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(,\d+)?$/.test(s)) return Number(s.replace(',', '.'));
  // "2.5" (one or two digits after the dot) is a decimal written the English way.
  if (/^\d+\.\d{1,2}$/.test(s)) return Number(s);
  return null;
}

/** "13,5 triệu" → 13 500 000; "55 nghìn" → 55 000; the magnitude word is optional. */
export function applyMagnitude(value: number, word: string | undefined): number {
  if (!word) return value;
  const factor = MAGNITUDES[word.toLowerCase()];
  return factor === undefined ? value : Math.round(value * factor * 1e6) / 1e6;
}

export function isMagnitudeWord(word: string): boolean {
  return MAGNITUDES[word.toLowerCase()] !== undefined;
}

const DIGIT_WORDS: Record<string, number> = {
  không: 0,
  một: 1,
  mốt: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  tư: 4,
  năm: 5,
  lăm: 5,
  nhăm: 5,
  sáu: 6,
  bảy: 7,
  bẩy: 7,
  tám: 8,
  chín: 9,
};

export const NUMBER_WORDS = new Set([
  ...Object.keys(DIGIT_WORDS),
  'mười',
  'mươi',
  'trăm',
  'linh',
  'lẻ',
  'nghìn',
  'ngàn',
  'triệu',
  'tỷ',
  'tỉ',
]);

/**
 * Parses a sequence of Vietnamese number words ("một trăm", "hai mươi lăm nghìn").
 * Returns null if a word is not a number word or the sequence is empty.
 */
export function parseNumberWords(words: readonly string[]): number | null {
  if (words.length === 0) return null;
  let total = 0;
  let group = 0;
  let digit: number | null = null;
  for (const raw of words) {
    const w = raw.toLowerCase();
    const d = DIGIT_WORDS[w];
    if (d !== undefined) {
      if (digit !== null) return null; // two digits in a row ("hai ba") is not a number
      digit = d;
    } else if (w === 'mười') {
      group += 10;
    } else if (w === 'mươi') {
      if (digit === null) return null;
      group += digit * 10;
      digit = null;
    } else if (w === 'trăm') {
      group += (digit ?? 1) * 100;
      digit = null;
    } else if (w === 'linh' || w === 'lẻ') {
      continue;
    } else if (MAGNITUDES[w] !== undefined) {
      total += (group + (digit ?? 0) || 1) * (MAGNITUDES[w] as number);
      group = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + group + (digit ?? 0);
}
