import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { loginInBrowser, openPhonePage, type OpenedPage } from './support/browser.ts';
import { readLayout } from './support/layout.ts';
import { seedMobileData, type MobileData } from './support/mobile-seed.ts';
import { startStage, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';
import { clickSettled } from './support/popups.ts';

// Issue 20: every screen a CĐCS officer (cdcs.demo) or a commune officer (canbo.tanninh) uses,
// on a phone held upright (390 × 844, touch, DPR 3) and on a small one (360 × 780): nothing
// scrolls sideways, no text stands one character a line, nothing tappable is cut off or under
// 44 px. A full-page screenshot of each screen goes to e2e/artifacts/mobile-<screen>[-360].png.

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PHONES = [
  { width: 390, height: 844, suffix: '' },
  { width: 360, height: 780, suffix: '-360' },
] as const;

let server: TestServer;
let browser: Browser;
let data: MobileData;

/** Finite animations (a drawer sliding in, a tab fading) have ended: the layout is the one the officer reads. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        `document.getAnimations().filter((a) => a.playState === 'running' && a.effect && a.effect.getTiming().iterations !== Infinity).length`,
      ),
    )
    .toBe(0);
}

/** The checks of the issue on what the screen shows now, then its screenshot. */
async function checkScreen(page: Page, screen: string, suffix: string): Promise<void> {
  await settled(page);
  const layout = await readLayout(page);
  await page.screenshot({ path: path.join(ARTIFACTS, `mobile-${screen}${suffix}.png`), fullPage: true, animations: 'disabled' });
  // A phone zooms a too-wide page out (innerWidth then grows with it): the device width is the bound.
  expect({ screen, innerWidth: layout.innerWidth }).toEqual({ screen, innerWidth: layout.screenWidth });
  expect({ screen, scrollWidth: layout.scrollWidth, overflowing: layout.overflowing }).toEqual({
    screen,
    scrollWidth: layout.innerWidth,
    overflowing: [],
  });
  expect({ screen, verticalTexts: layout.verticalTexts }).toEqual({ screen, verticalTexts: [] });
  expect({ screen, cutOffControls: layout.cutOffControls }).toEqual({ screen, cutOffControls: [] });
  expect({ screen, smallTargets: layout.smallTargets }).toEqual({ screen, smallTargets: [] });
}

beforeAll(async () => {
  ({ server, browser } = await startStage());
  await fs.mkdir(ARTIFACTS, { recursive: true });
  data = await seedMobileData(server.url);
});

afterAll(() => stopStage({ server, browser }));

describe.each(PHONES)('On a $width px phone', ({ width, height, suffix }) => {
  describe('a CĐCS officer (cdcs.demo)', () => {
    let phone: OpenedPage;
    let page: Page;

    beforeAll(async () => {
      phone = await openPhonePage(browser, server.url, { width, height });
      page = phone.page;
    });

    afterAll(async () => {
      expect(phone?.errors ?? []).toEqual([]);
      await phone?.context.close();
    });

    it('logs in on the login screen', async () => {
      await page.goto('/dang-nhap');
      await page.getByTestId('login-submit').waitFor();
      await checkScreen(page, 'login', suffix);
      await loginInBrowser(page, 'cdcs.demo', DEMO_PASSWORD);
    });

    it('Tổng quan: the targets as cards, the filters folded away', async () => {
      await page.getByTestId(`target-card-${data.sharedTargetId}`).getByTestId('target-actual').waitFor();
      await checkScreen(page, 'tong-quan', suffix);
      await page.getByTestId('dashboard-filters-toggle').click();
      await page.getByTestId('dashboard-as-of').waitFor();
      await checkScreen(page, 'tong-quan-loc', suffix);
      await page.getByTestId('dashboard-filters-toggle').click();
    });

    it('Tổng quan: a target in depth, in its drawer', async () => {
      await page.getByTestId(`target-card-${data.sharedTargetId}`).click();
      const drawer = page.getByTestId('target-detail');
      await drawer.getByTestId('detail-status').waitFor();
      await drawer.getByTestId('breakdown-table').getByText('Đơn vị này không có đơn vị trực thuộc.').waitFor();
      await checkScreen(page, 'chi-tieu', suffix);
      await page.keyboard.press('Escape');
      await expect.poll(() => drawer.isVisible()).toBe(false);
    });

    it('the menu opens from the header button over the content and closes once a section is chosen', async () => {
      // Closed, the menu takes no room: the screen starts at the left edge.
      expect((await page.getByTestId('dashboard-scene').boundingBox())!.x).toBeLessThanOrEqual(16);
      expect(await page.locator('.app-nav-drawer').isVisible()).toBe(false);
      await page.getByTestId('nav-open').click();
      await page.locator('.app-nav-drawer').getByTestId('nav-reports').waitFor();
      await checkScreen(page, 'menu', suffix);
      await page.getByTestId('nav-reports').click();
      await page.waitForURL('**/bao-cao-dinh-ky');
      await expect.poll(() => page.locator('.app-nav-drawer').isVisible()).toBe(false);
    });

    it('Báo cáo định kỳ: the reports to fill, as cards', async () => {
      await page.getByTestId('my-reports').locator('[data-testid^="open-report-"]').first().waitFor();
      await checkScreen(page, 'bao-cao', suffix);
    });

    it('the report form: one column, figures on the digit keypad', async () => {
      await page.goto(`/bao-cao-dinh-ky/${data.draftReportId}`);
      const figures = page.getByTestId('report-form').locator('.report-input input');
      await figures.first().waitFor();
      expect(new Set(await figures.evaluateAll((inputs) => inputs.map((i) => i.getAttribute('inputmode'))))).toEqual(new Set(['numeric']));
      // One column: every label sits above its field, not beside it.
      const row = page.getByTestId('report-form').locator('.report-row').first();
      const [label, field] = [await row.locator('.report-label').boundingBox(), await row.locator('.report-input').boundingBox()];
      expect(field!.y).toBeGreaterThanOrEqual(label!.y + label!.height - 1);
      await checkScreen(page, 'bieu-bao-cao', suffix);
    });

    it('Biểu mẫu: the versions of a form, and one opened read-only', async () => {
      await page.goto('/bao-cao-dinh-ky?tab=bieu-mau');
      await page.getByTestId('form-versions').locator('[data-testid^="form-version-view-"]').first().waitFor();
      await checkScreen(page, 'bieu-mau', suffix);
      await page.getByTestId('form-versions').locator('[data-testid^="form-version-view-"]').first().click();
      await page.locator('.ant-drawer-open .ant-drawer-body').getByText('I. Tuyên truyền, học tập').first().waitFor();
      await checkScreen(page, 'bieu-mau-xem', suffix);
      await page.keyboard.press('Escape');
    });

    it('Nhiệm vụ: the tasks given to the CĐCS, and the status dialog', async () => {
      await page.goto('/nhiem-vu');
      await page.getByTestId(`task-card-${data.taskId}`).waitFor();
      await checkScreen(page, 'nhiem-vu', suffix);
      await page.getByTestId(`task-report-${data.taskId}`).click();
      await page.getByTestId('status-modal').getByText('Đang thực hiện').waitFor();
      await checkScreen(page, 'nhiem-vu-trang-thai', suffix);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByTestId('status-modal').isVisible()).toBe(false);
    });

    it('Nhiệm vụ: the list with its filters', async () => {
      await page.goto('/nhiem-vu?tab=danh-sach');
      await page.getByTestId('tasks-cards').getByTestId(`task-card-${data.taskId}`).waitFor();
      await checkScreen(page, 'nhiem-vu-danh-sach', suffix);
    });

    it('a task’s page', async () => {
      await page.goto(`/nhiem-vu/${data.taskId}?donVi=${data.cdcsUnitId}`);
      await page.getByTestId('task-title').waitFor();
      await checkScreen(page, 'nhiem-vu-chi-tiet', suffix);
    });

    it('Đoàn viên: searching members, then one member’s record', async () => {
      await page.goto('/doan-vien');
      const rows = page.getByTestId('members-table').locator('[data-testid^="member-row-"]');
      await rows.first().waitFor();
      const name = await rows.first().getByTestId('member-name').innerText();
      await page.getByTestId('members-search').locator('xpath=descendant-or-self::input').fill(name.split(' ').at(-1)!);
      await expect.poll(async () => (await rows.allInnerTexts()).every((t) => t.includes(name.split(' ').at(-1)!))).toBe(true);
      await checkScreen(page, 'doan-vien', suffix);
      await rows.first().click();
      await page.getByTestId('member-drawer').getByText(name).first().waitFor();
      await checkScreen(page, 'doan-vien-chi-tiet', suffix);
      await page.keyboard.press('Escape');
      // The next test opens the user menu from the header: the drawer's mask must be gone first.
      await expect.poll(() => page.getByTestId('member-drawer').isVisible()).toBe(false);
    });

    it('Đổi mật khẩu, from the user menu', async () => {
      await page.getByTestId('current-user').click();
      await clickSettled(page.getByTestId('menu-change-password'));
      await page.waitForURL(/\/doi-mat-khau/);
      await page.getByTestId('change-password-scene').getByTestId('new-password').waitFor();
      await checkScreen(page, 'doi-mat-khau', suffix);
    });
  });

  describe('a commune officer (canbo.tanninh)', () => {
    let phone: OpenedPage;
    let page: Page;

    beforeAll(async () => {
      phone = await openPhonePage(browser, server.url, { width, height });
      page = phone.page;
      await loginInBrowser(page, 'canbo.tanninh', DEMO_PASSWORD);
    });

    afterAll(async () => {
      expect(phone?.errors ?? []).toEqual([]);
      await phone?.context.close();
    });

    it('Tổng quan: the target given to the commune, with its five-digit figures on one line', async () => {
      const card = page.getByTestId(`target-card-${data.communeMembersTargetId}`);
      await expect.poll(() => card.getByTestId('target-actual').innerText()).toMatch(/^\d{1,3}(\.\d{3})*$/);
      await checkScreen(page, 'xa-tong-quan', suffix);
    });

    it('the target drawer ranks the commune’s CĐCS as a list', async () => {
      await page.getByTestId(`target-card-${data.communeMembersTargetId}`).click();
      const drawer = page.getByTestId('target-detail');
      const rows = drawer.getByTestId('breakdown-table').locator('tr[data-testid^="breakdown-row-"]');
      await rows.first().waitFor();
      expect(await rows.count()).toBeGreaterThan(1);
      // A list: each CĐCS is a card, its cells one under another.
      const cells = rows.first().locator('td:visible');
      const boxes = await cells.evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().y));
      expect(boxes).toEqual([...boxes].sort((a, b) => a - b));
      expect(new Set(boxes).size).toBe(boxes.length);
      await checkScreen(page, 'xa-chi-tieu', suffix);
      await rows.first().scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ARTIFACTS, `mobile-xa-chi-tieu-don-vi${suffix}.png`), animations: 'disabled' });
      await page.keyboard.press('Escape');
      await expect.poll(() => drawer.isVisible()).toBe(false);
    });

    it('Báo cáo định kỳ: the reports of the CĐCS waiting for review', async () => {
      await page.goto('/bao-cao-dinh-ky?tab=duyet');
      await page.getByTestId(`review-row-${data.submittedReportId}`).waitFor();
      await checkScreen(page, 'xa-duyet', suffix);
    });

    it('a submitted report, opened to accept or return it', async () => {
      await page.getByTestId(`review-open-${data.submittedReportId}`).click();
      await page.getByTestId('report-accept').waitFor();
      await checkScreen(page, 'xa-duyet-bao-cao', suffix);
    });

    it('Tình hình nộp báo cáo: who has reported', async () => {
      await page.goto('/bao-cao-dinh-ky?tab=tinh-hinh');
      await page.getByTestId('completeness').locator('[data-testid^="completeness-child-"]').first().waitFor();
      await checkScreen(page, 'xa-tinh-hinh', suffix);
    });

    it('Nhiệm vụ: the commune’s task and its CĐCS', async () => {
      await page.goto(`/nhiem-vu/${data.taskId}?donVi=${data.communeUnitId}`);
      await page.getByTestId('task-title').waitFor();
      await checkScreen(page, 'xa-nhiem-vu', suffix);
    });
  });
});
