// Measures the extractor against what a careful reader took from real documents (issue 17,
// acceptance 1): the three seeds in ../shared/gold and the corpus in ../shared/corpus. Prints
// precision and recall per file and overall — recall over the required targets, precision over
// every target found, matched on unit, value and timing (extraction-quality.ts) — and fails below
// 0.95, on any target taken from a document that has none, or on a missed seed target or reference.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import { measure, totals, type FileQuality, type GoldTarget } from './extraction-quality.ts';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

interface GoldFile {
  file: string;
  references?: string[];
  targets: GoldTarget[];
  negatives?: string[];
}

const SETS = [
  { name: 'seeds (../shared/gold)', gold: `${SHARED}gold/`, documents: `${SHARED}documents/`, everyTarget: true },
  { name: 'corpus (../shared/corpus)', gold: `${SHARED}corpus/`, documents: `${SHARED}corpus/`, everyTarget: false },
];

const normaliseSymbol = (s: string) => s.replace(/\s+/g, '').replace(/–/g, '-').toUpperCase();

for (const set of SETS) {
  describe(`extraction quality on the ${set.name}`, () => {
    it('finds the folder (a missing folder is a failure, not a skip)', () => {
      expect(existsSync(set.gold), `missing: ${set.gold}`).toBe(true);
      expect(readdirSync(set.gold).filter((f) => f.endsWith('.gold.json')).length).toBeGreaterThanOrEqual(3);
    });

    const files = existsSync(set.gold)
      ? readdirSync(set.gold)
          .filter((f) => f.endsWith('.gold.json'))
          .sort()
      : [];
    const measured: { file: string; q: FileQuality; refs: [number, number] }[] = [];

    for (const name of files) {
      const gold = JSON.parse(readFileSync(set.gold + name, 'utf8')) as GoldFile;
      it(`${gold.file}`, () => {
        const result = extractDocument(readFileSync(set.documents + gold.file, 'utf8'));
        const q = measure(gold.targets, result.targets);
        const foundSymbols = new Set(result.references.map((r) => normaliseSymbol(r.symbol)));
        const missedRefs = (gold.references ?? []).filter((r) => !foundSymbols.has(normaliseSymbol(r)));
        measured.push({ file: gold.file, q, refs: [(gold.references ?? []).length - missedRefs.length, (gold.references ?? []).length] });
        // A document without targets (an achievements write-up, a report) gives none.
        if (gold.targets.length === 0)
          expect(
            result.targets.map((t) => t.quote),
            'no targets expected',
          ).toEqual([]);
        if (set.everyTarget) {
          expect(
            q.missed.map((t) => t.quote),
            'seed targets not found',
          ).toEqual([]);
          expect(missedRefs, 'seed references not found').toEqual([]);
        }
      });
    }

    it('prints the quality table: precision and recall ≥ 0.95', () => {
      const t = totals(measured.map((m) => m.q));
      const pct = (a: number, b: number) => (b ? ((a / b) * 100).toFixed(1) : '100.0').padStart(6);
      const line = (file: string, q: Pick<FileQuality, 'requiredGold' | 'found' | 'recalled' | 'correct'>, extra = '') =>
        `${file.padEnd(46)}${String(q.requiredGold).padStart(5)}${String(q.found).padStart(6)}${String(q.correct).padStart(8)}${pct(q.correct, q.found)}${pct(q.recalled, q.requiredGold)}  ${extra}`;
      console.log(
        [
          '',
          `${set.name}`,
          `${'file'.padEnd(46)} gold found correct     P      R`,
          ...measured.map((m) => line(m.file, m.q, m.refs[1] ? `refs ${m.refs[0]}/${m.refs[1]}` : '')),
          line('TOTAL', t),
          `precision ${t.precision.toFixed(3)}, recall ${t.recall.toFixed(3)}, comparator agreement ${t.comparatorOk} of ${t.correct} matched`,
          '',
        ].join('\n'),
      );
      expect(measured.length).toBe(files.length);
      expect(t.precision).toBeGreaterThanOrEqual(0.95);
      expect(t.recall).toBeGreaterThanOrEqual(0.95);
    });
  });
}
