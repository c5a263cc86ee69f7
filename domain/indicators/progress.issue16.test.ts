/**
 * The cases of issue 16 ("Figures an officer can trust"), as they were seen, under the one
 * status rule (docs/progress-rules.md).
 */
import { describe, expect, it } from 'vitest';
import { formatIndicatorValue } from '../report-documents/report-wording.ts';
import { rankChildren } from './breakdown.ts';
import { indicatorValue, parseExpression } from './expression.ts';
import { FORECAST_NOTES, judge, PERCENT_RANGE, type Observation, type TargetSpec } from './progress.ts';

const D = '2026-11-15';
const YEAR_END = '2025-12-31';
/** Gold 001 (61-KH/TU, issued 21/10/2021): "trên 99% … có thỏa ước" by 2045. */
const agreements2045: TargetSpec = { comparator: '>', value: 99, deadline: '2045-12-31', start: '2021-10-21', range: PERCENT_RANGE };
const share = { num: parseExpression('100 * #{cdcs_with_agreement}'), den: parseExpression('#{cdcs}') };
const valueOf = (covered: number, cdcs: number) =>
  indicatorValue(
    share.num,
    share.den,
    new Map([
      ['cdcs_with_agreement', covered],
      ['cdcs', cdcs],
    ]),
  ).value!;

/** Eleven communes: CĐCS, CĐCS with an agreement on 31/12/2025, and today. */
const communes: [name: string, cdcs: number, then: number, now: number][] = [
  ['Công đoàn xã A', 31, 7, 8],
  ['Công đoàn xã B', 150, 60, 63],
  ['Công đoàn xã C', 120, 54, 57],
  ['Công đoàn xã D', 100, 30, 35],
  ['Công đoàn xã E', 90, 27, 28],
  ['Công đoàn xã F', 80, 32, 34],
  ['Công đoàn xã G', 70, 21, 24],
  ['Công đoàn xã H', 60, 12, 12],
  ['Công đoàn xã I', 100, 40, 43],
  ['Công đoàn xã J', 99, 37, 38],
  ['Công đoàn xã K', 100, 40, 40],
];
const sum = (pick: (c: (typeof communes)[number]) => number) => communes.reduce((s, c) => s + pick(c), 0);

describe('issue 16: a long-term ratio target, the province at 38,2% and its communes', () => {
  const province = { cdcs: sum((c) => c[1]), then: sum((c) => c[2]), now: sum((c) => c[3]) };
  const history = (covered: number, cdcs: number): Observation[] => [{ date: YEAR_END, value: valueOf(covered, cdcs) }];
  const judged = communes.map(([name, cdcs, then, now]) => ({
    name,
    cdcs,
    value: valueOf(now, cdcs),
    progress: judge(agreements2045, valueOf(now, cdcs), D, history(then, cdcs)),
  }));
  const provinceProgress = judge(agreements2045, valueOf(province.now, province.cdcs), D, history(province.then, province.cdcs));

  it('is the situation seen: 38,2% for the province (summed, not averaged), 25,8% for one commune', () => {
    expect(formatIndicatorValue(valueOf(province.now, province.cdcs), 'percent')).toBe('38,2%');
    expect(formatIndicatorValue(judged[0]!.value, 'percent')).toBe('25,8%');
    const average = judged.reduce((s, c) => s + c.value, 0) / judged.length;
    expect(formatIndicatorValue(average, 'percent')).not.toBe('38,2%');
    // The old table judged each commune without its history, against a path from 0 in 2021:
    // 10 of 11 "Đúng tiến độ", the 25,8% commune among them, beside a province "Chậm tiến độ".
    const withoutHistory = communes.map(([, cdcs, , now]) => judge(agreements2045, valueOf(now, cdcs), D).status);
    expect(withoutHistory.filter((s) => s === 'on_track')).toHaveLength(10);
    expect(withoutHistory[0]).toBe('on_track');
  });

  it('judges the province and every commune by the same rule, from their own figures', () => {
    // Fourteen months of history say nothing about 2045: no unit gets a forecast …
    for (const p of [provinceProgress, ...judged.map((c) => c.progress)]) {
      expect(p.forecast).toBeNull();
      expect(p.forecastNote).toBe(FORECAST_NOTES.notEnoughHistory);
      expect(p.forecastNote).toBe('Chưa đủ số liệu để dự báo');
      // … so each is judged on its path from its own 31/12/2025 to 99% on 31/12/2045.
      expect(p.pathStart?.date).toBe(YEAR_END);
      expect(p.status).toBe(p.actual! >= p.expectedNow! ? 'on_track' : 'behind');
    }
    expect(provinceProgress.status).toBe('behind');
    expect(judged[0]!.progress.status).toBe('behind'); // the 25,8% commune: 22,6% a year ago, 25,9% expected today
    expect(judged.filter((c) => c.progress.status === 'on_track').map((c) => c.name)).toEqual([
      'Công đoàn xã C',
      'Công đoàn xã D',
      'Công đoàn xã G',
      'Công đoàn xã I',
    ]);
  });

  it('keeps the province consistent with its communes: its expected point is theirs, weighted by their CĐCS', () => {
    // The same CĐCS on both dates: the province's path is the CĐCS-weighted sum of the communes'
    // paths, so communes all on track would put the province on track, and a province behind
    // has at least one commune behind.
    const weighted = judged.reduce((s, c) => s + c.cdcs * c.progress.expectedNow!, 0) / province.cdcs;
    expect(provinceProgress.expectedNow).toBeCloseTo(weighted, 9);
    expect(judged.some((c) => c.progress.status === 'behind')).toBe(true);
  });

  it('lists the lagging communes first, by their own achievement, not by size', () => {
    const rows = rankChildren(
      judged.map((c) => ({ unit: { name: c.name }, status: c.progress.status, achievement: c.progress.shareAchieved, cdcs: c.cdcs })),
    );
    expect(rows.slice(0, 7).every((r) => r.status === 'behind')).toBe(true);
    expect(rows[0]!.unit.name).toBe('Công đoàn xã H'); // 20%: the weakest, though not the smallest
    expect(rows[1]!.unit.name).toBe('Công đoàn xã A'); // 25,8%, the smallest commune
    expect(rows.slice(7).map((r) => r.unit.name)).toEqual(['Công đoàn xã G', 'Công đoàn xã D', 'Công đoàn xã I', 'Công đoàn xã C']);
  });
});

describe('issue 16: a CĐCS starting at 0% with little history', () => {
  const history: Observation[] = [{ date: YEAR_END, value: 0 }];

  it('no longer forecasts 287% by 2045: it says "Chưa đủ số liệu để dự báo", and its status comes from its path', () => {
    const now = 12.53;
    // What the straight line through the two points reads on 31/12/2045.
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86400_000;
    const naive = (now * (day('2045-12-31') - day(YEAR_END))) / (day(D) - day(YEAR_END));
    expect(Math.round(naive)).toBe(287);
    const p = judge(agreements2045, now, D, history);
    expect(p.forecast).toBeNull();
    expect(p.forecastNote).toBe('Chưa đủ số liệu để dự báo');
    // From 0% on 31/12/2025 to 99% in 2045, 4,3% is expected today: on track, with nothing said against it.
    expect(p.expectedNow).toBeCloseTo(4.32, 2);
    expect(p.status).toBe('on_track');
  });

  it('is behind at 0% today, and never says it will be met', () => {
    const p = judge(agreements2045, 0, D, history);
    expect(p.status).toBe('behind');
    expect(p.forecast).toBeNull();
    expect(p.forecastNote).toBe('Chưa đủ số liệu để dự báo');
  });

  it('caps a projection at 100% when a near deadline allows one', () => {
    const p = judge({ ...agreements2045, value: 95, deadline: '2027-12-31' }, 60, D, [{ date: '2025-11-15', value: 0 }]);
    expect(p.forecast).not.toBeNull();
    expect(p.forecast!.projectedValue).toBe(100);
    expect(p.status).toBe('on_track');
  });
});
