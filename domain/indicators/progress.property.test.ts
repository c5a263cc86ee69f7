/**
 * The status rule's invariants (docs/progress-rules.md §4), proved over random targets, histories
 * and trees with fast-check. Each property counts its cases and checks the count, so the number
 * quoted in the docs and the report is the number that ran.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankChildren, weighContributions, type RankedRow } from './breakdown.ts';
import { indicatorValue, parseExpression } from './expression.ts';
import {
  canForecast,
  isDownward,
  judge,
  meets,
  NON_NEGATIVE,
  PERCENT_RANGE,
  type Comparator,
  type Observation,
  type ProgressStatus,
  type TargetSpec,
} from './progress.ts';

const RUNS = 2_000;
const TREE_RUNS = 1_000;
const SEED = 16; // fixed: a failure is replayed by the same run

const DAY = 86400_000;
const EPOCH = Date.parse('2020-01-01T00:00:00Z') / DAY;
const iso = (day: number) => new Date((EPOCH + day) * DAY).toISOString().slice(0, 10);
const COMPARATORS: Comparator[] = ['>', '>=', '=', '<=', '<'];

/**
 * A target, a history before today, today and today's value, all within the indicator's range.
 * Values follow a noisy straight line from a start value towards a value on the deadline (so
 * paces that reach the target and paces that do not are both common); with `noise` 1 they are
 * plain random.
 */
const unit = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);
const judgedCase = fc
  .record({
    comparator: fc.constantFrom(...COMPARATORS),
    percent: fc.boolean(),
    startDay: fc.integer({ min: 0, max: 3000 }),
    length: fc.integer({ min: 30, max: 9000 }),
    asOfShare: fc.integer({ min: 0, max: 1100 }),
    target: unit,
    from: unit,
    towards: unit,
    noise: fc.constantFrom(0, 0.02, 0.1, 1),
    withBaseline: fc.boolean(),
    history: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true })), { maxLength: 8 }),
    jitter: fc.double({ min: -1, max: 1, noNaN: true }),
    hasData: fc.integer({ min: 0, max: 9 }),
  })
  .map((c) => {
    const scale = c.percent ? 100 : 50_000;
    const start = iso(c.startDay);
    const asOfDay = c.startDay + Math.round((c.length * c.asOfShare) / 1000);
    const asOf = iso(asOfDay);
    const at = (day: number, jitter: number) => {
      const line = c.from + ((c.towards - c.from) * (day - c.startDay)) / c.length;
      const v = c.noise === 1 ? (jitter + 1) / 2 : line + c.noise * jitter;
      return Math.round(Math.min(1, Math.max(0, v)) * scale);
    };
    const spec: TargetSpec = {
      comparator: c.comparator,
      value: Math.round(c.target * scale),
      deadline: iso(c.startDay + c.length),
      start,
      baseline: c.withBaseline ? { date: start, value: at(c.startDay, 0) } : null,
      range: c.percent ? PERCENT_RANGE : NON_NEGATIVE,
    };
    // Observations strictly between the start and today, on distinct days.
    const span = asOfDay - c.startDay;
    const days = new Map<number, number>();
    for (const [where, jitter] of c.history) {
      const day = c.startDay + 1 + Math.floor(where * Math.max(0, span - 1));
      if (day < asOfDay) days.set(day, jitter);
    }
    const history: Observation[] = [...days]
      .sort((a, b) => a[0] - b[0])
      .map(([day, jitter]) => ({ date: iso(day), value: at(day, jitter) }));
    return { spec, history, asOf, actual: c.hasData === 0 ? null : at(asOfDay, c.jitter), scale };
  });

const RANK: Record<ProgressStatus, number> = { no_data: -1, missed: 0, behind: 1, on_track: 2, met: 3 };

describe('one status rule: invariants over random targets and histories', () => {
  it(`never lets a status and its forecast disagree (${RUNS} cases)`, () => {
    let ran = 0;
    const seen = new Map<string, number>();
    fc.assert(
      fc.property(judgedCase, ({ spec, history, asOf, actual }) => {
        ran++;
        const p = judge(spec, actual, asOf, history);
        const kind = `${p.status}/${p.forecast ? 'forecast' : 'none'}`;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
        // A forecast or a reason for its absence, never both, never neither.
        expect(p.forecast === null).toBe(p.forecastNote !== null);
        switch (p.status) {
          case 'no_data':
            expect(p.forecast).toBeNull();
            break;
          case 'met':
            expect(p.forecast?.willBeMet).toBe(true);
            break;
          case 'missed':
            expect(p.forecast).toBeNull();
            break;
          case 'on_track':
            expect(p.forecast === null || p.forecast.willBeMet).toBe(true);
            break;
          case 'behind':
            expect(p.forecast === null || !p.forecast.willBeMet).toBe(true);
            break;
        }
        if (p.forecast && p.status !== 'met') {
          // Shown only with enough history since the path's start, and never outside what the indicator can be.
          expect(canForecast(p.pathStart!.date, asOf, spec.deadline)).toBe(true);
          expect(p.forecast.projectedValue).toBeGreaterThanOrEqual(spec.range!.min);
          expect(p.forecast.projectedValue).toBeLessThanOrEqual(spec.range!.max);
          expect(p.forecast.willBeMet).toBe(meets(p.forecast.projectedValue, spec.comparator, spec.value));
        }
        // One rule: with or without a forecast, on track is on or past the straight path (up to a
        // rounding at the boundary), and the path starts at the stated baseline when there is one.
        if (p.status === 'on_track' || p.status === 'behind') {
          const down = isDownward(spec.comparator);
          if (Math.abs(actual! - p.expectedNow!) > 1e-6 * Math.max(1, Math.abs(actual!))) {
            expect(p.status === 'on_track').toBe(down ? actual! <= p.expectedNow! : actual! >= p.expectedNow!);
          }
          if (spec.baseline) expect(p.pathStart).toEqual(spec.baseline);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(ran).toBe(RUNS);
    // Not vacuous: every status, and on track and behind both by the pace and by the path.
    for (const kind of [
      'no_data/none',
      'met/forecast',
      'missed/none',
      'on_track/forecast',
      'on_track/none',
      'behind/forecast',
      'behind/none',
    ]) {
      expect(seen.get(kind) ?? 0, `${kind} in ${JSON.stringify([...seen])}`).toBeGreaterThan(20);
    }
  });

  it(`never gives a better value a worse status (${RUNS} cases)`, () => {
    let ran = 0;
    fc.assert(
      fc.property(judgedCase, fc.integer({ min: 1, max: 5000 }), ({ spec, history, asOf, actual, scale }, step) => {
        ran++;
        if (actual === null) return;
        const down = isDownward(spec.comparator);
        const better = Math.min(spec.range!.max, Math.max(0, actual + (down ? -1 : 1) * Math.min(step, scale)));
        expect(RANK[judge(spec, better, asOf, history).status]).toBeGreaterThanOrEqual(RANK[judge(spec, actual, asOf, history).status]);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(ran).toBe(RUNS);
  });
});

/** A unit of a random tree: a CĐCS with its own counts, or a union over its children. */
type Tree = { leaf: [number, number] } | { children: Tree[] };
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.integer({ min: 0, max: 400 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))) }),
    fc.record({ children: fc.array(tie('node'), { minLength: 1, maxLength: 5 }) }),
  ),
})).node;

/** What the aggregates hold for a unit: its elements summed over the subtree. */
function elementsOf(node: Tree): Map<string, number> {
  if ('leaf' in node)
    return new Map([
      ['covered', node.leaf[0]],
      ['cdcs', node.leaf[1]],
    ]);
  const sum = new Map([
    ['covered', 0],
    ['cdcs', 0],
  ]);
  for (const child of node.children) for (const [k, v] of elementsOf(child)) sum.set(k, sum.get(k)! + v);
  return sum;
}

const share = { num: parseExpression('100 * #{covered}'), den: parseExpression('#{cdcs}') };
const ratioOf = (node: Tree) => indicatorValue(share.num, share.den, elementsOf(node));

describe('a parent and its children: invariants over random trees', () => {
  it(`makes a ratio parent the sum of its parts, between its lowest and highest child, not their average (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    fc.assert(
      fc.property(tree, (root) => {
        ran++;
        const parent = ratioOf(root);
        const e = elementsOf(root);
        expect(parent.numerator).toBe(100 * e.get('covered')!);
        expect(parent.denominator).toBe(e.get('cdcs')!);
        if ('leaf' in root) return;
        const children = root.children.map(ratioOf);
        const withData = children.filter((c) => c.value !== null).map((c) => c.value!);
        // No denominator anywhere is "no data", never 0%.
        expect(parent.value === null).toBe(withData.length === 0);
        if (parent.value === null) return;
        expect(parent.numerator).toBe(children.reduce((s, c) => s + c.numerator!, 0));
        expect(parent.denominator).toBe(children.reduce((s, c) => s + (c.denominator ?? 0), 0));
        expect(parent.value).toBeGreaterThanOrEqual(Math.min(...withData) - 1e-9);
        expect(parent.value).toBeLessThanOrEqual(Math.max(...withData) + 1e-9);
        const average = withData.reduce((s, v) => s + v, 0) / withData.length;
        const weighted = (100 * e.get('covered')!) / e.get('cdcs')!;
        expect(parent.value).toBe(weighted);
        if (Math.abs(average - weighted) > 1e-9) expect(parent.value).not.toBe(average);
      }),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
  });

  it(`meets a ratio target in the parent when every child with data meets it (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    fc.assert(
      fc.property(tree, fc.constantFrom(...COMPARATORS), (root, comparator) => {
        ran++;
        if ('leaf' in root) return;
        const values = root.children.map((c) => ratioOf(c).value).filter((v): v is number => v !== null);
        if (values.length === 0) return;
        // The loosest whole ratio every child meets: at most the weakest child going up, at least the worst going down.
        const ratio = {
          '>': Math.ceil(Math.min(...values)) - 1,
          '>=': Math.floor(Math.min(...values)),
          '=': Math.floor(Math.min(...values)),
          '<=': Math.ceil(Math.max(...values)),
          '<': Math.floor(Math.max(...values)) + 1,
        }[comparator];
        for (const v of values) expect(meets(v, comparator, ratio)).toBe(true);
        const spec: TargetSpec = { comparator, value: ratio, deadline: '2045-12-31', start: '2021-10-21', range: PERCENT_RANGE };
        expect(judge(spec, ratioOf(root).value, '2026-11-15').status).toBe('met');
      }),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
  });

  it(`meets a count target in the parent when every child meets an allocation and the allocations add up to the target (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    const child = fc.record({
      allocation: fc.integer({ min: 0, max: 20_000 }),
      slack: fc.integer({ min: 0, max: 5_000 }),
      leaves: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARATORS),
        fc.array(child, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 9000 }),
        (comparator, children, day) => {
          ran++;
          const down = isDownward(comparator);
          const strict = comparator === '>' || comparator === '<';
          // Each child's value meets its allocation; it is the sum of its CĐCS, split at random.
          const figures = children.map((c) => {
            const gap = strict ? c.slack + 1 : c.slack;
            const value = down ? c.allocation - Math.min(gap, c.allocation) : c.allocation + gap;
            const allocation = down && strict && value === c.allocation ? c.allocation + 1 : c.allocation;
            const weights = c.leaves.map((w) => w + 0.01);
            const total = weights.reduce((s, w) => s + w, 0);
            const parts = weights.map((w) => Math.floor((value * w) / total));
            parts[0]! += value - parts.reduce((s, p) => s + p, 0);
            return { allocation, value: parts.reduce((s, p) => s + p, 0) };
          });
          for (const f of figures) expect(meets(f.value, comparator, f.allocation)).toBe(true);
          const target = figures.reduce((s, f) => s + f.allocation, 0);
          const parentValue = figures.reduce((s, f) => s + f.value, 0);
          const spec: TargetSpec = { comparator, value: target, deadline: '2030-12-31', start: '2024-01-18' };
          expect(judge(spec, parentValue, iso(day)).status).toBe('met');
        },
      ),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
  });

  it(`puts a count parent on or past its path when every child is on or past its own, the allocations adding up (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    let onTrack = 0;
    const child = fc.record({
      start: fc.integer({ min: 0, max: 20_000 }),
      allocation: fc.integer({ min: 0, max: 30_000 }),
      slack: fc.integer({ min: 0, max: 3_000 }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARATORS),
        fc.array(child, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 30, max: 9000 }),
        fc.integer({ min: 1, max: 1000 }),
        (comparator, children, length, share) => {
          ran++;
          const down = isDownward(comparator);
          const [start, deadline, asOf] = [iso(0), iso(length), iso(Math.max(1, Math.round((length * share) / 1000)))];
          const judged = children.map((c) => {
            const spec: TargetSpec = { comparator, value: c.allocation, deadline, start };
            // Today's value on or past the child's own path from its value on the start day.
            const expected = judge(spec, c.start, asOf, [{ date: start, value: c.start }]).expectedNow!;
            const value = Math.max(0, down ? Math.floor(expected) - c.slack : Math.ceil(expected) + c.slack);
            return { start: c.start, allocation: c.allocation, value };
          });
          const sum = (pick: (c: (typeof judged)[number]) => number) => judged.reduce((s, c) => s + pick(c), 0);
          const parent = judge(
            { comparator, value: sum((c) => c.allocation), deadline, start },
            sum((c) => c.value),
            asOf,
            [{ date: start, value: sum((c) => c.start) }],
          );
          // A value exactly on the path may round either way.
          if (Math.abs(parent.actual! - parent.expectedNow!) > 1e-6) expect(['on_track', 'met']).toContain(parent.status);
          if (parent.status === 'on_track') onTrack++;
        },
      ),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
    expect(onTrack).toBeGreaterThan(TREE_RUNS / 10); // not only parents already met
  });

  it(`weighs contributions so that shares add up, and a child lags exactly when its share of the increase is below its expected share (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    const input = fc.array(
      fc.record({
        base: fc.option(fc.integer({ min: 0, max: 30_000 }), { nil: null, freq: 10 }),
        change: fc.integer({ min: -2_000, max: 6_000 }),
      }),
      { minLength: 1, maxLength: 20 },
    );
    fc.assert(
      fc.property(input, fc.constantFrom(...COMPARATORS), (rows, comparator) => {
        ran++;
        const children = rows.map((r, i) => ({ unitId: i + 1, value: (r.base ?? 0) + r.change, change: r.change, base: r.base }));
        const verdicts = weighContributions(children, comparator);
        const group = children.filter((c) => c.base !== null && c.base > 0);
        const totalChange = group.reduce((s, c) => s + c.change, 0);
        if (group.length) expect(group.reduce((s, c) => s + verdicts.get(c.unitId)!.figures.expectedShare!, 0)).toBeCloseTo(100, 6);
        if (group.length && totalChange !== 0)
          expect(group.reduce((s, c) => s + verdicts.get(c.unitId)!.figures.share!, 0)).toBeCloseTo(100, 6);
        for (const c of group) {
          const v = verdicts.get(c.unitId)!;
          const { share: s, expectedShare: x } = v.figures;
          if (totalChange > 0 && Math.abs(s! - x!) > 1e-6) expect(v.status === 'behind').toBe(isDownward(comparator) ? s! > x! : s! < x!);
        }
        // A unit with nothing on the reference date is never judged against the others.
        for (const c of children.filter((x) => x.base === null || x.base <= 0)) expect(verdicts.get(c.unitId)!.status).toBe('no_data');
      }),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
  });

  it(`ranks lagging children first, each group by its own achievement, whatever their size (${TREE_RUNS} cases)`, () => {
    let ran = 0;
    const row = fc.record({
      status: fc.constantFrom<ProgressStatus>('met', 'on_track', 'behind', 'missed', 'no_data'),
      achievement: fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { nil: null }),
      size: fc.integer({ min: 0, max: 1_000_000 }),
      name: fc.string({ maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        ran++;
        const ranked = rankChildren(
          rows.map((r): RankedRow & { size: number } => ({
            unit: { name: r.name },
            status: r.status,
            achievement: r.achievement,
            size: r.size,
          })),
        );
        const group = (s: ProgressStatus) => (s === 'missed' || s === 'behind' ? 0 : s === 'no_data' ? 2 : 1);
        for (let i = 1; i < ranked.length; i++) {
          const [a, b] = [ranked[i - 1]!, ranked[i]!];
          expect(group(a.status)).toBeLessThanOrEqual(group(b.status));
          if (group(a.status) === group(b.status)) expect(a.achievement ?? Infinity).toBeLessThanOrEqual(b.achievement ?? Infinity);
        }
      }),
      { numRuns: TREE_RUNS, seed: SEED },
    );
    expect(ran).toBe(TREE_RUNS);
  });
});
