import { describe, expect, it } from 'vitest';
import { INDICATORS } from '../../../domain/indicators/catalogue.ts';
import { COMPARATOR_OPTIONS, indicatorFilter, indicatorOptions, indicatorUnit, toDocumentBody, toTargetBody } from './target-form.model.ts';

describe('the target form', () => {
  const base = { documentId: 1, unitId: 2, indicatorCode: 'employers_with_cdcs_share', comparator: '=' as const, value: 100 };

  it('sends a deadline year, or "annual" without a year', () => {
    expect(toTargetBody({ ...base, timing: 'deadline', deadlineYear: 2028 })).toEqual({ ...base, deadlineYear: 2028 });
    expect(toTargetBody({ ...base, timing: 'annual', deadlineYear: 2028 })).toEqual({ ...base, annual: true });
  });

  it('keeps the scope only when given and the baseline only as a pair', () => {
    const body = toTargetBody({
      ...base,
      timing: 'deadline',
      deadlineYear: 2028,
      sectors: [],
      minWorkers: 25,
      baselineValue: 70,
      subject: '  Doanh nghiệp từ 25 lao động  ',
    });
    expect(body).toEqual({ ...base, deadlineYear: 2028, minWorkers: 25, subject: 'Doanh nghiệp từ 25 lao động' });
    const full = toTargetBody({
      ...base,
      timing: 'deadline',
      deadlineYear: 2028,
      sectors: ['private', 'fdi'],
      baselineValue: 70,
      baselineDate: '2023-12-31',
    });
    expect(full).toMatchObject({ sectors: ['private', 'fdi'], baselineValue: 70, baselineDate: '2023-12-31' });
  });

  it('names every indicator in Vietnamese with its kind of figure, the custom ones included', () => {
    const items = [...INDICATORS, { code: 'tet_gifts', name: 'Kinh phí quà Tết Sum vầy', unit: 'money' as const, description: null }];
    const options = indicatorOptions(items);
    expect(options.find((o) => o.value === 'members')?.label).toBe('Số đoàn viên công đoàn (số lượng)');
    expect(options.find((o) => o.value === 'party_introduced_per_cdcs')?.label).toMatch(/\(bình quân\)$/);
    expect(options.find((o) => o.value === 'tet_gifts')?.label).toBe('Kinh phí quà Tết Sum vầy (tiền)');
    expect(indicatorUnit(items, 'agreements_share')).toBe('percent');
    expect(indicatorUnit(items, 'tet_gifts')).toBe('money');
    expect(indicatorUnit(items, 'nope')).toBeUndefined();
  });

  it('finds an indicator without accents, by name or code', () => {
    const [members] = indicatorOptions([{ code: 'members', name: 'Số đoàn viên công đoàn', unit: 'count' }]);
    expect(indicatorFilter('doan vien', members)).toBe(true);
    expect(indicatorFilter('MEMBERS', members)).toBe(true);
    expect(indicatorFilter('thoa uoc', members)).toBe(false);
    expect(indicatorFilter('chua co', { value: '__none__', label: 'Chưa có chỉ số phù hợp' })).toBe(true);
  });

  it('labels a bare figure ("=") as a level to reach, never as "exactly"', () => {
    expect(COMPARATOR_OPTIONS.find((o) => o.value === '=')?.label).toBe('Đạt (từ giá trị này)');
    expect(COMPARATOR_OPTIONS.map((o) => o.label).join(' ')).not.toMatch(/đúng/i);
  });

  it('trims the document and leaves unknown fields empty', () => {
    expect(toDocumentBody({ kind: 'program', title: ' Chương trình hành động ', symbol: ' ' }, 2)).toEqual({
      kind: 'program',
      symbol: null,
      title: 'Chương trình hành động',
      issuerUnitId: 2,
      issuedOn: null,
      termFrom: null,
      termTo: null,
    });
  });
});
