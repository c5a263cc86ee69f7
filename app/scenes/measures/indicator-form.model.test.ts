import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-client.ts';
import {
  filterReferences,
  formatElementValue,
  hasPercentFactor,
  percentFactorHint,
  withPercentFactor,
  formatPreviewValue,
  indicatorNameFromSubject,
  indicatorUnitForTarget,
  insertReference,
  problemsByField,
  problemsOfError,
  readableExpression,
  referenceOptions,
  referencedCodes,
} from './indicator-form.model.ts';

describe('inserting a reference', () => {
  it('goes where the caret is, spaced from its neighbours', () => {
    expect(insertReference('', 0, 0, 'a')).toEqual({ text: '#{a}', caret: 4 });
    expect(insertReference('#{a}+', 5, 5, 'b')).toEqual({ text: '#{a}+ #{b}', caret: 10 });
    expect(insertReference('#{a} + ', undefined, undefined, 'b')).toEqual({ text: '#{a} + #{b}', caret: 11 });
    expect(insertReference('(+1)', 1, 1, 'x')).toEqual({ text: '(#{x} +1)', caret: 5 });
  });

  it('replaces the selection', () => {
    expect(insertReference('#{a} + #{old}', 7, 13, 'new')).toEqual({ text: '#{a} + #{new}', caret: 13 });
  });
});

describe('the picker', () => {
  const elements = [
    { code: 'employers_with_cdcs', name: 'Đơn vị sử dụng lao động có CĐCS', unit: 'count' as const },
    { code: 'so_dn_doi_thoai', name: 'Số doanh nghiệp tổ chức đối thoại', unit: 'count' as const },
  ];
  const indicators = [
    { code: 'members', name: 'Số đoàn viên công đoàn', unit: 'count' as const },
    { code: 'agreements_share', name: 'Tỷ lệ CĐCS có thỏa ước', unit: 'percent' as const },
    { code: 'so_dn_doi_thoai', name: 'Số doanh nghiệp tổ chức đối thoại', unit: 'count' as const },
  ];

  it('offers elements and the summable indicators, once each', () => {
    expect(referenceOptions(elements, indicators).map((o) => `${o.kind}:${o.value}`)).toEqual([
      'element:employers_with_cdcs',
      'element:so_dn_doi_thoai',
      'indicator:members',
    ]);
    expect(referenceOptions(elements, indicators, 'members').map((o) => o.value)).not.toContain('members');
  });

  it('finds by Vietnamese name without accents', () => {
    expect(filterReferences(referenceOptions(elements, indicators), 'doi thoai').map((o) => o.value)).toEqual(['so_dn_doi_thoai']);
    expect(filterReferences(referenceOptions(elements, indicators), 'cđcs').map((o) => o.value)).toEqual(['employers_with_cdcs']);
  });

  it('reads an expression back in names', () => {
    expect(referencedCodes('#{a} + #{b} * 2 - #{a}')).toEqual(['a', 'b']);
    expect(readableExpression('(#{a} + #{b}) / 2 * 100', (c) => (c === 'a' ? 'Số A' : undefined))).toBe('([Số A] + [b]) ÷ 2 × 100');
  });
});

describe('problems', () => {
  it('sit under the field they concern', () => {
    const problems = [
      { code: 'UNKNOWN_CODE', field: 'numerator', message: 'Không có mã x.' },
      { code: 'DENOMINATOR_REQUIRED', field: 'denominator', message: 'Cần mẫu số.' },
      { code: 'CODE', field: null, message: 'Khác.' },
    ];
    expect(problemsByField(problems)).toEqual({ numerator: ['Không có mã x.'], denominator: ['Cần mẫu số.'], other: ['Khác.'] });
  });

  it('come from a 400 MEASURE_INVALID, as objects or sentences', () => {
    const error = new ApiError(400, 'MEASURE_INVALID', 'Chưa lưu được', [], {
      problems: [{ code: 'CYCLE', field: 'numerator', message: 'Vòng tròn.' }, 'Tên trống.'],
    });
    expect(problemsOfError(error)).toEqual([
      { code: 'CYCLE', field: 'numerator', message: 'Vòng tròn.' },
      { code: 'INVALID', field: null, message: 'Tên trống.' },
    ]);
  });
});

describe('the preview', () => {
  it('formats figures vi-VN, and no data is not zero', () => {
    expect(formatPreviewValue(52600, 'count')).toBe('52.600');
    expect(formatPreviewValue(85.54, 'percent')).toBe('85,5%');
    expect(formatPreviewValue(0.4, 'ratio')).toBe('0,40');
    expect(formatPreviewValue(40_000_000, 'money')).toBe('40.000.000 đồng');
    expect(formatPreviewValue(0, 'percent')).toBe('0%');
    expect(formatPreviewValue(0, 'count')).toBe('0');
    expect(formatPreviewValue(null, 'count')).toBe('chưa có số liệu');
    expect(formatElementValue(1234, 'count')).toBe('1.234');
    expect(formatElementValue(null, 'money')).toBe('chưa có số liệu');
  });
});

describe('a new indicator for a target of the review', () => {
  it('takes the target’s unit', () => {
    expect(indicatorUnitForTarget('count')).toBe('count');
    expect(indicatorUnitForTarget('percent')).toBe('percent');
    expect(indicatorUnitForTarget('money')).toBe('money');
  });

  it('is named from its subject', () => {
    expect(indicatorNameFromSubject('doanh nghiệp tổ chức đối thoại định kỳ.', 'percent')).toBe(
      'Tỷ lệ doanh nghiệp tổ chức đối thoại định kỳ',
    );
    expect(indicatorNameFromSubject('Doanh nghiệp có CĐCS', 'percent')).toBe('Tỷ lệ doanh nghiệp có CĐCS');
    expect(indicatorNameFromSubject('CĐCS tổ chức hội nghị người lao động', 'percent')).toBe('Tỷ lệ CĐCS tổ chức hội nghị người lao động');
    expect(indicatorNameFromSubject('tỷ lệ đoàn viên nữ', 'percent')).toBe('Tỷ lệ đoàn viên nữ');
    expect(indicatorNameFromSubject('  sáng kiến,   công trình ', 'count')).toBe('Sáng kiến, công trình');
    expect(indicatorNameFromSubject(null, 'count')).toBe('');
  });
});

describe('a percent indicator', () => {
  it('multiplies by 100 in its numerator, as the catalogue does', () => {
    expect(hasPercentFactor('100 * #{a}')).toBe(true);
    expect(hasPercentFactor('#{a} * 100')).toBe(true);
    expect(hasPercentFactor('#{a}')).toBe(false);
    expect(percentFactorHint('percent', '#{a}')).toMatch(/nhân 100/);
    expect(percentFactorHint('percent', '100*#{a}')).toBeNull();
    expect(percentFactorHint('ratio', '#{a}')).toBeNull();
    expect(percentFactorHint('percent', '')).toBeNull();
  });

  it('gets the factor added around the whole numerator', () => {
    expect(withPercentFactor('#{a}')).toBe('100 * #{a}');
    expect(withPercentFactor(' #{a} + #{b} ')).toBe('100 * (#{a} + #{b})');
    expect(withPercentFactor('100 * #{a}')).toBe('100 * #{a}');
  });
});
