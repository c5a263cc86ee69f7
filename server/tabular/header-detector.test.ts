import { describe, expect, it } from 'vitest';
import { applyMapping, detectHeader, titleKey } from './header-detector.ts';
import type { FieldSpec } from './header-detector.ts';
import type { TableRow } from './table-types.ts';

const FIELDS: FieldSpec[] = [
  { key: 'fullName', label: 'Họ và tên', synonyms: ['Họ tên', 'Tên đoàn viên'], required: true },
  { key: 'cccd', label: 'Số CCCD', synonyms: ['CCCD', 'CMND/CCCD', 'Số định danh cá nhân', 'Căn cước công dân'], required: true },
  { key: 'birthDate', label: 'Ngày sinh', synonyms: ['Ngày tháng năm sinh'], required: true },
  { key: 'gender', label: 'Giới tính', synonyms: ['Nam/Nữ'] },
  { key: 'phone', label: 'Số điện thoại', synonyms: ['Điện thoại', 'SĐT'] },
];

const rows = (...cells: (string | null)[][]): TableRow[] => cells.map((c, i) => ({ rowNumber: i + 1, cells: c }));

describe('detectHeader', () => {
  it('matches titles with or without accents, any case, punctuation and hints in parentheses', () => {
    const result = detectHeader(rows(['STT', 'HỌ TÊN', 'cmnd/cccd', 'Ngay sinh (dd/mm/yyyy)', 'Gioi tinh', 'SĐT:', 'Quê quán']), FIELDS);
    expect(result.headerRowNumber).toBe(1);
    expect(result.mapping).toEqual({ fullName: 1, cccd: 2, birthDate: 3, gender: 4, phone: 5 });
    expect(result.unmappedColumns).toEqual([
      { index: 0, title: 'STT' },
      { index: 6, title: 'Quê quán' },
    ]);
    expect(result.missingRequired).toEqual([]);
  });

  it('recognises "Ho ten", "Số định danh cá nhân" and "Họ và tên" variants', () => {
    expect(detectHeader(rows(['Ho ten', 'So dinh danh ca nhan', 'Ngày tháng năm sinh']), FIELDS).mapping).toEqual({
      fullName: 0,
      cccd: 1,
      birthDate: 2,
    });
    expect(detectHeader(rows(['Họ và tên đoàn viên', 'Số CCCD']), FIELDS).mapping).toEqual({ fullName: 0, cccd: 1 });
  });

  it('skips titles above the header and picks the row matching the most fields', () => {
    const result = detectHeader(
      rows(
        ['DANH SÁCH ĐOÀN VIÊN CÔNG ĐOÀN CƠ SỞ'],
        ['Đơn vị: Công ty ABC'],
        [],
        ['STT', 'Họ và tên', 'Số CCCD', 'Ngày sinh'],
        ['1', 'Nguyễn Văn A', '001090001234', '01/02/1990'],
      ),
      FIELDS,
    );
    expect(result.headerRowNumber).toBe(4);
    expect(result.headerRowNumbers).toEqual([4]);
    expect(result.mapping).toEqual({ fullName: 1, cccd: 2, birthDate: 3 });
  });

  it('combines a two-row header made of merged cells (group title above the real titles)', () => {
    // Row 1: "Họ và tên" merged over rows 1-2, "Thông tin cá nhân" merged across C-E.
    const result = detectHeader(
      rows(
        ['STT', 'Họ và tên', 'Thông tin cá nhân', null, null, 'Liên hệ'],
        [null, null, 'Ngày sinh', 'Giới tính', 'CCCD', 'Điện thoại'],
        ['1', 'Lê B', '1990', 'Nam', '0123', '09'],
      ),
      FIELDS,
    );
    expect(result.headerRowNumbers).toEqual([1, 2]);
    expect(result.headerRowNumber).toBe(2);
    expect(result.mapping).toEqual({ fullName: 1, birthDate: 2, gender: 3, cccd: 4, phone: 5 });
    expect(result.columns.find((c) => c.index === 2)?.title).toBe('Thông tin cá nhân / Ngày sinh');
  });

  it('reports missing required fields and returns 0 when nothing matches', () => {
    expect(detectHeader(rows(['Họ và tên', 'Giới tính']), FIELDS).missingRequired).toEqual(['cccd', 'birthDate']);
    const none = detectHeader(rows(['a', 'b'], ['1', '2']), FIELDS);
    expect(none.headerRowNumber).toBe(0);
    expect(none.missingRequired).toEqual(['fullName', 'cccd', 'birthDate']);
  });

  it('does not map one column to two fields, nor one field to two columns', () => {
    const result = detectHeader(rows(['Họ tên', 'Họ và tên', 'Điện thoại', 'Số điện thoại']), FIELDS);
    expect(result.mapping.fullName).toBe(0);
    expect(result.mapping.phone).toBe(2); // equal matches: the leftmost column wins
    expect(result.unmappedColumns.map((c) => c.index)).toEqual([1, 3]);
  });
});

describe('applyMapping', () => {
  const detected = detectHeader(rows(['Họ tên', 'Mã số', 'Sinh ngày', 'Giới tính']), FIELDS);

  it('lets the user map unrecognised columns and ignore detected ones', () => {
    expect(detected.missingRequired).toEqual(['cccd', 'birthDate']);
    const mapped = applyMapping(detected, { 1: 'cccd', 2: 'birthDate', 3: null }, FIELDS);
    expect(mapped.mapping).toEqual({ fullName: 0, cccd: 1, birthDate: 2 });
    expect(mapped.missingRequired).toEqual([]);
    expect(mapped.unmappedColumns).toEqual([{ index: 3, title: 'Giới tính' }]);
  });

  it('moves a field to the column the user chose', () => {
    expect(applyMapping(detected, { 2: 'fullName' }, FIELDS).mapping).toMatchObject({ fullName: 2, gender: 3 });
  });

  it('refuses unknown fields and bad column numbers', () => {
    expect(() => applyMapping(detected, { 1: 'salary' }, FIELDS)).toThrow(expect.objectContaining({ code: 'TABLE_MAPPING_UNKNOWN_FIELD' }));
    expect(() => applyMapping(detected, { [-1]: 'cccd' }, FIELDS)).toThrow(expect.objectContaining({ code: 'TABLE_MAPPING_BAD_COLUMN' }));
  });
});

describe('titleKey', () => {
  it('folds đ, accents, case, punctuation, parenthesised hints and filler words', () => {
    expect(titleKey('Số Định danh (CCCD)')).toBe('dinh danh');
    expect(titleKey('HỌ VÀ TÊN:')).toBe('ho ten');
    expect(titleKey('(ghi chú)')).toBe('ghi chu');
  });
});
