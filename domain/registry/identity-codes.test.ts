import { describe, expect, it } from 'vitest';
import { cccdProblem, composeCccd, normalizePhone, taxCheckDigit, taxCodeProblem } from './identity-codes.ts';

describe('CCCD', () => {
  it('accepts a number whose province, gender digit and year agree with the person', () => {
    const cccd = composeCccd('072', 'female', 1990, 123456);
    expect(cccd).toBe('072190123456');
    expect(cccdProblem(cccd, { gender: 'female', birthDate: '1990-05-01' })).toBeNull();
    expect(composeCccd('001', 'male', 2003, 42)).toBe('001203000042');
  });

  it.each([
    ['07219012345', 'đúng 12 chữ số'],
    ['07219012345a', 'đúng 12 chữ số'],
    ['003190123456', 'mã tỉnh "003"'],
    ['072990123456', 'Chữ số thứ tư'],
  ])('rejects %s', (cccd, reason) => {
    expect(cccdProblem(cccd)).toContain(reason);
  });

  it('rejects a number that contradicts the gender or the birth year', () => {
    expect(cccdProblem('072190123456', { gender: 'male' })).toBe('Số CCCD không khớp với giới tính.');
    expect(cccdProblem('072190123456', { birthDate: '1991-01-01' })).toBe('Số CCCD không khớp với năm sinh.');
  });
});

describe('tax code', () => {
  it('checks the check digit of a real-shaped code and its branch suffix', () => {
    const first9 = '010123456';
    expect(taxCheckDigit('390123456')).toBeNull(); // a prefix that admits no valid code
    const check = taxCheckDigit(first9);
    expect(check).not.toBeNull();
    const code = `${first9}${check}`;
    expect(taxCodeProblem(code)).toBeNull();
    expect(taxCodeProblem(`${code}-001`)).toBeNull();
    expect(taxCodeProblem(`${first9}${(check! + 1) % 10}`)).toMatch(/sai chữ số kiểm tra/);
    expect(taxCodeProblem(`${code}-000`)).toMatch(/không được là 000/);
    expect(taxCodeProblem('12345')).toMatch(/10 chữ số/);
  });
});

describe('phone', () => {
  it('normalises Vietnamese numbers to digits with a leading zero', () => {
    expect(normalizePhone('+84 912 345 678')).toBe('0912345678');
    expect(normalizePhone('0912.345.678')).toBe('0912345678');
    expect(normalizePhone('12345')).toBeNull();
  });
});
