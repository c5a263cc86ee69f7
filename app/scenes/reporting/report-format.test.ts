import { describe, expect, it } from 'vitest';
import { formatFigure, parseFigure, reminderText } from './report-format.ts';

describe('reporting screen helpers', () => {
  it('shows and reads figures the Vietnamese way', () => {
    expect(formatFigure(180000000)).toBe('180.000.000');
    expect(formatFigure(null)).toBe('');
    expect(parseFigure('1.234.567')).toBe('1234567');
    expect(parseFigure(' 12 000 ')).toBe('12000');
  });

  it('keeps a 0 as "0" both ways: a zero is a figure, only an empty field is no figure', () => {
    expect(formatFigure(0)).toBe('0');
    expect(formatFigure('0')).toBe('0');
    expect(parseFigure('0')).toBe('0');
    expect(formatFigure(undefined)).toBe('');
    expect(parseFigure('')).toBe('');
  });

  it('writes the reminders list with each unit’s contact, or says there is none', () => {
    const text = reminderText(
      [
        {
          name: 'CĐCS Công ty May ABC',
          parentName: 'Công đoàn phường Tân Ninh',
          phone: '02763822111',
          email: null,
          contacts: [{ fullName: 'Phạm Thị Lan', email: 'lan@abc.vn' }],
        },
        { name: 'CĐCS Trường Tiểu học Hòa Thành', parentName: null, phone: null, email: null, contacts: [] },
      ],
      'Năm 2026',
      '2026-12-15',
    );
    expect(text.split('\n')).toEqual([
      'Các đơn vị chưa gửi báo cáo Năm 2026 (hạn 15/12/2026):',
      '1. CĐCS Công ty May ABC (Công đoàn phường Tân Ninh) — 02763822111; Phạm Thị Lan <lan@abc.vn>',
      '2. CĐCS Trường Tiểu học Hòa Thành — chưa có thông tin liên hệ',
    ]);
  });
});
