import { describe, expect, it } from 'vitest';
import { changeLines, reviseFormInitial, toReviseBody, versionInterval, versionTitle, type TargetVersion } from './target-revise.model.ts';

const original: TargetVersion = {
  version: 1,
  change: 'original',
  validFrom: null,
  validTo: '2026-01-01',
  indicator: { code: 'members', name: 'Số đoàn viên công đoàn', unit: 'count' },
  comparator: '>',
  value: 140000,
  timing: { kind: 'deadline', deadline: '2028-12-31' },
  sectors: null,
  minWorkers: null,
  subject: 'đoàn viên',
  baseline: null,
  reason: null,
  by: null,
  at: '2026-01-05T02:00:00.000Z',
  changed: [],
};
const revised: TargetVersion = {
  ...original,
  version: 2,
  change: 'revised',
  validFrom: '2026-01-01',
  validTo: null,
  comparator: '>=',
  value: 150000,
  timing: { kind: 'annual', from: 2023, to: 2028 },
  sectors: ['private', 'fdi'],
  minWorkers: 25,
  reason: 'Điều chỉnh theo Nghị quyết',
  by: { userId: 3, label: 'canbo.tinh' },
  at: '2026-03-01T02:00:00.000Z',
  changed: ['comparator', 'value', 'timing', 'sectors', 'minWorkers'],
};

describe('correcting a target', () => {
  it('starts the form from the version in force, effective today', () => {
    expect(reviseFormInitial(original, '2026-12-06')).toEqual({
      indicatorCode: 'members',
      comparator: '>',
      value: 140000,
      timing: 'deadline',
      deadlineYear: 2028,
      sectors: [],
      minWorkers: null,
      subject: 'đoàn viên',
      effectiveFrom: '2026-12-06',
      reason: '',
    });
  });

  it('sends only what changed, with the reason, the day and the version edited', () => {
    const start = reviseFormInitial(original, '2026-12-06');
    expect(toReviseBody(original, { ...start, value: 150000, reason: '  Điều chỉnh  ' }, 1)).toEqual({
      value: 150000,
      reason: 'Điều chỉnh',
      effectiveFrom: '2026-12-06',
      baseVersion: 1,
    });
    expect(toReviseBody(original, { ...start, timing: 'annual', sectors: ['fdi'], minWorkers: 25, reason: 'x' }, 1)).toEqual({
      annual: true,
      sectors: ['fdi'],
      minWorkers: 25,
      reason: 'x',
      effectiveFrom: '2026-12-06',
      baseVersion: 1,
    });
    expect(
      toReviseBody(
        revised,
        { ...reviseFormInitial(revised, '2026-12-06'), timing: 'deadline', deadlineYear: 2027, sectors: [], minWorkers: null, reason: 'x' },
        2,
      ),
    ).toEqual({
      deadlineYear: 2027,
      sectors: null,
      minWorkers: null,
      reason: 'x',
      effectiveFrom: '2026-12-06',
      baseVersion: 2,
    });
    // Nothing changed: only the reason and the day (the server answers NO_CHANGES).
    expect(toReviseBody(original, { ...start, sectors: [], reason: 'x' }, 1)).toEqual({
      reason: 'x',
      effectiveFrom: '2026-12-06',
      baseVersion: 1,
    });
  });

  it('words each change as before → after, the comparator and the value as one line', () => {
    expect(changeLines(original, revised)).toEqual([
      { label: 'Mức chỉ tiêu', before: 'Trên 140.000', after: 'Từ 150.000 trở lên' },
      { label: 'Thời hạn', before: 'Đến năm 2028', after: 'Hằng năm (2023–2028)' },
      { label: 'Khu vực', before: 'Mọi khu vực', after: 'Ngoài nhà nước, Có vốn đầu tư nước ngoài' },
      { label: 'Quy mô lao động', before: 'Mọi quy mô', after: 'Từ 25 lao động trở lên' },
    ]);
    expect(changeLines(undefined, original)).toEqual([]);
  });

  it('says when each version was in force', () => {
    expect(versionTitle(original)).toBe('Chỉ tiêu ban đầu');
    expect(versionTitle(revised)).toBe('Sửa — hiệu lực từ ngày 01/01/2026');
    expect(versionInterval(original)).toBe('Từ khi giao đến hết ngày 31/12/2025');
    expect(versionInterval(revised)).toBe('Từ ngày 01/01/2026 đến nay');
    expect(versionInterval({ ...revised, validTo: '2026-01-01' })).toMatch(/Không áp dụng ngày nào/);
    expect(versionTitle({ ...revised, change: 'withdrawn', validFrom: '2026-12-06' })).toBe('Rút chỉ tiêu — từ ngày 06/12/2026');
  });
});
