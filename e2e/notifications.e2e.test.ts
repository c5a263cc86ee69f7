import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiGet, apiPost } from './support/api.ts';
import { clickSettled } from './support/popups.ts';
import type { OpenedPage } from './support/browser.ts';
import { readLayout } from './support/layout.ts';
import { REQUIRED_FEES, YEARLY_PERIOD as PERIOD, draftSaved, submitReport, typeFigure } from './support/reporting.ts';
import { apiSession, openAs, startStage, stopStage, type Session } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';

// Issue 21 (the in-app channel) and the shell's part of issue 22: a CĐCS officer whose report the
// commune returned sees it on the bell, opens it, lands on the form with the reason, corrects and
// sends again; the commune is told "… đã gửi lại …". Then the bell and the list on a 360 px phone.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const RETURN_REASON = 'Đoàn phí đã thu chưa khớp sổ thu chi quý IV, đề nghị đối chiếu lại.';
const COMPLETE = { dissemination_reached: 900, dissemination_base: 1000, ...REQUIRED_FEES };

interface Inbox {
  items: { id: number; kind: string; title: string; read: boolean }[];
  unread: number;
}

let server: TestServer;
let browser: Browser;
const opened: OpenedPage[] = [];
let officer: Session;
let commune: Session;
let reportId = 0;

const inbox = (s: Session) => apiGet<Inbox>(server.url, '/api/notifications', s.cookie);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true, animations: 'disabled' });
const bellCount = (page: Page) => page.getByTestId('notification-bell').getAttribute('data-unread').then(Number);

async function signIn(username: string, phone?: { width: number; height: number }): Promise<Page> {
  const o = await openAs({ server, browser }, username, phone);
  opened.push(o);
  return o.page;
}

/** Nothing on the 360 px phone scrolls sideways, overflows, stands one glyph a line, is cut off or is under 44 px. */
async function expectPhoneLayout(page: Page): Promise<void> {
  const { scrollWidth, overflowing, verticalTexts, cutOffControls, smallTargets } = await readLayout(page);
  expect({ scrollWidth, overflowing, verticalTexts, cutOffControls, smallTargets }).toEqual({
    scrollWidth: 360,
    overflowing: [],
    verticalTexts: [],
    cutOffControls: [],
    smallTargets: [],
  });
}

describe('Thông báo: a returned report reaches the CĐCS officer on the bell, the resubmission reaches the commune', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage());
    await fs.mkdir(ARTIFACTS, { recursive: true });
    // The report's life up to the return is set up through the API: the bell is what is tested here.
    officer = await apiSession(server.url, 'cdcs.demo');
    commune = await apiSession(server.url, 'canbo.tanninh');
    const unitId = officer.me.unit.id;
    const draft = await apiPost<{ id: number; version: number }>(
      server.url,
      '/api/reports',
      { templateCode: 'cdcs-nam', unitId, periodCode: PERIOD },
      officer,
    );
    reportId = draft.id;
    const sent = await apiPost<{ version: number }>(
      server.url,
      `/api/reports/${reportId}/submit`,
      { version: draft.version, values: COMPLETE },
      officer,
    );
    await apiPost(server.url, `/api/reports/${reportId}/return`, { version: sent.version, reason: RETURN_REASON }, commune);
  });

  afterAll(async () => {
    for (const o of opened) expect(o.errors, 'errors in the browser').toEqual([]);
    await stopStage({ server, browser });
  });

  it('the officer sees the count on the bell, opens the return from its panel and lands on the form with the reason', async () => {
    const page = await signIn('cdcs.demo');
    // Reminders of the calendar may be there too: the bell shows whatever the server counts, the return among them.
    const { unread } = await inbox(officer);
    expect(unread).toBeGreaterThanOrEqual(1);
    await expect.poll(() => bellCount(page)).toBe(unread);
    expect(await page.getByTestId('notification-bell').getAttribute('aria-label')).toBe(`Thông báo: ${unread} chưa đọc`);

    await page.getByTestId('notification-bell').click();
    const panel = page.getByTestId('notification-panel');
    const returned = panel.locator('[data-kind="report.returned"]');
    await returned.waitFor();
    expect(await returned.getByTestId('notification-title').innerText()).toMatch(/^Báo cáo bị trả lại: báo cáo tổng kết năm/);
    expect(await returned.innerText()).toContain(RETURN_REASON);
    // A real link: it can be opened in a new tab like any other.
    expect(await returned.locator('a').getAttribute('href')).toBe(`/bao-cao-dinh-ky/${reportId}`);
    await shot(page, 'notifications-bell-panel');

    await returned.locator('a').click();
    await page.waitForURL(`**/bao-cao-dinh-ky/${reportId}`);
    await page.getByTestId('report-thread').waitFor();
    expect(await page.getByTestId('comment-return').innerText()).toContain(RETURN_REASON);
    expect(await page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
    // Opening it marked it read: the bell counts one fewer, as the server does.
    await expect.poll(() => bellCount(page)).toBe(unread - 1);
    expect((await inbox(officer)).items.find((i) => i.kind === 'report.returned')?.read).toBe(true);

    await typeFigure(page, 'union_fee_collected', '45000000');
    await draftSaved(page, 30_000);
    await submitReport(page);
  });

  it('the commune sees "… đã gửi lại …" on the bell and in the full list, and opens the report from there', async () => {
    const page = await signIn('canbo.tanninh');
    const box = await inbox(commune);
    const resent = box.items.find((i) => i.kind === 'report.resubmitted');
    expect(resent?.title).toMatch(/ đã gửi lại báo cáo tổng kết năm/);
    await expect.poll(() => bellCount(page)).toBe(box.unread);

    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-panel').locator('[data-kind="report.resubmitted"]').waitFor();
    await page.getByTestId('notification-see-all').click();
    await page.waitForURL('**/thong-bao');
    // In the page's list, not the bell's panel still fading out above it.
    const item = page.getByTestId('notifications-scene').getByTestId(`notification-${resent!.id}`);
    await item.waitFor();
    expect(await item.getByTestId('notification-title').innerText()).toBe(resent!.title);
    expect(await page.getByTestId('notifications-unread').innerText()).toBe(`${box.unread} thông báo chưa đọc`);

    // The unread filter keeps every unread one (the first submission, the resubmission, any reminder).
    await page.getByTestId('notifications-filter').getByText('Chưa đọc').click();
    await page.waitForURL('**/thong-bao?xem=chua-doc');
    await expect
      .poll(() => page.getByTestId('notifications-scene').locator('[data-testid="notification-items"] > li').count())
      .toBe(box.unread);
    await shot(page, 'notifications-page-unread');

    await item.locator('a').click();
    await page.waitForURL(`**/bao-cao-dinh-ky/${reportId}`);
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
    await expect.poll(() => bellCount(page)).toBe(box.unread - 1);

    // Back on the list, one button marks the rest read.
    await page.goBack();
    await page.waitForURL('**/thong-bao?xem=chua-doc');
    await expect
      .poll(() => page.getByTestId('notifications-scene').locator('[data-testid="notification-items"] > li').count())
      .toBe(box.unread - 1);
    await page.getByTestId('notifications-read-all').click();
    await page.getByTestId('notifications-empty').waitFor();
    await expect.poll(() => bellCount(page)).toBe(0);
    expect((await inbox(commune)).unread).toBe(0);
  });

  it('the shell (issue 22): menu entries are real links, Đổi mật khẩu and Cài đặt thông báo are in the user menu', async () => {
    const page = await signIn('cdcs.demo');
    const nav = page.getByTestId('app-nav');
    const reports = nav.getByTestId('nav-reports');
    expect(await reports.evaluate((el) => el.tagName)).toBe('A');
    expect(await reports.getAttribute('href')).toBe('/bao-cao-dinh-ky');
    // Ctrl+click opens the section in a new tab and leaves this one where it was.
    const [tab] = await Promise.all([page.context().waitForEvent('page'), reports.click({ modifiers: ['Control'] })]);
    await tab.waitForURL('**/bao-cao-dinh-ky');
    await tab.close();
    expect(new URL(page.url()).pathname).toBe('/tong-quan');

    // This officer reads the indicators' catalogue under Quản trị; their own password is not administration.
    await nav.getByTestId('nav-admin').click();
    await nav.getByTestId('subnav-admin-measures').waitFor();
    expect(await nav.locator('[data-testid^="subnav-"]').allInnerTexts()).toEqual(['Chỉ số và thành phần số liệu']);

    await page.getByTestId('current-user').click();
    await clickSettled(page.getByTestId('menu-notification-settings'));
    await page.waitForURL('**/thong-bao/cai-dat');
    const acceptedByMail = page.getByTestId('pref-report.accepted-email');
    await acceptedByMail.waitFor();
    // The officer submits, so the kinds of a reviewer are not offered.
    expect(await page.getByTestId('pref-report.resubmitted').count()).toBe(0);
    expect(await acceptedByMail.getAttribute('aria-checked')).toBe('true');
    await acceptedByMail.click();
    await expect
      .poll(async () =>
        (
          await apiGet<{ items: { kind: string; email: boolean; inApp: boolean }[] }>(
            server.url,
            '/api/notifications/preferences',
            officer.cookie,
          )
        ).items.find((i) => i.kind === 'report.accepted'),
      )
      .toMatchObject({ email: false, inApp: true });
    await shot(page, 'notifications-settings');
  });

  it('on a 360 px phone: the bell fits the header; its drawer, the list and the settings read down the screen', async () => {
    const page = await signIn('cdcs.demo', { width: 360, height: 780 });
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    const box = (await bell.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(360);
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await expect.poll(() => bellCount(page)).toBe((await inbox(officer)).unread);

    await bell.tap();
    const drawer = page.getByTestId('notification-panel');
    await drawer.locator('[data-kind="report.returned"]').waitFor();
    await expect.poll(() => page.evaluate(`document.getAnimations().filter((a) => a.playState === 'running').length`)).toBe(0);
    await expectPhoneLayout(page);
    await shot(page, 'notifications-bell-360');

    await drawer.getByTestId('notification-see-all').tap();
    await page.waitForURL('**/thong-bao');
    await page.getByTestId('notifications-scene').getByTestId('notification-items').waitFor();
    // The drawer slid away on the way (it stays in the page, hidden, until the bell opens it again).
    await drawer.waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(`document.getAnimations().filter((a) => a.playState === 'running').length`)).toBe(0);
    await expectPhoneLayout(page);
    await shot(page, 'notifications-page-360');

    await page.getByTestId('notifications-settings').tap();
    await page.getByTestId('pref-report.returned-inApp').waitFor();
    await expectPhoneLayout(page);
    await shot(page, 'notifications-settings-360');
  });
});
