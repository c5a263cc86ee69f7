// Vietnamese text normalisation: every string that enters the system goes through
// `normalizeVietnamese` so that offsets computed by the extractor refer to one canonical text.

const COMBINING = /[\u0300-\u036f]/;

// Spacing look-alikes that some PDF producers emit instead of combining marks.
// Mapped to the combining mark only when they sit right after a Latin vowel.
const SPACING_TO_COMBINING: Record<string, string> = {
  '\u00b4': '\u0301', // ´ acute
  '\u02ca': '\u0301', // ˊ
  '\u02cb': '\u0300', // ˋ grave
  '\u02dc': '\u0303', // ˜ tilde
  '\u02c0': '\u0309', // ˀ used for the hook above
  '\u02c6': '\u0302', // ˆ circumflex
  '\u02d8': '\u0306', // ˘ breve
};

const VOWEL = /[aăâeêioôơuưyAĂÂEÊIOÔƠUƯY]/;

/** Characters that carry no meaning for the reader but break matching. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * NFC, unified line endings, no invisible characters, non-breaking spaces as spaces, and
 * combining marks re-attached to the letter they belong to (PDF extraction often separates
 * them with a space or emits spacing modifier letters). Idempotent.
 */
export function normalizeVietnamese(input: string): string {
  let text = input
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
  text = text.normalize('NFD');
  text = joinSplitMarks(text);
  return text.normalize('NFC');
}

/** Something joinSplitMarks would change: a blank before a mark, or a spacing look-alike. */
const SPLIT_MARK = /[ \t][\u0300-\u036f]|[\u00b4\u02ca\u02cb\u02dc\u02c0\u02c6\u02d8]/;

/** Works on NFD text: removes blanks between a letter and its following marks. */
function joinSplitMarks(text: string): string {
  // Most text has nothing to join: returned as is instead of rebuilt character by character.
  if (!SPLIT_MARK.test(text)) return text;
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    let ch = text[i] as string;
    const mapped = SPACING_TO_COMBINING[ch];
    if (mapped !== undefined && lastLetterIsVowel(out)) ch = mapped;
    if (COMBINING.test(ch)) {
      // Drop horizontal blanks that separate the mark from its base letter.
      let j = out.length - 1;
      while (j >= 0 && (out[j] === ' ' || out[j] === '\t')) j--;
      if (j >= 0 && j < out.length - 1 && /\p{L}|[\u0300-\u036f]/u.test(out[j] as string)) out.length = j + 1;
    }
    out.push(ch);
  }
  return out.join('');
}

function lastLetterIsVowel(out: string[]): boolean {
  let j = out.length - 1;
  while (j >= 0 && COMBINING.test(out[j] as string)) j--;
  return j >= 0 && VOWEL.test(out[j] as string);
}

/** Removes all diacritics: "Đoàn viên" → "Doan vien". Length may change (NFD then strip). */
export function stripAccents(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Each character folded once (NFD, strip, NFC per character was most of the cost of a long text). */
const FOLDED_CHARS = new Map<string, string>();

/**
 * Lower-case, accent-free copy with exactly the same length as the (NFC) input, so that a
 * regex match on the folded text gives offsets valid in the original. Every precomposed
 * Vietnamese letter is one UTF-16 unit in NFC, so folding char by char keeps the length.
 */
export function foldForSearch(input: string): string {
  let out = '';
  for (const ch of input) {
    let folded = FOLDED_CHARS.get(ch);
    if (folded === undefined) {
      const base = stripAccents(ch).toLowerCase();
      folded = base.length === ch.length ? base : ch.length === 1 ? (base[0] ?? ch) : ch;
      if (FOLDED_CHARS.size < 65_536) FOLDED_CHARS.set(ch, folded);
    }
    out += folded;
  }
  return out;
}

/** Collapses runs of whitespace (including newlines) into one space and trims. */
export function collapseSpaces(input: string): string {
  return input.replace(/\s+/g, ' ').trim();
}
