import { describe, expect, it } from 'vitest';
import { convertLegacy, detectLegacyEncoding } from './legacy-encoding.ts';
import { parseNumberWords, parseVietnameseNumeral } from './vietnamese-number.ts';
import { foldForSearch, normalizeVietnamese, stripAccents } from './vietnamese-normalize.ts';

describe('normalizeVietnamese', () => {
  it('composes to NFC and re-joins marks separated by blanks', () => {
    expect(normalizeVietnamese('Co\u0302\u0323ng ho \u0300a')).toBe('Cộng hòa');
    expect(normalizeVietnamese('đoàn viên'.normalize('NFD'))).toBe('đoàn viên');
  });
  it('turns spacing accents after a vowel into combining marks', () => {
    expect(normalizeVietnamese('ca\u02cbng')).toBe('càng');
    expect(normalizeVietnamese('to\u00b4m')).toBe('tóm');
  });
  it('is idempotent and unifies line endings and spaces', () => {
    const once = normalizeVietnamese('a\r\nb\u00a0c\u200b');
    expect(once).toBe('a\nb c');
    expect(normalizeVietnamese(once)).toBe(once);
  });
});

describe('stripAccents / foldForSearch', () => {
  it('removes marks, đ → d', () => expect(stripAccents('Nguyễn Văn Ản Công đoàn Đ')).toBe('Nguyen Van An Cong doan D'));
  it('folds without changing the length', () => {
    const s = 'Phấn đấu ĐẾN NĂM 2025';
    expect(foldForSearch(s)).toBe('phan dau den nam 2025');
    expect(foldForSearch(s).length).toBe(s.length);
  });
});

describe('legacy encodings', () => {
  it('detects and converts TCVN3 look-alikes ("Céng hßa")', () => {
    const d = detectLegacyEncoding('Céng hßa x· héi chñ nghÜa ViÖt Nam. §éc lËp - Tù do - H¹nh phóc');
    expect(d?.encoding).toBe('tcvn3');
    expect(d?.converted).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc');
  });
  it('detects and converts VNI ("Coäng hoøa")', () => {
    const d = detectLegacyEncoding('Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam. Ñoäc laäp - Töï do - Haïnh phuùc');
    expect(d?.encoding).toBe('vni');
    expect(d?.converted).toBe('Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc');
  });
  it('leaves Unicode Vietnamese alone', () => {
    expect(detectLegacyEncoding('Cộng hòa xã hội chủ nghĩa Việt Nam, đoàn viên công đoàn')).toBeNull();
  });
  it('restores upper case of legacy headings', () => expect(convertLegacy('KÕ HO¹CH', 'tcvn3')).toBe('KẾ HOẠCH'));
});

describe('Vietnamese numbers', () => {
  it.each([
    ['140.000', 140000],
    ['13,5', 13.5],
    ['01', 1],
    ['2,5', 2.5],
    ['1.320', 1320],
  ])('parses %s', (raw, value) => expect(parseVietnameseNumeral(raw)).toBe(value));
  it.each([
    ['một trăm', 100],
    ['hai mươi lăm', 25],
    ['mười nghìn', 10000],
    ['năm mươi nghìn', 50000],
    ['một trăm linh năm', 105],
  ])('parses words "%s"', (words, value) => expect(parseNumberWords(words.split(' '))).toBe(value));
});
