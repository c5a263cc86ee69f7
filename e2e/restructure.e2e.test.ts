import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { OrgUnitList } from '../server/org/org.schema.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { launchBrowser, openPage, type OpenedPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

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
let opened: OpenedPage;
let page: Page;
let cookie: string;

const childrenOn = async (id: number, asOf: string) => (await apiGet<OrgUnitList>(server.url, `/api/org/units/${id}/children?asOf=${asOf}`, cookie)).items;
const membersOn = async (id: number, date: string) => (await apiGet<{ members: number }>(server.url, `/api/members/count?unitId=${id}&date=${date}`, cookie)).members;

describe('restructuring wizard', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    opened = await openPage(browser, server.url);
    page = opened.page;
    cookie = await apiLogin(server.url, USERNAME, DEMO_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('uploads a plan, shows what it changes without writing, applies it, and the tree "as of" before and after tells both stories with the same totals', async () => {
    const [province] = (await apiGet<OrgUnitList>(server.url, '/api/org/roots', cookie)).items;
    const before = await childrenOn(province!.id, BEFORE);
    const p01 = before.find((u) => u.code === 'TNI-P01')!;
    const p02 = before.find((u) => u.code === 'TNI-P02')!;
    const totalBefore = await membersOn(province!.id, AFTER);
    const p02Members = await membersOn(p02.id, BEFORE);

    await page.goto('/dang-nhap');
    await page.getByTestId('login-username').fill(USERNAME);
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/tong-quan');
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
    expect((await childrenOn(province!.id, AFTER)).map((u) => u.code)).toContain('TNI-P02');

    await page.getByTestId('restructure-apply').click();
    await page.getByTestId('restructure-done').waitFor();
    await page.getByText('Xem cây tổ chức từ ngày 01/01/2027').click();
    await page.waitForURL(`**/co-cau-to-chuc?ngay=${AFTER}`);
    await page.getByTestId(`tree-node-${province!.id}`).waitFor();
    await page.locator('.ant-tree-treenode', { has: page.getByTestId(`tree-node-${province!.id}`) }).locator('.ant-tree-switcher').click();
    await page.getByText('Công đoàn xã Thử Nghiệm').first().waitFor();
    expect(await page.getByTestId(`tree-node-${p02.id}`).count()).toBe(0);

    await page.goto(`/co-cau-to-chuc?ngay=${BEFORE}`);
    await page.getByTestId(`tree-node-${province!.id}`).waitFor();
    await page.locator('.ant-tree-treenode', { has: page.getByTestId(`tree-node-${province!.id}`) }).locator('.ant-tree-switcher').click();
    await page.getByTestId(`tree-node-${p02.id}`).waitFor();

    // The figures: P01 holds P02's CĐCS from the date; the province total is the same on both sides.
    const after = await childrenOn(province!.id, AFTER);
    expect(after.find((u) => u.code === 'TNI-P01')!.childCount).toBe(p01.childCount + p02.childCount);
    expect(await membersOn(province!.id, AFTER)).toBe(totalBefore);
    expect(await membersOn(p02.id, BEFORE)).toBe(p02Members);

    // The history of the dissolved unit tells where it went.
    await page.getByTestId(`tree-node-${p02.id}`).click();
    await page.getByTestId('unit-history').waitFor();
    expect(await page.getByTestId('unit-history').innerText()).toContain('Chấm dứt hoạt động từ ngày 01/01/2027');
  });
});
