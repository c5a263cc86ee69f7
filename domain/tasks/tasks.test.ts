import { describe, expect, it } from 'vitest';
import { CALENDAR_YEAR } from '../periods/period.ts';
import { closedReason, recentTaskPeriods, taskPeriod } from './task-period.ts';
import { rollUp, rollUpLabel } from './task-rollup.ts';
import {
  checkTiming,
  dueParameters,
  dueState,
  lastDueBefore,
  nextDueFrom,
  SETTLED_FOREVER,
  settledThrough,
  type TaskTiming,
} from './task-timing.ts';

const at = (d: string) => new Date(`${d}T08:00:00Z`);

describe('due days', () => {
  it('one-off tasks are due once: a deadline, or 31/12 of their year', () => {
    const deadline: TaskTiming = { kind: 'deadline', deadline: '2026-06-30' };
    expect(lastDueBefore(deadline, '2026-06-30')).toBeNull();
    expect(lastDueBefore(deadline, '2026-07-01')).toBe('2026-06-30');
    expect(nextDueFrom(deadline, '2026-06-30')).toBe('2026-06-30');
    expect(nextDueFrom({ kind: 'year', year: 2026 }, '2026-03-01')).toBe('2026-12-31');
  });

  it('yearly tasks fall due at each reporting year’s cut-off (30/11), quarterly ones at quarter ends', () => {
    expect(nextDueFrom({ kind: 'yearly' }, '2026-03-01')).toBe('2026-11-30');
    expect(lastDueBefore({ kind: 'yearly' }, '2026-03-01')).toBe('2025-11-30');
    expect(nextDueFrom({ kind: 'yearly' }, '2026-12-05')).toBe('2027-11-30');
    expect(lastDueBefore({ kind: 'yearly' }, '2026-11-30')).toBe('2025-11-30');
    expect(lastDueBefore({ kind: 'yearly' }, '2026-12-01')).toBe('2026-11-30');
    expect(nextDueFrom({ kind: 'quarterly' }, '2026-05-10')).toBe('2026-06-30');
    expect(lastDueBefore({ kind: 'quarterly' }, '2026-05-10')).toBe('2026-03-31');
    expect(lastDueBefore({ kind: 'quarterly' }, '2026-01-01')).toBe('2025-12-31');
    expect(lastDueBefore({ kind: 'yearly' }, '2026-03-01', CALENDAR_YEAR)).toBe('2025-12-31');
    expect(nextDueFrom({ kind: 'ongoing' }, '2026-03-01')).toBeNull();
    expect(lastDueBefore({ kind: 'ongoing' }, '2026-03-01')).toBeNull();
  });
});

describe('settled through', () => {
  it('a one-off task is settled by its latest status only', () => {
    expect(settledThrough('deadline', [])).toBeNull();
    expect(settledThrough('deadline', [{ periodEnd: '2026-05-31', status: 'done', setAt: at('2026-05-01') }])).toBe(SETTLED_FOREVER);
    // Done in the first half, then reopened in the second: not settled.
    expect(
      settledThrough('year', [
        { periodEnd: '2026-05-31', status: 'done', setAt: at('2026-05-01') },
        { periodEnd: '2026-11-30', status: 'in_progress', setAt: at('2026-07-01') },
      ]),
    ).toBeNull();
    expect(settledThrough('deadline', [{ periodEnd: '2026-05-31', status: 'dropped', setAt: at('2026-05-01') }])).toBe(SETTLED_FOREVER);
  });

  it('a recurring task is settled through the end of the last period reported done or dropped', () => {
    expect(
      settledThrough('yearly', [
        { periodEnd: '2025-11-30', status: 'done', setAt: at('2025-11-01') },
        { periodEnd: '2026-05-31', status: 'late', setAt: at('2026-05-01') },
      ]),
    ).toBe('2025-11-30');
  });
});

describe('overdue and due soon', () => {
  const fresh = { startsOn: '2026-01-01', settledThrough: null };
  it('a passed deadline not done is overdue; done or dropped is not', () => {
    const t: TaskTiming = { kind: 'deadline', deadline: '2026-06-30' };
    expect(dueState(t, fresh, '2026-07-01')).toEqual({ overdue: true, dueSoon: false, dueOn: '2026-06-30' });
    expect(dueState(t, { ...fresh, settledThrough: SETTLED_FOREVER }, '2026-07-01').overdue).toBe(false);
    expect(dueState(t, fresh, '2026-06-30')).toEqual({ overdue: false, dueSoon: true, dueOn: '2026-06-30' });
    expect(dueState(t, fresh, '2026-05-30').dueSoon).toBe(false);
    expect(dueState(t, fresh, '2026-05-31').dueSoon).toBe(true);
  });

  it('a recurring task is overdue per period: the last passed due day must be settled', () => {
    const t: TaskTiming = { kind: 'yearly' };
    expect(dueState(t, { startsOn: '2025-01-01', settledThrough: null }, '2026-03-01').overdue).toBe(true);
    expect(dueState(t, { startsOn: '2025-01-01', settledThrough: '2025-11-30' }, '2026-03-01').overdue).toBe(false);
    // Given after the last due day: nothing was due from it yet.
    expect(dueState(t, { startsOn: '2026-01-10', settledThrough: null }, '2026-03-01').overdue).toBe(false);
    expect(dueState(t, { startsOn: '2026-01-10', settledThrough: null }, '2026-11-05')).toEqual({
      overdue: false,
      dueSoon: true,
      dueOn: '2026-11-30',
    });
    expect(dueState({ kind: 'quarterly' }, { startsOn: '2026-01-10', settledThrough: '2026-05-31' }, '2026-05-10').overdue).toBe(false);
    expect(dueState({ kind: 'quarterly' }, { startsOn: '2026-01-10', settledThrough: null }, '2026-05-10').overdue).toBe(true);
  });

  it('an ongoing task is never overdue nor due', () => {
    expect(dueState({ kind: 'ongoing' }, fresh, '2030-01-01')).toEqual({ overdue: false, dueSoon: false, dueOn: null });
  });

  it('gives the list query the same days as the rule', () => {
    const p = dueParameters('2026-03-01');
    expect(p).toEqual({
      today: '2026-03-01',
      soonUntil: '2026-03-31',
      lastYearly: '2025-11-30',
      nextYearly: '2026-11-30',
      lastQuarterly: '2025-12-31',
      nextQuarterly: '2026-03-31',
    });
  });

  it('checks timings as typed', () => {
    expect(checkTiming({ kind: 'deadline', deadline: '2026-02-28' })).toEqual({ kind: 'deadline', deadline: '2026-02-28' });
    expect(() => checkTiming({ kind: 'deadline', deadline: '2026-02-30' })).toThrow(/ngày hết hạn/);
    expect(() => checkTiming({ kind: 'year' })).toThrow(/năm từ 2000/);
    expect(checkTiming({ kind: 'ongoing', year: 2026 })).toEqual({ kind: 'ongoing' });
  });
});

describe('roll-up counts assignees, never averages', () => {
  it('counts completed, overdue and each status', () => {
    const r = rollUp([
      { status: 'done', overdue: false },
      { status: 'in_progress', overdue: false },
      { status: null, overdue: true },
    ]);
    expect(r).toMatchObject({ assignees: 3, completed: 1, overdue: 1, byStatus: { done: 1, in_progress: 1, none: 1, late: 0 } });
    expect(r.completedShare).toBeCloseTo(1 / 3);
    expect(rollUpLabel(r)).toBe('1/3 hoàn thành (33,3%)');
    expect(rollUpLabel(rollUp([]))).toBe('Chưa giao cho đơn vị nào');
  });

  it('a large unit and a small one weigh the same: one assignee each', () => {
    // Averaging progress percentages (90% and 10%) would say 50%; counting says 0 of 2 completed.
    expect(
      rollUp([
        { status: 'in_progress', overdue: false },
        { status: 'not_started', overdue: false },
      ]).completedShare,
    ).toBe(0);
  });
});

describe('periods', () => {
  const cdcs = { kinds: ['half', 'year'] as ('half' | 'year')[], calendar: { halfCutoff: '05-31', yearCutoff: '11-30' } };
  it('accepts the unit’s own kinds of period that have begun', () => {
    expect(taskPeriod('2026-H1', cdcs, '2026-03-01')).toMatchObject({ start: '2025-12-01', end: '2026-05-31' });
    expect(() => taskPeriod('2026-H2', cdcs, '2026-03-01')).toThrow(/chưa bắt đầu/);
    expect(() => taskPeriod('2026-Q1', cdcs, '2026-03-01')).toThrow(/không theo kỳ "2026-Q1"/);
    expect(() => taskPeriod('2026-Q1', { ...cdcs, kinds: ['year'] }, '2026-03-01')).toThrow(/năm \(ví dụ 2026\), không/);
    expect(() => taskPeriod('hôm qua', cdcs, '2026-03-01')).toThrow(/không hợp lệ/);
  });

  it('lists the current and previous periods, latest end first', () => {
    expect(recentTaskPeriods(cdcs, '2026-03-01').map((p) => p.code)).toEqual(['2026', '2026-H1', '2025-H2', '2025']);
  });

  it('closes a period while its report is sent or accepted, saying why', () => {
    expect(closedReason({ label: '6 tháng đầu năm 2026' }, 'draft')).toBeNull();
    expect(closedReason({ label: '6 tháng đầu năm 2026' }, 'returned')).toBeNull();
    expect(closedReason({ label: '6 tháng đầu năm 2026' }, 'submitted')).toMatch(/đang chờ duyệt/);
    expect(closedReason({ label: '6 tháng đầu năm 2026' }, 'accepted')).toMatch(/mở lại/);
  });
});
