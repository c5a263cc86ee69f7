import { describe, expect, it } from 'vitest';
import { formatVietnameseDate, isIsoDate, todayInVietnam } from './calendar-date.ts';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('01/07/2025')).toBe(false);
  });

  it('takes today in Vietnam, which is already tomorrow after 17:00 UTC', () => {
    expect(todayInVietnam(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
  });

  it('writes dates the Vietnamese way', () => {
    expect(formatVietnameseDate('2025-07-01')).toBe('01/07/2025');
  });
});
