import { describe, expect, it } from 'vitest';
import type { MemberItem } from '../../api/members.api.ts';
import { createBody, formValuesOf, updateBody } from './member-form.model.ts';

const member: MemberItem = {
  id: 7,
  fullName: 'Nguyễn Văn An',
  gender: 'male',
  genderLabel: 'Nam',
  birthDate: '1990-05-01',
  cccd: '0721******56',
  phone: '09******12',
  personalDataMasked: true,
  ethnicity: 'Kinh',
  cardNumber: null,
  joinedOn: '2015-01-15',
  status: 'active',
  statusLabel: 'Đang sinh hoạt',
  leftOn: null,
  leftReason: null,
  unit: { id: 3, code: 'TNI-P01-0001', name: 'CĐCS A', sector: 'private' },
};

describe('member form bodies', () => {
  it('trims texts, drops spaces from the CCCD and sends blanks as null', () => {
    const body = createBody({
      fullName: '  Lê Thị Hà ',
      gender: 'female',
      birthDate: '1995-02-03',
      cccd: '072 195 000 123',
      phone: ' ',
      joinedOn: '2020-01-01',
      cdcsUnitId: 4,
    });
    expect(body).toEqual({
      fullName: 'Lê Thị Hà',
      gender: 'female',
      birthDate: '1995-02-03',
      cccd: '072195000123',
      phone: null,
      ethnicity: null,
      cardNumber: null,
      joinedOn: '2020-01-01',
      cdcsUnitId: 4,
    });
  });

  it('sends only the changed fields, never the untouched masked CCCD', () => {
    const values = { ...formValuesOf(member), cardNumber: 'TN0000007', fullName: 'Nguyễn Văn Ân' };
    expect(updateBody(member, values)).toEqual({ fullName: 'Nguyễn Văn Ân', cardNumber: 'TN0000007' });
    expect(updateBody(member, formValuesOf(member))).toEqual({});
  });
});
