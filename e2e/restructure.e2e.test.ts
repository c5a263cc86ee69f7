import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { OrgUnitList } from '../server/org/org.schema.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { loginInBrowser } from './support/browser.ts';
import { postProgramme, postTarget } from './support/programme.ts';
import { apiSession, startOnLaptop, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';
import { clickSettled } from './support/popups.ts';

// An administrator of the province union: the demo's restructuring rights sit there.
const USERNAME = 'quantri';
const BEFORE = '2026-12-31';
const AFTER = '2027-01-01';
const PLAN = [
  'Thao tác,Mã đơn vị cũ,Mã đơn vị mới,Tên đơn vị mới,Loại đơn vị,Mã đơn vị cấp trên mới,Ngày hiệu lực',
  'Thành lập,,TNI-X12,Công đoàn xã Thử Nghiệm,Xã,TNI,01/01/2027',
  'Giải thể,TNI-P02,TNI-P01,,,,01/01/2027',
].join('\n');

let server: TestServer;
let browser: Browser;
let page: Page;
let cookie: string;
let province: { id: number };
let p01: { id: number; name: string; childCount: number };
let p02: { id: number; name: string; childCount: number };

const childrenOn = async (id: number, asOf: string) =>
  (await apiGet<OrgUnitList>(server.url, `/api/org/units/${id}/children?asOf=${asOf}`, cookie)).items;
const membersOn = async (id: number, date: string) =>
  (await apiGet<{ members: number }>(server.url, `/api/members/count?unitId=${id}&date=${date}`, cookie)).members;

describe('restructuring wizard', () => {
  beforeAll(async () => {
    ({ server, browser, page } = await startOnLaptop());
    cookie = await apiLogin(server.url, USERNAME, DEMO_PASSWORD);
  });

  afterAll(() => stopStage({ server, browser }));

  it('uploads a plan, shows what it changes without writing, applies it, and the tree "as of" before and after tells both stories with the same totals', async () => {
    province = (await apiGet<OrgUnitList>(server.url, '/api/org/roots', cookie)).items[0]!;
    const before = await childrenOn(province.id, BEFORE);
    p01 = before.find((u) => u.code === 'TNI-P01')!;
    p02 = before.find((u) => u.code === 'TNI-P02')!;
    const totalBefore = await membersOn(province.id, AFTER);
    const p02Members = await membersOn(p02.id, BEFORE);

    await loginInBrowser(page, USERNAME, DEMO_PASSWORD);
    await page.goto('/co-cau-to-chuc');
    await page.getByTestId('org-restructure-link').click();
    await page.waitForURL('**/co-cau-to-chuc/sap-xep');

    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-plan-e2e-'));
    const file = path.join(dir, 'ke-hoach-sap-xep.csv');
    await fs.writeFile(file, PLAN, 'utf8');
    await page.locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('restructure-preview');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('Công đoàn xã Thử Nghiệm (TNI-X12)');
    expect(text).toContain(`${p02.name} (TNI-P02)`);
    expect(text).toContain(`đơn vị trực thuộc chuyển về ${p01.name} (TNI-P01)`);
    expect(await page.getByTestId('restructure-members').innerText()).toContain(p02Members.toLocaleString('vi-VN'));
    // Nothing is written by the preview.
    expect((await childrenOn(province.id, AFTER)).map((u) => u.code)).toContain('TNI-P02');

    await page.getByTestId('restructure-apply').click();
    // Applying asks first, with the preview's figures: P02's CĐCS all follow it to P01.
    const question = page.locator('.confirm-action');
    await question.waitFor();
    expect(await question.innerText()).toContain(
      `Áp dụng kế hoạch sắp xếp từ ngày 01/01/2027: thành lập 1 đơn vị, giải thể 1 đơn vị, chuyển ${p02.childCount.toLocaleString('vi-VN')} đơn vị sang đơn vị cấp trên mới?`,
    );
    await clickSettled(page.getByTestId('confirm-ok'));
    await page.getByTestId('restructure-done').waitFor();
    await page.getByText('Xem cây tổ chức từ ngày 01/01/2027').click();
    await page.waitForURL(`**/co-cau-to-chuc?ngay=${AFTER}`);
    await page.getByTestId(`tree-node-${province.id}`).waitFor();
    await page
      .locator('.ant-tree-treenode', { has: page.getByTestId(`tree-node-${province.id}`) })
      .locator('.ant-tree-switcher')
      .click();
    await page.getByText('Công đoàn xã Thử Nghiệm').first().waitFor();
    expect(await page.getByTestId(`tree-node-${p02.id}`).count()).toBe(0);

    await page.goto(`/co-cau-to-chuc?ngay=${BEFORE}`);
    await page.getByTestId(`tree-node-${province.id}`).waitFor();
    await page
      .locator('.ant-tree-treenode', { has: page.getByTestId(`tree-node-${province.id}`) })
      .locator('.ant-tree-switcher')
      .click();
    await page.getByTestId(`tree-node-${p02.id}`).waitFor();

    // The figures: P01 holds P02's CĐCS from the date; the province total is the same on both sides.
    const after = await childrenOn(province.id, AFTER);
    expect(after.find((u) => u.code === 'TNI-P01')!.childCount).toBe(p01.childCount + p02.childCount);
    expect(await membersOn(province.id, AFTER)).toBe(totalBefore);
    expect(await membersOn(p02.id, BEFORE)).toBe(p02Members);

    // The history of the dissolved unit tells where it went.
    await page.getByTestId(`tree-node-${p02.id}`).click();
    await page.getByTestId('unit-history').waitFor();
    expect(await page.getByTestId('unit-history').innerText()).toContain('Chấm dứt hoạt động từ ngày 01/01/2027');
  });

  it('Tổng quan "as of" before and after: the province total is the same, the dissolved commune is a child only before', async () => {
    const officer = await apiSession(server.url, USERNAME);
    const doc = await postProgramme(server.url, officer, {
      symbol: '07-CTr/LĐLĐ',
      title: 'Chương trình phát triển đoàn viên giai đoạn 2026–2028',
      issuerUnitId: province.id,
      issuedOn: '2026-01-15',
      termFrom: 2026,
      termTo: 2028,
    });
    const target = await postTarget(server.url, officer, doc.id, {
      unitId: province.id,
      indicatorCode: 'members',
      comparator: '>',
      value: 140000,
      deadlineYear: 2028,
      subject: 'Phát triển đoàn viên',
    });
    await page.goto('/tong-quan');
    const card = page.getByTestId(`target-card-${target.targetId}`);
    const shownOn: Record<string, string> = {};
    for (const [date, p02IsAChild] of [
      [BEFORE, true],
      [AFTER, false],
    ] as const) {
      const picker = page.locator('[data-testid="dashboard-as-of"] input, input[data-testid="dashboard-as-of"]').first();
      await picker.click();
      await picker.fill(`${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`);
      await picker.press('Enter');
      await expect
        .poll(() => card.getByTestId('target-actual').innerText())
        .toBe((await membersOn(province.id, date)).toLocaleString('vi-VN'));
      shownOn[date] = await card.getByTestId('target-actual').innerText();
      // The children the card's drill-down ranks on that date (the table pages them, so read them whole from the API).
      const children = await apiGet<{ items: { unit: { id: number } }[] }>(
        server.url,
        `/api/targets/${target.targetId}/breakdown?asOf=${date}`,
        cookie,
      );
      const ids = children.items.map((i) => i.unit.id);
      expect(ids).toContain(p01.id);
      expect(ids.includes(p02.id)).toBe(p02IsAChild);
      await card.click();
      const drawer = page.getByTestId('target-detail');
      await drawer.getByTestId('breakdown-table').locator('tbody tr[data-testid^="breakdown-row-"]').first().waitFor();
      expect(await drawer.getByText(`Thực hiện (${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)})`).count()).toBe(1);
      await drawer.locator('.ant-drawer-close').click();
      await drawer.waitFor({ state: 'hidden' });
    }
    // The reform moved units inside the province: its total reads the same on both sides of the date.
    expect(shownOn[AFTER]).toBe(shownOn[BEFORE]);
  });
});
