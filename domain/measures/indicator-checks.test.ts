import { describe, expect, it } from 'vitest';
import { evaluate, formatExpression, parseExpression } from '../indicators/expression.ts';
import { checkIndicator, expandIndicatorReferences, type CatalogueView, type IndicatorDraft } from './indicator-checks.ts';

const catalogue: CatalogueView = {
  elements: new Map([
    ['members_active', { unit: 'count', source: 'derived' }],
    ['members_new', { unit: 'count', source: 'derived' }],
    ['workers', { unit: 'count', source: 'derived' }],
    ['fee_due', { unit: 'money', source: 'reported' }],
    ['fee_collected', { unit: 'money', source: 'reported' }],
    ['coverage_pct', { unit: 'percent', source: 'reported' }],
  ] as const),
  indicators: new Map([
    // Named like the element it counts, as the built-in catalogue does: no cycle.
    ['members_new', { numerator: '#{members_new}', denominator: null, unit: 'count' }],
    ['members_total', { numerator: '#{members_active}', denominator: null, unit: 'count' }],
    ['members_and_new', { numerator: '#{members_total} + #{members_new}', denominator: null, unit: 'count' }],
    ['fee_gap', { numerator: '#{fee_due} - #{fee_collected}', denominator: null, unit: 'money' }],
    ['members_share', { numerator: '100 * #{members_active}', denominator: '#{workers}', unit: 'percent' }],
  ]),
};

const draft = (unit: IndicatorDraft['unit'], numerator: string, denominator: string | null = null, code = 'custom'): IndicatorDraft => ({
  code,
  unit,
  numerator,
  denominator,
});
const codes = (d: IndicatorDraft, c: CatalogueView = catalogue) => checkIndicator(d, c).map((p) => p.code);

describe('checkIndicator', () => {
  it('accepts sound count, money, percent and ratio indicators', () => {
    expect(checkIndicator(draft('count', '#{members_active} + #{members_new}'), catalogue)).toEqual([]);
    expect(checkIndicator(draft('money', '#{fee_due} - #{fee_collected}'), catalogue)).toEqual([]);
    expect(checkIndicator(draft('percent', '100 * #{fee_collected}', '#{fee_due}'), catalogue)).toEqual([]);
    expect(checkIndicator(draft('ratio', '#{fee_collected} / 1000', '#{members_active}'), catalogue)).toEqual([]);
  });

  it('reports a syntax error with its position, field by field', () => {
    expect(checkIndicator(draft('percent', '100 * (#{members_active}', '#{workers}'), catalogue)).toEqual([
      { code: 'EXPRESSION_SYNTAX', field: 'numerator', message: 'Tử số: Thiếu dấu ")" ở vị trí 25.', position: 24 },
    ]);
    const [p] = checkIndicator(draft('percent', '#{members_active}', '#{workers} +'), catalogue);
    expect(p).toMatchObject({ code: 'EXPRESSION_SYNTAX', field: 'denominator', position: 12 });
    expect(checkIndicator(draft('count', '  '), catalogue)).toEqual([
      { code: 'EXPRESSION_SYNTAX', field: 'numerator', message: 'Chưa nhập tử số.', position: 0 },
    ]);
  });

  it('refuses a code that is neither an element nor an indicator, pointing at it', () => {
    expect(checkIndicator(draft('count', '#{members_active} + #{memberz}'), catalogue)).toEqual([
      {
        code: 'UNKNOWN_CODE',
        field: 'numerator',
        position: 20,
        message: 'Tử số: không có mã #{memberz} trong danh mục số liệu và chỉ số.',
      },
    ]);
  });

  it('lets a count or money indicator be reused, but not a ratio, naming the parts to use instead', () => {
    expect(codes(draft('count', '#{members_total} * 2'))).toEqual([]);
    expect(codes(draft('money', '#{fee_gap} + #{fee_due}'))).toEqual([]);
    const [p] = checkIndicator(draft('ratio', '#{members_share}', '#{workers}'), catalogue);
    expect(p).toMatchObject({ code: 'UNKNOWN_CODE', field: 'numerator', position: 0 });
    expect(p!.message).toContain('#{members_share} là chỉ số tỷ lệ');
    expect(p!.message).toContain('tử số (100 * #{members_active}) và mẫu số (#{workers})');
  });

  it('refuses dividing by a count inside a field, telling where the divisor belongs', () => {
    const [p] = checkIndicator(draft('percent', '100 * #{members_new} / #{members_active}', '#{workers}'), catalogue);
    expect(p).toMatchObject({ code: 'DIVISION_IN_EXPRESSION', field: 'numerator' });
    expect(p!.message).toContain('hãy ghi #{members_active} vào ô mẫu số');
    const [count] = checkIndicator(draft('count', '#{members_new} / (#{members_active} - #{members_total})'), catalogue);
    expect(count!.message).toContain('Tử số chia cho #{members_active}, #{members_total}');
    expect(count!.message).toContain('hãy chọn đơn vị tỷ lệ hoặc phần trăm');
    const [den] = checkIndicator(draft('ratio', '#{members_new}', '#{members_active} / #{workers}'), catalogue);
    expect(den).toMatchObject({ code: 'DIVISION_IN_EXPRESSION', field: 'denominator' });
    expect(den!.message).toContain('hãy nhân tử số với #{workers}');
  });

  it('lets a field divide by a plain number', () => {
    expect(codes(draft('money', '#{fee_due} / 1000'))).toEqual([]);
    expect(codes(draft('count', '#{members_new} / -(2 * 3)'))).toEqual([]);
  });

  it('wants a denominator for a percent or ratio and none for a count or money', () => {
    expect(checkIndicator(draft('percent', '100 * #{members_new}'), catalogue)).toEqual([
      {
        code: 'DENOMINATOR_REQUIRED',
        field: 'denominator',
        message: 'Chỉ số phần trăm cần mẫu số: giá trị là tổng tử số chia cho tổng mẫu số của cả địa bàn.',
      },
    ]);
    expect(codes(draft('ratio', '#{members_new}', ' '))).toEqual(['DENOMINATOR_REQUIRED']);
    expect(checkIndicator(draft('money', '#{fee_due}', '#{members_active}'), catalogue)).toEqual([
      {
        code: 'DENOMINATOR_NOT_ALLOWED',
        field: 'denominator',
        message: 'Chỉ số tiền không có mẫu số: hãy xóa mẫu số, hoặc chọn đơn vị tỷ lệ hay phần trăm.',
      },
    ]);
    expect(codes(draft('count', '#{members_new}', ''))).toEqual([]);
  });

  it('keeps counts and money apart, but lets a ratio relate them', () => {
    const [p] = checkIndicator(draft('count', '#{members_new} + #{fee_due}'), catalogue);
    expect(p).toMatchObject({ code: 'UNIT_MISMATCH', field: 'numerator', position: 17 });
    expect(p!.message).toContain('#{fee_due} tính bằng tiền, còn chỉ số này tính bằng số lượng');
    expect(codes(draft('money', '#{fee_due} + #{members_total}'))).toEqual(['UNIT_MISMATCH']);
    expect(codes(draft('count', '#{members_new} + #{fee_gap}'))).toEqual(['UNIT_MISMATCH']);
    expect(codes(draft('count', '#{coverage_pct}'))).toEqual(['UNIT_MISMATCH']);
    expect(codes(draft('ratio', '#{fee_collected}', '#{members_active}'))).toEqual([]);
  });

  it('refuses a reference that comes back to the indicator, naming the chain', () => {
    // Editing members_total to use members_and_new, which uses members_total.
    expect(checkIndicator(draft('count', '#{members_and_new}', null, 'members_total'), catalogue)).toEqual([
      {
        code: 'CYCLE',
        field: 'numerator',
        message:
          'Chỉ số tham chiếu vòng tròn: members_total → members_and_new → members_total. Một chỉ số không thể được tính từ chính nó.',
      },
    ]);
    expect(checkIndicator(draft('count', '#{custom} + 1'), catalogue).map((p) => p.message)).toEqual([
      'Chỉ số tham chiếu vòng tròn: custom → custom. Một chỉ số không thể được tính từ chính nó.',
    ]);
  });

  it('reads a code that names both an element and an indicator as the element (no cycle)', () => {
    expect(codes(draft('count', '#{members_new}', null, 'members_new'))).toEqual([]);
  });

  it('judges a cycle on the draft, not on the saved version it replaces', () => {
    const before = draft('count', '#{members_active}', null, 'members_total');
    expect(codes(before)).toEqual([]);
    expect(codes({ ...before, numerator: '#{members_and_new} - #{members_new}' })).toEqual(['CYCLE']);
  });

  it('survives a saved indicator that no longer parses', () => {
    const broken: CatalogueView = {
      ...catalogue,
      indicators: new Map(catalogue.indicators).set('broken', { numerator: '#{', denominator: null, unit: 'count' }),
    };
    expect(codes(draft('count', '#{broken}'), broken)).toEqual([]);
  });
});

describe('expandIndicatorReferences', () => {
  it('replaces reusable indicators by their numerators, recursively', () => {
    const expanded = expandIndicatorReferences(parseExpression('#{members_and_new} * 2'), catalogue.indicators, catalogue.elements);
    expect(formatExpression(expanded)).toBe('((#{members_active} + #{members_new}) * 2)');
    expect(
      evaluate(
        expanded,
        new Map([
          ['members_active', 100],
          ['members_new', 5],
        ]),
      ),
    ).toBe(210);
  });

  it('keeps elements, ratios and unknown codes as references', () => {
    const expanded = expandIndicatorReferences(
      parseExpression('#{members_share} + #{nothing} + #{workers}'),
      catalogue.indicators,
      catalogue.elements,
    );
    expect(formatExpression(expanded)).toBe('((#{members_share} + #{nothing}) + #{workers})');
  });

  it('stops at an indicator named like its own element even without the element list', () => {
    expect(formatExpression(expandIndicatorReferences(parseExpression('#{members_new}'), catalogue.indicators))).toBe('#{members_new}');
  });

  it('gives up after 20 levels rather than looping', () => {
    const chain = new Map(Array.from({ length: 30 }, (_, i) => [`k${i}`, { numerator: `#{k${i + 1}}`, denominator: null, unit: 'count' }]));
    expect(formatExpression(expandIndicatorReferences(parseExpression('#{k0}'), chain))).toBe('#{k20}');
  });
});

describe('a percent indicator multiplies its numerator by 100', () => {
  const view: CatalogueView = {
    elements: new Map([
      ['a', { unit: 'count', source: 'reported' }],
      ['b', { unit: 'count', source: 'derived' }],
    ]),
    indicators: new Map(),
  };
  it('refuses a percent numerator without the factor, naming the fix, and accepts it on either side', () => {
    const missing = checkIndicator({ code: 'p', unit: 'percent', numerator: '#{a}', denominator: '#{b}' }, view);
    expect(missing.map((p) => p.code)).toEqual(['PERCENT_FACTOR']);
    expect(missing[0]!.message).toContain('100 * #{a}');
    expect(checkIndicator({ code: 'p', unit: 'percent', numerator: '100 * #{a}', denominator: '#{b}' }, view)).toEqual([]);
    expect(checkIndicator({ code: 'p', unit: 'percent', numerator: '(#{a} + #{a}) * 100', denominator: '#{b}' }, view)).toEqual([]);
    // A ratio ("per CĐCS") has no factor.
    expect(checkIndicator({ code: 'r', unit: 'ratio', numerator: '#{a}', denominator: '#{b}' }, view)).toEqual([]);
  });
});

describe('the built-in catalogue passes the checks a union’s own indicator must pass', () => {
  it('has no problem in any built-in indicator', async () => {
    const { DATA_ELEMENTS, INDICATORS } = await import('../indicators/catalogue.ts');
    const view: CatalogueView = {
      elements: new Map(DATA_ELEMENTS.map((e) => [e.code, { unit: e.unit, source: e.source }])),
      indicators: new Map(INDICATORS.map((i) => [i.code, { numerator: i.numerator, denominator: i.denominator, unit: i.unit }])),
    };
    const problems = INDICATORS.flatMap((i) =>
      checkIndicator({ code: i.code, unit: i.unit, numerator: i.numerator, denominator: i.denominator }, view).map(
        (p) => `${i.code}: ${p.message}`,
      ),
    );
    expect(problems).toEqual([]);
  });
});
