import { describe, expect, it } from 'vitest';
import { formatViDate, todayIso } from './calendar-date.ts';

describe('calendar dates', () => {
  it('shows ISO dates as dd/mm/yyyy', () => {
    expect(formatViDate('2025-07-01')).toBe('01/07/2025');
    expect(formatViDate(null)).toBe('');
    expect(formatViDate('not a date')).toBe('not a date');
  });

  it("takes today's date from the local calendar", () => {
    expect(todayIso(new Date(2025, 6, 1, 0, 30))).toBe('2025-07-01');
  });
});
