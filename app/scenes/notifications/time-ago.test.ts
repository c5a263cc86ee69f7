import { describe, expect, it } from 'vitest';
import { safeAppLink, timeAgo } from './time-ago.ts';

describe('when a notification arrived, in words', () => {
  // 6 Dec 2026, 10:00 in Vietnam (03:00 UTC).
  const now = new Date('2026-12-06T03:00:00Z');

  it('says minutes and hours the same day', () => {
    expect(timeAgo('2026-12-06T02:59:30Z', now)).toBe('Vừa xong');
    expect(timeAgo('2026-12-06T02:55:00Z', now)).toBe('5 phút trước');
    expect(timeAgo('2026-12-05T17:30:00Z', now)).toBe('9 giờ trước'); // 00:30 the same Vietnamese day
  });

  it('counts days in Vietnam, not in UTC', () => {
    // 16:30 UTC on the 5th is 23:30 on the 5th in Vietnam: yesterday, seen from 10:00 on the 6th.
    expect(timeAgo('2026-12-05T16:30:00Z', now)).toBe('Hôm qua, 23:30');
    expect(timeAgo('2026-12-03T01:05:00Z', now)).toBe('03/12/2026, 08:05');
  });

  it('never says a future time (a clock a little ahead of the server)', () => {
    expect(timeAgo('2026-12-06T03:00:20Z', now)).toBe('Vừa xong');
  });
});

describe('links from notifications', () => {
  it('keeps paths inside the app and drops anything else', () => {
    expect(safeAppLink('/bao-cao-dinh-ky/12')).toBe('/bao-cao-dinh-ky/12');
    expect(safeAppLink('//evil.example/x')).toBeNull();
    expect(safeAppLink('/\\evil.example')).toBeNull();
    expect(safeAppLink('https://evil.example')).toBeNull();
    expect(safeAppLink(null)).toBeNull();
  });
});
