import { describe, expect, it } from 'vitest';
import type { TaskDetail, TaskPeriods } from '../../api/tasks.api.ts';
import { accentFreeFilter, defaultPeriod, defaultTasksTab, formatFileSize, timingForApi } from './task-format.ts';
import { formFromTask, taskFields } from './task-form.model.ts';

const period = (code: string, start: string, end: string, closedReason: string | null = null): TaskPeriods['items'][number] => ({
  code,
  label: `Năm ${code}`,
  kind: 'year',
  start,
  end,
  report: null,
  closedReason,
});
const PERIODS = [period('2027', '2026-12-01', '2027-11-30'), period('2026', '2025-12-01', '2026-11-30')];

describe('the period a status is set for', () => {
  it('is the open period holding the due day, else the latest open one', () => {
    expect(defaultPeriod(PERIODS, '2026-10-31')).toBe('2026');
    expect(defaultPeriod(PERIODS, '2027-03-31')).toBe('2027');
    expect(defaultPeriod(PERIODS, null)).toBe('2027');
    expect(defaultPeriod(PERIODS, '2024-12-31')).toBe('2027');
  });

  it('never a period whose report was sent or accepted', () => {
    const closed = [PERIODS[0]!, period('2026', '2025-12-01', '2026-11-30', 'Báo cáo Năm 2026 đã gửi lên cấp trên.')];
    expect(defaultPeriod(closed, '2026-10-31')).toBe('2027');
    expect(
      defaultPeriod(
        closed.map((p) => ({ ...p, closedReason: 'khóa' })),
        null,
      ),
    ).toBeUndefined();
  });
});

describe('task screens', () => {
  it('land CĐCS and commune officers on their own tasks, provinces on the whole list', () => {
    expect(defaultTasksTab('grassroots')).toBe('cua-don-vi');
    expect(defaultTasksTab('commune')).toBe('cua-don-vi');
    expect(defaultTasksTab('province')).toBe('danh-sach');
    expect(defaultTasksTab(undefined)).toBe('cua-don-vi');
  });

  it('ask for the day or the year a timing needs', () => {
    expect(timingForApi({ kind: 'deadline' })).toBe('Chọn ngày hết hạn của nhiệm vụ.');
    expect(timingForApi({ kind: 'deadline', deadline: '2026-06-30', year: 2025 })).toEqual({ kind: 'deadline', deadline: '2026-06-30' });
    expect(timingForApi({ kind: 'year', deadline: '2026-06-30' })).toBe('Nhập năm phải hoàn thành nhiệm vụ.');
    expect(timingForApi({ kind: 'ongoing', deadline: '2026-06-30' })).toEqual({ kind: 'ongoing' });
  });

  it('write file sizes and find options the Vietnamese way', () => {
    expect(formatFileSize(900)).toBe('900 B');
    expect(formatFileSize(12_800)).toBe('12,5 KB');
    expect(formatFileSize(1_300_000)).toBe('1,2 MB');
    expect(accentFreeFilter('tan ninh', { label: 'Công đoàn phường Tân Ninh' })).toBe(true);
    expect(accentFreeFilter('bình', { label: 'Công đoàn phường Tân Ninh' })).toBe(false);
  });
});

describe('the task form', () => {
  it('sends a lead unit or a lead name, never both, and tidies names', () => {
    const base = {
      title: '  Tổ chức  hội nghị ',
      timing: { kind: 'quarterly' as const },
      leadUnitId: 34,
      leadName: 'Ban Tuyên giáo',
      partnerNames: ['Ban Nữ công ', 'Ban Nữ công', ''],
      partnerUnits: [{ value: 35, label: 'Bình Minh' }],
    };
    expect(taskFields({ ...base, leadKind: 'unit' })).toEqual({
      title: 'Tổ chức hội nghị',
      timing: { kind: 'quarterly' },
      leadUnitId: 34,
      leadName: null,
      partnerUnitIds: [35],
      partnerNames: ['Ban Nữ công'],
      targetIds: [],
    });
    expect(taskFields({ ...base, leadKind: 'name' })).toMatchObject({ leadUnitId: null, leadName: 'Ban Tuyên giáo' });
    expect(taskFields({ ...base, title: ' ', leadKind: 'unit' })).toBe('Nhập nội dung nhiệm vụ.');
  });

  it('is filled back from a task being edited', () => {
    const task = {
      title: 'Quán triệt',
      lead: { unitId: null, name: 'Ban Tuyên giáo' },
      partners: [
        { unitId: 35, name: 'Bình Minh' },
        { unitId: null, name: 'Đoàn Thanh niên' },
      ],
      timing: { kind: 'deadline', deadline: '2026-06-30', year: null, label: 'Hạn 30/06/2026' },
      targets: [{ id: 9, name: 'Đoàn viên', unitId: 2 }],
    } as unknown as TaskDetail;
    const form = formFromTask(task);
    expect(form).toMatchObject({
      leadKind: 'name',
      leadName: 'Ban Tuyên giáo',
      partnerUnits: [{ value: 35, label: 'Bình Minh' }],
      partnerNames: ['Đoàn Thanh niên'],
      targetIds: [9],
    });
    expect(taskFields(form)).toMatchObject({
      timing: { kind: 'deadline', deadline: '2026-06-30' },
      leadName: 'Ban Tuyên giáo',
      partnerUnitIds: [35],
    });
  });
});
