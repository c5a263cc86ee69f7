import { beforeAll, describe, expect, it } from 'vitest';
import { acceptReport, openCdcsPeriodCodes, openCdcsReport, submitCdcsReport } from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const [period] = openCdcsPeriodCodes() as [string];

interface Preferences {
  email: string | null;
  items: { kind: string; label: string; inApp: boolean; email: boolean }[];
}

describe.each(testDatabaseTargets())('notification preferences, per kind and channel, the caller’s own ($kind)', (target) => {
  // An SMTP address makes the workflow queue e-mail copies; nothing sends them in this test (no worker runs).
  const { database, t } = useTestApp(target, `notification-preferences-${target.kind}`, { smtpUrl: 'smtp://127.0.0.1:9' });
  let officer: Session; // cdcs.demo: submits TNI-P01-0001's reports
  let commune: Session; // canbo.tanninh: reviews them
  let reportId: number;
  const prefs = async (s: Session) => (await s.get('/api/notifications/preferences')).body as Preferences;

  beforeAll(async () => {
    await t.setEmail('cdcs.demo', 'cdcs.demo@example.vn');
    await t.setEmail('canbo.tanninh', null);
    officer = await t.login('cdcs.demo');
    commune = await t.login('canbo.tanninh');
    reportId = (await openCdcsReport(officer, await t.unitId('TNI-P01-0001'), period)).id;
  });

  it('lists only the kinds the caller can receive, all on by default, with the address copies would go to', async () => {
    const mine = await prefs(officer);
    expect(mine.email).toBe('cdcs.demo@example.vn');
    // A CĐCS officer submits reports, carries out tasks, reads targets and imports registries; reviewing is the commune's.
    expect(mine.items.map((i) => i.kind)).toEqual([
      'report.returned',
      'report.accepted',
      'report.reopened',
      'report.due_in_7',
      'report.due_in_1',
      'report.overdue',
      'task.assigned',
      'task.due_soon',
      'task.overdue',
      'target.behind',
      'target.missed',
      'import.finished',
      'import.failed',
    ]);
    expect(mine.items.every((i) => i.inApp && i.email)).toBe(true);
    expect(mine.items[0]!.label).toBe('Báo cáo của đơn vị bị trả lại');
    const theirs = await prefs(commune);
    expect(theirs.email).toBeNull();
    expect(theirs.items.map((i) => i.kind)).toContain('report.resubmitted');
  });

  it('saves a choice per channel, answers the new state, and a second save changes it again', async () => {
    const saved = await officer.send('PUT', '/api/notifications/preferences', {
      items: [
        { kind: 'report.returned', inApp: false, email: false },
        { kind: 'report.accepted', inApp: true, email: false },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const byKind = Object.fromEntries((saved.body as Preferences).items.map((i) => [i.kind, i]));
    expect(byKind['report.returned']).toMatchObject({ inApp: false, email: false });
    expect(byKind['report.accepted']).toMatchObject({ inApp: true, email: false });
    expect(byKind['report.reopened']).toMatchObject({ inApp: true, email: true });
    // Another person's settings are untouched: the route only ever writes the caller's rows.
    expect((await prefs(commune)).items.every((i) => i.inApp && i.email)).toBe(true);

    const again = await officer.send('PUT', '/api/notifications/preferences', {
      items: [{ kind: 'report.accepted', inApp: true, email: true }],
    });
    expect((again.body as Preferences).items.find((i) => i.kind === 'report.accepted')).toMatchObject({ inApp: true, email: true });
    expect(
      await database.db
        .selectFrom('notification_preference')
        .select(['kind', 'channel', 'enabled'])
        .orderBy('kind')
        .orderBy('channel')
        .execute(),
    ).toEqual([
      { kind: 'report.accepted', channel: 'email', enabled: true },
      { kind: 'report.accepted', channel: 'in_app', enabled: true },
      { kind: 'report.returned', channel: 'email', enabled: false },
      { kind: 'report.returned', channel: 'in_app', enabled: false },
    ]);
  });

  it('refuses an unknown kind and stray fields, writing nothing', async () => {
    const before = await database.db.selectFrom('notification_preference').selectAll().execute();
    const unknown = await officer.send('PUT', '/api/notifications/preferences', {
      items: [{ kind: 'report.exploded', inApp: false, email: false }],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    const stray = await officer.send('PUT', '/api/notifications/preferences', {
      items: [{ kind: 'report.returned', inApp: true, email: true, userId: 1 }],
    });
    expect(stray.status).toBe(400);
    expect(await database.db.selectFrom('notification_preference').selectAll().execute()).toEqual(before);
  });

  it('a kind named twice in one save keeps the last choice (no database error)', async () => {
    const twice = await officer.send('PUT', '/api/notifications/preferences', {
      items: [
        { kind: 'report.reopened', inApp: false, email: false },
        { kind: 'report.reopened', inApp: true, email: false },
      ],
    });
    expect(twice.status, JSON.stringify(twice.body)).toBe(200);
    expect((twice.body as Preferences).items.find((i) => i.kind === 'report.reopened')).toMatchObject({ inApp: true, email: false });
    await officer.send('PUT', '/api/notifications/preferences', { items: [{ kind: 'report.reopened', inApp: true, email: true }] });
  });

  it('a kind turned off is not written to the bell nor queued by e-mail; another kind still is', async () => {
    await submitCdcsReport(officer, reportId);
    const submitted = (await commune.get(`/api/reports/${reportId}`)).body;
    expect(
      (await commune.send('POST', `/api/reports/${reportId}/return`, { version: submitted.version, reason: 'Thiếu số liệu đoàn phí' }))
        .status,
    ).toBe(200);
    expect((await officer.get('/api/notifications')).body.items).toEqual([]);

    await submitCdcsReport(officer, reportId);
    await acceptReport(commune, reportId);
    const inbox = (await officer.get('/api/notifications')).body as { items: { kind: string }[] };
    expect(inbox.items.map((i) => i.kind)).toEqual(['report.accepted']);
    const queued = await database.db
      .selectFrom('notification_delivery as d')
      .innerJoin('notification as n', 'n.id', 'd.notification_id')
      .select(['n.kind', 'd.recipient'])
      .where('d.recipient', '=', 'cdcs.demo@example.vn')
      .execute();
    expect(queued).toEqual([{ kind: 'report.accepted', recipient: 'cdcs.demo@example.vn' }]);
  });

  it('without a session there is nothing to read', async () => {
    const anonymous = await t.anonymous('GET', '/api/notifications/preferences');
    expect(anonymous.status).toBe(401);
  });
});
