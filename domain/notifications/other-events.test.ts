import { describe, expect, it } from 'vitest';
import {
  accountCreated,
  accountLocked,
  dailyDigest,
  digestDay,
  importEnded,
  targetJudgingDay,
  targetTurned,
  taskAssigned,
  taskReminderDue,
  taskReminderText,
} from './other-events.ts';

describe('what the events outside the report workflow tell whom', () => {
  it('tells the units given a task who gave it and by when, once per assignment', () => {
    const n = taskAssigned({
      assignmentId: 9,
      taskId: 3,
      taskTitle: 'Tổ chức Tháng Công nhân',
      unitId: 12,
      fromUnitName: 'Công đoàn xã Hòa Bình',
      dueOn: '2027-05-31',
    });
    expect(n).toMatchObject({
      kind: 'task.assigned',
      eventKey: 'task.assigned:9',
      audience: { unitId: 12, permission: 'reports.submit' },
      link: '/nhiem-vu',
    });
    expect(n.title).toBe('Nhiệm vụ mới: Tổ chức Tháng Công nhân');
    expect(n.body).toBe('Công đoàn xã Hòa Bình giao nhiệm vụ cho đơn vị. Hạn hoàn thành: 31/05/2027.');
  });

  it('reminds of a task seven days before, then once overdue, for a month', () => {
    const due = '2027-05-31';
    expect(
      ['2027-05-23', '2027-05-24', '2027-05-31', '2027-06-01', '2027-06-30', '2027-07-01'].map((d) => taskReminderDue(due, d)),
    ).toEqual([null, 'task.due_soon', 'task.due_soon', 'task.overdue', 'task.overdue', null]);
    expect(taskReminderText('task.overdue', due).titlePrefix + 'Tổ chức Tháng Công nhân').toBe(
      'Nhiệm vụ đã quá hạn: Tổ chức Tháng Công nhân',
    );
    expect(taskReminderText('task.due_soon', due).body).toBe(
      'Hạn hoàn thành: 31/05/2027. Cập nhật tình hình thực hiện trong mục Nhiệm vụ.',
    );
  });

  it('tells the owning unit’s staff that a target turned chậm tiến độ or không đạt, one event per turn', () => {
    const target = { targetId: 4, indicatorName: 'Tỷ lệ CĐCS có thỏa ước', unitId: 2, unitName: 'Liên đoàn Lao động tỉnh Tây Ninh' };
    const behind = targetTurned({ ...target, status: 'behind', day: '2027-03-01' });
    expect(behind).toMatchObject({
      kind: 'target.behind',
      eventKey: 'target.behind:4:2027-03-01',
      audience: { unitId: 2, permission: 'targets.read' },
    });
    expect(behind.title).toBe('Chỉ tiêu chậm tiến độ: Tỷ lệ CĐCS có thỏa ước');
    const missed = targetTurned({ ...target, status: 'missed', day: '2028-01-01' });
    expect(missed.title).toBe('Chỉ tiêu không đạt: Tỷ lệ CĐCS có thỏa ước');
    expect(missed.eventKey).not.toBe(behind.eventKey);
  });

  it('tells whoever started an import how it ended', () => {
    const base = { jobId: 17, userId: 5, unitId: 2, registryLabel: 'đoàn viên', fileName: 'doan-vien-2027.xlsx', link: '/doan-vien/nhap' };
    const done = importEnded({ ...base, outcome: { ok: true, inserted: 120, updated: 3, rejected: 2 } });
    expect(done).toMatchObject({
      kind: 'import.finished',
      eventKey: 'import.finished:17',
      userId: 5,
      title: 'Đã nhập xong đoàn viên: doan-vien-2027.xlsx',
    });
    expect(done.body).toBe('Thêm mới 120, cập nhật 3, từ chối 2 dòng. Tải danh sách dòng bị từ chối để sửa rồi nhập lại.');
    const failed = importEnded({ ...base, outcome: { ok: false, reason: 'Tệp không có cột Họ và tên' } });
    expect(failed).toMatchObject({
      kind: 'import.failed',
      eventKey: 'import.failed:17',
      title: 'Nhập đoàn viên không thành công: doan-vien-2027.xlsx',
      body: 'Lý do: Tệp không có cột Họ và tên',
    });
  });

  it('tells the account’s owner it was created, and each time it is locked', () => {
    expect(accountCreated({ userId: 8, unitId: 2, username: 'canbo.hoabinh', unitName: 'Công đoàn xã Hòa Bình' }).body).toContain(
      'Tên đăng nhập: canbo.hoabinh, thuộc Công đoàn xã Hòa Bình.',
    );
    const byAdmin = accountLocked({ userId: 8, unitId: 2, by: 'administrator', at: '2027-01-02T03:04:05.000Z' });
    const byLogins = accountLocked({
      userId: 8,
      unitId: 2,
      by: 'failed_logins',
      at: '2027-01-02T03:04:05.000Z',
      until: '2027-01-02T03:19:05.000Z',
    });
    expect(byAdmin.title).toBe('Tài khoản Tiến Độ của bạn đã bị khóa');
    expect(byLogins.body).toMatch(/^Tài khoản bị tạm khóa vì đăng nhập sai mật khẩu nhiều lần/);
    expect(new Set([byAdmin.eventKey, byLogins.eventKey]).size).toBe(2);
  });

  it('judges the targets at night only, from 00:00 to 06:00 in Vietnam', () => {
    expect(targetJudgingDay(new Date('2027-03-01T16:59:00Z'))).toBeNull(); // 23:59 on 01/03 in Vietnam
    expect(targetJudgingDay(new Date('2027-03-01T17:00:00Z'))).toBe('2027-03-02'); // 00:00 on 02/03
    expect(targetJudgingDay(new Date('2027-03-01T22:59:00Z'))).toBe('2027-03-02'); // 05:59
    expect(targetJudgingDay(new Date('2027-03-01T23:00:00Z'))).toBeNull(); // 06:00
    expect(targetJudgingDay(new Date('2027-03-02T03:00:00Z'))).toBeNull(); // 10:00: a restart in office hours waits for the night
  });

  it('bundles a day into one digest per person, from 07:00 in Vietnam', () => {
    expect(digestDay(new Date('2027-03-01T23:59:00Z'))).toBeNull(); // 06:59 on 02/03 in Vietnam
    expect(digestDay(new Date('2027-03-02T00:00:00Z'))).toBe('2027-03-02'); // 07:00
    expect(digestDay(new Date('2027-03-02T16:59:00Z'))).toBe('2027-03-02'); // 23:59
    const d = dailyDigest(5, '2027-03-02', ['Nhiệm vụ mới: A', 'Báo cáo đã được duyệt: B']);
    expect(d).toMatchObject({
      eventKey: 'digest.daily:2027-03-02',
      title: 'Tóm tắt thông báo ngày 02/03/2027: 2 thông báo',
      body: '• Nhiệm vụ mới: A\n• Báo cáo đã được duyệt: B',
    });
  });
});
