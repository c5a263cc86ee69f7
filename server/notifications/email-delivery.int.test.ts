import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCdcsPeriodCodes, openCdcsReport, submitCdcsReport } from '../../test/support/report-fixtures.ts';
import { startSmtpSink, type SmtpSink } from '../../test/support/smtp-sink.ts';
import { closeAll, createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';
import { EmailDelivery } from './email-delivery.ts';

const [period] = openCdcsPeriodCodes() as [string];

describe.each(testDatabaseTargets())('notifications by e-mail over SMTP ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let sink: SmtpSink;
  let officer: Session;
  let commune: Session;
  let reportId: number;
  let clock = new Date();
  /** The worker's clock, moved to just after the rows the requests queued (their time is the database's). */
  const catchUp = () => (clock = new Date(Math.max(clock.getTime(), Date.now() + 1_000)));
  let delivery: EmailDelivery;

  beforeAll(async () => {
    sink = await startSmtpSink();
    database = await target.open({ demo: 'province' });
    t = await createTestApp(database, `email-${target.kind}`, { smtpUrl: sink.url });
    await t.setEmail('cdcs.demo', 'cdcs.demo@example.vn');
    await t.setEmail('canbo.tanninh', 'canbo.tanninh@example.vn');
    officer = await t.login('cdcs.demo');
    commune = await t.login('canbo.tanninh');
    delivery = new EmailDelivery(database.db, {
      smtpUrl: sink.url,
      from: 'Tiến Độ <khong-tra-loi@tiendo.test>',
      now: () => clock,
      maxAttempts: 3,
    });
    reportId = (await openCdcsReport(officer, await t.unitId('TNI-P01-0001'), period)).id;
  }, 240_000);

  afterAll(async () => {
    await delivery?.stop();
    await closeAll(t, database, sink);
  });

  it('mails the commune that a CĐCS sent its report, once, in Vietnamese, as text and HTML', async () => {
    await submitCdcsReport(officer, reportId);
    catchUp();
    expect(await delivery.runOnce()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    expect(await delivery.runOnce()).toMatchObject({ sent: 0, failed: 0, dead: 0 });
    expect(sink.mails).toHaveLength(1);
    const [mail] = sink.mails;
    expect(mail!.to).toMatchObject({ text: 'canbo.tanninh@example.vn' });
    expect(mail!.subject).toMatch(/^Công đoàn cơ sở .+ đã gửi báo cáo tổng kết năm của công đoàn cơ sở kỳ năm \d{4}$/);
    expect(mail!.text).toContain(`Mở trong Tiến Độ: /bao-cao-dinh-ky/${reportId}`);
    expect(mail!.html).toContain('<h2 style="font-size:18px">Công đoàn cơ sở');
    expect(mail!.messageId).toMatch(/^<notification-\d+@tiendo>$/);
  });

  it('retries a refused mail with backoff, sends it once the server takes it, and gives up after the last attempt', async () => {
    const view = (await commune.get(`/api/reports/${reportId}`)).body;
    expect(
      (await commune.send('POST', `/api/reports/${reportId}/return`, { version: view.version, reason: 'Thiếu số liệu đoàn phí' })).status,
    ).toBe(200);
    sink.refuse(true);
    catchUp();
    expect(await delivery.runOnce()).toMatchObject({ sent: 0, failed: 1, dead: 0 });
    // Not due again before its backoff.
    expect(await delivery.runOnce()).toMatchObject({ sent: 0, failed: 0, dead: 0 });
    sink.refuse(false);
    clock = new Date(clock.getTime() + 61_000);
    expect(await delivery.runOnce()).toMatchObject({ sent: 1, failed: 0, dead: 0 });
    const returned = sink.mails.at(-1)!;
    expect(returned.to).toMatchObject({ text: 'cdcs.demo@example.vn' });
    expect(returned.subject).toMatch(/^Báo cáo bị trả lại: /);
    expect(returned.text).toContain('Lý do: Thiếu số liệu đoàn phí');

    // A mail the server keeps refusing is 'dead' after the last attempt, with the server's answer.
    await submitCdcsReport(officer, reportId);
    sink.refuse(true);
    catchUp();
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await delivery.runOnce());
      clock = new Date(clock.getTime() + 10 * 60_000);
    }
    expect(outcomes.map((o) => o.dead)).toEqual([0, 0, 1]);
    const dead = await database.db
      .selectFrom('notification_delivery')
      .select(['status', 'attempts', 'last_error'])
      .where('status', '=', 'dead')
      .execute();
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ attempts: 3 });
    expect(dead[0]!.last_error).toContain('451');
    sink.refuse(false);
  });

  it('sends again a mail left "sending" by a crashed process, under the same Message-ID', async () => {
    const before = sink.mails.length;
    const [row] = await database.db
      .selectFrom('notification_delivery')
      .select(['id', 'notification_id'])
      .where('status', '=', 'sent')
      .orderBy('id')
      .limit(1)
      .execute();
    // As a process killed after claiming the row: 'sending', claimed long ago.
    await database.db
      .updateTable('notification_delivery')
      .set({ status: 'sending', next_attempt_at: new Date(clock.getTime() - 11 * 60_000) as never })
      .where('id', '=', row!.id)
      .execute();
    expect(await delivery.runOnce()).toMatchObject({ sent: 1 });
    expect(sink.mails.slice(before).map((m) => m.messageId)).toEqual([`<notification-${row!.notification_id}@tiendo>`]);
  });
});
