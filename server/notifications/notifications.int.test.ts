import { beforeAll, describe, expect, it } from 'vitest';
import {
  acceptReport,
  completeCdcsValues as complete,
  openCdcsPeriodCodes,
  openCdcsReport,
  submitCdcsReport,
} from '../../test/support/report-fixtures.ts';
import { type Session, useTestApp } from '../../test/support/test-app.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';

const [period] = openCdcsPeriodCodes() as [string];

interface Item {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
}

describe.each(testDatabaseTargets())('notifications of the report workflow ($kind)', (target) => {
  const { database, t } = useTestApp(target, `notifications-${target.kind}`);
  let officer: Session; // cdcs.demo, officer of TNI-P01-0001
  let commune: Session; // canbo.tanninh, staff of TNI-P01 (reviews its CĐCS)
  let province: Session; // canbo.tinh: not the level above a CĐCS
  let reportId: number;
  const inbox = async (s: Session) => (await s.get('/api/notifications')).body as { items: Item[]; unread: number };

  beforeAll(async () => {
    officer = await t.login('cdcs.demo');
    commune = await t.login('canbo.tanninh');
    province = await t.login('canbo.tinh');
    reportId = (await openCdcsReport(officer, await t.unitId('TNI-P01-0001'), period)).id;
  });

  it('tells the commune that a CĐCS sent its report, and nobody else', async () => {
    await submitCdcsReport(officer, reportId);
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

    await submitCdcsReport(officer, reportId, { ...complete, dues_collected: 11_000_000 });
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
    await acceptReport(commune, reportId);
    expect((await inbox(officer)).items[0]).toMatchObject({ kind: 'report.accepted', read: false });
  });
});
