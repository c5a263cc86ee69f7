// Clause and sentence boundaries inside a paragraph. Vietnamese plans chain several targets in
// one bullet with ";" and put side targets in parentheses ("(đến năm 2023 đạt tỷ lệ trên 70%)"),
// so scopes are computed with parentheses in mind. These walks are the reference definitions;
// the extractor asks ClauseIndex (clause-index.ts), which answers the same in O(log n).

export interface Bounds {
  start: number;
  end: number;
}

const HARD_STOP = /[;:]/;

export function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i];
  if (ch !== '.' && ch !== '!' && ch !== '?') return false;
  if (/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) return false; // 140.000
  if (text.slice(i - 3, i + 1) === '...' || text[i + 1] === '.') return false;
  const next = text.slice(i + 1, i + 4);
  return next === '' || /^\s+[\p{Lu}\d\-–+*(“"]/u.test(next) || /^\s*\n/.test(next);
}

/** Start of the sentence containing `pos` within [paraStart, pos]. */
export function sentenceStart(text: string, paraStart: number, pos: number): number {
  for (let i = pos - 1; i > paraStart; i--) {
    if (isSentenceEnd(text, i)) return skipBlanks(text, i + 1, pos);
  }
  return paraStart;
}

export function sentenceEnd(text: string, pos: number, paraEnd: number): number {
  for (let i = pos; i < paraEnd; i++) if (isSentenceEnd(text, i)) return i;
  return paraEnd;
}

/**
 * Start of the clause before `pos`: walks back to ";", ":", a sentence end, or an unmatched "("
 * (then the clause is the inside of the parentheses). Closed groups in between are kept.
 */
export function clauseStart(text: string, paraStart: number, pos: number): number {
  let depth = 0;
  for (let i = pos - 1; i >= paraStart; i--) {
    const ch = text[i] as string;
    if (ch === ')') depth++;
    else if (ch === '(') {
      if (depth === 0) return skipBlanks(text, i + 1, pos);
      depth--;
    } else if (depth === 0 && (HARD_STOP.test(ch) || isSentenceEnd(text, i))) {
      if (ch === ':' && /\d/.test(text[i + 1] ?? '')) continue; // 14:57
      return skipBlanks(text, i + 1, pos);
    }
  }
  return paraStart;
}

/** End of the clause after `pos`: the next ";", ":", "(", ")" or sentence end. */
export function clauseEnd(text: string, pos: number, paraEnd: number): number {
  for (let i = pos; i < paraEnd; i++) {
    const ch = text[i] as string;
    if (ch === '(' || ch === ')' || HARD_STOP.test(ch) || isSentenceEnd(text, i)) {
      if (ch === ':' && /\d/.test(text[i + 1] ?? '')) continue;
      return i;
    }
  }
  return paraEnd;
}

/** True when a phrase at `from` still governs `to`: no parenthesis group closes in between. */
export function sameParenScope(text: string, from: number, to: number): boolean {
  let depth = 0;
  for (let i = from; i < to; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return true;
}

function skipBlanks(text: string, i: number, limit: number): number {
  while (i < limit && /[\s*_]/.test(text[i] as string)) i++;
  return i;
}
