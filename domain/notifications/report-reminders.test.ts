import { describe, expect, it } from 'vitest';
import { reminderDue, reminderText } from './report-reminders.ts';

describe('which reminder a reporting deadline calls for on a day', () => {
  const due = '2027-06-15';
  it('gives "7 days", then "tomorrow", then "overdue" for a month, nothing before or after', () => {
    expect(
      ['2027-06-07', '2027-06-08', '2027-06-13', '2027-06-14', '2027-06-15', '2027-06-16', '2027-07-15', '2027-07-16'].map((d) =>
        reminderDue(due, d),
      ),
    ).toEqual([null, 'report.due_in_7', 'report.due_in_7', 'report.due_in_1', 'report.due_in_1', 'report.overdue', 'report.overdue', null]);
  });
  it('words each in Vietnamese with the due day', () => {
    const text = reminderText('report.due_in_1', {
      templateName: 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở',
      periodLabel: '6 tháng đầu năm 2027',
      dueOn: due,
    });
    expect(text).toEqual({
      title: 'Ngày mai đến hạn gửi báo cáo sơ kết 6 tháng của công đoàn cơ sở kỳ 6 tháng đầu năm 2027',
      body: 'Hạn gửi: 15/06/2027. Báo cáo chưa được gửi lên cấp trên.',
    });
  });
});
