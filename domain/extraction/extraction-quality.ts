// How a reader's gold and the extractor's targets are compared (issue 17, acceptance 1): a found
// target matches a gold one on unit, value and timing; recall counts the required gold targets,
// precision every found target (one matching a borderline, `required: false`, gold target is not
// a false one). One-to-one matching, gold order first.
import type { ExtractedTarget } from './extraction-types.ts';

export type GoldTiming = { deadline: number } | { annual: true } | { any: true };

export interface GoldTarget {
  value: number;
  unit: 'count' | 'percent' | 'money';
  comparator: string;
  timing: GoldTiming;
  quote: string;
  /** False for borderline targets (a restatement, a minimum per unit, each bound of a range). */
  required?: boolean;
}

export function sameTarget(gold: GoldTarget, found: ExtractedTarget): boolean {
  if (Math.abs(gold.value - found.value) > Math.max(0.01, Math.abs(gold.value) * 1e-9) || gold.unit !== found.unit) return false;
  if ('any' in gold.timing) return true;
  if ('annual' in gold.timing) return found.recurrence === 'annual' && found.deadlineYear === null;
  return found.deadlineYear === gold.timing.deadline && found.recurrence === null;
}

export interface FileQuality {
  requiredGold: number;
  found: number;
  /** Required gold targets found. */
  recalled: number;
  /** Found targets that match a gold target (required or not). */
  correct: number;
  comparatorOk: number;
  missed: GoldTarget[];
  spurious: ExtractedTarget[];
}

export function measure(gold: readonly GoldTarget[], found: readonly ExtractedTarget[]): FileQuality {
  const used = new Set<number>();
  const pairs: { gold: GoldTarget; found: ExtractedTarget | null }[] = [];
  // Required targets first, so a borderline one never takes the candidate of a required one.
  const ordered = [...gold.filter((g) => g.required !== false), ...gold.filter((g) => g.required === false)];
  for (const g of ordered) {
    const candidates = found.map((f, i) => ({ f, i })).filter(({ f, i }) => !used.has(i) && sameTarget(g, f));
    // Prefer the candidate whose quote overlaps the gold quote, so comparators are compared fairly.
    const best =
      candidates.find(({ f }) => f.quote.includes(g.quote.slice(0, 25)) || g.quote.includes(f.quote.slice(0, 25))) ?? candidates[0];
    if (best) used.add(best.i);
    pairs.push({ gold: g, found: best?.f ?? null });
  }
  const required = pairs.filter((p) => p.gold.required !== false);
  return {
    requiredGold: required.length,
    found: found.length,
    recalled: required.filter((p) => p.found).length,
    correct: used.size,
    comparatorOk: pairs.filter((p) => p.found && p.found.comparator === p.gold.comparator).length,
    missed: required.filter((p) => !p.found).map((p) => p.gold),
    spurious: found.filter((_, i) => !used.has(i)),
  };
}

export function totals(files: readonly FileQuality[]) {
  const sum = (k: 'requiredGold' | 'found' | 'recalled' | 'correct' | 'comparatorOk') => files.reduce((s, f) => s + f[k], 0);
  const [requiredGold, found, recalled, correct, comparatorOk] = [
    sum('requiredGold'),
    sum('found'),
    sum('recalled'),
    sum('correct'),
    sum('comparatorOk'),
  ];
  return {
    requiredGold,
    found,
    recalled,
    correct,
    comparatorOk,
    precision: found ? correct / found : 1,
    recall: requiredGold ? recalled / requiredGold : 1,
  };
}
