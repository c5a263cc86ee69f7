import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../periods/period.ts';
import { rollUp } from '../tasks/task-rollup.ts';
import type { TaskStatus } from '../tasks/task-status.ts';
import {
  evidenceSummary,
  NO_TASK_DATA,
  ownStatusPhrase,
  rollUpPhrase,
  shortenAtWord,
  shortenFileName,
  statusInPeriod,
  taskOutcome,
  type AssignmentHistory,
  type ReportTask,
  type ReportedStatus,
} from './report-tasks.ts';

const YEAR = parsePeriod('2026');
const H1 = parsePeriod('2026-H1');
const status = (periodEnd: string, s: TaskStatus, evidence: string[] = [], setAt = `${periodEnd}T08:00:00Z`): ReportedStatus => ({
  periodEnd,
  status: s,
  setAt,
  evidence,
});
const unit = (...statuses: ReportedStatus[]): AssignmentHistory => ({ startsOn: '2026-01-05', statuses });
const task = (over: Partial<ReportTask>): ReportTask => ({
  title: 'Tổ chức quán triệt Nghị quyết',
  lead: 'Ban Tuyên giáo',
  timing: { kind: 'deadline', deadline: '2026-06-30' },
  owned: true,
  self: unit(),
  assignees: [],
  ...over,
});

describe('roll-up phrase: units counted, never averaged', () => {
  it('says how many of the units given the task completed it and how many are overdue', () => {
    const r = rollUp([
      { status: 'done', overdue: false },
      { status: 'done', overdue: false },
      { status: 'in_progress', overdue: true },
    ]);
    expect(rollUpPhrase(r)).toBe('2/3 đơn vị hoàn thành, 1 quá hạn');
    expect(
      rollUpPhrase(
        rollUp([
          { status: 'done', overdue: false },
          { status: null, overdue: false },
        ]),
      ),
    ).toBe('1/2 đơn vị hoàn thành');
  });

  it('writes large counts the Vietnamese way', () => {
    const many = rollUp([...Array(1200).fill({ status: 'done', overdue: false }), ...Array(3800).fill({ status: null, overdue: true })]);
    expect(rollUpPhrase(many)).toBe('1.200/5.000 đơn vị hoàn thành, 3.800 quá hạn');
  });

  it('says "chưa có số liệu" when none of the units has reported, with how many were given the task', () => {
    expect(
      rollUpPhrase(
        rollUp([
          { status: null, overdue: false },
          { status: null, overdue: false },
          { status: null, overdue: false },
        ]),
      ),
    ).toBe('Chưa có số liệu (3 đơn vị được giao)');
    expect(
      rollUpPhrase(
        rollUp([
          { status: null, overdue: true },
          { status: null, overdue: false },
        ]),
      ),
    ).toBe('Chưa có số liệu (2 đơn vị được giao, 1 quá hạn)');
  });

  it('states a unit’s own status, overdue marked, and "chưa có số liệu" without one', () => {
    expect(ownStatusPhrase('done', false)).toBe('Hoàn thành');
    expect(ownStatusPhrase('in_progress', true)).toBe('Đang thực hiện (quá hạn)');
    expect(ownStatusPhrase(null, false)).toBe(NO_TASK_DATA);
    expect(NO_TASK_DATA).toBe('Chưa có số liệu');
  });
});

describe('shortening at a word boundary', () => {
  const title =
    'Tham gia cải thiện điều kiện thụ hưởng văn hóa của công nhân; tham gia xây dựng môi trường văn hóa công nhân tại các khu công nghiệp, khu chế xuất';

  it('keeps a text that fits as is (white space folded)', () => {
    expect(shortenAtWord('  Tổ chức   quán triệt  ', 40)).toBe('Tổ chức quán triệt');
    expect(shortenAtWord(title, title.length)).toBe(title);
  });

  it('cuts between words, drops the punctuation left dangling and adds "…"', () => {
    expect(shortenAtWord(title, 70)).toBe('Tham gia cải thiện điều kiện thụ hưởng văn hóa của công nhân; tham…');
    expect(shortenAtWord(title, 66)).toBe('Tham gia cải thiện điều kiện thụ hưởng văn hóa của công nhân…');
    expect(shortenAtWord(title, 62)).toBe('Tham gia cải thiện điều kiện thụ hưởng văn hóa của công nhân…');
    expect(shortenAtWord(title, 61)).toBe('Tham gia cải thiện điều kiện thụ hưởng văn hóa của công…');
  });

  it('never cuts inside a word, whatever the length asked', () => {
    const words = new Set(title.split(' '));
    for (let max = 1; max < title.length; max++) {
      const short = shortenAtWord(title, max);
      expect(short.endsWith('…'), String(max)).toBe(true);
      const kept = short.slice(0, -1).split(' ');
      for (const w of kept.slice(0, -1)) expect(words.has(w), `${max}: ${w}`).toBe(true);
      // The last word kept is whole (its trailing punctuation aside).
      expect(
        [...words].some((w) => w === kept.at(-1) || w.replace(/[,;:.]+$/, '') === kept.at(-1)),
        `${max}: ${kept.at(-1)}`,
      ).toBe(true);
      if (max > 10) expect(short.length, String(max)).toBeLessThanOrEqual(max);
    }
  });

  it('keeps a first word longer than the limit whole rather than cut it', () => {
    expect(shortenAtWord('Công-đoàn-cơ-sở-doanh-nghiệp ngoài nhà nước', 10)).toBe('Công-đoàn-cơ-sở-doanh-nghiệp…');
  });

  it('shortens a file name between its words and keeps its extension', () => {
    expect(shortenFileName('Biên bản hội nghị quán triệt Nghị quyết Đại hội XI.pdf')).toBe('Biên bản hội nghị quán….pdf');
    expect(shortenFileName('bien-ban-hoi-nghi-quan-triet-nghi-quyet-dai-hoi.docx')).toBe('bien-ban-hoi-nghi-quan….docx');
    expect(shortenFileName('Ảnh.jpg')).toBe('Ảnh.jpg');
  });

  it('sums evidence up: how many files, the first two names shortened', () => {
    expect(evidenceSummary([])).toBe('Chưa có');
    expect(evidenceSummary(['Kế hoạch.docx'])).toBe('1 tệp: Kế hoạch.docx');
    expect(evidenceSummary(['Biên bản hội nghị quán triệt Nghị quyết Đại hội XI.pdf', 'Ảnh.jpg', 'a.png', 'b.png'])).toBe(
      '4 tệp: Biên bản hội nghị quán….pdf, Ảnh.jpg và 2 tệp khác',
    );
  });
});

describe('a task in the report’s period', () => {
  it('takes the latest status of a period ending within the report’s (a six-month status answers the year)', () => {
    const statuses = [status('2026-05-31', 'in_progress'), status('2026-11-30', 'done'), status('2025-11-30', 'late')];
    expect(statusInPeriod(statuses, YEAR, { kind: 'ongoing' })?.status).toBe('done');
    expect(statusInPeriod(statuses, H1, { kind: 'ongoing' })?.status).toBe('in_progress');
  });

  it('carries a one-off task’s earlier status forward, not a yearly task’s', () => {
    const statuses = [status('2025-11-30', 'done')];
    expect(statusInPeriod(statuses, YEAR, { kind: 'deadline', deadline: '2025-10-01' })?.status).toBe('done');
    expect(statusInPeriod(statuses, YEAR, { kind: 'yearly' })).toBeNull();
    expect(statusInPeriod([status('2027-11-30', 'done')], YEAR, { kind: 'year', year: 2027 })).toBeNull(); // a later period says nothing of this one
  });

  it('an assignee states its own status; none yet is "chưa có số liệu", overdue marked on the report’s day', () => {
    const own = task({ owned: false, self: unit(status('2026-11-30', 'done', ['Biên bản.pdf'])) });
    expect(taskOutcome(own, YEAR, '2026-12-31')).toMatchObject({ status: 'Hoàn thành', rollUp: null, evidence: ['Biên bản.pdf'] });
    expect(taskOutcome(task({ owned: false }), YEAR, '2026-12-31').status).toBe('Chưa có số liệu (quá hạn)');
    expect(taskOutcome(task({ owned: false }), YEAR, '2026-06-30').status).toBe('Chưa có số liệu'); // due that very day, not yet overdue
  });

  it('an owner that gave the task away states the count of its assignees, with their evidence', () => {
    const owner = task({
      assignees: [unit(status('2026-11-30', 'done', ['Biên bản.pdf', 'Ảnh.jpg'])), unit(status('2026-11-30', 'in_progress')), unit()],
    });
    const outcome = taskOutcome(owner, YEAR, '2026-11-15');
    expect(outcome).toMatchObject({
      status: '1/3 đơn vị hoàn thành, 2 quá hạn',
      assigneesReported: true,
      evidence: ['Biên bản.pdf', 'Ảnh.jpg'],
    });
    expect(outcome.rollUp).toMatchObject({ assignees: 3, completed: 1, overdue: 2 });
    // Its own status, when it reported one, comes first.
    expect(taskOutcome({ ...owner, self: unit(status('2026-11-30', 'in_progress')) }, YEAR, '2026-11-15').status).toBe(
      'Đang thực hiện (quá hạn); 1/3 đơn vị hoàn thành, 2 quá hạn',
    );
    expect(taskOutcome(task({ assignees: [unit(), unit()] }), YEAR, '2026-03-01')).toMatchObject({
      status: 'Chưa có số liệu (2 đơn vị được giao)',
      assigneesReported: false,
    });
  });
});
