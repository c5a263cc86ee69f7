import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { createTestApp, type Session, type TestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets, type TestDatabase } from '../../test/support/test-database.ts';

const cdcsTemplate = BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!;
const [period] = openPeriods(cdcsTemplate, todayInVietnam()).map((p) => p.code) as [string];
const complete = {
  dissemination_reached: 900,
  dissemination_base: 1000,
  union_fee_due: 50_000_000,
  union_fee_collected: 42_000_000,
  dues_due: 12_000_000,
  dues_collected: 11_500_000,
};

interface Item {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
}

describe.each(testDatabaseTargets())('notifications of the report workflow ($kind)', (target) => {
  let database: TestDatabase;
  let t: TestApp;
  let officer: Session; // cdcs.demo, officer of TNI-P01-0001
  let commune: Session; // canbo.tanninh, staff of TNI-P01 (reviews its CĐCS)
  let province: Session; // canbo.tinh: not the level above a CĐCS
  let reportId: number;
  const inbox = async (s: Session) => (await s.get('/api/notifications')).body as { items: Item[]; unread: number };

  beforeAll(async () => {
    database = await target.open();
    t = await createTestApp(database, `notifications-${target.kind}`);
    officer = await t.login('cdcs.demo');
    commune = await t.login('canbo.tanninh');
    province = await t.login('canbo.tinh');
    const opened = await officer.send('POST', '/api/reports', {
      templateCode: 'cdcs-nam',
      unitId: await t.unitId('TNI-P01-0001'),
      periodCode: period,
    });
    reportId = opened.body.id;
  });

  afterAll(async () => {
    await t?.close();
    await database?.close();
  });

  it('tells the commune that a CĐCS sent its report, and nobody else', async () => {
    const view = (await officer.get(`/api/reports/${reportId}`)).body;
    const sent = await officer.send('POST', `/api/reports/${reportId}/submit`, { version: view.version, values: complete });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const box = await inbox(commune);
    expect(box.unread).toBe(1);
    expect(box.items[0]).toMatchObject({ kind: 'report.submitted', link: `/bao-cao-dinh-ky/${reportId}`, read: false });
    expect(box.items[0]!.title).toMatch(/^Công đoàn cơ sở .+ đã gửi báo cáo tổng kết năm của công đoàn cơ sở kỳ năm \d{4}$/);
    expect((await inbox(province)).items).toEqual([]);
    expect((await inbox(officer)).items).toEqual([]);
  });

  it('tells the CĐCS officer a return with its reason; the resubmission reaches the commune as "đã gửi lại"', async () => {
    const view = (await commune.get(`/api/reports/${reportId}`)).body;
    const returned = await commune.send('POST', `/api/reports/${reportId}/return`, {
      version: view.version,
      reason: 'Đoàn phí đã thu chưa khớp sổ thu chi',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    const mine = await inbox(officer);
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({
      kind: 'report.returned',
      body: 'Lý do: Đoàn phí đã thu chưa khớp sổ thu chi Hãy sửa theo lý do rồi gửi lại.',
    });
    expect(mine.items[0]!.title).toMatch(/^Báo cáo bị trả lại: /);

    const again = (await officer.get(`/api/reports/${reportId}`)).body;
    const resent = await officer.send('POST', `/api/reports/${reportId}/submit`, {
      version: again.version,
      values: { ...complete, dues_collected: 11_000_000 },
    });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const box = await inbox(commune);
    expect(box.items.map((i) => i.kind)).toEqual(['report.resubmitted', 'report.submitted']);
    expect(box.items[0]!.title).toContain(' đã gửi lại báo cáo ');
  });

  it('marks read one at a time or all at once, only the caller’s own', async () => {
    const box = await inbox(commune);
    const [first] = box.items;
    expect((await officer.send('POST', `/api/notifications/${first!.id}/read`)).status).toBe(404);
    const read = await commune.send('POST', `/api/notifications/${first!.id}/read`);
    expect(read.body).toEqual({ unread: box.unread - 1 });
    expect((await commune.get('/api/notifications/unread-count')).body).toEqual({ unread: box.unread - 1 });
    expect((await commune.get('/api/notifications?unreadOnly=true')).body.items.map((i: Item) => i.id)).not.toContain(first!.id);
    await commune.send('POST', '/api/notifications/read-all');
    expect((await commune.get('/api/notifications/unread-count')).body).toEqual({ unread: 0 });
  });

  it('writes each event once per person, and no change is left without its notification', async () => {
    const rows = await database.db.selectFrom('notification').select(['user_id', 'event_key']).execute();
    expect(new Set(rows.map((r) => `${r.user_id}|${r.event_key}`)).size).toBe(rows.length);
    const view = (await commune.get(`/api/reports/${reportId}`)).body;
    const accepted = await commune.send('POST', `/api/reports/${reportId}/accept`, { version: view.version });
    expect(accepted.status).toBe(200);
    expect((await inbox(officer)).items[0]).toMatchObject({ kind: 'report.accepted', read: false });
  });
});
