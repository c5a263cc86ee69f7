// Hand-written documents of the genre (youth-union programme, women's-union plan, a news
// write-up) with expectations written by a reader, in test/fixtures/documents/.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';

const DIR = fileURLToPath(new URL('../../test/fixtures/documents/', import.meta.url));

interface Expected {
  document: { kind: string | null; symbol: string | null; date: string | null };
  references: string[];
  targets: {
    value: number;
    unit: string;
    comparator: string;
    deadlineYear: number | null;
    recurrence: string | null;
    change?: string;
    sizeThreshold?: number;
    sectors?: string[];
  }[];
  baselines: number[];
  qualitativeCount: number;
  tasks: { minCount: number; lead?: string; coordinating?: string[] };
  reporting: { cadence: string; to: string; via: string[] } | null;
}

const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''));

describe('genre fixtures', () => {
  it('has fixtures to check', () => expect(names.length).toBeGreaterThanOrEqual(3));

  for (const name of names) {
    const text = readFileSync(`${DIR}${name}.txt`, 'utf8');
    const want = JSON.parse(readFileSync(`${DIR}${name}.expected.json`, 'utf8')) as Expected;

    it(`${name}: targets (value, unit, comparator, timing, scope) exactly`, () => {
      const r = extractDocument(text);
      const got = r.targets.map((t) => ({
        value: t.value,
        unit: t.unit,
        comparator: t.comparator,
        deadlineYear: t.deadlineYear,
        recurrence: t.recurrence,
        ...(t.change ? { change: t.change } : {}),
        ...(t.scope.sizeThreshold ? { sizeThreshold: t.scope.sizeThreshold.value } : {}),
        ...(t.scope.sectors.length ? { sectors: t.scope.sectors } : {}),
      }));
      expect(got).toEqual(want.targets);
      for (const t of r.targets) expect(text.slice(t.start, t.end).replace(/\s+/g, ' ').trim()).toBe(t.quote);
    });

    it(`${name}: baselines, qualitative targets, references, metadata, tasks`, () => {
      const r = extractDocument(text);
      expect(r.baselines.map((b) => b.value)).toEqual(want.baselines);
      expect(r.qualitativeTargets).toHaveLength(want.qualitativeCount);
      expect(r.references.map((x) => x.symbol)).toEqual(want.references);
      expect({ kind: r.document.kind, symbol: r.document.symbol?.value ?? null, date: r.document.date?.value ?? null }).toEqual(
        want.document,
      );
      expect(r.tasks.length).toBeGreaterThanOrEqual(want.tasks.minCount);
      if (want.tasks.lead) {
        const task = r.tasks.find((t) => t.lead === want.tasks.lead);
        expect(task, `a task led by ${want.tasks.lead}`).toBeDefined();
        expect(task?.coordinating).toEqual(want.tasks.coordinating ?? []);
      }
      if (want.reporting) expect(r.document.reporting).toMatchObject(want.reporting);
      else expect(r.document.reporting).toBeNull();
    });
  }
});
