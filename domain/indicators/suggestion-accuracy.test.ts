import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INDICATORS, suggestIndicators, type SuggestionUnit } from './catalogue.ts';

/**
 * Accuracy of indicator suggestions on the annotated set (suggestion-set.json, its `scoring`
 * field states the rule): an expected code is right at top-1 when it is the first suggestion, at
 * top-3 when it is among the first three; a null item is right only when nothing is suggested.
 */
interface Item {
  text: string;
  unit: SuggestionUnit;
  expected: string | null;
  note?: string;
  batch: string;
}

const SET = JSON.parse(fs.readFileSync(new URL('./suggestion-set.json', import.meta.url), 'utf8')) as { items: Item[] };

function judge(item: Item): { top1: boolean; top3: boolean; got: string[] } {
  const got = suggestIndicators(item.text, item.unit).map((s) => s.code);
  if (item.expected === null) return { top1: got.length === 0, top3: got.length === 0, got };
  return { top1: got[0] === item.expected, top3: got.slice(0, 3).includes(item.expected), got };
}

describe('indicator suggestion accuracy on the annotated set', () => {
  it('is annotated with known indicators and units, and is large enough', () => {
    const codes = new Set(INDICATORS.map((i) => i.code));
    expect(SET.items.length).toBeGreaterThanOrEqual(120);
    for (const item of SET.items) {
      expect(['count', 'percent', 'money'], item.text).toContain(item.unit);
      if (item.expected !== null) expect(codes.has(item.expected), `${item.expected} (${item.text})`).toBe(true);
    }
    // Every indicator of the catalogue is exercised.
    const covered = new Set(SET.items.map((i) => i.expected));
    for (const code of codes) expect(covered.has(code), code).toBe(true);
  });

  it('suggests the right indicator first for at least 90% of the subjects', () => {
    const rows = new Map<string, { n: number; top1: number; top3: number }>();
    const batches = new Map<string, { n: number; top1: number; top3: number }>();
    const misses: string[] = [];
    let top1 = 0;
    let top3 = 0;
    for (const item of SET.items) {
      const r = judge(item);
      const key = item.expected ?? '(none fits)';
      const row = rows.get(key) ?? { n: 0, top1: 0, top3: 0 };
      row.n++;
      if (r.top1) {
        row.top1++;
        top1++;
      } else misses.push(`  ${item.expected ?? 'null'} ← "${item.text}" (${item.unit}) got [${r.got.join(', ')}]`);
      if (r.top3) {
        row.top3++;
        top3++;
      }
      rows.set(key, row);
      const batch = batches.get(item.batch) ?? { n: 0, top1: 0, top3: 0 };
      batch.n++;
      if (r.top1) batch.top1++;
      if (r.top3) batch.top3++;
      batches.set(item.batch, batch);
    }
    const n = SET.items.length;
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(1)}%`.padStart(6);
    const lines = [
      `indicator suggestions: ${n} subjects — top-1 ${pct(top1, n)} (${top1}/${n}), top-3 ${pct(top3, n)} (${top3}/${n})`,
      ...[...batches.entries()].map(
        ([name, r]) => `  batch ${name.padEnd(22)} n=${String(r.n).padStart(3)}  top-1 ${pct(r.top1, r.n)}  top-3 ${pct(r.top3, r.n)}`,
      ),
      ...[...rows.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, r]) => `  ${code.padEnd(28)} n=${String(r.n).padStart(3)}  top-1 ${pct(r.top1, r.n)}  top-3 ${pct(r.top3, r.n)}`),
      ...(misses.length ? ['misses:', ...misses] : []),
    ];
    console.log(lines.join('\n'));
    expect(top1 / n).toBeGreaterThanOrEqual(0.9);
  });
});
