/**
 * Pure rules of the indicator builder: inserting `#{code}` where the cursor is, the picker's
 * choices, problems placed under the field they concern, the preview's figures in vi-VN, and
 * the prefill from an unmatched target of the review screen.
 */
import { ApiError } from '../../api/api-client.ts';
import type { ElementItem, IndicatorItem, IndicatorProblem, IndicatorUnit } from '../../api/measures.api.ts';
import { formatIndicatorValue } from '../../../domain/report-documents/report-wording.ts';
import { matchesQuery } from './measures.model.ts';

export type ExpressionField = 'numerator' | 'denominator';

/** Inserts `#{code}` over the selection (or at the caret) and says where the caret goes next. */
export function insertReference(
  text: string,
  start: number | null | undefined,
  end: number | null | undefined,
  code: string,
): { text: string; caret: number } {
  const from = clamp(start ?? text.length, text.length);
  const to = Math.max(from, clamp(end ?? from, text.length));
  const ref = `#{${code}}`;
  const before = text.slice(0, from);
  const after = text.slice(to);
  // A space on each side where the neighbour is not one already, so "a+#{b}" stays readable as "a + #{b}".
  const lead = before !== '' && !/\s$/.test(before) && !/\($/.test(before) ? ' ' : '';
  const trail = after !== '' && !/^\s/.test(after) && !/^\)/.test(after) ? ' ' : '';
  const inserted = `${lead}${ref}${trail}`;
  return { text: `${before}${inserted}${after}`, caret: before.length + lead.length + ref.length };
}

const clamp = (n: number, max: number) => Math.min(Math.max(0, n), max);

export interface ReferenceOption {
  value: string;
  label: string;
  kind: 'element' | 'indicator';
  unit: string;
}

/**
 * What a field may name: every element, and the count and money indicators (reused: expanded into
 * their numerator). Ratio and percent indicators cannot be summed over a subtree, so they are
 * not offered (the server would refuse them).
 */
export function referenceOptions(
  elements: readonly Pick<ElementItem, 'code' | 'name' | 'unit'>[],
  indicators: readonly Pick<IndicatorItem, 'code' | 'name' | 'unit'>[],
  exclude?: string,
): ReferenceOption[] {
  return [
    ...elements.map((e) => ({ value: e.code, label: e.name, kind: 'element' as const, unit: e.unit })),
    ...indicators
      .filter((i) => (i.unit === 'count' || i.unit === 'money') && i.code !== exclude && !elements.some((e) => e.code === i.code))
      .map((i) => ({ value: i.code, label: i.name, kind: 'indicator' as const, unit: i.unit })),
  ];
}

export function filterReferences(options: readonly ReferenceOption[], query: string): ReferenceOption[] {
  return options.filter((o) => matchesQuery(query, o.label, o.value));
}

/** Codes named by `#{…}` in a field, in order of first appearance. */
export function referencedCodes(text: string | null | undefined): string[] {
  const codes: string[] = [];
  for (const m of (text ?? '').matchAll(/#\{([^}]*)\}/g)) if (!codes.includes(m[1]!)) codes.push(m[1]!);
  return codes;
}

/** "#{a} + #{b}" → "[Tên a] + [Tên b]", with × and ÷: how the tables show an expression. */
export function readableExpression(text: string | null | undefined, nameOf: (code: string) => string | undefined): string {
  if (!text) return '';
  return text
    .replace(/#\{([^}]*)\}/g, (_, code: string) => `[${nameOf(code) ?? code}]`)
    .replace(/\*/g, '×')
    .replace(/\//g, '÷');
}

export interface FieldProblems {
  numerator: string[];
  denominator: string[];
  /** Problems of the name, code or unit, or of no field: shown above the buttons. */
  other: string[];
}

export function problemsByField(problems: readonly IndicatorProblem[]): FieldProblems {
  const out: FieldProblems = { numerator: [], denominator: [], other: [] };
  for (const p of problems) {
    if (p.field === 'numerator' || p.field === 'denominator') out[p.field].push(p.message);
    else out.other.push(p.message);
  }
  return out;
}

/** The problems a 400 MEASURE_INVALID carries (`details.problems`): objects, or bare sentences. */
export function problemsOfError(error: unknown): IndicatorProblem[] {
  if (!(error instanceof ApiError)) return [];
  const list = error.details?.problems;
  if (!Array.isArray(list)) return [];
  return list.flatMap((p): IndicatorProblem[] => {
    if (typeof p === 'string') return [{ code: 'INVALID', field: null, message: p }];
    if (typeof p === 'object' && p !== null && typeof (p as IndicatorProblem).message === 'string') return [p as IndicatorProblem];
    return [];
  });
}

export const NO_DATA = 'chưa có số liệu';

/** 52600 → "52.600"; 85.5 % → "85,5%"; money → "40.000.000 đồng"; null → "chưa có số liệu" (0 is a figure). */
export function formatPreviewValue(value: number | null | undefined, unit: string): string {
  const text = formatIndicatorValue(value, unit);
  if (text === '') return NO_DATA;
  return unit === 'money' ? `${text} đồng` : text;
}

/** An element's figure in the preview: counts and money as such (a percent element as a percent). */
export function formatElementValue(value: number | null | undefined, unit: string): string {
  return formatPreviewValue(value, unit === 'percent' || unit === 'money' ? unit : 'count');
}

/** A target read from a document is measured in count, percent or money: the indicator to build follows. */
export function indicatorUnitForTarget(unit: string): IndicatorUnit {
  return unit === 'percent' ? 'percent' : unit === 'money' ? 'money' : 'count';
}

/**
 * The name proposed for a target's new indicator: its subject, with "Tỷ lệ" in front for a
 * percent ("doanh nghiệp tổ chức đối thoại" → "Tỷ lệ doanh nghiệp tổ chức đối thoại").
 */
export function indicatorNameFromSubject(subject: string | null | undefined, unit: string): string {
  const s = (subject ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[.;:,]+$/, '');
  if (s === '') return '';
  if (unit === 'percent' && !/^t[ỷỉ] lệ(?:\s|$)/iu.test(s)) return `Tỷ lệ ${lowerFirst(s)}`;
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

/** Lower-cases the first letter of an ordinary word, never of an abbreviation ("CĐCS", "FDI"). */
function lowerFirst(s: string): string {
  const word = s.split(' ')[0] ?? '';
  const isAbbreviation = word.length > 1 && word === word.toLocaleUpperCase('vi');
  return isAbbreviation ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

/** Whether a percent numerator already multiplies by 100 ("100 * #{a}", "#{a} * 100"). */
export function hasPercentFactor(numerator: string): boolean {
  return /^\s*100\s*\*/.test(numerator) || /\*\s*100\s*$/.test(numerator);
}

/**
 * A percent indicator's value is Σ numerators ÷ Σ denominators as written, so the ×100 belongs in
 * the numerator (the catalogue writes `100 * #{…}`): a Vietnamese warning when it is missing.
 */
export function percentFactorHint(unit: IndicatorUnit | undefined, numerator: string): string | null {
  if (unit !== 'percent' || numerator.trim() === '' || hasPercentFactor(numerator)) return null;
  return 'Chỉ số phần trăm: tử số cần nhân 100 (ví dụ 100 * #{mã}), nếu không giá trị sẽ là tỷ số, chẳng hạn 0,64 thay vì 64%.';
}

/** "#{a} + #{b}" → "100 * (#{a} + #{b})"; a single term needs no parentheses. */
export function withPercentFactor(numerator: string): string {
  const text = numerator.trim();
  if (text === '' || hasPercentFactor(text)) return text;
  return /^#\{[^}]*\}$|^\d+(?:[.,]\d+)?$/.test(text) ? `100 * ${text}` : `100 * (${text})`;
}

/** Share units need a denominator; count and money have none (the server checks the same). */
export function needsDenominator(unit: IndicatorUnit | undefined): boolean {
  return unit === 'percent' || unit === 'ratio';
}
