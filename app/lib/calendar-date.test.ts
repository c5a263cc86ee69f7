import { describe, expect, it } from 'vitest';
import { formatViDate, isIsoDate, todayIso } from './calendar-date.ts';

describe('calendar dates', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatViDate('2025-07-01')).toBe('01/07/2025');
    expect(formatViDate(null)).toBe('');
    expect(formatViDate('not a date')).toBe('not a date');
  });

  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-7-1')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it("takes today's date from the local calendar", () => {
    expect(todayIso(new Date(2025, 6, 1, 0, 30))).toBe('2025-07-01');
  });
});
