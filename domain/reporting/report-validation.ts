import { fieldLabel, templateElements, type TemplateDefinition, type TemplateRule } from './report-template.ts';

/** Entered figures of a report: element code → value; null or absent = not entered. */
export type ReportValues = Record<string, number | null>;

export interface RuleFinding {
  ruleId: string;
  /** The element the message is about (the form highlights that field). */
  element: string;
  message: string;
}

export interface ValidationResult {
  errors: RuleFinding[];
  /** Warnings still lacking an explanation block submission too. */
  warnings: (RuleFinding & { explained: boolean })[];
}

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const fmt = (n: number) => vi.format(n);
const quote = (t: Pick<TemplateDefinition, 'sections'>, e: string) => `«${fieldLabel(t, e)}»`;

/** Values a form may hold at all (whatever the template's rules): whole, non-negative, not absurd. */
export function valueProblems(t: Pick<TemplateDefinition, 'sections'>, values: ReportValues): RuleFinding[] {
  const allowed = new Set(templateElements(t));
  const problems: RuleFinding[] = [];
  for (const [element, value] of Object.entries(values)) {
    if (!allowed.has(element)) {
      problems.push({ ruleId: 'bieu-mau', element, message: `"${element}" không có trong biểu mẫu này.` });
      continue;
    }
    if (value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || !Number.isInteger(value)) {
      problems.push({ ruleId: 'so-nguyen', element, message: `${quote(t, element)}: phải là số nguyên không âm (quy tắc: kiểu số).` });
    } else if (value > 1e15) {
      problems.push({ ruleId: 'so-nguyen', element, message: `${quote(t, element)}: số quá lớn (quy tắc: kiểu số).` });
    }
  }
  return problems;
}

/** One rule against the values (and the unit's previous accepted figures for `jump`). */
function check(
  t: Pick<TemplateDefinition, 'sections'>,
  rule: TemplateRule,
  values: ReportValues,
  previous: ReportValues | null,
): RuleFinding[] {
  const v = (e: string) => (typeof values[e] === 'number' ? (values[e] as number) : null);
  /** `lower` must not exceed `upper` when both are filled: a finding on `lower` naming the rule otherwise. */
  const notAbove = (lower: string, upper: string, ruleText: string): RuleFinding[] => {
    const [low, up] = [v(lower), v(upper)];
    if (low === null || up === null || low <= up) return [];
    const message = `${quote(t, lower)} (${fmt(low)}) lớn hơn ${quote(t, upper)} (${fmt(up)}) (quy tắc: ${ruleText}).`;
    return [{ ruleId: rule.id, element: lower, message }];
  };
  switch (rule.kind) {
    case 'required':
      return rule.elements
        .filter((e) => v(e) === null)
        .map((e) => ({ ruleId: rule.id, element: e, message: `${quote(t, e)}: chưa nhập (quy tắc: chỉ tiêu bắt buộc).` }));
    case 'part_of':
      return notAbove(rule.part, rule.whole, 'phần không vượt quá tổng');
    case 'ratio':
      return notAbove(rule.numerator, rule.denominator, 'tử số không vượt quá mẫu số');
    case 'jump': {
      if (!previous) return [];
      const findings: RuleFinding[] = [];
      for (const e of rule.elements) {
        const now = v(e);
        const before = typeof previous[e] === 'number' ? (previous[e] as number) : null;
        if (now === null || before === null || before === 0) continue;
        const change = (now - before) / before;
        if (Math.abs(change) > rule.maxShare) {
          findings.push({
            ruleId: rule.id,
            element: e,
            message: `${quote(t, e)} ${change > 0 ? 'tăng' : 'giảm'} ${fmt(Math.abs(change) * 100)}% so với kỳ trước (${fmt(before)} → ${fmt(now)}), vượt ngưỡng ${fmt(rule.maxShare * 100)}%: cần giải thích (quy tắc: biến động so với kỳ trước).`,
          });
        }
      }
      return findings;
    }
  }
}

/**
 * The form's findings: errors (blocking) and warnings (need an explanation, keyed
 * `${ruleId}:${element}` in `explanations`). Explanations are trimmed; blank is none.
 */
export function validateReport(
  t: Pick<TemplateDefinition, 'sections' | 'rules'>,
  values: ReportValues,
  previous: ReportValues | null,
  explanations: Record<string, string>,
): ValidationResult {
  const errors = valueProblems(t, values);
  const warnings: ValidationResult['warnings'] = [];
  for (const rule of t.rules) {
    for (const finding of check(t, rule, values, previous)) {
      if (rule.kind === 'jump') warnings.push({ ...finding, explained: (explanations[warningKey(finding)] ?? '').trim().length > 0 });
      else errors.push(finding);
    }
  }
  return { errors, warnings };
}

export const warningKey = (f: Pick<RuleFinding, 'ruleId' | 'element'>) => `${f.ruleId}:${f.element}`;
