import { describe, expect, it } from 'vitest';
import { UNION_STATISTICS_CALENDAR } from '../../../../domain/periods/period.ts';
import {
  fromPeriodLabel,
  nextPeriodCode,
  ownDraft,
  reportingPeriodStart,
  periodLabel,
  publishPeriodOptions,
  sourceForNewVersion,
  versionStatuses,
  type VersionLike,
} from './form-versions.model.ts';

const half = { periodKind: 'half' as const, calendar: UNION_STATISTICS_CALENDAR, opensBeforeEndDays: 30, deadlineDays: 15 };
const year = { periodKind: 'year' as const, calendar: UNION_STATISTICS_CALENDAR, opensBeforeEndDays: 45, deadlineDays: 15 };
const province = { id: 5, name: 'LĐLĐ tỉnh Tây Ninh' };

const v = (id: number, version: number, fromPeriod: string | null, owner: VersionLike['owner'] = null): VersionLike => ({
  id,
  version,
  status: fromPeriod ? 'published' : 'draft',
  fromPeriod,
  owner,
});

describe('periods', () => {
  it('steps to the next half-year or year', () => {
    expect(nextPeriodCode('2026-H1')).toBe('2026-H2');
    expect(nextPeriodCode('2026-H2')).toBe('2027-H1');
    expect(nextPeriodCode('2026')).toBe('2027');
    expect(() => nextPeriodCode('2026-Q1')).toThrow(RangeError);
  });

  it('offers the periods still being reported, then the next ones; the first not open yet is the default (union calendar: after the late-November cut-off it is next year)', () => {
    expect(publishPeriodOptions(half, '2026-12-06')).toEqual([
      { code: '2026-H2', label: '6 tháng cuối năm 2026', isOpen: true, isDefault: false },
      { code: '2027-H1', label: '6 tháng đầu năm 2027', isOpen: false, isDefault: true },
      { code: '2027-H2', label: '6 tháng cuối năm 2027', isOpen: false, isDefault: false },
      { code: '2028-H1', label: '6 tháng đầu năm 2028', isOpen: false, isDefault: false },
    ]);
    // After the due date of 2026-H2 (15/12) only the coming periods are offered.
    expect(publishPeriodOptions(half, '2026-12-20').map((p) => p.code)).toEqual(['2027-H1', '2027-H2', '2028-H1']);
    // In May the half-year running is open for entry already.
    expect(publishPeriodOptions(half, '2027-05-10', 2).map((p) => [p.code, p.isOpen, p.isDefault])).toEqual([
      ['2027-H1', true, false],
      ['2027-H2', false, true],
      ['2028-H1', false, false],
    ]);
    expect(publishPeriodOptions(year, '2026-10-01', 2).map((p) => p.label)).toEqual(['Năm 2026', 'Năm 2027']);
    expect(publishPeriodOptions(year, '2026-12-06', 2).map((p) => [p.code, p.isOpen, p.isDefault])).toEqual([
      ['2026', true, false],
      ['2027', false, true],
      ['2028', false, false],
    ]);
  });

  it('labels a code, or shows it as is when unreadable', () => {
    expect(periodLabel('2027-H1', UNION_STATISTICS_CALENDAR)).toBe('6 tháng đầu năm 2027');
    expect(periodLabel('không rõ', UNION_STATISTICS_CALENDAR)).toBe('không rõ');
  });
});

describe('version statuses', () => {
  it('"now" is the latest period open for entry: in December the second half-year, not the one just begun', () => {
    expect(reportingPeriodStart(half, '2026-12-06')).toBe('2026-06-01');
    expect(reportingPeriodStart(half, '2027-05-10')).toBe('2026-12-01');
    const s = versionStatuses([v(2, 2, '2026-H2'), v(3, 3, '2027-H1')], half, '2026-12-06');
    expect(s.get(2)?.state).toBe('in_force');
    expect(s.get(3)).toMatchObject({ state: 'scheduled', label: 'Sẽ áp dụng từ kỳ 6 tháng đầu năm 2027' });
    expect(versionStatuses([v(2, 2, '2026-H2'), v(3, 3, '2027-H1')], half, '2027-05-10').get(3)?.state).toBe('in_force');
  });

  it('marks the draft, the version in force, one to come and those replaced, per owner', () => {
    const versions = [v(1, 1, '2025-H1'), v(2, 2, '2026-H2'), v(3, 3, '2027-H1'), v(4, 4, null), v(5, 1, '2026-H1', province)];
    const s = versionStatuses(versions, half, '2026-12-06');
    expect(s.get(1)).toMatchObject({ state: 'replaced', label: 'Đã thay thế (áp dụng từ kỳ 6 tháng đầu năm 2025)' });
    expect(s.get(3)).toMatchObject({ state: 'scheduled', label: 'Sẽ áp dụng từ kỳ 6 tháng đầu năm 2027' });
    expect(s.get(4)).toMatchObject({ state: 'draft', label: 'Bản nháp' });
    // Two owners each have a version in force: each label says for whom.
    expect(s.get(2)).toMatchObject({
      state: 'in_force',
      label: 'Đang áp dụng từ kỳ 6 tháng cuối năm 2026 cho các đơn vị chưa có phiên bản riêng',
    });
    expect(s.get(5)).toMatchObject({
      state: 'in_force',
      label: 'Đang áp dụng từ kỳ 6 tháng đầu năm 2026 cho LĐLĐ tỉnh Tây Ninh và cấp dưới',
    });
  });

  it('reads the start the server gives; the versions older than periods are in force "from the start"', () => {
    const original = { ...v(1, 1, 'từ trước'), fromPeriodStart: '2000-01-01' };
    const next = { ...v(2, 2, '2026-H2'), fromPeriodStart: '2026-06-01' };
    const s = versionStatuses([original, next], half, '2026-12-06');
    expect(s.get(1)).toMatchObject({ state: 'replaced', label: 'Đã thay thế' });
    expect(s.get(2)).toMatchObject({ state: 'in_force', label: 'Đang áp dụng từ kỳ 6 tháng cuối năm 2026' });
    expect(versionStatuses([original], half, '2026-12-06').get(1)).toMatchObject({ state: 'in_force', label: 'Đang áp dụng' });
    expect(fromPeriodLabel(original, UNION_STATISTICS_CALENDAR)).toBeNull();
    expect(fromPeriodLabel(v(3, 3, '2027-H1'), UNION_STATISTICS_CALENDAR)).toBe('6 tháng đầu năm 2027');
    expect(fromPeriodLabel(v(4, 4, null), UNION_STATISTICS_CALENDAR)).toBeNull();
  });

  it('a correction republished from the same period replaces the earlier one', () => {
    const s = versionStatuses([v(1, 1, '2026-H2'), v(2, 2, '2026-H2')], half, '2026-12-06');
    expect(s.get(1)?.state).toBe('replaced');
    expect(s.get(2)?.state).toBe('in_force');
  });

  it('a new version starts from the one in force for my unit, else the newest in force', () => {
    const versions = [v(1, 1, '2000-H1'), v(2, 2, '2026-H2'), v(5, 1, '2026-H1', province), v(6, 3, null, province)];
    const s = versionStatuses(versions, half, '2026-12-06');
    expect(sourceForNewVersion(versions, s, 5)?.id).toBe(5);
    expect(sourceForNewVersion(versions, s, 9)?.id).toBe(2);
    // Only a version to come: the newest published one.
    expect(sourceForNewVersion([v(7, 1, '2030-H1')], versionStatuses([v(7, 1, '2030-H1')], half, '2026-12-06'), 9)?.id).toBe(7);
    expect(ownDraft(versions, 5)?.id).toBe(6);
    expect(ownDraft(versions, 9)).toBeUndefined();
    expect(ownDraft([{ ...v(6, 3, null, province), canEdit: false }], 5)).toBeUndefined();
  });
});
