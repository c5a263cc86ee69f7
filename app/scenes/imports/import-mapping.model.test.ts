import { describe, expect, it } from 'vitest';
import type { ImportField } from '../../api/registry.api.ts';
import { columnsFromIssues, duplicateFields, guessMapping, missingRequired } from './import-mapping.model.ts';

// As GET /api/imports/fields/members answers (a subset).
const MEMBER_FIELDS: ImportField[] = [
  { key: 'fullName', label: 'Họ và tên', required: true, synonyms: ['họ tên'] },
  { key: 'gender', label: 'Giới tính', required: true, synonyms: [] },
  { key: 'birthDate', label: 'Ngày sinh', required: true, synonyms: ['sinh ngày'] },
  { key: 'cccd', label: 'Số CCCD', required: true, synonyms: ['cmnd/cccd'] },
  { key: 'phone', label: 'Số điện thoại', required: false, synonyms: ['sđt'] },
  { key: 'cdcsCode', label: 'Mã CĐCS', required: false, synonyms: [] },
];

const GRASSROOTS_FIELDS: ImportField[] = [
  { key: 'code', label: 'Mã CĐCS', required: true, synonyms: ['mã công đoàn cơ sở'] },
  { key: 'name', label: 'Tên công đoàn cơ sở', required: true, synonyms: ['tên cđcs'] },
  { key: 'foundedOn', label: 'Ngày thành lập', required: false, synonyms: [] },
];

describe('import column mapping', () => {
  it('reads the columns found from the error issues', () => {
    const columns = columnsFromIssues([
      { path: 'column:2', message: 'Ngay sinh' },
      { path: 'column:0', message: 'Tên người lao động' },
      { path: 'fullName', message: 'không phải cột' },
    ]);
    expect(columns).toEqual([
      { index: 0, title: 'Tên người lao động' },
      { index: 2, title: 'Ngay sinh' },
    ]);
  });

  it("guesses fields from the registry's own titles and synonyms, without accents and never twice", () => {
    const mapping = guessMapping(
      [
        { index: 0, title: 'STT' },
        { index: 1, title: 'HO VA TEN' },
        { index: 2, title: 'Ngày sinh (dd/mm/yyyy)' },
        { index: 3, title: 'Ngày sinh' },
        { index: 4, title: 'Mã CĐCS' },
        { index: 5, title: 'SĐT' },
      ],
      MEMBER_FIELDS,
    );
    expect(mapping).toEqual({ 0: null, 1: 'fullName', 2: null, 3: 'birthDate', 4: 'cdcsCode', 5: 'phone' });
    expect(
      guessMapping(
        [
          { index: 0, title: 'Ten CDCS' },
          { index: 1, title: 'Ma cong doan co so' },
        ],
        GRASSROOTS_FIELDS,
      ),
    ).toEqual({ 0: 'name', 1: 'code' });
  });

  it('names the fields chosen for two columns, and the required ones no column holds', () => {
    expect(duplicateFields({ 0: 'cccd', 1: 'cccd', 2: null, 3: 'phone' }, MEMBER_FIELDS)).toEqual(['Số CCCD']);
    expect(duplicateFields({ 0: 'cccd', 1: null }, MEMBER_FIELDS)).toEqual([]);
    expect(missingRequired({ 0: 'code', 1: null }, GRASSROOTS_FIELDS)).toEqual(['Tên công đoàn cơ sở']);
  });
});
