/**
 * What the Chỉ tiêu forms send, built from the form's values without React so the rules
 * (deadline year or every year, baseline as a pair, empty scope left out) are unit-tested.
 */
import type { IndicatorItem } from '../../api/measures.api.ts';
import type { NewDocument, NewTarget } from '../../api/progress.api.ts';
import { matchesQuery } from '../measures/measures.model.ts';

export const DOCUMENT_KINDS = [
  { value: 'resolution', label: 'Nghị quyết' },
  { value: 'program', label: 'Chương trình hành động' },
  { value: 'plan', label: 'Kế hoạch' },
  { value: 'directive', label: 'Chỉ thị' },
  { value: 'conclusion', label: 'Kết luận' },
  { value: 'decision', label: 'Quyết định' },
  { value: 'guidance', label: 'Hướng dẫn' },
  { value: 'other', label: 'Văn bản khác' },
] as const;

export function documentKindLabel(kind: string): string {
  return DOCUMENT_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

/**
 * '=' is what documents write as a bare figure ("phấn đấu có 500 đoàn viên", "đạt 90%"): the
 * progress engine judges it as "reach N" (docs/progress-rules.md), so it must not read "exactly".
 */
export const COMPARATOR_OPTIONS = [
  { value: '>', label: 'Trên (>)' },
  { value: '>=', label: 'Từ … trở lên (≥)' },
  { value: '=', label: 'Đạt (từ giá trị này)' },
  { value: '<=', label: 'Không quá (≤)' },
  { value: '<', label: 'Dưới (<)' },
] as const;

const UNIT_HINT: Record<IndicatorItem['unit'], string> = { count: 'số lượng', percent: 'tỷ lệ %', ratio: 'bình quân', money: 'tiền' };

/** The inputs of TargetTermsFields, where the server's refusals of a target's terms are put. */
export const TARGET_TERMS_FIELDS = ['comparator', 'value', 'deadlineYear', 'sectors', 'minWorkers'] as const;

export interface IndicatorOption {
  value: string;
  label: string;
  unit: IndicatorItem['unit'];
  description: string | null;
}

type IndicatorLike = Pick<IndicatorItem, 'code' | 'name' | 'unit'> & { description?: string | null };

/**
 * Indicators by their Vietnamese names, with the kind of figure each expects. The list comes from
 * GET /api/measures/indicators (the catalogue and the indicators the unions defined themselves).
 */
export function indicatorOptions(items: readonly IndicatorLike[]): IndicatorOption[] {
  return items.map((i) => ({
    value: i.code,
    label: `${i.name} (${UNIT_HINT[i.unit] ?? i.unit})`,
    unit: i.unit,
    description: i.description ?? null,
  }));
}

/** The selects' search: by name or code, with or without accents ("thoa uoc" finds "thỏa ước"). */
export function indicatorFilter(input: string, option?: { label?: unknown; value?: unknown }): boolean {
  return matchesQuery(input, typeof option?.label === 'string' ? option.label : '', typeof option?.value === 'string' ? option.value : '');
}

export function indicatorUnit(items: readonly IndicatorLike[], code: string | undefined): IndicatorItem['unit'] | undefined {
  return code === undefined ? undefined : items.find((i) => i.code === code)?.unit;
}

export interface DocumentFormValues {
  kind: string;
  symbol?: string;
  title: string;
  issuedOn?: string;
  termFrom?: number;
  termTo?: number;
}

export function toDocumentBody(v: DocumentFormValues, issuerUnitId: number): NewDocument {
  return {
    kind: v.kind,
    symbol: v.symbol?.normalize('NFC').trim() || null,
    title: v.title.normalize('NFC').trim(),
    issuerUnitId,
    issuedOn: v.issuedOn ?? null,
    termFrom: v.termFrom ?? null,
    termTo: v.termTo ?? null,
  };
}

export interface TargetFormValues {
  documentId: number;
  unitId: number;
  indicatorCode: string;
  comparator: NewTarget['comparator'];
  value: number;
  timing: 'deadline' | 'annual';
  deadlineYear?: number;
  sectors?: NonNullable<NewTarget['sectors']>;
  minWorkers?: number;
  baselineValue?: number;
  baselineDate?: string;
  subject?: string;
  quote?: string;
}

export function toTargetBody(v: TargetFormValues): NewTarget {
  const body: NewTarget = {
    documentId: v.documentId,
    unitId: v.unitId,
    indicatorCode: v.indicatorCode,
    comparator: v.comparator,
    value: v.value,
    ...(v.timing === 'annual' ? { annual: true } : { deadlineYear: v.deadlineYear ?? null }),
  };
  if (v.sectors && v.sectors.length > 0) body.sectors = v.sectors;
  if (v.minWorkers !== undefined && v.minWorkers !== null) body.minWorkers = v.minWorkers;
  // The server wants the baseline as a pair; half of one is left out rather than sent wrong.
  if (v.baselineValue !== undefined && v.baselineValue !== null && v.baselineDate) {
    body.baselineValue = v.baselineValue;
    body.baselineDate = v.baselineDate;
  }
  const subject = v.subject?.normalize('NFC').trim();
  if (subject) body.subject = subject;
  const quote = v.quote?.normalize('NFC').trim();
  if (quote) body.quote = quote;
  return body;
}
