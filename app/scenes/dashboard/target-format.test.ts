import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { judge, PERCENT_RANGE, type Comparator } from '../../../domain/indicators/progress.ts';
import type { TargetProgress } from '../../api/progress.api.ts';
import {
  STATUS_COLORS,
  barPercent,
  countByStatus,
  allocationSentence,
  contributionSentence,
  contributionShareSentence,
  forecastSentence,
  forecastTone,
  pathStartSentence,
  formatIndicatorValue,
  formatShare,
  periodAsOf,
  reportingSentence,
  statusColor,
  targetSentence,
  visibleTargets,
} from './target-format.ts';

const deadline = { kind: 'deadline' as const, deadline: '2028-12-31' };
const annual = { kind: 'annual' as const, year: 2026, from: 2023, to: 2028 };
const progress = (
  status: TargetProgress['progress']['status'],
  forecast: TargetProgress['progress']['forecast'] = null,
): TargetProgress['progress'] => ({
  status,
  statusLabel: '',
  actual: null,
  shareAchieved: null,
  expectedNow: null,
  pathStart: null,
  forecast,
  forecastNote: forecast ? null : status === 'no_data' ? 'Chưa có số liệu để dự báo' : 'Chưa đủ số liệu để dự báo',
});

describe('numbers in Vietnamese', () => {
  it('groups thousands with a dot and uses a decimal comma', () => {
    expect(formatIndicatorValue(140000, 'count')).toBe('140.000');
    expect(formatIndicatorValue(85.5, 'percent')).toBe('85,5%');
    expect(formatIndicatorValue(86.10603, 'percent')).toBe('86,1%');
    expect(formatIndicatorValue(0.4, 'ratio')).toBe('0,40');
    expect(formatIndicatorValue(1.234, 'ratio')).toBe('1,23');
  });

  it('never turns a missing figure into 0', () => {
    expect(formatIndicatorValue(null, 'count')).toBe('');
    expect(formatIndicatorValue(undefined, 'percent')).toBe('');
    expect(formatShare(null)).toBe('');
  });

  it('shows a tiny share as "< 0,1%" rather than a flat 0%', () => {
    expect(formatShare(0.0036)).toBe('< 0,1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(117.647)).toBe('117,6%');
  });
});

describe('the target sentence', () => {
  it('words each comparator as documents do', () => {
    expect(targetSentence({ comparator: '>', targetValue: 140000, timing: deadline, indicator: { unit: 'count', code: 'members' } })).toBe(
      'Trên 140.000 đoàn viên — đến năm 2028',
    );
    expect(targetSentence({ comparator: '>=', targetValue: 85, timing: annual, indicator: { unit: 'percent' } })).toBe(
      'Từ 85% trở lên — hằng năm',
    );
    expect(targetSentence({ comparator: '=', targetValue: 100, timing: deadline, indicator: { unit: 'percent' } })).toBe(
      '100% — đến năm 2028',
    );
    expect(targetSentence({ comparator: '<=', targetValue: 5, timing: deadline, indicator: { unit: 'percent' } })).toBe(
      'Không quá 5% — đến năm 2028',
    );
    expect(targetSentence({ comparator: '<', targetValue: 3, timing: annual, indicator: { unit: 'count', code: 'x' } })).toBe(
      'Dưới 3 — hằng năm',
    );
    expect(targetSentence({ comparator: '>=', targetValue: 0.5, timing: annual, indicator: { unit: 'ratio' } })).toBe(
      'Từ 0,50 trở lên — hằng năm',
    );
  });
});

describe('the forecast line', () => {
  const ind = { unit: 'count' };
  it('says when a target will be met at the current pace', () => {
    expect(
      forecastSentence({
        timing: deadline,
        indicator: ind,
        progress: progress('on_track', { projectedValue: 145000, metOn: null, willBeMet: true }),
      }),
    ).toBe('Dự báo đạt 145.000 vào 31/12/2028 — sẽ đạt');
    expect(
      forecastSentence({
        timing: deadline,
        indicator: ind,
        progress: progress('on_track', { projectedValue: 145000, metOn: '2028-03-15', willBeMet: true }),
      }),
    ).toBe('Dự báo đạt 145.000 vào 31/12/2028 — sẽ đạt, đạt được vào ngày 15/03/2028');
    expect(
      forecastSentence({
        timing: annual,
        indicator: { unit: 'percent' },
        progress: progress('on_track', { projectedValue: 91, metOn: null, willBeMet: true }),
      }),
    ).toBe('Dự báo đạt 91% cuối năm 2026 — sẽ đạt');
  });

  it('says plainly when it will not be met, and when it already was', () => {
    expect(
      forecastSentence({
        timing: deadline,
        indicator: ind,
        progress: progress('behind', { projectedValue: 63067, metOn: '2041-05-25', willBeMet: false }),
      }),
    ).toBe('Theo tốc độ hiện nay sẽ không đạt');
    expect(
      forecastSentence({
        timing: deadline,
        indicator: ind,
        progress: progress('met', { projectedValue: 1, metOn: '2025-06-30', willBeMet: true }),
      }),
    ).toBe('Đã đạt được vào ngày 30/06/2025');
  });

  it('says why there is no forecast: no data, too little history, or a deadline passed', () => {
    expect(forecastSentence({ timing: annual, indicator: ind, progress: progress('no_data') })).toBe('Chưa có số liệu để dự báo');
    expect(forecastSentence({ timing: deadline, indicator: ind, progress: progress('on_track') })).toBe('Chưa đủ số liệu để dự báo');
    expect(
      forecastSentence({ timing: deadline, indicator: ind, progress: { ...progress('missed'), forecastNote: 'Đã hết hạn, không đạt' } }),
    ).toBe('Đã hết hạn, không đạt');
    expect(forecastTone(progress('missed'))).toBe('danger');
    expect(forecastTone(progress('on_track'))).toBe('secondary');
    expect(forecastTone(progress('on_track', { projectedValue: 145000, metOn: null, willBeMet: true }))).toBeUndefined();
  });

  it('counts the units that reported', () => {
    expect(reportingSentence(12)).toBe('12 đơn vị đã báo cáo');
    expect(reportingSentence(0)).toBe('0 đơn vị đã báo cáo');
    expect(reportingSentence(null)).toBe('');
  });
});

describe('status colours and the progress bar', () => {
  it('maps every status to its colour, unknown ones to the no-data grey', () => {
    expect(statusColor('met')).toBe(STATUS_COLORS.met);
    expect(statusColor('missed')).toBe('#cf1322');
    expect(statusColor('whatever')).toBe(STATUS_COLORS.no_data);
    expect(new Set(Object.values(STATUS_COLORS)).size).toBe(5);
  });

  it('fills the bar to the share achieved, capped at 100 and never from nothing', () => {
    expect(barPercent(45.737)).toBe(45.7);
    expect(barPercent(117.6)).toBe(100);
    expect(barPercent(null)).toBe(0);
  });

  it('counts per status and shows the ones needing attention first', () => {
    const items = [
      { targetId: 1, progress: progress('met') },
      { targetId: 2, progress: progress('no_data') },
      { targetId: 3, progress: progress('behind') },
      { targetId: 4, progress: progress('missed') },
      { targetId: 5, progress: progress('behind') },
    ];
    expect(countByStatus(items)).toEqual({ met: 1, on_track: 0, behind: 2, missed: 1, no_data: 1 });
    expect(visibleTargets(items, {}).map((t) => t.targetId)).toEqual([4, 3, 5, 1, 2]);
    expect(visibleTargets(items, { status: 'behind' }).map((t) => t.targetId)).toEqual([3, 5]);
  });

  it('reads a past year at its last day and the current year today', () => {
    expect(periodAsOf(2025, '2026-11-22')).toBe('2025-12-31');
    expect(periodAsOf(2026, '2026-11-22')).toBe('2026-11-22');
  });
});

describe('the children table', () => {
  it("words a contribution at its rate against the group's, and its share against its expected share, saying which base", () => {
    const stock = { value: 500, share: 4, expectedShare: 10, rate: 0.83, groupRate: 2.08, index: 40 };
    expect(contributionSentence(stock, 'value_on_reference')).toBe('+500 (+0,8%; mức chung +2,1%)');
    expect(contributionShareSentence(stock, 'value_on_reference')).toBe('4% mức tăng chung · tỷ trọng 10%');
    const shrank = { value: -2, share: -0.004, expectedShare: 0.001, rate: -28.57, groupRate: 12.9, index: -221 };
    expect(contributionSentence(shrank, 'value_on_reference')).toBe('-2 (-28,6%; mức chung +12,9%)');
    expect(contributionShareSentence(shrank, 'value_on_reference')).toBe('tỷ trọng < 0,1%');
    const flow = { value: 12, share: 3.2, expectedShare: 8.1, rate: 1.2, groupRate: 2, index: 60 };
    expect(contributionSentence(flow, 'members')).toBe('12 (1,2 trên 100 đoàn viên; mức chung 2)');
    expect(contributionShareSentence(flow, 'members')).toBe('3,2% tổng số · tỷ trọng đoàn viên 8,1%');
    expect(
      contributionSentence({ value: 1200, share: null, expectedShare: null, rate: null, groupRate: 3, index: null }, 'value_on_reference'),
    ).toBe('+1.200');
    expect(
      contributionShareSentence(
        { value: 1200, share: null, expectedShare: null, rate: null, groupRate: 3, index: null },
        'value_on_reference',
      ),
    ).toBe('');
    expect(contributionSentence(null, null)).toBe('');
  });

  it('names the allocation a child is judged against and where the path starts', () => {
    expect(allocationSentence({ targetId: 1, comparator: '>', targetValue: 12000, timing: deadline }, 'count')).toBe(
      'Được giao: trên 12.000 — đến năm 2028',
    );
    expect(allocationSentence(null, 'count')).toBe('');
    expect(pathStartSentence({ date: '2025-12-31', value: 35.25 }, 'percent')).toBe('Tính từ 35,3% ngày 31/12/2025');
  });
});

describe('the forecast line and the status, over random targets', () => {
  it('never words a forecast that disagrees with the status beside it (1000 cases)', () => {
    let ran = 0;
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.constantFrom<Comparator>('>', '>=', '=', '<=', '<'),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 200, max: 8000 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        fc.integer({ min: 0, max: 9000 }),
        (comparator, value, length, past, actual, asOfDay) => {
          ran++;
          const asOf = day(Math.min(asOfDay, length + 365));
          const history = past
            .map((v, i) => ({ date: day(Math.floor(((i + 1) * Math.min(asOfDay, length + 365)) / (past.length + 2))), value: v }))
            .filter((h) => h.date < asOf);
          const p = judge({ comparator, value, deadline: day(length), start: day(0), range: PERCENT_RANGE }, actual, asOf, history);
          const text = forecastSentence({
            timing: { kind: 'deadline', deadline: day(length) },
            indicator: { unit: 'percent' },
            progress: p,
          });
          expect(text).not.toBe('');
          if (text.includes('sẽ đạt')) expect(p.status).toBe('on_track');
          if (text.includes('sẽ không đạt')) expect(p.status).toBe('behind');
          if (text.startsWith('Đã đạt')) expect(p.status).toBe('met');
          if (p.status === 'missed') expect(text).toBe('Đã hết hạn, không đạt');
          expect(text).not.toMatch(/\d{4,}%|[2-9]\d{2}%/); // never "287%"
        },
      ),
      { numRuns: 1000, seed: 16 },
    );
    expect(ran).toBe(1000);
  });
});
