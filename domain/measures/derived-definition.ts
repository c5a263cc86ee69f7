/**
 * Custom derived data elements (issue 19): an administrator picks a registry, a measure and
 * filters from lists — never SQL. Each definition maps onto a built-in derived element the
 * aggregates already compute (server/progress/aggregate-elements.repository.ts, composeElements)
 * plus a scope, so a custom element costs no new query and is counted exactly like the built-in
 * one it narrows. Pure: no I/O.
 */
import { SECTORS, isSector, type Sector } from '../org/org-unit.ts';

export type DerivedRegistry = 'members' | 'cdcs' | 'employers' | 'agreements';

export interface DerivedDefinition {
  registry: DerivedRegistry;
  measure: string;
  /** Sectors counted, in SECTORS order; null = every sector. */
  sectors: Sector[] | null;
  /** Employers from this many workers up; null = any size. */
  minWorkers: number | null;
}

export interface DerivedMeasure {
  registry: DerivedRegistry;
  measure: string;
  /** The built-in derived element this measure is. */
  baseCode: string;
  label: string;
  /** Counted as of a date, or over a period (admissions). */
  timing: 'as_of' | 'period';
  filters: ('sectors' | 'minWorkers')[];
}

export const DERIVED_REGISTRIES: { code: DerivedRegistry; label: string }[] = [
  { code: 'members', label: 'Đoàn viên' },
  { code: 'cdcs', label: 'Công đoàn cơ sở' },
  { code: 'employers', label: 'Đơn vị sử dụng lao động' },
  { code: 'agreements', label: 'Thỏa ước lao động tập thể' },
];

/** Short sector names for lists and sentences (SECTOR_LABELS are the long, formal ones). */
export const DERIVED_SECTORS: { code: Sector; label: string }[] = [
  { code: 'hcsn', label: 'hành chính sự nghiệp' },
  { code: 'dnnn', label: 'doanh nghiệp nhà nước' },
  { code: 'private', label: 'tư nhân' },
  { code: 'fdi', label: 'FDI' },
];

const measure = (
  registry: DerivedRegistry,
  code: string,
  baseCode: string,
  label: string,
  timing: DerivedMeasure['timing'] = 'as_of',
): DerivedMeasure => ({
  registry,
  measure: code,
  baseCode,
  label,
  timing,
  // composeElements applies the size threshold to employer elements only: elsewhere it would be ignored silently.
  filters: registry === 'employers' ? ['sectors', 'minWorkers'] : ['sectors'],
});

export const DERIVED_MEASURES: DerivedMeasure[] = [
  measure('members', 'active', 'members_active', 'Đoàn viên đang sinh hoạt'),
  measure('members', 'women', 'members_women', 'Đoàn viên nữ đang sinh hoạt'),
  measure('members', 'admitted', 'members_new', 'Đoàn viên kết nạp mới trong kỳ', 'period'),
  measure('cdcs', 'all', 'cdcs', 'Công đoàn cơ sở đang hoạt động'),
  measure('cdcs', 'enterprise', 'cdcs_enterprise', 'Công đoàn cơ sở doanh nghiệp'),
  measure('employers', 'all', 'employers', 'Đơn vị sử dụng lao động'),
  measure('employers', 'with_cdcs', 'employers_with_cdcs', 'Đơn vị sử dụng lao động có CĐCS'),
  measure('employers', 'workers', 'workers', 'Người lao động tại đơn vị sử dụng lao động'),
  measure('employers', 'workers_in_cdcs', 'workers_in_cdcs_employers', 'Người lao động tại đơn vị có CĐCS'),
  measure('agreements', 'in_force', 'cdcs_with_agreement', 'CĐCS có thỏa ước lao động tập thể còn hiệu lực'),
  measure('agreements', 'b_or_better', 'agreements_b_or_better', 'CĐCS có thỏa ước xếp loại B trở lên'),
  measure('agreements', 'better_than_law', 'agreements_better_than_law', 'CĐCS có thỏa ước có lợi hơn quy định của pháp luật'),
];

/** Worker counts are people, not employers: the threshold must read as the employers' size. */
const PEOPLE_MEASURES = new Set(['workers', 'workers_in_cdcs_employers']);
/** Elements counting enterprise CĐCS only: the aggregates' ENTERPRISE_SECTORS leave hcsn out. */
const ENTERPRISE_ONLY = new Set(['cdcs_enterprise']);
const MAX_MIN_WORKERS = 100_000;

export function findDerivedMeasure(registry: string, code: string): DerivedMeasure | undefined {
  return DERIVED_MEASURES.find((m) => m.registry === registry && m.measure === code);
}

type Parsed = { ok: true; definition: DerivedDefinition } | { ok: false; problems: string[] };

export function parseDerivedDefinition(input: unknown): Parsed {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, problems: ['Chưa có cách đếm: cần chọn sổ, phép đếm và bộ lọc.'] };
  const raw = input as Record<string, unknown>;
  const registry = DERIVED_REGISTRIES.find((r) => r.code === raw.registry);
  if (!registry)
    return {
      ok: false,
      problems: [
        `Không có sổ "${String(raw.registry ?? '')}": chọn Đoàn viên, Công đoàn cơ sở, Đơn vị sử dụng lao động hoặc Thỏa ước lao động tập thể.`,
      ],
    };
  const m = findDerivedMeasure(registry.code, String(raw.measure ?? ''));
  if (!m) return { ok: false, problems: [`Sổ «${registry.label}» không có phép đếm "${String(raw.measure ?? '')}".`] };
  const problems: string[] = [];
  const sectors = parseSectors(raw.sectors, m, problems);
  const minWorkers = parseMinWorkers(raw.minWorkers, m, problems);
  if (problems.length) return { ok: false, problems };
  return { ok: true, definition: { registry: registry.code, measure: m.measure, sectors, minWorkers } };
}

function parseSectors(value: unknown, m: DerivedMeasure, problems: string[]): Sector[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) {
    problems.push('Bộ lọc khu vực cần ít nhất một khu vực (bỏ bộ lọc để đếm mọi khu vực).');
    return null;
  }
  const unknown = value.filter((s) => typeof s !== 'string' || !isSector(s));
  if (unknown.length) problems.push(`Không có khu vực ${unknown.map((s) => `"${String(s)}"`).join(', ')}.`);
  if (new Set(value).size !== value.length) problems.push('Một khu vực được chọn hai lần.');
  if (ENTERPRISE_ONLY.has(m.baseCode) && value.includes('hcsn')) {
    problems.push('Khu vực hành chính sự nghiệp không có công đoàn cơ sở doanh nghiệp: bỏ khu vực này khỏi bộ lọc.');
  }
  return SECTORS.filter((s) => value.includes(s));
}

function parseMinWorkers(value: unknown, m: DerivedMeasure, problems: string[]): number | null {
  if (value === undefined || value === null) return null;
  if (!m.filters.includes('minWorkers')) {
    problems.push(`«${m.label}» không lọc theo số lao động: ngưỡng lao động chỉ dùng cho đơn vị sử dụng lao động.`);
    return null;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_MIN_WORKERS) {
    problems.push('Ngưỡng lao động phải là số nguyên từ 1 đến 100.000.');
    return null;
  }
  return value;
}

function measureOf(def: Pick<DerivedDefinition, 'registry' | 'measure'>): DerivedMeasure {
  const m = findDerivedMeasure(def.registry, def.measure);
  // Definitions come from parseDerivedDefinition; an unknown one is a stored row gone stale, a bug.
  if (!m) throw new RangeError(`Unknown derived measure ${def.registry}/${def.measure}`);
  return m;
}

export function baseElementOf(def: Pick<DerivedDefinition, 'registry' | 'measure'>): string {
  return measureOf(def).baseCode;
}

export interface DerivedScope {
  sectors: string[] | null;
  minWorkers: number | null;
}

/**
 * The scope to count the element with inside a target's scope: both must hold, so sectors
 * intersect and the larger threshold wins. Null when no sector is left: the element counts
 * nothing there (not zero of something — the caller says "no data" or "not applicable").
 */
export function scopeWithin(target: DerivedScope, def: Pick<DerivedDefinition, 'sectors' | 'minWorkers'>): DerivedScope | null {
  // composeElements reads an empty sector list as "every sector".
  const own = target.sectors && target.sectors.length ? target.sectors : null;
  let sectors: string[] | null = own ?? def.sectors;
  if (own && def.sectors) {
    sectors = own.filter((s) => (def.sectors as string[]).includes(s));
    if (sectors.length === 0) return null;
  }
  const thresholds = [target.minWorkers, def.minWorkers].filter((n): n is number => n !== null);
  return { sectors: sectors && [...sectors], minWorkers: thresholds.length ? Math.max(...thresholds) : null };
}

const vi = new Intl.NumberFormat('vi-VN');
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const sectorNames = (sectors: readonly Sector[]) =>
  DERIVED_SECTORS.filter((s) => sectors.includes(s.code))
    .map((s) => s.label)
    .join(', ');

/** "khu vực ngoài nhà nước (tư nhân, FDI)": the two groups plans speak of are named as such. */
function describeSectors(sectors: readonly Sector[]): string {
  if (sameSet(sectors, ['private', 'fdi'])) return `khu vực ngoài nhà nước (${sectorNames(sectors)})`;
  if (sameSet(sectors, ['hcsn', 'dnnn'])) return `khu vực nhà nước (${sectorNames(sectors)})`;
  return `khu vực ${sectorNames(sectors)}`;
}

/** One Vietnamese sentence for lists and the audit log, e.g. "Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên, khu vực ngoài nhà nước (tư nhân, FDI)". */
export function describeDerived(def: DerivedDefinition): string {
  const m = measureOf(def);
  const parts = [m.label];
  if (def.minWorkers !== null) {
    const threshold = `từ ${vi.format(def.minWorkers)} lao động trở lên`;
    // Without a comma the threshold qualifies "đơn vị" in the label, not the people counted.
    if (PEOPLE_MEASURES.has(m.baseCode)) parts[0] = `${m.label} ${threshold}`;
    else parts.push(threshold);
  }
  if (def.sectors !== null) parts.push(describeSectors(def.sectors));
  return parts.join(', ');
}
