import type { Kysely } from 'kysely';
import { formatExpression, indicatorValue, parseExpression, referencedCodes, type Expr } from '../../domain/indicators/expression.ts';
import { baseElementOf, scopeWithin, type DerivedDefinition } from '../../domain/measures/derived-definition.ts';
import { expandIndicatorReferences } from '../../domain/measures/indicator-checks.ts';
import {
  rankChildren,
  ruleOf,
  weighContributions,
  type BreakdownRule,
  type ChildBasis,
  type ContributionFigures,
  type ContributionInput,
  type ContributionReference,
} from '../../domain/indicators/breakdown.ts';
import { judge, rangeOf, type Comparator, type Observation, type Progress, type ProgressStatus } from '../../domain/indicators/progress.ts';
import { parsePeriod, type Period } from '../../domain/periods/period.ts';
import type { DB } from '../db/schema.ts';
import {
  aggregatedCounts,
  aggregatedEmployers,
  aggregatedReportedTotals,
  composeCounts,
  composeElements,
  countKey,
  EMPLOYER_ELEMENTS,
  MEMBER_ELEMENTS,
  type CountRequest,
  type EmployerCounts,
  type ReportedTotals,
  type SubtreeCounts,
} from './aggregate-elements.repository.ts';
import { derivedElements, pickReported, reportedTotals, type ElementScope, type ElementValues } from './derived-elements.repository.ts';
import { revisedAfter, versionsInForce } from '../targets/target-versions.repository.ts';
import {
  allocationsBelow,
  ancestorsOf,
  catalogueRows,
  childrenOn,
  placedFromOf,
  targetRowsWhere,
  type TargetRow,
} from './targets.repository.ts';

export interface TargetProgress {
  targetId: number;
  document: { id: number; title: string; symbol: string | null };
  owner: { id: number; name: string };
  /** Where the target came from when another unit set it: "Được giao từ …" (allocation), "Gộp từ …" (merger). */
  origin: string | null;
  indicator: { code: string; name: string; unit: string };
  subject: string;
  comparator: Comparator;
  targetValue: number;
  timing: { kind: 'deadline'; deadline: string } | { kind: 'annual'; year: number; from: number; to: number };
  period: { code: string; label: string; start: string; end: string };
  /** The date the value is measured on (the deadline or period end once passed). */
  measuredOn: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Units whose reports fed the value (reported elements only). */
  reportingUnits: number | null;
  /** The data elements the value was computed from (raw counts, before any ×100). */
  elements: Record<string, number | null>;
  progress: Progress;
}

/** One row of the children table (docs/progress-rules.md §5). */
export interface BreakdownItem {
  unit: { id: number; name: string; kind: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reportingUnits: number | null;
  elements: Record<string, number | null>;
  status: ProgressStatus;
  statusLabel: string;
  /** Share of the way to its own target or ratio; null for a contribution row. */
  shareAchieved: number | null;
  basis: ChildBasis;
  /** The child's own allocation it was judged against (count targets). */
  allocation: { targetId: number; comparator: Comparator; targetValue: number; timing: TargetProgress['timing'] } | null;
  /** A child without an allocation: its contribution against its expected share. */
  contribution: ContributionFigures | null;
}

export interface Breakdown {
  unitId: number;
  measuredOn: string;
  rule: BreakdownRule;
  /** What contributions were weighed against (null when no row is a contribution). */
  contributionReference: ContributionReference | null;
  items: BreakdownItem[];
}

const minDate = (a: string, b: string) => (a < b ? a : b);

/** The calendar year of a day as a period, parsed once per year (a children table asks thousands). */
const years = new Map<string, Period>();
function yearPeriod(day: string): Period {
  const code = day.slice(0, 4);
  let period = years.get(code);
  if (!period) years.set(code, (period = parsePeriod(code)));
  return period;
}

/** Every 31/12 strictly between two days. */
function yearEndsBetween(from: string, until: string): string[] {
  const days: string[] = [];
  for (let y = Number(from.slice(0, 4)); y < Number(until.slice(0, 4)); y++)
    if (`${y}-12-31` > from && `${y}-12-31` < until) days.push(`${y}-12-31`);
  return days;
}

/**
 * A target's parsed numerator and denominator and the element codes they read, parsed once per
 * expression text: a children table evaluates one indicator for hundreds of units, each child's
 * allocation a row of its own with the same expressions. The indicators are a catalogue (tens to
 * hundreds of texts), so the memo stays small; it is emptied if it ever grows past a bound.
 */
type ParsedExpressions = { num: Expr; den: Expr | null; codes: string[] };
const expressionKey = (t: Pick<TargetRow, 'numerator' | 'denominator'>) => `${t.numerator}\u0000${t.denominator ?? ''}`;
const parsedExpressions = new Map<string, ParsedExpressions>();
const PARSED_EXPRESSIONS_BOUND = 2_000;
function expressionsOf(t: Pick<TargetRow, 'numerator' | 'denominator'>): ParsedExpressions {
  const key = expressionKey(t);
  let parsed = parsedExpressions.get(key);
  if (!parsed) {
    const num = parseExpression(t.numerator);
    const den = t.denominator ? parseExpression(t.denominator) : null;
    parsed = { num, den, codes: [...referencedCodes(num), ...(den ? referencedCodes(den) : [])] };
    if (parsedExpressions.size >= PARSED_EXPRESSIONS_BOUND) parsedExpressions.clear();
    parsedExpressions.set(key, parsed);
  }
  return parsed;
}

/**
 * The period matters to derived counts only through admissions (members_new): a target that does
 * not count them asks for the stocks on its date alone, which lets targets of different periods
 * share one read and spares the aggregates two prefixes per unit.
 */
const periodIfCounted = (codes: string[], period: Period | null) => (codes.includes('members_new') ? period : null);

/** Which costly parts of the derived elements a target reads: members (a unit's own, by index), their genders, employer sums. */
export interface ElementNeeds {
  members: boolean;
  women: boolean;
  employers: boolean;
}
const ALL_ELEMENTS: ElementNeeds = { members: true, women: true, employers: true };
const needsOf = (codes: string[]): ElementNeeds => ({
  members: codes.some((c) => MEMBER_ELEMENTS.includes(c)),
  women: codes.includes('members_women'),
  employers: codes.some((c) => EMPLOYER_ELEMENTS.includes(c)),
});

/**
 * Where derived elements come from: 'aggregates' (the trigger-maintained per-ancestor sums, the
 * default) or 'raw' (counted from the registries' histories on each request: the oracle).
 */
export type DerivedSource = 'aggregates' | 'raw';

/**
 * Derived elements asked for within one request. A dashboard's targets share most of them (the
 * same members count on the same year-ends, only the sector filter differs), so the aggregates
 * are read once per (unit, date, period) split by sector, and once per (unit, size threshold)
 * for employers; a breakdown reads all children in one query.
 */
export class ElementCache {
  private readonly counts = new Map<string, Promise<SubtreeCounts | undefined>>();
  private readonly employers = new Map<string, Promise<EmployerCounts | null>>();
  private readonly raw = new Map<string, Promise<ElementValues>>();
  private rawChain: Promise<unknown> = Promise.resolve();
  private readonly reportedTotals = new Map<string, Promise<ReportedTotals>>();
  /** Requests made in the same turn of the event loop are read in one query (a DataLoader). */
  private pending: {
    counts: [CountRequest, Deferred<SubtreeCounts | undefined>][];
    employers: [number, number, Deferred<EmployerCounts | null>][];
    reported: [number, string, Deferred<ReportedTotals>][];
  } = { counts: [], employers: [], reported: [] };
  private scheduled = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly source: DerivedSource,
  ) {}

  /**
   * The derived elements of many units on one day and scope (a children table's rows), as one
   * promise: the units' counts are asked in this turn, so they are read in one query.
   */
  async getMany(
    unitIds: number[],
    date: string,
    scope: ElementScope,
    period: { start: string; end: string } | null,
    needs: ElementNeeds = ALL_ELEMENTS,
  ): Promise<ElementValues[]> {
    if (this.source === 'raw') {
      return Promise.all(
        unitIds.map((id) => {
          const key = `${id}|${date}|${(scope.sectors ?? []).join(',')}|${scope.minWorkers ?? ''}|${period ? `${period.start}..${period.end}` : ''}`;
          // One at a time, as the naive path always ran: each reads millions of rows at national scale.
          if (!this.raw.has(key)) {
            const next = this.rawChain.catch(() => undefined).then(() => derivedElements(this.db, id, date, scope, period));
            this.rawChain = next;
            this.raw.set(key, next);
          }
          return this.raw.get(key)!;
        }),
      );
    }
    const minWorkers = scope.minWorkers ?? 0;
    const [counts, employers] = await Promise.all([
      Promise.all(unitIds.map((unitId) => this.countsOf({ unitId, date, period, women: needs.women, members: needs.members }))),
      // Employer sums are read only for targets that count employers or workers.
      needs.employers ? Promise.all(unitIds.map((unitId) => this.employersOf(unitId, minWorkers))) : null,
    ]);
    return Promise.all(
      unitIds.map((unitId, i) => {
        const c = counts[i];
        if (!c) return new Map<string, number | null>();
        const e = employers ? employers[i]! : 'not-asked';
        return e === null ? composeElements(this.db, unitId, c, null, scope, period !== null) : composeCounts(c, e, scope, period !== null);
      }),
    );
  }

  /**
   * Every reported element of a subtree for a period: from progress_reported, the units asked in
   * one turn in one query (a children table asks for all its rows at once); on the raw path, from
   * the reports themselves, one unit at a time.
   */
  reported(unitId: number, periodCode: string, includeSubmitted: boolean): Promise<ReportedTotals> {
    // A year's figure is its yearly report's, else the latest half-year report of that year
    // (docs/progress-rules.md §2): a field added to the six-month form counts before the year closes.
    if (/^\d{4}$/.test(periodCode)) {
      const key = `${unitId}|${periodCode}|${includeSubmitted}|latest`;
      if (!this.reportedTotals.has(key)) {
        const [year, h2, h1] = [periodCode, `${periodCode}-H2`, `${periodCode}-H1`].map((code) =>
          this.reportedOne(unitId, code, includeSubmitted),
        );
        this.reportedTotals.set(key, Promise.all([year!, h2!, h1!]).then(latestOfYear));
      }
      return this.reportedTotals.get(key)!;
    }
    return this.reportedOne(unitId, periodCode, includeSubmitted);
  }

  private reportedOne(unitId: number, periodCode: string, includeSubmitted: boolean): Promise<ReportedTotals> {
    const key = `${unitId}|${periodCode}|${includeSubmitted}`;
    if (!this.reportedTotals.has(key)) {
      if (this.source === 'raw') {
        this.reportedTotals.set(key, reportedTotals(this.db, unitId, periodCode, includeSubmitted));
      } else {
        const d = deferred<ReportedTotals>();
        this.reportedTotals.set(key, d.promise);
        this.pending.reported.push([unitId, `${periodCode}|${includeSubmitted}`, d]);
        this.schedule();
      }
    }
    return this.reportedTotals.get(key)!;
  }

  private countsOf(request: CountRequest): Promise<SubtreeCounts | undefined> {
    const key = countKey(request);
    if (!this.counts.has(key)) {
      const d = deferred<SubtreeCounts | undefined>();
      this.counts.set(key, d.promise);
      this.pending.counts.push([request, d]);
      this.schedule();
    }
    return this.counts.get(key)!;
  }

  private employersOf(unitId: number, minWorkers: number): Promise<EmployerCounts | null> {
    const key = `${unitId}|${minWorkers}`;
    if (!this.employers.has(key)) {
      const d = deferred<EmployerCounts | null>();
      this.employers.set(key, d.promise);
      this.pending.employers.push([unitId, minWorkers, d]);
      this.schedule();
    }
    return this.employers.get(key)!;
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const { counts, employers, reported } = this.pending;
      this.pending = { counts: [], employers: [], reported: [] };
      for (const group of new Set(reported.map(([, g]) => g))) {
        const asked = reported.filter(([, g]) => g === group);
        const [periodCode, includeSubmitted] = group.split('|');
        aggregatedReportedTotals(this.db, [...new Set(asked.map(([id]) => id))], periodCode!, includeSubmitted === 'true').then(
          (found) => asked.forEach(([id, , d]) => d.resolve(found.get(id)!)),
          (error) => asked.forEach(([, , d]) => d.reject(error)),
        );
      }
      for (const chunk of chunksByUnit(counts, COUNTS_PER_QUERY)) {
        aggregatedCounts(
          this.db,
          chunk.map(([r]) => r),
        ).then(
          (found) => chunk.forEach(([r, d]) => d.resolve(found.get(countKey(r)))),
          (error) => chunk.forEach(([, d]) => d.reject(error)),
        );
      }
      for (const minWorkers of new Set(employers.map(([, w]) => w))) {
        const group = employers.filter(([, w]) => w === minWorkers);
        aggregatedEmployers(this.db, [...new Set(group.map(([id]) => id))], minWorkers).then(
          (found) => group.forEach(([id, , d]) => d.resolve(found?.get(id) ?? null)),
          (error) => group.forEach(([, , d]) => d.reject(error)),
        );
      }
    });
  }
}

/**
 * Count requests per query. A children table of a large province asks about a thousand (each
 * child today and on its path's start): read as a few queries on separate connections, the
 * database works on them at once and the first are composed while the others are still read.
 * TP. HCM's 460-row tables, 2026-12-07 on 2 vCPU (docs/scaling.md): one query 102 / 124–141 ms
 * median / p95 for Tổng quan and the ratio table, two 89–96 / 116–127, four 84–87 / 108–115.
 */
const COUNTS_PER_QUERY = 250;

/** Requests split into near-equal chunks of at most `size`, a unit's requests kept together (they share its decades and years). */
function chunksByUnit<T extends [CountRequest, unknown]>(requests: T[], size: number): T[][] {
  if (requests.length <= size) return requests.length ? [requests] : [];
  const sorted = [...requests].sort((a, b) => a[0].unitId - b[0].unitId);
  const target = Math.ceil(sorted.length / Math.ceil(sorted.length / size));
  const chunks: T[][] = [[]];
  for (const [i, r] of sorted.entries()) {
    const last = chunks.at(-1)!;
    if (last.length >= target && r[0].unitId !== sorted[i - 1]![0].unitId) chunks.push([r]);
    else last.push(r);
  }
  return chunks;
}

/** Per element, the first of the yearly, second-half and first-half totals that has figures. */
function latestOfYear(totals: ReportedTotals[]): ReportedTotals {
  const out: ReportedTotals = new Map();
  for (const t of totals) for (const [code, value] of t) if (!out.has(code)) out.set(code, value);
  return out;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  // Rejections are delivered to whoever awaits; an unawaited prefetch must not crash the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** One value asked of the engine: a target's indicator on a unit's subtree on a day, in a period. */
interface ValueAsk {
  t: TargetRow;
  unitId: number;
  date: string;
  period: Period;
}

/** An indicator's value with what it was computed from. */
interface IndicatorValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reportingUnits: number | null;
  elements: Record<string, number | null>;
}

interface Catalogue {
  sources: Map<string, 'derived' | 'reported'>;
  /** Custom derived elements: what they count (issue 19). */
  custom: Map<string, DerivedDefinition>;
  /** Indicators that others may reuse (no denominator), for expanding their references. */
  reusable: Map<string, { numerator: string; denominator: string | null; unit: string }>;
  /** Expression texts already expanded against this catalogue (a children table reads hundreds of allocations of one indicator). */
  expanded: Map<string, { numerator: string; denominator: string | null } | null>;
}

/** How long a server process trusts its copy of the catalogue when another one may have changed it. */
const CATALOGUE_TTL_MS = 30_000;

async function readCatalogue(db: Kysely<DB>): Promise<Catalogue> {
  const { elements, indicators } = await catalogueRows(db);
  return {
    sources: new Map(elements.map((e) => [e.code, e.source])),
    custom: new Map(
      elements.filter((e) => e.definition !== null && e.source === 'derived').map((e) => [e.code, e.definition as DerivedDefinition]),
    ),
    reusable: new Map(indicators.map((i) => [i.code, i])),
    expanded: new Map(),
  };
}

/**
 * A target row whose expressions name other indicators (reused counts), rewritten over elements
 * only; the engine then never meets an indicator code. Rows without such references are returned as is.
 */
function expandRow(t: TargetRow, cat: Catalogue): TargetRow {
  const key = expressionKey(t);
  let expanded = cat.expanded.get(key);
  if (expanded === undefined) {
    const fields = [t.numerator, t.denominator].filter((f): f is string => f !== null);
    const refs = fields.flatMap((f) => [...f.matchAll(/#\{([a-z][a-z0-9_]*)\}/g)].map((m) => m[1]!));
    const expand = (f: string) => formatExpression(expandIndicatorReferences(parseExpression(f), cat.reusable, cat.sources));
    expanded = refs.some((code) => !cat.sources.has(code) && cat.reusable.has(code))
      ? { numerator: expand(t.numerator), denominator: t.denominator === null ? null : expand(t.denominator) }
      : null;
    cat.expanded.set(key, expanded);
  }
  return expanded ? { ...t, ...expanded } : t;
}

/** A unit's value on a past day, over that day's year (a history point of the expected path). */
const pastAsk = (p: { t: TargetRow; unitId: number }, date: string): ValueAsk => ({
  t: p.t,
  unitId: p.unitId,
  date,
  period: yearPeriod(date),
});

/**
 * Computes targets for a unit on a date. Counts are counted over the subtree; ratios from summed
 * numerators and denominators (never an average of children's percentages); missing data stays
 * missing. Annual targets are judged year by year, deadline targets against their deadline.
 */
export class ProgressService {
  private catalogueRead: { at: number; value: Promise<Catalogue> } | null = null;

  /** Set on a reading engine (`reading`): the catalogue stays the writer's, so invalidation reaches it at once. */
  private catalogueOwner: ProgressService | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly source: DerivedSource = 'aggregates',
  ) {}

  /**
   * The same engine computing on another handle: the dashboards read the replica
   * (DATABASE_READ_URL) while the catalogue cache stays this one's, which the measures service
   * invalidates on every edit.
   */
  reading(read: Kysely<DB>): ProgressService {
    if (read === this.db) return this;
    const engine = new ProgressService(read, this.source);
    engine.catalogueOwner = this;
    return engine;
  }

  /** A cache for one request (or one test comparison). */
  cache(): ElementCache {
    return new ElementCache(this.db, this.source);
  }

  /**
   * The catalogue as the engine reads it: where each element comes from, the custom derived
   * elements' definitions and the indicators (for reused ones). Elements and indicators are data
   * an administrator edits (issue 19): the service that writes them calls invalidateCatalogue(),
   * and another server process sees a change within CATALOGUE_TTL_MS.
   */
  private catalogue(): Promise<Catalogue> {
    if (this.catalogueOwner) return this.catalogueOwner.catalogue();
    if (!this.catalogueRead || Date.now() - this.catalogueRead.at > CATALOGUE_TTL_MS) {
      const value = readCatalogue(this.db);
      value.catch(() => (this.catalogueRead = null));
      this.catalogueRead = { at: Date.now(), value };
    }
    return this.catalogueRead.value;
  }

  invalidateCatalogue(): void {
    this.catalogueRead = null;
  }

  private async sources(): Promise<Map<string, 'derived' | 'reported'>> {
    return (await this.catalogue()).sources;
  }

  /**
   * The derived elements of an expression's codes for some units on a day, each under its code.
   * Built-in derived codes are read in the target's scope; a custom derived element is its base
   * element read in the target's scope narrowed by the element's own filters (one cache read per
   * distinct scope: a dashboard's custom elements mostly share them).
   */
  private derivedOf(
    t: Pick<TargetRow, 'sectors' | 'min_workers'>,
    codes: string[],
    unitIds: number[],
    date: string,
    period: Period | null,
    cache: ElementCache,
    cat: Catalogue,
  ): Promise<ElementValues[]> {
    const scope = { sectors: t.sectors, minWorkers: t.min_workers };
    const native = codes.filter((c) => cat.sources.get(c) === 'derived' && !cat.custom.has(c));
    const reads: { pairs: [string, string][]; values: Promise<ElementValues[]> }[] = [];
    const zero: [string, string][] = [];
    if (native.length)
      reads.push({
        pairs: native.map((c) => [c, c]),
        values: cache.getMany(unitIds, date, scope, periodIfCounted(native, period), needsOf(native)),
      });
    const groups = new Map<string, { scope: ElementScope; pairs: [string, string][] }>();
    for (const code of codes) {
      const def = cat.custom.get(code);
      if (!def) continue;
      const within = scopeWithin(scope, def);
      // No sector left where the target and the element overlap: nothing to count there.
      if (!within) zero.push([code, baseElementOf(def)]);
      else {
        const key = JSON.stringify(within);
        const group = groups.get(key) ?? groups.set(key, { scope: within, pairs: [] }).get(key)!;
        group.pairs.push([code, baseElementOf(def)]);
      }
    }
    for (const g of groups.values()) {
      const bases = g.pairs.map(([, b]) => b);
      reads.push({ pairs: g.pairs, values: cache.getMany(unitIds, date, g.scope, periodIfCounted(bases, period), needsOf(bases)) });
    }
    // Built-in elements only (most targets): the cache's maps as they are — callers only read them.
    if (reads.length === 1 && zero.length === 0 && groups.size === 0) return reads[0]!.values;
    return Promise.all(reads.map((r) => r.values)).then((maps) =>
      unitIds.map((_, i) => {
        const out: ElementValues = new Map();
        reads.forEach((r, k) => r.pairs.forEach(([code, base]) => out.set(code, maps[k]![i]!.get(base) ?? null)));
        for (const [code] of zero) out.set(code, 0);
        return out;
      }),
    );
  }

  /** The base element codes an expression's codes are counted with (a custom element counts as its base). */
  private static basesOf(codes: string[], cat: Catalogue): string[] {
    return codes.map((c) => (cat.custom.has(c) ? baseElementOf(cat.custom.get(c)!) : c));
  }

  /** An indicator not yet saved, on a unit and day (the builder's preview): as a target's card would read it, without a target. */
  async previewValue(expressions: { numerator: string; denominator: string | null }, unitId: number, date: string, period: Period) {
    const cat = await this.catalogue();
    const row = expandRow(
      { numerator: expressions.numerator, denominator: expressions.denominator, sectors: null, min_workers: null } as TargetRow,
      cat,
    );
    const { value, numerator, denominator, elements } = await this.valueOf(row, unitId, date, period, false);
    return { value, numerator, denominator, elements };
  }

  /**
   * Target rows with their indicator, document and owner. With `asOf`: only the targets in force
   * that day (a target withdrawn or closed on or before it is left out), each with the version in
   * force then — the row holds today's terms, so only targets revised after `asOf` need their
   * older version (one query for all of them; none for today's dashboard).
   */
  async targetRows(where: { unitIds?: number[]; targetIds?: number[]; documentId?: number; asOf?: string }): Promise<TargetRow[]> {
    const asOf = where.asOf;
    const cat = await this.catalogue();
    const rows = (await targetRowsWhere(this.db, { ...where, openOn: asOf })).map((t) => expandRow(t, cat));
    const revisedLater = asOf ? rows.filter((t) => revisedAfter(t, asOf)) : [];
    if (!asOf || revisedLater.length === 0) return rows;
    const past = await versionsInForce(
      this.db,
      revisedLater.map((t) => Number(t.id)),
      asOf,
    );
    return rows.map((t) => {
      const version = past.get(Number(t.id));
      return version ? { ...t, ...version } : t;
    });
  }

  private timingOf(t: TargetRow, asOf: string): { period: Period; deadline: string; start: string; timing: TargetProgress['timing'] } {
    if (t.timing === 'annual') {
      const year = Math.min(Math.max(Number(asOf.slice(0, 4)), t.annual_from!), t.annual_to!);
      const period = yearPeriod(String(year));
      return {
        period,
        deadline: period.end,
        start: period.start,
        timing: { kind: 'annual', year, from: t.annual_from!, to: t.annual_to! },
      };
    }
    const deadline = t.deadline!;
    const measured = minDate(asOf, deadline);
    // The straight path to a deadline starts where the plan did: its baseline, else the day it was issued.
    const start = t.baseline_date ?? t.document_issued_on ?? measured;
    return { period: yearPeriod(measured), deadline, start, timing: { kind: 'deadline', deadline } };
  }

  /** The indicator's value for a subtree on a date: numerator, denominator and their elements. */
  async valueOf(t: TargetRow, unitId: number, date: string, period: Period, includeSubmitted: boolean, cache = this.cache()) {
    const [value] = await this.valuesOf([{ t, unitId, date, period }], includeSubmitted, cache, await this.catalogue());
    return value!;
  }

  /**
   * Values of many (target, unit, day) at once — a children table asks hundreds, a dashboard tens:
   * asks with the same expressions, scope, day and period are read as one batch of units (the
   * allocations of one target to each child share them), and every batch is asked in this turn,
   * so the cache reads them all in one query. Without `elements`, only the value is kept.
   */
  private async valuesOf(
    asks: ValueAsk[],
    includeSubmitted: boolean,
    cache: ElementCache,
    cat: Catalogue,
    elements = true,
  ): Promise<IndicatorValue[]> {
    const batches = new Map<string, number[]>();
    asks.forEach(({ t, date, period }, i) => {
      const key = `${expressionKey(t)}|${(t.sectors ?? []).join(',')}|${t.min_workers ?? ''}|${date}|${period.code}`;
      const batch = batches.get(key);
      if (batch) batch.push(i);
      else batches.set(key, [i]);
    });
    const out = new Array<IndicatorValue>(asks.length);
    await Promise.all(
      [...batches.values()].map(async (batch) => {
        const { t, date, period } = asks[batch[0]!]!;
        const { num, den, codes } = expressionsOf(t);
        const reportedCodes = codes.filter((c) => cat.sources.get(c) === 'reported');
        const unitIds = batch.map((i) => asks[i]!.unitId);
        const [derived, reported] = await Promise.all([
          codes.some((c) => cat.sources.get(c) === 'derived') ? this.derivedOf(t, codes, unitIds, date, period, cache, cat) : null,
          reportedCodes.length ? Promise.all(unitIds.map((id) => cache.reported(id, period.code, includeSubmitted))) : null,
        ]);
        batch.forEach((i, k) => {
          let values: ElementValues = derived?.[k] ?? new Map();
          let reportingUnits: number | null = null;
          if (reported) {
            const picked = pickReported(reported[k]!, reportedCodes);
            values = new Map([...values, ...picked.values]); // the derived map may be the cache's: never written
            reportingUnits = picked.reportingUnits;
          }
          const { value, numerator, denominator } = indicatorValue(num, den, values);
          out[i] = {
            value,
            numerator,
            denominator,
            reportingUnits,
            elements: elements ? Object.fromEntries(codes.map((c) => [c, values.get(c) ?? null])) : {},
          };
        });
      }),
    );
    return out;
  }

  /**
   * A target on a unit: value, history, status and forecast. `placedFrom`, when the caller knows
   * it, is the first day the unit stood in the tree: history before it is "no data" without a read.
   */
  async compute(
    t: TargetRow,
    unitId: number,
    asOf: string,
    includeSubmitted = false,
    cache = this.cache(),
    placedFrom: string | null = null,
  ): Promise<TargetProgress> {
    const [progress] = await this.computeMany([{ t, unitId, placedFrom }], asOf, includeSubmitted, cache);
    return progress!;
  }

  /** Each ask's timing, its stated baseline, and the past days that may start its expected path. */
  private plansOf(asks: { t: TargetRow; unitId: number; placedFrom: string | null }[], asOf: string, cat: Catalogue) {
    return asks.map(({ t, unitId, placedFrom }) => {
      const { period, deadline, start, timing } = this.timingOf(t, asOf);
      const measuredOn = minDate(asOf, deadline);
      const baseline =
        t.baseline_value !== null && t.baseline_date !== null && unitId === Number(t.unit_id)
          ? { date: t.baseline_date, value: Number(t.baseline_value) }
          : null;
      // A stated baseline is the path's start: no past value to read.
      const days = baseline ? [] : this.historyDays(t, cat, start, measuredOn, placedFrom);
      return { t, unitId, period, deadline, start, timing, measuredOn, baseline, days };
    });
  }

  /**
   * The current values and the first history day of every plan, asked in one turn so that the
   * cache reads them in one query: the values now, and those of the first days (in plan order,
   * for the plans that have one).
   */
  private firstWave(plans: ReturnType<ProgressService['plansOf']>, includeSubmitted: boolean, cache: ElementCache, cat: Catalogue) {
    const withHistory = plans.filter((p) => p.days.length);
    return Promise.all([
      this.valuesOf(
        plans.map((p) => ({ t: p.t, unitId: p.unitId, date: p.measuredOn, period: p.period })),
        includeSubmitted,
        cache,
        cat,
      ),
      this.valuesOf(
        withHistory.map((p) => pastAsk(p, p.days[0]!)),
        includeSubmitted,
        cache,
        cat,
        false,
      ),
    ]);
  }

  /**
   * Many targets on many units (a dashboard's cards, a children table's rows), each as `compute`
   * answers it alone: the current values and the first history day of every one are asked in one
   * turn (one query), then the later year-ends of those whose first day had no value.
   */
  private async computeMany(
    asks: { t: TargetRow; unitId: number; placedFrom: string | null }[],
    asOf: string,
    includeSubmitted: boolean,
    cache: ElementCache,
  ): Promise<TargetProgress[]> {
    const cat = await this.catalogue();
    const plans = this.plansOf(asks, asOf, cat);
    const [current, firstValues] = await this.firstWave(plans, includeSubmitted, cache, cat);
    const firstOf = plans.flatMap((p, i) => (p.days.length ? [i] : []));
    const history = new Map<number, Observation[]>();
    firstOf.forEach((i, k) => {
      const value = firstValues[k]!.value;
      if (value !== null) history.set(i, [{ date: plans[i]!.days[0]!, value }]);
    });
    // The first day had no value: the first later year-end that has one (docs/progress-rules.md §1).
    const later = firstOf.filter((i) => !history.has(i) && plans[i]!.days.length > 1 && current[i]!.value !== null);
    const laterAsks = later.flatMap((i) => plans[i]!.days.slice(1).map((d) => ({ i, d })));
    const laterValues = await this.valuesOf(
      laterAsks.map(({ i, d }) => pastAsk(plans[i]!, d)),
      includeSubmitted,
      cache,
      cat,
      false,
    );
    laterAsks.forEach(({ i, d }, k) => {
      const value = laterValues[k]!.value;
      if (value !== null && !history.has(i)) history.set(i, [{ date: d, value }]);
    });
    return plans.map((p, i) => {
      const { t, period, measuredOn } = p;
      const now = current[i]!;
      const spec = {
        comparator: t.comparator,
        value: Number(t.value),
        deadline: p.deadline,
        baseline: p.baseline,
        start: p.start,
        range: rangeOf(t.indicator_unit),
      };
      const progress = judge(
        spec,
        now.value,
        measuredOn,
        now.value === null ? [] : [...(history.get(i) ?? []), { date: measuredOn, value: now.value }],
      );
      return {
        targetId: Number(t.id),
        document: { id: Number(t.document_id), title: t.document_title, symbol: t.document_symbol },
        owner: { id: Number(t.unit_id), name: t.owner_name },
        indicator: { code: t.indicator_code, name: t.indicator_name, unit: t.indicator_unit },
        subject: t.subject,
        comparator: t.comparator,
        targetValue: Number(t.value),
        timing: p.timing,
        origin: (t.origin_note as unknown as string | null) ?? null,
        period: { code: period.code, label: period.label, start: period.start, end: period.end },
        measuredOn,
        ...now,
        progress,
      };
    });
  }

  /**
   * The days whose value may start the expected path, when the plan states no baseline
   * (docs/progress-rules.md §1): for a stock counted in the registries, the start day, then each
   * 31/12 before the day measured, never before the unit stood in the tree (`placedFrom`). The
   * first with a value is the path's start, and the pace is measured from the same point, so no
   * other past value is needed. Reports and admissions count a period and have no daily history.
   */
  private historyDays(t: TargetRow, cat: Catalogue, start: string, until: string, placedFrom: string | null): string[] {
    const { codes } = expressionsOf(t);
    if (codes.some((c) => cat.sources.get(c) !== 'derived')) return [];
    return [
      ...(start < until && !ProgressService.basesOf(codes, cat).includes('members_new') ? [start] : []),
      ...yearEndsBetween(start, until),
    ].filter((d) => placedFrom === null || d >= placedFrom);
  }

  /**
   * The target for each child of a unit, lagging children first (docs/progress-rules.md §5): a
   * ratio judged in each child as on its own card; a count against the child's allocation where
   * it has one, else the child's contribution weighed against its expected share — never a
   * status against the parent's total.
   */
  async breakdown(t: TargetRow, unitId: number, asOf: string, includeSubmitted = false, cache = this.cache()): Promise<Breakdown> {
    const { deadline } = this.timingOf(t, asOf);
    const measuredOn = minDate(asOf, deadline);
    // The children, and the allocations of a count target to them with their rows, read at the same time.
    // A child's allocation is mostly timed as the target itself is, so the counts it will ask are
    // the target's on the same days: asked as soon as the children are known, they are read while
    // the allocations are (the cache shares them). The answer is the same whatever the allocations
    // say. Not on the raw path, which reads one unit at a time and would only read more.
    const warming = t.indicator_unit === 'count' && this.source === 'aggregates';
    const [rows, allocated] = await Promise.all([
      childrenOn(this.db, unitId, measuredOn).then((found) => {
        if (warming) void this.warm(t, found, asOf, includeSubmitted, cache);
        return found;
      }),
      t.indicator_unit === 'count'
        ? this.allocationCandidates(t, unitId, measuredOn, asOf)
        : { found: [], rows: new Map<number, TargetRow>() },
    ]);
    const children = rows.map((c) => ({ id: Number(c.id), name: c.name, kind: c.kind, placedFrom: String(c.placed_from) }));
    const allocations = this.allocationsOf(
      t,
      unitId,
      children.map((c) => c.id),
      allocated,
    );
    const weighed = children.filter((c) => t.indicator_unit === 'count' && !allocations.has(c.id));
    const weighedIds = new Set(weighed.map((c) => c.id));
    // Every child asked in the same turn: the cache reads all their values and histories per wave.
    const judgedChildren = children.filter((c) => !weighedIds.has(c.id));
    const [judgedList, contributions] = await Promise.all([
      this.computeMany(
        judgedChildren.map((c) => ({ t: allocations.get(c.id) ?? t, unitId: c.id, placedFrom: c.placedFrom })),
        asOf,
        includeSubmitted,
        cache,
      ),
      weighed.length
        ? this.contributions(
            t,
            weighed.map((c) => c.id),
            String(rows[0]!.parent_from),
            asOf,
            includeSubmitted,
            cache,
          )
        : null,
    ]);
    const judged = new Map(judgedChildren.map((c, i) => [c.id, judgedList[i]!]));
    const items = children.map((child): BreakdownItem => {
      const unit = { id: child.id, name: child.name, kind: child.kind };
      const p = judged.get(child.id);
      if (p) {
        const allocation = allocations.get(child.id);
        return {
          unit,
          value: p.value,
          numerator: p.numerator,
          denominator: p.denominator,
          reportingUnits: p.reportingUnits,
          elements: p.elements,
          status: p.progress.status,
          statusLabel: p.progress.statusLabel,
          shareAchieved: p.progress.shareAchieved,
          basis: allocation ? 'allocation' : 'ratio',
          allocation: allocation ? { targetId: p.targetId, comparator: p.comparator, targetValue: p.targetValue, timing: p.timing } : null,
          contribution: null,
        };
      }
      const c = contributions!.byUnit.get(child.id)!;
      return {
        unit,
        ...c.current,
        status: c.verdict.status,
        statusLabel: c.verdict.statusLabel,
        shareAchieved: null,
        basis: 'contribution',
        allocation: null,
        contribution: c.verdict.figures,
      };
    });
    const ranked = rankChildren(
      items.map((item) => ({ ...item, achievement: item.contribution ? item.contribution.index : item.shareAchieved })),
    );
    return {
      unitId,
      measuredOn,
      rule: ruleOf(
        items.map((item) => item.basis),
        t.indicator_unit,
      ),
      contributionReference: contributions?.reference ?? null,
      items: ranked.map(({ achievement: _, ...item }) => item),
    };
  }

  /** The first wave of reads of a target on these units, into the cache only (errors are the real read's to report). */
  private async warm(
    t: TargetRow,
    units: Awaited<ReturnType<typeof childrenOn>>,
    asOf: string,
    includeSubmitted: boolean,
    cache: ElementCache,
  ): Promise<void> {
    if (units.length === 0) return;
    try {
      const cat = await this.catalogue();
      const plans = this.plansOf(
        units.map((u) => ({ t, unitId: Number(u.id), placedFrom: String(u.placed_from) })),
        asOf,
        cat,
      );
      await this.firstWave(plans, includeSubmitted, cache, cat);
    } catch {
      // Nobody awaits this: a failed read rejects the same cached promise the real read awaits, and is reported there.
    }
  }

  /**
   * The allocations below a count target for a unit's children on `day` and for the unit itself,
   * with their target rows as in force on `asOf` (as the children's own cards read them). Read
   * upwards: the open targets of these units climb their parent links to the target, so the cost
   * is the children's, never the whole allocation tree's (133,400 allocations below a national
   * target: a walk down took 0.6–0.8 s).
   */
  private async allocationCandidates(t: TargetRow, unitId: number, day: string, asOf: string) {
    const found = await allocationsBelow(this.db, Number(t.id), t.indicator_code, unitId, day, asOf);
    const rows = found.length ? await this.targetRows({ targetIds: found.map((r) => r.id), asOf }) : [];
    return { found, rows: new Map(rows.map((r) => [Number(r.id), r])) };
  }

  /**
   * Each child's allocation among the candidates: targets of the same indicator whose parent is
   * the target — or, below the target's unit, the allocation of the unit looked at — else any
   * other in the tree.
   */
  private allocationsOf(
    t: TargetRow,
    unitId: number,
    childIds: number[],
    { found, rows }: Awaited<ReturnType<ProgressService['allocationCandidates']>>,
  ): Map<number, TargetRow> {
    if (childIds.length === 0 || found.length === 0) return new Map();
    const governing = unitId === Number(t.unit_id) ? Number(t.id) : (found.find((r) => r.unitId === unitId)?.id ?? null);
    const byUnit = new Map<number, typeof found>();
    for (const r of [...found].sort((a, b) => a.id - b.id)) {
      const list = byUnit.get(r.unitId);
      if (list) list.push(r);
      else byUnit.set(r.unitId, [r]);
    }
    const chosen = new Map<number, TargetRow>();
    for (const childId of childIds) {
      const own = byUnit.get(childId) ?? [];
      // The allocation from the unit looked at first; any other in the tree if it has none.
      const pick = own.find((r) => r.parentId === governing) ?? own[0];
      const row = pick ? rows.get(pick.id) : undefined;
      if (row) chosen.set(childId, row);
    }
    return chosen;
  }

  /**
   * Contributions of children without an allocation (docs/progress-rules.md §5): for a stock, the
   * change since the reference date — the first day of the span on which the unit looked at had a
   * value, i.e. stood in the tree (`parentFrom`: a registry count of a placed unit is never
   * missing) — weighed by the value then; for a flow (admissions, reported figures), the figure
   * of the period weighed by today's members. Both dates are read in one wave.
   */
  private async contributions(
    t: TargetRow,
    childIds: number[],
    parentFrom: string,
    asOf: string,
    includeSubmitted: boolean,
    cache: ElementCache,
  ) {
    const { period, deadline, start } = this.timingOf(t, asOf);
    const measuredOn = minDate(asOf, deadline);
    const cat = await this.catalogue();
    const { codes } = expressionsOf(t);
    const flow = ProgressService.basesOf(codes, cat).includes('members_new') || codes.some((c) => cat.sources.get(c) === 'reported');
    const valuesOn = (ids: number[], date: string) =>
      this.valuesOf(
        ids.map((unitId) => ({ t, unitId, date, period: date === measuredOn ? period : yearPeriod(date) })),
        includeSubmitted,
        cache,
        cat,
      );
    let reference: ContributionReference;
    let inputs: ContributionInput[];
    let current: IndicatorValue[];
    if (flow) {
      const [now, members] = await Promise.all([
        valuesOn(childIds, measuredOn),
        cache.getMany(childIds, measuredOn, { sectors: t.sectors, minWorkers: null }, null, {
          members: true,
          women: false,
          employers: false,
        }),
      ]);
      current = now;
      reference = { base: 'members', date: measuredOn };
      inputs = childIds.map((unitId, i) => ({
        unitId,
        value: now[i]!.value,
        change: now[i]!.value,
        base: members[i]!.get('members_active') ?? null,
      }));
    } else {
      const date = [start, ...yearEndsBetween(start, measuredOn)].find((d) => d < measuredOn && d >= parentFrom) ?? null;
      const [now, then] = await Promise.all([valuesOn(childIds, measuredOn), date ? valuesOn(childIds, date) : childIds.map(() => null)]);
      current = now;
      reference = { base: 'value_on_reference', date };
      inputs = childIds.map((unitId, i) => {
        const [v, b] = [now[i]!.value, then[i]?.value ?? null];
        return { unitId, value: v, change: v !== null && b !== null ? v - b : null, base: b };
      });
    }
    const verdicts = weighContributions(inputs, t.comparator);
    const byUnit = new Map(childIds.map((id, i) => [id, { current: current[i]!, verdict: verdicts.get(id)! }]));
    return { reference, byUnit };
  }

  /** Values over time for the trend chart: half-year ends for registry counts, each year for reports. */
  async series(t: TargetRow, unitId: number, asOf: string, includeSubmitted = false, cache = this.cache()): Promise<Observation[]> {
    const { deadline, start } = this.timingOf(t, asOf);
    const until = minDate(asOf, deadline);
    const sources = await this.sources();
    const { codes } = expressionsOf(t);
    const derivedOnly = codes.every((c) => sources.get(c) === 'derived');
    const from = Number((t.document_issued_on ?? start).slice(0, 4)) - 1;
    const asked: { on: string; year: number }[] = [];
    for (let y = from; y <= Number(until.slice(0, 4)) && asked.at(-1)?.on !== until; y++) {
      for (const day of derivedOnly ? [`${y}-06-30`, `${y}-12-31`] : [`${y}-12-31`]) {
        const on = minDate(day, until);
        if (!asked.some((a) => a.on === on)) asked.push({ on, year: y });
        if (on === until) break;
      }
    }
    const values = await Promise.all(asked.map((a) => this.valueOf(t, unitId, a.on, parsePeriod(String(a.year)), includeSubmitted, cache)));
    return asked.flatMap((a, i) => (values[i]!.value === null ? [] : [{ date: a.on, value: values[i]!.value! }]));
  }

  /**
   * Targets that apply to a unit: its own, its ancestors' ratio targets (measured over this
   * subtree: a province's "85% of CĐCS…" holds for each commune too), and allocations to it.
   */
  async forUnit(
    unitId: number,
    asOf: string,
    options: { documentId?: number; includeSubmitted?: boolean } = {},
  ): Promise<TargetProgress[]> {
    // The first day the unit stood in the tree: no history is read before it (a province formed in
    // 2025 has no value on a 2021 programme's start day, and reading it costs a second wave).
    const { ids: ancestorIds, placedFrom } = await ancestorsOf(this.db, unitId);
    const rows = (await this.targetRows({ unitIds: ancestorIds, documentId: options.documentId, asOf })).filter(
      (t) => Number(t.unit_id) === unitId || t.indicator_unit !== 'count',
    );
    const cache = this.cache();
    return this.computeMany(
      rows.map((t) => ({ t, unitId, placedFrom })),
      asOf,
      options.includeSubmitted ?? false,
      cache,
    );
  }

  /**
   * The targets many units own, each judged on its owner as the owner's dashboard judges it
   * (`forUnit`'s own rows), in owner then target order. The nightly judgement of every target
   * asks a few hundred owners at a time: the allocations of one target to hundreds of units share
   * one expression and day, so their values are read as one batch, not one unit at a time.
   */
  async ownedBy(unitIds: number[], asOf: string): Promise<TargetProgress[]> {
    if (unitIds.length === 0) return [];
    const [rows, placed] = await Promise.all([this.targetRows({ unitIds, asOf }), placedFromOf(this.db, unitIds)]);
    rows.sort((a, b) => Number(a.unit_id) - Number(b.unit_id) || Number(a.id) - Number(b.id));
    return this.computeMany(
      rows.map((t) => ({ t, unitId: Number(t.unit_id), placedFrom: placed.get(Number(t.unit_id)) ?? null })),
      asOf,
      false,
      this.cache(),
    );
  }
}
