// TimingIndex must answer exactly what findTimings over the same range answers, for ranges cut
// anywhere (inside words, phrases, parentheses) in text made of timing words and breaks.
import { describe, expect, it } from 'vitest';
import { sameParenScope } from './clause-bounds.ts';
import { ClauseIndex } from './clause-index.ts';
import { TimingIndex } from './timing-index.ts';
import { findTimings, TIMING_PATTERN_SOURCES, TIMING_WORDS } from './timing-expression.ts';

const PIECES = [
  'den nam 2025',
  'nam 2030',
  'hang nam',
  'moi nam',
  'nam nao cung',
  'den cuoi nhiem ky',
  'trong nhiem ky qua',
  'nhiem ky nay',
  'nhiem kyx',
  'giai doan 2021 - 2025',
  'nam 2024 – 2025',
  'den 2025',
  'truoc 2030',
  'den thang 6/2025',
  'truoc ngay 31/12/2025',
  'cham nhat 2/2026',
  'het nam',
  'cuoi nam 2027',
  'thang 01 nam 2024',
  'ke hoach hang nam',
  'vua qua',
  'qu',
  'tru',
  'doanh',
  'ca',
  'cac',
  'ket nap',
  'doan vien',
  '1.500',
  '80%',
  '2025',
  '2031/',
  '-',
  '–',
  '/',
  ' ',
  '  ',
  '\n',
  ',',
  ';',
  '.',
  '(',
  ')',
  'x',
  'phan dau',
  'namnam',
  'nam',
  '#',
];

function seeded(seed: number): () => number {
  let x = seed;
  return () => (x = (x * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('TimingIndex', () => {
  it('finds, for any range, the timings findTimings finds there', () => {
    const next = seeded(7);
    for (let round = 0; round < 200; round++) {
      const parts: string[] = [];
      const count = 3 + Math.floor(next() * 40);
      for (let i = 0; i < count; i++) parts.push(PIECES[Math.floor(next() * PIECES.length)] as string);
      const folded = parts.join(next() < 0.5 ? ' ' : '');
      const clauses = new ClauseIndex(folded);
      const index = new TimingIndex(folded, clauses);
      for (let q = 0; q < 40; q++) {
        const a = Math.floor(next() * (folded.length + 1));
        const b = a + Math.floor(next() * (folded.length - a + 1));
        const expected = findTimings(folded, a, b);
        const where = `${JSON.stringify(folded)} [${a}, ${b})`;
        expect(index.find(a, b), where).toEqual(expected);
        expect(index.first(a, b), where).toEqual(expected[0]);
        expect(index.lastInScope(a, b), where).toEqual(expected.filter((t) => sameParenScope(folded, t.end, b)).at(-1));
      }
    }
  });

  it('knows every word the timing patterns read', () => {
    const known = new Set<string>(TIMING_WORDS);
    // Letters of the patterns, escapes and flags aside (\p{L}, \s, \d, lookarounds).
    const words = TIMING_PATTERN_SOURCES.flatMap((source) => source.replace(/\\[pP]\{L\}|\\[sdDSwW]/g, ' ').match(/[a-z]+/g) ?? []);
    expect(words.filter((w) => !known.has(w))).toEqual([]);
  });
});
