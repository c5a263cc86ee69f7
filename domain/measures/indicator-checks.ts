/**
 * Checks run when an administrator saves an indicator (issue 19). An indicator is summed over a
 * subtree as Σ numerators ÷ Σ denominators (expression.ts, indicatorValue), so the only division
 * by a count is the one between the two fields; everything else here follows from that.
 * A code names a data element first: the built-in catalogue has indicators named like the
 * element they count (members_new = #{members_new}), and that is no cycle. Pure: no I/O.
 */
import { divisorReferences, ExpressionError, parseExpression, referencedCodes, type Expr } from '../indicators/expression.ts';

export interface CatalogueView {
  elements: ReadonlyMap<string, { unit: 'count' | 'percent' | 'money'; source: 'derived' | 'reported' }>;
  indicators: ReadonlyMap<string, { numerator: string; denominator: string | null; unit: string }>;
}

export interface IndicatorDraft {
  code: string;
  unit: 'count' | 'percent' | 'ratio' | 'money';
  numerator: string;
  denominator: string | null;
}

export interface IndicatorProblem {
  code:
    | 'EXPRESSION_SYNTAX'
    | 'UNKNOWN_CODE'
    | 'DIVISION_IN_EXPRESSION'
    | 'CYCLE'
    | 'DENOMINATOR_REQUIRED'
    | 'DENOMINATOR_NOT_ALLOWED'
    | 'UNIT_MISMATCH'
    | 'PERCENT_FACTOR';
  field: Field;
  message: string;
  /** Index in the field's text (0-based), when the problem sits at one place. */
  position?: number;
}

type Field = 'numerator' | 'denominator';
type Indicators = CatalogueView['indicators'];
const FIELD_NAME: Record<Field, string> = { numerator: 'Tử số', denominator: 'Mẫu số' };
const UNIT_NAME: Record<string, string> = { count: 'số lượng', money: 'tiền', percent: 'phần trăm', ratio: 'tỷ lệ' };
const MAX_DEPTH = 20;
const isShare = (unit: IndicatorDraft['unit']) => unit === 'percent' || unit === 'ratio';
const hasText = (s: string | null): s is string => s !== null && s.trim() !== '';

interface ParsedField {
  field: Field;
  source: string;
  expr: Expr;
}

export function checkIndicator(draft: IndicatorDraft, catalogue: CatalogueView): IndicatorProblem[] {
  const hasDenominator = hasText(draft.denominator);
  const problems = denominatorProblems(draft, hasDenominator);
  const fields: ParsedField[] = [];
  // A denominator the unit forbids is refused as a whole; its contents would only add noise.
  const denominator = hasDenominator && isShare(draft.unit) ? draft.denominator : null;
  for (const [field, source] of [
    ['numerator', draft.numerator],
    ['denominator', denominator],
  ] as const) {
    if (source === null) continue;
    const parsed = parseField(field, source);
    if ('code' in parsed) problems.push(parsed);
    else fields.push(parsed);
  }
  // The draft replaces its saved self: a cycle is judged on what is about to be saved.
  const indicators = new Map(catalogue.indicators).set(draft.code, { numerator: draft.numerator, denominator, unit: draft.unit });
  for (const f of fields) {
    problems.push(...referenceProblems(f, draft, catalogue.elements, indicators), ...divisionProblems(f, draft));
  }
  const numerator = fields.find((f) => f.field === 'numerator');
  if (draft.unit === 'percent' && numerator && !timesHundred(numerator.expr)) {
    // The value is numerator ÷ denominator as written: without the factor 64% would read 0,64%.
    problems.push({
      code: 'PERCENT_FACTOR',
      field: 'numerator',
      message: `Chỉ số phần trăm cần nhân tử số với 100, ví dụ 100 * ${numerator.source.trim()}: giá trị là tử số chia mẫu số đúng như đã viết.`,
    });
  }
  const cycle = findCycle(draft.code, fields, catalogue.elements, indicators);
  if (cycle)
    problems.push({
      code: 'CYCLE',
      field: cycle.field,
      message: `Chỉ số tham chiếu vòng tròn: ${cycle.chain.join(' → ')}. Một chỉ số không thể được tính từ chính nó.`,
    });
  return problems;
}

/** `100 * …` or `… * 100` at the top of the numerator, as every percent indicator of the catalogue is written. */
function timesHundred(expr: Expr): boolean {
  return expr.kind === 'binary' && expr.op === '*' && [expr.left, expr.right].some((side) => side.kind === 'number' && side.value === 100);
}

function denominatorProblems(draft: IndicatorDraft, hasDenominator: boolean): IndicatorProblem[] {
  if (isShare(draft.unit) && !hasDenominator) {
    return [
      {
        code: 'DENOMINATOR_REQUIRED',
        field: 'denominator',
        message: `Chỉ số ${UNIT_NAME[draft.unit]} cần mẫu số: giá trị là tổng tử số chia cho tổng mẫu số của cả địa bàn.`,
      },
    ];
  }
  if (!isShare(draft.unit) && hasDenominator) {
    return [
      {
        code: 'DENOMINATOR_NOT_ALLOWED',
        field: 'denominator',
        message: `Chỉ số ${UNIT_NAME[draft.unit]} không có mẫu số: hãy xóa mẫu số, hoặc chọn đơn vị tỷ lệ hay phần trăm.`,
      },
    ];
  }
  return [];
}

function parseField(field: Field, source: string): ParsedField | IndicatorProblem {
  if (source.trim() === '')
    return { code: 'EXPRESSION_SYNTAX', field, message: `Chưa nhập ${FIELD_NAME[field].toLowerCase()}.`, position: 0 };
  try {
    return { field, source, expr: parseExpression(source) };
  } catch (e) {
    if (!(e instanceof ExpressionError)) throw e;
    return { code: 'EXPRESSION_SYNTAX', field, message: `${FIELD_NAME[field]}: ${e.message}`, position: e.position };
  }
}

function referenceProblems(
  f: ParsedField,
  draft: IndicatorDraft,
  elements: CatalogueView['elements'],
  indicators: Indicators,
): IndicatorProblem[] {
  const problems: IndicatorProblem[] = [];
  for (const code of referencedCodes(f.expr)) {
    if (code === draft.code && !elements.has(code)) continue; // a self-reference is reported as a cycle
    const at = { field: f.field, position: f.source.indexOf(`#{${code}}`) };
    const indicator = elements.has(code) ? undefined : indicators.get(code);
    const unit = elements.get(code)?.unit ?? indicator?.unit;
    if (unit === undefined) {
      problems.push({
        code: 'UNKNOWN_CODE',
        ...at,
        message: `${FIELD_NAME[f.field]}: không có mã #{${code}} trong danh mục số liệu và chỉ số.`,
      });
    } else if (indicator && hasText(indicator.denominator)) {
      problems.push({ code: 'UNKNOWN_CODE', ...at, message: ratioReferenceMessage(f.field, code, indicator) });
    } else if (unitClashes(draft.unit, unit)) {
      problems.push({
        code: 'UNIT_MISMATCH',
        ...at,
        message: `${FIELD_NAME[f.field]}: #{${code}} tính bằng ${UNIT_NAME[unit] ?? unit}, còn chỉ số này tính bằng ${UNIT_NAME[draft.unit]}. Hãy đổi đơn vị của chỉ số, hoặc chọn tỷ lệ để đặt hai đại lượng khác đơn vị vào tử số và mẫu số.`,
      });
    }
  }
  return problems;
}

/**
 * A ratio of a subtree is not a sum of its parts' ratios, so a ratio cannot be a term of
 * another expression: the user needs its parts instead.
 */
function ratioReferenceMessage(field: Field, code: string, indicator: { numerator: string; denominator: string | null }): string {
  return `${FIELD_NAME[field]}: #{${code}} là chỉ số tỷ lệ (có mẫu số), không dùng lại trong biểu thức được vì tỷ lệ của cả địa bàn phải tính lại từ tổng tử số và tổng mẫu số. Hãy dùng trực tiếp tử số (${indicator.numerator}) và mẫu số (${indicator.denominator}) của nó.`;
}

/**
 * Only sums mean anything over a subtree: a count indicator adds counts, a money indicator adds
 * money (a percent element added up is no percent either). Ratios and percents may divide one
 * kind by another.
 */
function unitClashes(indicatorUnit: IndicatorDraft['unit'], referencedUnit: string): boolean {
  return (indicatorUnit === 'count' || indicatorUnit === 'money') && referencedUnit !== indicatorUnit;
}

/**
 * A divisor that counts something can be zero in one unit and not in another, and a subtree's
 * ratio must be Σ numerators ÷ Σ denominators, never a sum of per-unit quotients: the division
 * belongs between the two fields. Dividing by a plain number (÷ 1000) is harmless.
 */
function divisionProblems(f: ParsedField, draft: IndicatorDraft): IndicatorProblem[] {
  const divisors = [...new Set(divisorReferences(f.expr))];
  if (divisors.length === 0) return [];
  const named = divisors.map((c) => `#{${c}}`).join(', ');
  const fix =
    f.field === 'denominator'
      ? `hãy nhân tử số với ${named} thay vì chia mẫu số cho ${divisors.length > 1 ? 'chúng' : 'nó'}`
      : isShare(draft.unit)
        ? `hãy ghi ${named} vào ô mẫu số`
        : `hãy chọn đơn vị tỷ lệ hoặc phần trăm và ghi ${named} vào ô mẫu số`;
  return [
    {
      code: 'DIVISION_IN_EXPRESSION',
      field: f.field,
      message: `${FIELD_NAME[f.field]} chia cho ${named}: số liệu đếm có thể bằng 0, và tỷ lệ của cả địa bàn phải là tổng tử số chia cho tổng mẫu số. Vì vậy ${fix}.`,
    },
  ];
}

/** Codes of indicators an indicator's fields reference (elements come first, see the file comment). */
function indicatorRefs(exprs: Expr[], elements: CatalogueView['elements'], indicators: Indicators): string[] {
  const codes = new Set<string>();
  for (const e of exprs) for (const c of referencedCodes(e)) if (!elements.has(c) && indicators.has(c)) codes.add(c);
  return [...codes];
}

function savedExprs(indicator: { numerator: string; denominator: string | null }): Expr[] {
  const out: Expr[] = [];
  for (const source of [indicator.numerator, indicator.denominator]) {
    try {
      if (source) out.push(parseExpression(source));
    } catch {
      // A saved indicator that no longer parses cannot lead anywhere; its own save was refused then.
    }
  }
  return out;
}

/** The first chain of indicator references that leads from the draft back to it, e.g. a → b → a. */
function findCycle(
  code: string,
  fields: ParsedField[],
  elements: CatalogueView['elements'],
  indicators: Indicators,
): { field: Field; chain: string[] } | null {
  const explored = new Set<string>();
  const walk = (at: string, chain: string[]): string[] | null => {
    if (at === code) return [...chain, at];
    if (explored.has(at) || chain.length > MAX_DEPTH) return null;
    explored.add(at);
    for (const next of indicatorRefs(savedExprs(indicators.get(at)!), elements, indicators)) {
      const found = walk(next, [...chain, at]);
      if (found) return found;
    }
    return null;
  };
  for (const f of fields) {
    for (const next of indicatorRefs([f.expr], elements, indicators)) {
      const found = walk(next, [code]);
      if (found) return { field: f.field, chain: found };
    }
  }
  return null;
}

/**
 * The expression with every reference to a reusable (count or money) indicator replaced by that
 * indicator's numerator, recursively, so it can be evaluated over data elements alone. Expects
 * checked indicators; still, a code already being expanded, one that names an element (when
 * `elements` is given) or one reached deeper than 20 levels stays a reference.
 */
export function expandIndicatorReferences(expr: Expr, indicators: Indicators, elements?: ReadonlyMap<string, unknown>): Expr {
  const expand = (e: Expr, chain: string[]): Expr => {
    switch (e.kind) {
      case 'number':
        return e;
      case 'neg':
        return { kind: 'neg', operand: expand(e.operand, chain) };
      case 'binary':
        return { kind: 'binary', op: e.op, left: expand(e.left, chain), right: expand(e.right, chain) };
      case 'ref': {
        const indicator = indicators.get(e.code);
        if (!indicator || hasText(indicator.denominator) || elements?.has(e.code) || chain.includes(e.code) || chain.length >= MAX_DEPTH)
          return e;
        return expand(parseExpression(indicator.numerator), [...chain, e.code]);
      }
    }
  };
  return expand(expr, []);
}
