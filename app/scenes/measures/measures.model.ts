/**
 * Pure helpers of the Chỉ số và thành phần số liệu screen: codes proposed from Vietnamese names,
 * the labels of units and sources, the sentence a derived element is counted by, and what uses
 * an element or indicator. Free of React so every word an administrator reads is unit-tested.
 */
import { ApiError } from '../../api/api-client.ts';
import type { DerivedRegistry, ElementItem, ElementUnit, IndicatorUnit, UsageRef } from '../../api/measures.api.ts';
import { DERIVED_MEASURES, describeDerived, findDerivedMeasure } from '../../../domain/measures/derived-definition.ts';
import { SECTORS, type Sector } from '../../../domain/org/org-unit.ts';
import { foldForSearch, stripAccents } from '../../../domain/text/vietnamese-normalize.ts';

/** What `#{code}` accepts (domain/indicators/expression.ts): the server refuses anything else. */
export const CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const CODE_HINT = 'Mã gồm chữ thường không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ cái, tối đa 64 ký tự.';
const MAX_CODE = 64;

/**
 * "Số doanh nghiệp tổ chức đối thoại" → "so_doanh_nghiep_to_chuc_doi_thoai": accent-free snake
 * case, cut at a word when too long, and numbered when the code is already taken ("_2", "_3"…).
 */
export function codeFromName(name: string, taken: ReadonlySet<string> = new Set()): string {
  let base = stripAccents(name.normalize('NFC'))
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') return '';
  if (!/^[a-z]/.test(base)) base = `ma_${base}`;
  base = cutAtWord(base, MAX_CODE);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${cutAtWord(base, MAX_CODE - suffix.length)}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function cutAtWord(code: string, max: number): string {
  if (code.length <= max) return code;
  const cut = code.slice(0, max);
  const lastBreak = cut.lastIndexOf('_');
  // A code made of one very long word is cut where it must be rather than left empty.
  return (lastBreak > 0 ? cut.slice(0, lastBreak) : cut).replace(/_+$/, '');
}

export const ELEMENT_UNIT_OPTIONS: { value: ElementUnit; label: string }[] = [
  { value: 'count', label: 'Số lượng' },
  { value: 'percent', label: 'Tỷ lệ %' },
  { value: 'money', label: 'Tiền (đồng)' },
];

export const INDICATOR_UNIT_OPTIONS: { value: IndicatorUnit; label: string }[] = [
  { value: 'count', label: 'Số lượng' },
  { value: 'percent', label: 'Tỷ lệ %' },
  { value: 'ratio', label: 'Bình quân (tỷ số)' },
  { value: 'money', label: 'Tiền (đồng)' },
];

export function unitLabel(unit: string): string {
  return INDICATOR_UNIT_OPTIONS.find((o) => o.value === unit)?.label ?? unit;
}

/** Built-in derived elements outside the registries' measures (counted from the org tree). */
const BUILTIN_SOURCES: Record<string, string> = { upper_units: 'Tính từ cây tổ chức' };
const REGISTRY_NAMES: Record<DerivedRegistry, string> = {
  members: 'Đoàn viên',
  cdcs: 'Công đoàn cơ sở',
  employers: 'Đơn vị sử dụng lao động',
  agreements: 'Thỏa ước lao động tập thể',
};

/** "Nhập qua biểu mẫu", or "Tính từ sổ Đoàn viên" (a built-in derived element by the measure it is). */
export function sourceLabel(element: Pick<ElementItem, 'code' | 'source' | 'definition'>): string {
  if (element.source === 'reported') return 'Nhập qua biểu mẫu';
  const registry = element.definition?.registry ?? DERIVED_MEASURES.find((m) => m.baseCode === element.code)?.registry;
  if (registry) return `Tính từ sổ ${REGISTRY_NAMES[registry]}`;
  return BUILTIN_SOURCES[element.code] ?? 'Tính từ sổ đăng ký';
}

export interface DerivedDraft {
  registry?: DerivedRegistry;
  measure?: string;
  sectors?: Sector[] | null;
  minWorkers?: number | null;
}

/** Whether "từ N lao động trở lên" applies to this measure (employers' ones only). */
export function allowsMinWorkers(draft: Pick<DerivedDraft, 'registry' | 'measure'>): boolean {
  if (!draft.registry || !draft.measure) return false;
  return findDerivedMeasure(draft.registry, draft.measure)?.filters.includes('minWorkers') ?? false;
}

/** The definition the server receives: no sector chosen means every sector, a threshold only where it applies. */
export function toDefinition(draft: DerivedDraft) {
  if (!draft.registry || !draft.measure || !findDerivedMeasure(draft.registry, draft.measure)) return null;
  const sectors = draft.sectors && draft.sectors.length > 0 ? SECTORS.filter((s) => draft.sectors!.includes(s)) : null;
  const minWorkers = allowsMinWorkers(draft) && typeof draft.minWorkers === 'number' ? draft.minWorkers : null;
  return { registry: draft.registry, measure: draft.measure, sectors, minWorkers };
}

/**
 * The sentence the server stores as `definitionText`, e.g. "Đơn vị sử dụng lao động có CĐCS, từ 25
 * lao động trở lên, khu vực ngoài nhà nước (tư nhân, FDI)"; null until a measure is chosen.
 */
export function definitionSentence(draft: DerivedDraft): string | null {
  const definition = toDefinition(draft);
  return definition ? describeDerived(definition) : null;
}

const USAGE_KINDS: Record<string, string> = { indicator: 'Chỉ số', target: 'Chỉ tiêu', form: 'Biểu mẫu' };

/**
 * One line of the usage list: the server's label, which names its kind ("Chỉ số «…»", "Biểu mẫu
 * «…», phiên bản 2", "12 số liệu đã báo cáo"); a bare name gets its kind in front.
 */
export function usageLine(ref: UsageRef): string {
  const kind = USAGE_KINDS[ref.kind];
  if (!kind || ref.label.startsWith(kind) || ref.kind === 'data') return ref.label;
  return `${kind}: ${ref.label}`;
}

/** "Chưa dùng", "1 nơi", "3 nơi" — the count shown in the table. */
export function usageCount(usedBy: readonly UsageRef[]): string {
  return usedBy.length === 0 ? 'Chưa dùng' : `${usedBy.length.toLocaleString('vi-VN')} nơi`;
}

/** The list a 409 MEASURE_IN_USE carries in `details.usedBy` (empty for any other error). */
export function usageOfError(error: unknown): UsageRef[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details?.usedBy;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is UsageRef => typeof r === 'object' && r !== null && typeof (r as UsageRef).label === 'string');
}

/** Accent-insensitive match on a name or code ("doi thoai" finds "đối thoại"). */
export function matchesQuery(query: string, ...texts: readonly (string | null | undefined)[]): boolean {
  const q = foldForSearch(query.normalize('NFC').trim());
  if (q === '') return true;
  return texts.some((t) => t != null && foldForSearch(t.normalize('NFC')).includes(q));
}

/**
 * The order of both lists: the unions' own measures first, the last changed on top (so what was
 * just added is in view), then the built-in catalogue by name.
 */
export function listOrder<T extends { builtin: boolean; name: string; updatedAt: string | null }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => {
    if (a.builtin !== b.builtin) return a.builtin ? 1 : -1;
    if (!a.builtin) return (b.updatedAt ?? '').localeCompare(a.updatedAt ?? '');
    return a.name.localeCompare(b.name, 'vi');
  });
}

/** The owner column: the unit, or "Toàn hệ thống" for the catalogue every unit shares. */
export function ownerLabel(owner: { name: string } | null): string {
  return owner?.name ?? 'Toàn hệ thống';
}

const VERSION_FIELDS: { key: string; label: string }[] = [
  { key: 'name', label: 'Tên' },
  { key: 'unit', label: 'Đơn vị tính' },
  { key: 'source', label: 'Nguồn' },
  { key: 'definition', label: 'Cách đếm' },
  { key: 'numerator', label: 'Tử số' },
  { key: 'denominator', label: 'Mẫu số' },
  { key: 'description', label: 'Mô tả' },
  { key: 'keywords', label: 'Từ khóa' },
];

function versionValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return '(trống)';
  if (key === 'unit' && typeof value === 'string') return unitLabel(value);
  if (key === 'source') return value === 'reported' ? 'Nhập qua biểu mẫu' : 'Tính từ sổ đăng ký';
  if (key === 'definition' && typeof value === 'object') {
    try {
      return definitionSentence(value as DerivedDraft) ?? JSON.stringify(value);
    } catch {
      return JSON.stringify(value);
    }
  }
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/**
 * What one version changed against the one before, in words: "Tên: A → B". The first version
 * reads "Tạo mới «…»".
 */
export function versionLines(previous: Record<string, unknown> | null, current: Record<string, unknown>): string[] {
  if (!previous) return [`Tạo mới «${versionValue('name', current.name)}»`];
  const lines = VERSION_FIELDS.filter(({ key }) => key in current || key in previous)
    .filter(({ key }) => JSON.stringify(previous[key] ?? null) !== JSON.stringify(current[key] ?? null))
    .map(({ key, label }) => `${label}: ${versionValue(key, previous[key])} → ${versionValue(key, current[key])}`);
  return lines.length ? lines : ['Không đổi nội dung'];
}
