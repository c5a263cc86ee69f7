import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViDate } from '../app/lib/calendar-date.ts';
import type { OrgUnitDetail, OrgUnitList, OrgUnitSummary } from '../server/org/org.schema.ts';
import type { CurrentUser } from '../server/auth/auth.schema.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { ancestorPath } from '../app/scenes/org-tree/org-tree.model.ts';
import { apiGet, apiLogin } from './support/api.ts';
import type { OpenedPage } from './support/browser.ts';
import { stripVietnameseAccents } from './support/text.ts';
import { startOnLaptop, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const MENU_LABELS = [
  'Tổng quan',
  'Cơ cấu tổ chức',
  'Đoàn viên',
  'Công đoàn cơ sở',
  'Doanh nghiệp',
  'Thỏa ước',
  'Văn bản & chỉ tiêu',
  'Nhiệm vụ',
  'Báo cáo định kỳ',
  'Quản trị',
];

let server: TestServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let cookie: string;
// A province officer: the demo has no national account, so the tree starts at LĐLĐ tỉnh Tây Ninh.
const USERNAME = 'canbo.tinh';

async function children(id: number): Promise<OrgUnitSummary[]> {
  return (await apiGet<OrgUnitList>(server.url, `/api/org/units/${id}/children`, cookie)).items;
}

function treeRow(id: number) {
  return page.locator('.ant-tree-treenode', { has: page.getByTestId(`tree-node-${id}`) });
}

/** Opens a node by its arrow, the way an officer does, and waits for its children to arrive. */
async function expand(id: number, firstChildId: number) {
  await treeRow(id).locator('.ant-tree-switcher').click();
  await page.getByTestId(`tree-node-${firstChildId}`).waitFor();
}

describe('organisation tree screen', () => {
  beforeAll(async () => {
    ({ server, browser, opened, page } = await startOnLaptop());
    cookie = await apiLogin(server.url, USERNAME, DEMO_PASSWORD);
    await fs.mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(() => stopStage({ server, browser }));

  it('asks for a login first, then opens on Tổng quan in Vietnamese with the full menu', async () => {
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/dang-nhap' && url.searchParams.has('tiep'));
    await expect.poll(() => page.title()).toBe('Đăng nhập — Tiến Độ');
    await page.getByTestId('login-username').fill(USERNAME);
    await page.getByTestId('login-password').fill('sai-mat-khau');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tong-quan');
    const me = await apiGet<CurrentUser>(server.url, '/api/auth/me', cookie);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.title()).toBe('Tổng quan — Tiến Độ');
    await page.getByTestId('dashboard-scene').waitFor();
    const labels = await page.getByTestId('app-nav').locator('[data-testid^="nav-"]').allInnerTexts();
    expect(labels).toEqual(MENU_LABELS);
    await expect.poll(() => page.getByTestId('current-unit').innerText()).toBe(me.unit.name);
    expect(await page.getByTestId('current-user').innerText()).toBe(me.user.fullName);
    await page.screenshot({ path: path.join(ARTIFACTS, 'overview.png') });
  });

  it('walks from the province down to a grassroots union and shows its details', async () => {
    const [province] = (await apiGet<OrgUnitList>(server.url, '/api/org/roots', cookie)).items;
    expect(province?.name).toBe('Liên đoàn Lao động tỉnh Tây Ninh');
    const provinceChildren = await children(province!.id);
    const commune = provinceChildren.find((u) => u.kind === 'commune')!;
    const grassroots = await children(commune.id);
    const cdcs = grassroots[0]!;

    await page.getByTestId('nav-org').click();
    await page.waitForURL('**/co-cau-to-chuc');
    await expect.poll(() => page.title()).toBe('Cơ cấu tổ chức — Tiến Độ');
    await page.getByTestId(`tree-node-${province!.id}`).waitFor();

    // Commune and industrial-zone unions are listed before the CĐCS directly under the province.
    await expand(province!.id, commune.id);
    await expand(commune.id, cdcs.id);

    const cdcsNode = page.getByTestId(`tree-node-${cdcs.id}`);
    expect(await cdcsNode.innerText()).toContain(cdcs.name);
    expect(await cdcsNode.locator('.unit-tag').first().innerText()).toBe('CĐCS');
    await cdcsNode.click();
    const detail = page.getByTestId('unit-detail');
    await expect.poll(() => detail.getAttribute('data-unit-id')).toBe(String(cdcs.id));
    expect(await page.getByTestId('unit-detail-name').innerText()).toBe(cdcs.name);
    expect(await page.getByTestId('unit-detail-code').innerText()).toBe(cdcs.code);
    const unit = await apiGet<OrgUnitDetail>(server.url, `/api/org/units/${cdcs.id}`, cookie);
    expect(await page.getByTestId('unit-detail-validity').innerText()).toBe(`Từ ${formatViDate(unit.validFrom)} đến nay`);
    await page.screenshot({ path: path.join(ARTIFACTS, 'org-tree-walk.png') });
    const breadcrumb = (await page.getByTestId('unit-detail-path').innerText()).replace(/\s*›\s*/g, ' › ');
    expect(breadcrumb).toBe(ancestorPath(unit.ancestors));
    expect(breadcrumb).toBe(`LĐLĐ tỉnh Tây Ninh › ${commune.name}`);
  });

  it('finds a grassroots union typed without accents and opens the tree down to it', async () => {
    // A CĐCS far down another commune's list: revealing it must load that commune and scroll.
    const [province] = (await apiGet<OrgUnitList>(server.url, '/api/org/roots', cookie)).items;
    const communes = (await children(province!.id)).filter((u) => u.kind === 'commune');
    const otherCommune = communes[communes.length - 1]!;
    const target = (await children(otherCommune.id)).at(-1)!;
    const typed = stripVietnameseAccents(target.name);
    expect(typed).not.toBe(target.name);

    await page.getByTestId('org-search-input').fill(typed);
    const hit = page.getByTestId(`search-hit-${target.id}`);
    await hit.waitFor();
    expect(await hit.innerText()).toContain(target.name);
    expect(await hit.innerText()).toContain(`LĐLĐ tỉnh Tây Ninh › ${otherCommune.name}`);
    await hit.click();

    await expect.poll(() => page.getByTestId('unit-detail').getAttribute('data-unit-id')).toBe(String(target.id));
    expect(await page.getByTestId('unit-detail-name').innerText()).toBe(target.name);
    const row = treeRow(target.id);
    await row.waitFor();
    await expect.poll(() => row.getAttribute('class')).toContain('ant-tree-treenode-selected');
    expect(await row.isVisible()).toBe(true);
    // Two indent units: it hangs under province › commune (the rows above may be scrolled out of the virtual list).
    expect(await row.locator('.ant-tree-indent-unit').count()).toBe(2);
    expect(await page.getByTestId('org-search-input').inputValue()).toBe(target.name);

    await page.screenshot({ path: path.join(ARTIFACTS, 'org-tree.png') });
  });

  it('shows a clear empty state before the demo province existed (01/07/2025)', async () => {
    const picker = page.locator('#org-as-of');
    await picker.click();
    await picker.fill('30/06/2025');
    await picker.press('Enter');
    await page.waitForURL('**/co-cau-to-chuc?ngay=2025-06-30');
    const empty = page.getByTestId('org-tree-empty');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('30/06/2025');
    await page.screenshot({ path: path.join(ARTIFACTS, 'org-tree-empty.png') });
    await empty.getByRole('button', { name: 'Xem cây tổ chức hôm nay' }).click();
    await page.waitForURL((url) => url.pathname === '/co-cau-to-chuc' && url.search === '');
    await page.getByTestId('org-tree').waitFor();
  });

  it('threw no errors in the browser', () => {
    // The 401s are expected: the visit before logging in and the deliberately wrong password.
    expect(opened.errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});
