import type { UnitKind } from '../org/org-unit.ts';
import { parsePeriod, periodContaining, type Period, type ReportingCalendar } from '../periods/period.ts';

/**
 * Report templates (biểu mẫu): which reported data elements a kind of unit enters, grouped in
 * sections, on which calendar, opening and due when, and the validation rules (data, not code:
 * administrators edit them, which makes a new version). A report keeps the version it was made
 * with, so changing a template never alters past reports.
 */
export interface TemplateField {
  /** A reported data element of the catalogue (domain/indicators/catalogue.ts). */
  element: string;
  label: string;
  /** Optional hint under the label ("số người", "đồng"). */
  hint?: string;
}

export interface TemplateSection {
  title: string;
  fields: TemplateField[];
}

/**
 * Validation rules. `required`, `part_of` and `ratio` are errors that block submission; a
 * `jump` against the unit's previous accepted report is a warning that needs a comment.
 */
export type TemplateRule =
  | { id: string; kind: 'required'; elements: string[] }
  | { id: string; kind: 'part_of'; part: string; whole: string }
  | { id: string; kind: 'ratio'; numerator: string; denominator: string }
  | { id: string; kind: 'jump'; elements: string[]; maxShare: number };

export type TemplatePeriodKind = 'half' | 'year';

export interface TemplateDefinition {
  code: string;
  name: string;
  unitKinds: UnitKind[];
  periodKind: TemplatePeriodKind;
  calendar: ReportingCalendar;
  /** The form opens this many days before the period's cut-off. */
  opensBeforeEndDays: number;
  /** Due this many days after the cut-off. */
  deadlineDays: number;
  sections: TemplateSection[];
  rules: TemplateRule[];
}

export const templateElements = (t: Pick<TemplateDefinition, 'sections'>): string[] =>
  t.sections.flatMap((s) => s.fields.map((f) => f.element));

export function fieldLabel(t: Pick<TemplateDefinition, 'sections'>, element: string): string {
  for (const s of t.sections) for (const f of s.fields) if (f.element === element) return f.label;
  return element;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

export interface TemplatePeriod extends Period {
  opensOn: string;
  dueOn: string;
}

/** The period `code` as this template's calendar cuts it, with its opening and due dates. */
export function templatePeriod(
  t: Pick<TemplateDefinition, 'periodKind' | 'calendar' | 'opensBeforeEndDays' | 'deadlineDays'>,
  code: string,
): TemplatePeriod {
  const period = parsePeriod(code, t.calendar);
  if (period.kind !== t.periodKind) {
    throw new RangeError(
      t.periodKind === 'year'
        ? `Biểu mẫu này báo cáo theo năm (ví dụ 2026), không theo kỳ "${code}".`
        : `Biểu mẫu này báo cáo 6 tháng (ví dụ 2026-H1), không theo kỳ "${code}".`,
    );
  }
  return { ...period, opensOn: addDays(period.end, -t.opensBeforeEndDays), dueOn: addDays(period.end, t.deadlineDays) };
}

/** Periods open for entry on `today`: the one being cut off now (if already open) and the two before. */
export function openPeriods(
  t: Pick<TemplateDefinition, 'periodKind' | 'calendar' | 'opensBeforeEndDays' | 'deadlineDays'>,
  today: string,
): TemplatePeriod[] {
  const periods: TemplatePeriod[] = [];
  let code = periodContaining(t.periodKind, today, t.calendar).code;
  for (let i = 0; i < 3; i++) {
    const p = templatePeriod(t, code);
    if (p.opensOn <= today) periods.push(p);
    code = previousPeriodCode(code);
  }
  return periods;
}

export function previousPeriodCode(code: string): string {
  const half = /^(\d{4})-H([12])$/.exec(code);
  if (half) return half[2] === '2' ? `${half[1]}-H1` : `${Number(half[1]) - 1}-H2`;
  if (/^\d{4}$/.test(code)) return String(Number(code) - 1);
  throw new RangeError(`Kỳ "${code}" không có kỳ liền trước.`);
}

/** Problems of a template definition (admin edits), in Vietnamese; empty when it is sound. */
export function templateProblems(t: Pick<TemplateDefinition, 'sections' | 'rules'>, reportedElements: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const elements = templateElements(t);
  const inForm = new Set(elements);
  if (elements.length === 0) problems.push('Biểu mẫu cần ít nhất một chỉ tiêu để nhập.');
  if (inForm.size !== elements.length) problems.push('Một chỉ tiêu xuất hiện hai lần trong biểu mẫu.');
  for (const e of elements) if (!reportedElements.has(e)) problems.push(`"${e}" không phải là chỉ tiêu báo cáo trong danh mục.`);
  const ids = new Set<string>();
  for (const r of t.rules) {
    if (ids.has(r.id)) problems.push(`Mã quy tắc "${r.id}" bị trùng.`);
    ids.add(r.id);
    const used = r.kind === 'part_of' ? [r.part, r.whole] : r.kind === 'ratio' ? [r.numerator, r.denominator] : r.elements;
    for (const e of used) if (!inForm.has(e)) problems.push(`Quy tắc "${r.id}" nói đến "${e}", không có trong biểu mẫu.`);
    if (r.kind === 'jump' && !(r.maxShare > 0 && r.maxShare <= 10))
      problems.push(`Quy tắc "${r.id}": ngưỡng thay đổi phải lớn hơn 0 và không quá 1000%.`);
  }
  return problems;
}
