import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { cdcsTemplate, openCdcsReport, submitCdcsReport } from '../../test/support/report-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { closeAll, createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { EmailDelivery } from './email-delivery.ts';
import { writeReportReminders } from './report-reminders.ts';

const [period] = openPeriods(cdcsTemplate, todayInVietnam());
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The subjects of this form and period (the six-month form has reminders of its own on the same days). */
const REMINDER = /^(Còn 7 ngày|Ngày mai|Đã quá hạn)/;
const about = `báo cáo tổng kết năm của công đoàn cơ sở kỳ ${period!.label.toLowerCase()}`;

describe.each(testDatabaseTargets())('reminders of a reporting deadline, by e-mail ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let sink: SmtpSink;
  let delivery: EmailDelivery;
  let clock = new Date();

  /** Writes the reminders of `day`, sends the outbox, and returns the reminder mails of this form then sent: "recipient | subject". */
  async function dayOfReminders(day: string): Promise<string[]> {
    const mails = sink.mails;
    const before = mails.length;
    await writeReportReminders(database.db, day, { email: true });
    clock = new Date(Math.max(clock.getTime(), Date.now() + 1_000));
    while ((await delivery.runOnce()).sent > 0);
    return mails
      .slice(before)
      .filter((m) => m.subject?.endsWith(about) && REMINDER.test(m.subject))
      .map((m) => `${(m.to as { text: string }).text} | ${m.subject!.replace(` ${about}`, '')}`)
      .sort();
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    const url = sink.url;
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `reminders-${target.kind}`, { smtpUrl: url });
    delivery = new EmailDelivery(database.db, { smtpUrl: url, from: 'Tiến Độ <khong-tra-loi@tiendo.test>', now: () => clock });
    // Three CĐCS of Tân Ninh, an officer each with an address.
    await t.addUser('cdcs.hai', 'TNI-P01-0002', ['grassroots_officer']);
    await t.addUser('cdcs.ba', 'TNI-P01-0003', ['grassroots_officer']);
    for (const [username, email] of [
      ['cdcs.demo', 'mot@example.vn'],
      ['cdcs.hai', 'hai@example.vn'],
      ['cdcs.ba', 'ba@example.vn'],
    ]) {
      await t.setEmail(username!, email!);
    }
    const commune: Session = await t.login('canbo.tanninh');
    // One submits on time; one submits and is returned; the third never submits.
    for (const [username, code] of [
      ['cdcs.demo', 'TNI-P01-0001'],
      ['cdcs.hai', 'TNI-P01-0002'],
    ] as const) {
      const officer = await t.login(username);
      const { id } = await openCdcsReport(officer, await t.unitId(code), period!.code);
      await submitCdcsReport(officer, id);
      if (username === 'cdcs.hai') {
        const again = (await commune.get(`/api/reports/${id}`)).body;
        expect(
          (await commune.send('POST', `/api/reports/${id}/return`, { version: again.version, reason: 'Số liệu đoàn phí chưa khớp' }))
            .status,
        ).toBe(200);
      }
    }
  }, 240_000);

  afterAll(async () => {
    await delivery?.stop();
    await closeAll(t, database, sink);
  });

  it('reminds, across the deadline, exactly the units that have not sent it — the returned one and the silent one — once each', async () => {
    const due = period!.dueOn;
    expect(await dayOfReminders(addDays(due, -8))).toEqual([]);
    expect(await dayOfReminders(addDays(due, -7))).toEqual([
      'ba@example.vn | Còn 7 ngày đến hạn gửi',
      'hai@example.vn | Còn 7 ngày đến hạn gửi',
    ]);
    expect(await dayOfReminders(addDays(due, -6))).toEqual([]);
    expect(await dayOfReminders(addDays(due, -1))).toEqual([
      'ba@example.vn | Ngày mai đến hạn gửi',
      'hai@example.vn | Ngày mai đến hạn gửi',
    ]);
    expect(await dayOfReminders(due)).toEqual([]);
    expect(await dayOfReminders(addDays(due, 1))).toEqual(['ba@example.vn | Đã quá hạn gửi', 'hai@example.vn | Đã quá hạn gửi']);
    // The scheduler runs again (every hour, after a restart, on two servers): nobody is told twice.
    expect(await dayOfReminders(addDays(due, 1))).toEqual([]);
    expect(await dayOfReminders(addDays(due, 2))).toEqual([]);
    const body = sink.mails.find((m) => m.subject === `Đã quá hạn gửi ${about}`)!;
    expect(body.text).toContain(`Hạn gửi là ${due.slice(8, 10)}/${due.slice(5, 7)}/${due.slice(0, 4)}`);
  });

  it('shows the same reminders in the app', async () => {
    const hai = await t.login('cdcs.hai');
    const titles = (await hai.get('/api/notifications?limit=100')).body.items
      .map((i: { title: string }) => i.title)
      .filter((title: string) => title.endsWith(about) && REMINDER.test(title));
    expect(titles).toEqual([`Đã quá hạn gửi ${about}`, `Ngày mai đến hạn gửi ${about}`, `Còn 7 ngày đến hạn gửi ${about}`]);
  });
});
