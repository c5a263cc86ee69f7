import { describe, expect, it } from 'vitest';
import { divisorReferences, evaluate, ExpressionError, formatExpression, parseExpression, referencedCodes } from './expression.ts';

describe('indicator expressions', () => {
  it('parses with the usual precedence and evaluates over data elements', () => {
    const expr = parseExpression('100 * #{tuldtt_in_force} / #{cdcs_with_employer}');
    expect(formatExpression(expr)).toBe('((100 * #{tuldtt_in_force}) / #{cdcs_with_employer})');
    expect(
      evaluate(
        expr,
        new Map([
          ['tuldtt_in_force', 170],
          ['cdcs_with_employer', 200],
        ]),
      ),
    ).toBe(85);
    expect([...referencedCodes(expr)].sort()).toEqual(['cdcs_with_employer', 'tuldtt_in_force']);
    expect(divisorReferences(expr)).toEqual(['cdcs_with_employer']);
    expect(evaluate(parseExpression('-(2 + 3) * 2,5'), new Map())).toBe(-12.5);
  });

  it('never reads missing data or a zero divisor as zero', () => {
    const expr = parseExpression('100 * #{a} / #{b}');
    expect(
      evaluate(
        expr,
        new Map([
          ['a', 5],
          ['b', 0],
        ]),
      ),
    ).toBeNull();
    expect(evaluate(expr, new Map([['a', 5]]))).toBeNull();
    expect(
      evaluate(
        expr,
        new Map([
          ['a', null],
          ['b', 3],
        ]),
      ),
    ).toBeNull();
  });

  it.each([
    ['100 * #{a', 'Tham chiếu chỉ số không hợp lệ'],
    ['(1 + 2', 'Thiếu dấu ")"'],
    ['1 + ', 'kết thúc giữa chừng'],
    ['1 2', 'Thừa ký tự "2"'],
    ['process.exit()', 'Không hiểu ký tự "p"'],
    ['#{A}', 'Tham chiếu chỉ số không hợp lệ'],
  ])('refuses %s with a Vietnamese message', (source, message) => {
    expect(() => parseExpression(source)).toThrow(ExpressionError);
    expect(() => parseExpression(source)).toThrow(message);
  });
});
