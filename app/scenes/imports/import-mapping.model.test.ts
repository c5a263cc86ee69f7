import { describe, expect, it } from 'vitest';
import { columnsFromIssues, duplicateFields, guessMapping, memberTemplateCsv } from './member-import.model.ts';

describe('member import mapping', () => {
  it('reads the columns found from the error issues', () => {
    const columns = columnsFromIssues([
      { path: 'column:2', message: 'Ngay sinh' },
      { path: 'column:0', message: 'Tên người lao động' },
      { path: 'fullName', message: 'không phải cột' },
    ]);
    expect(columns).toEqual([{ index: 0, title: 'Tên người lao động' }, { index: 2, title: 'Ngay sinh' }]);
  });

  it('guesses fields from titles without accents and never twice', () => {
    const mapping = guessMapping([
      { index: 0, title: 'STT' },
      { index: 1, title: 'HO VA TEN' },
      { index: 2, title: 'Ngày sinh (dd/mm/yyyy)' },
      { index: 3, title: 'Ngày sinh' },
      { index: 4, title: 'Mã CĐCS' },
    ]);
    expect(mapping).toEqual({ 0: null, 1: 'fullName', 2: 'birthDate', 3: null, 4: 'cdcsCode' });
  });

  it('names the fields chosen for two columns', () => {
    expect(duplicateFields({ 0: 'cccd', 1: 'cccd', 2: null, 3: 'phone' })).toEqual(['Số CCCD']);
    expect(duplicateFields({ 0: 'cccd', 1: null })).toEqual([]);
  });

  it('writes a template Excel opens with its Vietnamese titles', () => {
    const csv = memberTemplateCsv();
    expect(csv.startsWith('\uFEFFHọ và tên,Giới tính,Ngày sinh,Số CCCD')).toBe(true);
    expect(csv.trimEnd().endsWith('Mã CĐCS')).toBe(true);
  });
});
