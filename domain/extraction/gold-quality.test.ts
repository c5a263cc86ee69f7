// Measures the extractor against what a careful reader took from the real documents in
// ../shared/gold. Prints precision and recall; fails when a gold target or reference is missed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import type { ExtractedTarget } from './extraction-types.ts';

const GOLD_DIR = fileURLToPath(new URL('../../../shared/gold/', import.meta.url));
const DOCS_DIR = fileURLToPath(new URL('../../../shared/documents/', import.meta.url));

interface GoldTarget {
  value: number;
  unit: 'count' | 'percent';
  comparator: string;
  timing: { deadline: number } | { annual: true };
  quote: string;
}
interface GoldFile {
  file: string;
  references: string[];
  targets: GoldTarget[];
}

/** Gold timing mapped to the CLI contract. */
function contractTiming(t: GoldTarget['timing']): { deadlineYear: number | null; recurrence: 'annual' | null } {
  return 'annual' in t ? { deadlineYear: null, recurrence: 'annual' } : { deadlineYear: t.deadline, recurrence: null };
}

function sameTarget(gold: GoldTarget, found: ExtractedTarget): boolean {
  const timing = contractTiming(gold.timing);
  return Math.abs(gold.value - found.value) < 0.01 && gold.unit === found.unit
    && timing.deadlineYear === found.deadlineYear && timing.recurrence === found.recurrence;
}

/** One-to-one matching, gold order first; a gold target is taken by the first unused equal target. */
function match(gold: readonly GoldTarget[], found: readonly ExtractedTarget[]) {
  const used = new Set<number>();
  const pairs: { gold: GoldTarget; found: ExtractedTarget | null }[] = [];
  for (const g of gold) {
    // Prefer the candidate whose quote overlaps the gold quote, so comparators are compared fairly.
    const candidates = found.map((f, i) => ({ f, i })).filter(({ f, i }) => !used.has(i) && sameTarget(g, f));
    const best = candidates.find(({ f }) => f.quote.includes(g.quote.slice(0, 25)) || g.quote.includes(f.quote.slice(0, 25))) ?? candidates[0];
    if (best) used.add(best.i);
    pairs.push({ gold: g, found: best?.f ?? null });
  }
  return pairs;
}

const normaliseSymbol = (s: string) => s.replace(/\s+/g, '').replace(/–/g, '-').toUpperCase();

describe('extraction quality against ../shared/gold', () => {
  it('finds the gold folder (a missing folder is a failure, not a skip)', () => {
    expect(existsSync(GOLD_DIR), `gold folder missing: ${GOLD_DIR}`).toBe(true);
    expect(readdirSync(GOLD_DIR).filter((f) => f.endsWith('.gold.json')).length).toBeGreaterThanOrEqual(3);
  });

  const files = existsSync(GOLD_DIR) ? readdirSync(GOLD_DIR).filter((f) => f.endsWith('.gold.json')).sort() : [];
  const rows: string[] = [];
  let totalGold = 0, totalFound = 0, totalMatched = 0, totalComparatorOk = 0, totalRefs = 0, totalRefsFound = 0;

  for (const name of files) {
    const gold = JSON.parse(readFileSync(GOLD_DIR + name, 'utf8')) as GoldFile;
    const text = readFileSync(DOCS_DIR + gold.file, 'utf8');

    it(`${gold.file}: every gold target with value, unit and timing; every reference`, () => {
      const result = extractDocument(text);
      const pairs = match(gold.targets, result.targets);
      const missed = pairs.filter((p) => !p.found).map((p) => p.gold.quote);
      const matched = pairs.length - missed.length;
      const comparatorOk = pairs.filter((p) => p.found && p.found.comparator === p.gold.comparator).length;
      const foundSymbols = new Set(result.references.map((r) => normaliseSymbol(r.symbol)));
      const missedRefs = gold.references.filter((r) => !foundSymbols.has(normaliseSymbol(r)));
      totalGold += gold.targets.length; totalFound += result.targets.length; totalMatched += matched;
      totalComparatorOk += comparatorOk; totalRefs += gold.references.length; totalRefsFound += gold.references.length - missedRefs.length;
      rows.push(row(gold.file, gold.targets.length, result.targets.length, matched, comparatorOk, gold.references.length, gold.references.length - missedRefs.length));

      expect(missed, 'gold targets not found').toEqual([]);
      expect(missedRefs, 'gold references not found').toEqual([]);
      if (gold.targets.length === 0) expect(result.targets.map((t) => t.quote), 'no targets expected').toEqual([]);
    });
  }

  it('prints the quality table', () => {
    const precision = totalFound ? totalMatched / totalFound : 1;
    const recall = totalGold ? totalMatched / totalGold : 1;
    const table = [
      '',
      'file                          gold found match  P      R      comparator  refs',
      ...rows,
      row('TOTAL', totalGold, totalFound, totalMatched, totalComparatorOk, totalRefs, totalRefsFound),
      `targets: precision ${(precision * 100).toFixed(1)}%, recall ${(recall * 100).toFixed(1)}%; ` +
        `comparator agreement ${totalMatched ? ((totalComparatorOk / totalMatched) * 100).toFixed(1) : '–'}%; ` +
        `reference recall ${totalRefs ? ((totalRefsFound / totalRefs) * 100).toFixed(1) : '–'}%`,
      '',
    ].join('\n');
    console.log(table);
    expect(rows.length).toBe(files.length);
    expect(recall).toBe(1);
  });
});

function row(file: string, gold: number, found: number, matched: number, cmpOk: number, refs: number, refsFound: number): string {
  const p = found ? ((matched / found) * 100).toFixed(1) : '100.0';
  const r = gold ? ((matched / gold) * 100).toFixed(1) : '100.0';
  return `${file.padEnd(30)}${String(gold).padStart(4)}${String(found).padStart(6)}${String(matched).padStart(6)}  ${p.padStart(5)}  ${r.padStart(5)}  ${`${cmpOk}/${matched}`.padStart(10)}  ${refsFound}/${refs}`;
}
