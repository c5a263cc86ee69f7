import { describe, expect, it } from 'vitest';
import { parseBooleanCell, parseDateCell, parseGenderCell, parseIntegerCell } from './cell-parsers.ts';
import { excelSerialToIso, isoToExcelSerial } from './excel-dates.ts';
import { isDangerousText, neutraliseFormula, stripFormulaGuard } from './formula-guard.ts';

describe('parseDateCell', () => {
  it.each([
    ['05/09/1990', '1990-09-05'],
    ['5/9/1990', '1990-09-05'],
    ['05-09-1990', '1990-09-05'],
    ['05.09.1990', '1990-09-05'],
    ['1990-09-05', '1990-09-05'],
    ['1990-09-05T00:00:00', '1990-09-05'],
    ['29/02/2024', '2024-02-29'],
    ['33121', '1990-09-05'],
    ['  01/01/2000 ', '2000-01-01'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateCell(text)).toEqual({ ok: true, value: iso });
  });

  it.each([
    ['31/02/1990', 'Ngày 31/02/1990 không tồn tại.'],
    ['29/02/2023', 'Ngày 29/02/2023 không tồn tại.'],
    ['12/13/1990', 'Tháng 13 trong "12/13/1990" không hợp lệ.'],
    ['05/09/90', 'Ngày "05/09/90" phải ghi năm đủ 4 chữ số (dd/mm/yyyy).'],
    ['1990', 'Ngày "1990" chỉ có năm, cần ghi đủ ngày/tháng/năm.'],
    ['hôm qua', '"hôm qua" không phải ngày hợp lệ (dd/mm/yyyy).'],
    ['12', '"12" không phải ngày hợp lệ (dd/mm/yyyy).'],
    ['', 'Thiếu ngày.'],
  ])('%s → %s', (text, reason) => {
    expect(parseDateCell(text)).toEqual({ ok: false, reason });
  });

  it('accepts a year alone only when allowed', () => {
    expect(parseDateCell('1975', { allowYearOnly: true })).toEqual({ ok: true, value: '1975-01-01' });
    expect(parseDateCell('1850', { allowYearOnly: true })).toEqual({ ok: false, reason: 'Năm 1850 không hợp lệ.' });
  });
});

const MAX_SERIAL_CHECKED = 2_958_466;

describe('Excel serial dates', () => {
  it('converts serials both ways across the phantom 1900-02-29', () => {
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(59)).toBe('1900-02-28');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45292)).toBe('2024-01-01');
    expect(excelSerialToIso(45292.5)).toBe('2024-01-01T12:00:00');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
    expect(excelSerialToIso(-1)).toBeNull();
    for (let serial = 61; serial < MAX_SERIAL_CHECKED; serial += 97) {
      const viaDate = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
      expect(excelSerialToIso(serial)).toBe(viaDate);
    }
    for (const iso of ['1900-01-01', '1900-02-28', '1900-03-01', '1990-09-05', '2024-02-29'])
      expect(excelSerialToIso(isoToExcelSerial(iso))).toBe(iso);
  });
});

describe('parseIntegerCell', () => {
  it.each([
    ['1250', 1250],
    ['1.250', 1250],
    ['1.250.000', 1_250_000],
    ['1,250,000', 1_250_000],
    ['1 250', 1250],
    ['1\u00a0250', 1250],
    ['-42', -42],
    ['007', 7],
  ])('%s → %d', (text, value) => {
    expect(parseIntegerCell(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1,250', 'Số "1,250" không rõ nghĩa (1,250 là 1250 hay 1,25?); hãy ghi 1250 hoặc 1.250.'],
    ['12.5', 'Số 12.5 không phải số nguyên.'],
    ['1,5', 'Số 1,5 không phải số nguyên.'],
    ['1.25.000', '"1.25.000" không phải số.'],
    ['1.250,000', '"1.250,000" không phải số.'],
    ['mười', '"mười" không phải số.'],
    ['', 'Thiếu số.'],
    ['99999999999999999999', 'Số 99999999999999999999 quá lớn.'],
  ])('%s → reason', (text, reason) => {
    expect(parseIntegerCell(text)).toEqual({ ok: false, reason });
  });
});

describe('parseBooleanCell', () => {
  it.each(['x', 'X', 'có', 'Có', 'CO', '1', 'true', 'TRUE'])('%s → true', (text) =>
    expect(parseBooleanCell(text)).toEqual({ ok: true, value: true }),
  );
  it.each(['', '  ', 'không', 'Không', 'khong', '0', 'false', 'FALSE'])('%j → false', (text) =>
    expect(parseBooleanCell(text)).toEqual({ ok: true, value: false }),
  );
  it('treats a null cell as false and explains unknown words', () => {
    expect(parseBooleanCell(null)).toEqual({ ok: true, value: false });
    expect(parseBooleanCell('chưa rõ')).toEqual({
      ok: false,
      reason: '"chưa rõ" không phải giá trị Có/Không (dùng "x", "Có" hoặc để trống).',
    });
  });
});

describe('parseGenderCell', () => {
  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['M', 'male'],
    ['Nữ', 'female'],
    ['nu', 'female'],
    ['NỮ', 'female'],
    ['F', 'female'],
    ['Nữ'.normalize('NFD'), 'female'],
  ])('%s → %s', (text, value) => {
    expect(parseGenderCell(text)).toEqual({ ok: true, value });
  });
  it('explains what is expected', () => {
    expect(parseGenderCell('khác')).toEqual({ ok: false, reason: 'Giới tính "khác" không hợp lệ (ghi "Nam" hoặc "Nữ").' });
    expect(parseGenderCell(null)).toEqual({ ok: false, reason: 'Thiếu giới tính.' });
  });
});

describe('formula guard', () => {
  it.each(['=cmd|" /C calc"!A0', '+SUM(1,2)', '-2+3+cmd|x', '@SUM(A1)', '\t=1', '\r=1'])('neutralises %j', (text) => {
    expect(isDangerousText(text)).toBe(true);
    expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(stripFormulaGuard(neutraliseFormula(text))).toBe(text);
  });
  it.each(['Nguyễn Văn A', '-5', '+84912345678', '1.250', "'quoted", ''])('leaves %j alone', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
    expect(stripFormulaGuard(text)).toBe(text);
  });
});
