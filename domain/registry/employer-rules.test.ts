import { describe, expect, it } from 'vitest';
import { agreementIssues, employerIssues, isInForce } from './employer-rules.ts';

describe('employer rules', () => {
  const good = {
    taxCode: '0101234565',
    name: 'Công ty TNHH May An Phát',
    sector: 'private',
    workers: 120,
    womenWorkers: 80,
    workersCountedOn: '2026-06-30',
  };
  it('accepts a consistent employer and rejects the inconsistent', () => {
    expect(employerIssues(good, '2026-11-22')).toEqual([]);
    expect(employerIssues({ ...good, womenWorkers: 130 }, '2026-11-22')[0]!.message).toBe('Số lao động nữ lớn hơn tổng số lao động.');
    expect(employerIssues({ ...good, taxCode: '0101234566' }, '2026-11-22')[0]!.field).toBe('taxCode');
    expect(employerIssues({ ...good, workersCountedOn: null }, '2026-11-22')[0]!.field).toBe('workersCountedOn');
  });
});

describe('agreements', () => {
  it('are in force from the effective day through the last day, ended early by a renewal', () => {
    const a = { effectiveFrom: '2024-07-01', expiresOn: '2026-06-30', endedOn: null };
    expect(isInForce(a, '2024-06-30')).toBe(false);
    expect(isInForce(a, '2024-07-01')).toBe(true);
    expect(isInForce(a, '2026-06-30')).toBe(true);
    expect(isInForce(a, '2026-07-01')).toBe(false);
    expect(isInForce({ ...a, endedOn: '2025-12-31' }, '2026-01-01')).toBe(false);
  });

  it('refuses a term over three years and dates out of order', () => {
    expect(
      agreementIssues(
        { kind: 'enterprise', signedOn: '2024-01-01', effectiveFrom: '2024-01-01', expiresOn: '2028-01-01', qualityClass: 'B' },
        '2026-01-01',
      )[0]!.message,
    ).toMatch(/không quá 3 năm/);
    expect(
      agreementIssues(
        { kind: 'enterprise', signedOn: '2024-02-01', effectiveFrom: '2024-01-01', expiresOn: '2025-01-01', qualityClass: null },
        '2026-01-01',
      )[0]!.field,
    ).toBe('effectiveFrom');
  });
});
