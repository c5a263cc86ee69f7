/**
 * Indicator expressions: arithmetic over data elements, e.g. `100 * #{tuldtt_in_force} / #{cdcs_with_employer}`.
 * A small recursive-descent parser (never eval): numbers (Vietnamese or plain decimals),
 * + - * /, parentheses, unary minus, and `#{code}` references. Pure: no I/O.
 */
export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; code: string }
  | { kind: 'neg'; operand: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr };
type BinaryOp = '+' | '-' | '*' | '/';

export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'ExpressionError';
  }
}

const MAX_LENGTH = 500;

export function parseExpression(source: string): Expr {
  if (source.length > MAX_LENGTH) throw new ExpressionError(`Biểu thức dài quá ${MAX_LENGTH} ký tự.`, MAX_LENGTH);
  let pos = 0;
  const skip = () => {
    while (pos < source.length && /\s/.test(source[pos]!)) pos++;
  };
  const peek = () => {
    skip();
    return source[pos];
  };

  function primary(): Expr {
    const c = peek();
    if (c === '(') {
      pos++;
      const inner = sum();
      if (peek() !== ')') throw new ExpressionError(`Thiếu dấu ")" ở vị trí ${pos + 1}.`, pos);
      pos++;
      return inner;
    }
    if (c === '-') {
      pos++;
      return { kind: 'neg', operand: primary() };
    }
    if (c === '#') {
      const m = /^#\{([a-z][a-z0-9_]{0,63})\}/.exec(source.slice(pos));
      if (!m) throw new ExpressionError(`Tham chiếu chỉ số không hợp lệ ở vị trí ${pos + 1}: viết dạng #{ma_chi_so}.`, pos);
      pos += m[0].length;
      return { kind: 'ref', code: m[1]! };
    }
    const m = /^\d+(?:[.,]\d+)?/.exec(source.slice(pos));
    if (m) {
      pos += m[0].length;
      return { kind: 'number', value: Number(m[0].replace(',', '.')) };
    }
    throw new ExpressionError(c === undefined ? 'Biểu thức kết thúc giữa chừng.' : `Không hiểu ký tự "${c}" ở vị trí ${pos + 1}.`, pos);
  }

  /** A left-associative run of `operand`s joined by any of `ops`: one level of precedence. */
  function chain(operand: () => Expr, ops: readonly BinaryOp[]): Expr {
    let left = operand();
    for (let c = peek(); ops.includes(c as BinaryOp); c = peek()) {
      pos++;
      left = { kind: 'binary', op: c as BinaryOp, left, right: operand() };
    }
    return left;
  }

  function product(): Expr {
    return chain(primary, ['*', '/']);
  }

  function sum(): Expr {
    return chain(product, ['+', '-']);
  }

  const expr = sum();
  if (peek() !== undefined) throw new ExpressionError(`Thừa ký tự "${source[pos]}" ở vị trí ${pos + 1}.`, pos);
  return expr;
}

export function referencedCodes(expr: Expr, into = new Set<string>()): Set<string> {
  if (expr.kind === 'ref') into.add(expr.code);
  else if (expr.kind === 'neg') referencedCodes(expr.operand, into);
  else if (expr.kind === 'binary') {
    referencedCodes(expr.left, into);
    referencedCodes(expr.right, into);
  }
  return into;
}

/**
 * The value, or null when a referenced element has no data (never read as zero) or a divisor is
 * zero (a ratio of nothing is not 0%).
 */
export function evaluate(expr: Expr, values: ReadonlyMap<string, number | null>): number | null {
  switch (expr.kind) {
    case 'number':
      return expr.value;
    case 'ref':
      return values.get(expr.code) ?? null;
    case 'neg': {
      const v = evaluate(expr.operand, values);
      return v === null ? null : -v;
    }
    case 'binary': {
      const l = evaluate(expr.left, values);
      const r = evaluate(expr.right, values);
      if (l === null || r === null) return null;
      if (expr.op === '/') return r === 0 ? null : l / r;
      return expr.op === '+' ? l + r : expr.op === '-' ? l - r : l * r;
    }
  }
}

/** Divisors that are (or contain) a reference: a count that can be zero, so the indicator must say "no data" then. */
export function divisorReferences(expr: Expr): string[] {
  if (expr.kind === 'binary') {
    const own = expr.op === '/' ? [...referencedCodes(expr.right)] : [];
    return [...own, ...divisorReferences(expr.left), ...divisorReferences(expr.right)];
  }
  return expr.kind === 'neg' ? divisorReferences(expr.operand) : [];
}

export function formatExpression(expr: Expr): string {
  switch (expr.kind) {
    case 'number':
      return String(expr.value);
    case 'ref':
      return `#{${expr.code}}`;
    case 'neg':
      return `-${formatExpression(expr.operand)}`;
    case 'binary':
      return `(${formatExpression(expr.left)} ${expr.op} ${formatExpression(expr.right)})`;
  }
}

/**
 * An indicator's value from its data elements: the numerator over the denominator, each evaluated
 * over the same elements. The elements of a subtree are sums, so a parent's ratio is Σ numerators ÷
 * Σ denominators — never an average of its children's ratios. Missing data or a zero
 * denominator is "no data", never 0.
 */
export function indicatorValue(
  num: Expr,
  den: Expr | null,
  values: ReadonlyMap<string, number | null>,
): { value: number | null; numerator: number | null; denominator: number | null } {
  const numerator = evaluate(num, values);
  const denominator = den ? evaluate(den, values) : null;
  const value = den ? (numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator) : numerator;
  return { value, numerator, denominator };
}
