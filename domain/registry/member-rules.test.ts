import { describe, expect, it } from 'vitest';
import { memberIssues, type MemberFields } from './member-rules.ts';

const good: MemberFields = {
  fullName: 'Nguyễn Thị Hoa',
  gender: 'female',
  birthDate: '1990-05-01',
  cccd: '072190123456',
  phone: '0912345678',
  ethnicity: 'Kinh',
  cardNumber: 'TN-000123',
  joinedOn: '2012-03-08',
};

describe('member rules', () => {
  it('accepts a complete, consistent record', () => {
    expect(memberIssues(good, '2026-11-22')).toEqual([]);
  });

  it.each([
    [{ fullName: '  ' }, 'fullName', 'Thiếu họ và tên.'],
    [{ fullName: 'Nguyễn Văn 2' }, 'fullName', 'không được chứa chữ số'],
    [{ birthDate: '2030-01-01' }, 'birthDate', 'Ngày sinh ở tương lai.'],
    [{ birthDate: '2015-01-01', cccd: '072315123456', joinedOn: '2026-01-01' }, 'birthDate', 'dưới 15 tuổi'],
    [{ cccd: '07219012345' }, 'cccd', '12 chữ số'],
    [{ gender: 'male' as const }, 'cccd', 'không khớp với giới tính'],
    [{ phone: '12345' }, 'phone', 'Số điện thoại không hợp lệ'],
    [{ joinedOn: '2027-01-01' }, 'joinedOn', 'ở tương lai'],
    [{ joinedOn: '2000-01-01' }, 'joinedOn', 'khi chưa đủ 15 tuổi'],
    [{ gender: null }, 'gender', 'Thiếu giới tính'],
  ])('rejects %o on %s', (patch, field, message) => {
    const issues = memberIssues({ ...good, ...patch }, '2026-11-22');
    expect(issues.find((i) => i.field === field)?.message).toContain(message);
  });
});
