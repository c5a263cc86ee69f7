/**
 * Reminders of the reporting calendar (issue 21): seven days and one day before a report is due,
 * and the day after it was due, to the units that have not sent it. Pure: which reminder a
 * period calls for on a day. The server finds the units and writes one notification per person
 * under a key per (reminder, form, period, unit), so computing them again — every hour, after a
 * restart, by two server processes — tells nobody twice.
 */
export type ReminderKind = 'report.due_in_7' | 'report.due_in_1' | 'report.overdue';

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Overdue reminders stop after this many days: the completeness board takes over. */
const OVERDUE_WINDOW_DAYS = 30;

/**
 * The one reminder a period calls for on `today`, if any: the latest whose day has come (a
 * scheduler that was down on the day catches up, but never sends "7 days left" when one is left).
 */
export function reminderDue(dueOn: string, today: string): ReminderKind | null {
  if (today > addDays(dueOn, OVERDUE_WINDOW_DAYS)) return null;
  if (today > dueOn) return 'report.overdue';
  if (today >= addDays(dueOn, -1)) return 'report.due_in_1';
  if (today >= addDays(dueOn, -7)) return 'report.due_in_7';
  return null;
}

export function reminderText(
  kind: ReminderKind,
  report: { templateName: string; periodLabel: string; dueOn: string },
): { title: string; body: string } {
  const what = `${report.templateName.charAt(0).toLowerCase()}${report.templateName.slice(1)} kỳ ${report.periodLabel.charAt(0).toLowerCase()}${report.periodLabel.slice(1)}`;
  const due = viDate(report.dueOn);
  switch (kind) {
    case 'report.due_in_7':
      return { title: `Còn 7 ngày đến hạn gửi ${what}`, body: `Hạn gửi: ${due}. Mở mục Báo cáo định kỳ để lập và gửi báo cáo.` };
    case 'report.due_in_1':
      return { title: `Ngày mai đến hạn gửi ${what}`, body: `Hạn gửi: ${due}. Báo cáo chưa được gửi lên cấp trên.` };
    case 'report.overdue':
      return { title: `Đã quá hạn gửi ${what}`, body: `Hạn gửi là ${due}; cấp trên chưa nhận được báo cáo. Hãy gửi sớm nhất có thể.` };
  }
}
