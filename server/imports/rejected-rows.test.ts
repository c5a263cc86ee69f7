import { describe, expect, it } from 'vitest';
import { rejectedRowFor, rejectionsExpireBefore, takeFromBudget } from './rejected-rows.ts';

describe('rejected rows', () => {
  const columns = { fullName: 1, cccd: 2, phone: 3 };
  const personal = { cccd: 'cccd', phone: 'phone' } as const;
  const raw = ['7', 'Lê Thị Hoa', '072190123456', '0909 123 456', 'ghi chú: gọi 0912345678'];

  it('masks CCCD and phone and leaves out unrecognised columns for a masked reader', () => {
    expect(rejectedRowFor(raw, columns, personal, false)).toEqual([null, 'Lê Thị Hoa', '0721******56', '090****456', null]);
  });

  it('gives the row as it was to a reader with personal_data.view', () => {
    expect(rejectedRowFor(raw, columns, personal, true)).toEqual(raw);
  });

  it('keeps every reason of the rows within the budget and counts the others', () => {
    const r = (rowNumber: number, column: string) => ({ rowNumber, column, reason: 'x', raw: [] });
    const budget = { rows: 2 };
    const first = takeFromBudget([r(2, 'a'), r(2, 'b'), r(3, 'a')], budget);
    expect(first).toMatchObject({ rejectedRows: 2, notStored: 0 });
    expect(first.kept).toHaveLength(3);
    const second = takeFromBudget([r(4, 'a'), r(5, 'a')], budget);
    expect(second).toEqual({ kept: [], rejectedRows: 2, notStored: 2 });
  });

  it('expires what started more than the retention ago', () => {
    expect(rejectionsExpireBefore(new Date('2026-03-31T00:00:00Z'), { retentionDays: 30 }).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});
