// ClauseIndex must answer exactly what the walks of clause-bounds.ts answer, at every position
// of texts made of the characters those walks look at.
import { describe, expect, it } from 'vitest';
import { clauseEnd, clauseStart, sameParenScope, sentenceEnd, sentenceStart } from './clause-bounds.ts';
import { ClauseIndex } from './clause-index.ts';

const PIECES = [
  '(',
  ')',
  ';',
  ':',
  ':1',
  '.',
  '. B',
  '.\n',
  '...',
  '!',
  '?',
  ' ',
  '  ',
  '\n',
  '*',
  '_',
  'đoàn',
  'Viên',
  '140.000',
  '2',
  ' (',
  ') ',
];

function randomText(next: () => number, pieces: number): string {
  let s = '';
  for (let i = 0; i < pieces; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('ClauseIndex', () => {
  it('gives the same sentence and clause bounds and paren scopes as the walks, everywhere', () => {
    const next = seeded(42);
    for (let round = 0; round < 120; round++) {
      const text = randomText(next, 5 + Math.floor(next() * 60));
      const index = new ClauseIndex(text);
      const n = text.length;
      for (let pos = 0; pos <= n; pos++) {
        const paraStart = Math.floor(next() * (pos + 1));
        const paraEnd = pos + Math.floor(next() * (n - pos + 1));
        const where = `${JSON.stringify(text)} paraStart=${paraStart} pos=${pos} paraEnd=${paraEnd}`;
        expect(index.sentenceStart(paraStart, pos), where).toBe(sentenceStart(text, paraStart, pos));
        expect(index.sentenceEnd(pos, paraEnd), where).toBe(sentenceEnd(text, pos, paraEnd));
        expect(index.clauseStart(paraStart, pos), where).toBe(clauseStart(text, paraStart, pos));
        expect(index.clauseEnd(pos, paraEnd), where).toBe(clauseEnd(text, pos, paraEnd));
        expect(index.sameParenScope(paraStart, pos), where).toBe(sameParenScope(text, paraStart, pos));
      }
    }
  });
});
