// LastMatchCache must give the last match of a cue regex in text.slice(s, p) exactly as a scan
// of that slice does, whatever the order of the questions.
import { describe, expect, it } from 'vitest';
import { LastMatchCache } from './last-match-cache.ts';

const CUE = /(?<![\p{L}])(?:hien (?:co|nay)|hien(?=[^.;]{0,40}?\sco\s)|da (?:co|dat)|bao dam|dam bao|dat)(?![\p{L}])/gu;
const PIECES = [
  'hien co',
  'hien',
  'co',
  ' co ',
  'da dat',
  'da',
  'dat',
  'bao dam',
  'dam bao',
  'bao',
  'dam',
  ' ',
  '  ',
  '.',
  ';',
  ',',
  'x',
  'hiennay',
  '\n',
  '123',
];

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function naive(text: string, s: number, p: number): { start: number; end: number } | null {
  let last: { start: number; end: number } | null = null;
  for (const m of text.slice(s, p).matchAll(CUE)) last = { start: m.index, end: m.index + m[0].length };
  return last;
}

describe('LastMatchCache', () => {
  it('answers like a scan of the slice, for growing and arbitrary slices', () => {
    const next = seeded(3);
    for (let round = 0; round < 60; round++) {
      const parts: string[] = [];
      for (let i = 0; i < 200 + Math.floor(next() * 400); i++) parts.push(PIECES[Math.floor(next() * PIECES.length)] as string);
      const text = parts.join(next() < 0.5 ? ' ' : '');
      const cache = new LastMatchCache(text);
      const starts = [0, Math.floor(next() * text.length), Math.floor(next() * text.length)];
      for (let q = 0; q < 60; q++) {
        const s = starts[q % starts.length] as number;
        const p = q < 30 ? s + Math.floor(((q + 1) / 30) * (text.length - s)) : s + Math.floor(next() * (text.length - s + 1));
        expect(cache.last(CUE, 64, s, p), `${s}..${p}`).toEqual(naive(text, s, p));
      }
    }
  });
});
