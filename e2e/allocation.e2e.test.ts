import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { AllocationPreview } from '../app/api/allocation.api.ts';
import type { BreakdownResult, TargetProgress } from '../app/api/progress.api.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { loginInBrowser, type OpenedPage } from './support/browser.ts';
import { postProgramme, postTarget } from './support/programme.ts';
import { apiSession, openAs, startOnLaptop, stopStage, type Session } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';
import { clickSettled } from './support/popups.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PROVINCE_USER = 'canbo.tinh';
const COMMUNE_USER = 'canbo.tanninh';
const TARGET_VALUE = 60_000;

let server: TestServer;
let browser: Browser;
let laptop: OpenedPage;
let province: Session;
let target: TargetProgress;
let proposal: AllocationPreview;

const vi = (n: number) => n.toLocaleString('vi-VN');

/** Giao chỉ tiêu, then its confirmation — the dialog's own button, once the dialog is there (the page's button has the same name). */
async function confirmAllocation(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-modal-confirm').count()).toBe(0);
  await page.getByTestId('allocation-save').click();
  await clickSettled(page.locator('.ant-modal-confirm').getByRole('button', { name: 'Giao chỉ tiêu', exact: true }));
}

describe('Giao chỉ tiêu: the province shares its members target out to its communes, and each commune is judged against its own share', () => {
  beforeAll(async () => {
    ({ server, browser, opened: laptop } = await startOnLaptop());
    await fs.mkdir(ARTIFACTS, { recursive: true });
    province = await apiSession(server.url, PROVINCE_USER);
    const doc = await postProgramme(server.url, province, {
      symbol: '07/CTr-LĐLĐ',
      title: 'Chương trình phát triển đoàn viên giai đoạn 2026–2030',
      issuedOn: '2026-01-20',
      termFrom: 2026,
      termTo: 2030,
    });
    target = await postTarget(server.url, province, doc.id, {
      indicatorCode: 'members',
      comparator: '>=',
      value: TARGET_VALUE,
      deadlineYear: 2030,
      subject: 'Phấn đấu đến năm 2030 có 60.000 đoàn viên',
    });
    proposal = await apiGet<AllocationPreview>(server.url, `/api/targets/${target.targetId}/allocation?base=members`, province.cookie);
  });

  afterAll(() => stopStage({ server, browser }));

  it('allocates in proportion to current members from the target drawer, refusing an over-allocation with the numbers', async () => {
    const page: Page = laptop.page;
    await loginInBrowser(page, PROVINCE_USER, DEMO_PASSWORD);
    await page.getByTestId(`target-card-${target.targetId}`).click();
    await page.getByTestId('target-detail').getByTestId('target-allocate').click();
    await page.waitForURL(`**/tong-quan/giao-chi-tieu/${target.targetId}`);
    await page.getByTestId('allocation-table').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('allocation-parent-value').innerText()).toBe(`từ ${vi(TARGET_VALUE)}`);
    expect(await page.getByTestId('allocation-sum').innerText()).toBe(vi(TARGET_VALUE));
    expect(await page.getByTestId('allocation-remainder').innerText()).toBe('0');
    expect(await page.getByTestId('allocation-table').locator('tbody tr.ant-table-row').count()).toBe(proposal.children.length);

    // One commune given 1.000 more: the screen warns, and the server refuses with the numbers.
    const biggest = [...proposal.children].sort((a, b) => b.proposed - a.proposed)[0]!;
    const input = page.getByLabel(`Chỉ tiêu giao cho ${biggest.unit.name}`, { exact: true });
    await input.fill(String(biggest.proposed + 1000));
    await expect.poll(() => page.getByTestId('allocation-sum').innerText()).toBe(vi(TARGET_VALUE + 1000));
    expect(await page.getByTestId('allocation-problems').innerText()).toContain(
      `vượt chỉ tiêu của đơn vị (${vi(TARGET_VALUE)}) ${vi(1000)}`,
    );
    await confirmAllocation(page);
    await expect
      .poll(() => page.getByTestId('allocation-error').innerText())
      .toBe(
        `Tổng chỉ tiêu giao cho các đơn vị (${vi(TARGET_VALUE + 1000)}) vượt chỉ tiêu của đơn vị (${vi(TARGET_VALUE)}) ${vi(1000)}; nếu muốn giao vượt, hãy chọn "Cho phép giao vượt".`,
      );
    await page.screenshot({ path: path.join(ARTIFACTS, 'allocation-refused.png'), fullPage: true });
    const nothing = await apiGet<AllocationPreview>(server.url, `/api/targets/${target.targetId}/allocation`, province.cookie);
    expect(nothing.children.every((c) => c.current === null)).toBe(true);

    // Back to the proportional proposal, and allocate.
    await page.getByTestId('allocation-method').getByText('Theo tỷ lệ').click();
    await expect.poll(() => page.getByTestId('allocation-remainder').innerText()).toBe('0');
    await confirmAllocation(page);
    await expect
      .poll(async () =>
        (await apiGet<AllocationPreview>(server.url, `/api/targets/${target.targetId}/allocation`, province.cookie)).children.map(
          (c) => c.current,
        ),
      )
      .toEqual(proposal.children.map((c) => c.proposed));
    // The refused allocation is a 400 the browser logs; nothing else may appear.
    expect(laptop.errors.filter((e) => !e.includes('status of 400')).join('\n')).toBe('');
  });

  it('shows a commune officer, on a phone, the target given to the commune and where it came from', async () => {
    const { context, page } = await openAs({ server, browser }, COMMUNE_USER, { width: 390, height: 844 });
    try {
      const communeCookie = await apiLogin(server.url, COMMUNE_USER, DEMO_PASSWORD);
      const mine = (await apiGet<{ items: TargetProgress[] }>(server.url, '/api/progress', communeCookie)).items.find(
        (i) => i.indicator.code === 'members' && i.owner.name.includes('Tân Ninh'),
      )!;
      const share = proposal.children.find((c) => c.unit.code === 'TNI-P01')!.proposed;
      expect(mine.targetValue).toBe(share);
      const card = page.getByTestId(`target-card-${mine.targetId}`);
      await card.waitFor();
      expect(await card.getByTestId('target-goal').innerText()).toContain(vi(share));
      expect(await card.getByTestId('target-origin').innerText()).toBe(
        'Được giao từ chỉ tiêu của Liên đoàn Lao động tỉnh Tây Ninh (theo tỷ lệ số đoàn viên hiện có).',
      );
      await page.screenshot({ path: path.join(ARTIFACTS, 'allocation-commune-phone.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it('ranks the communes in the province’s children table by the share of their own allocation achieved', async () => {
    const breakdown = await apiGet<BreakdownResult>(server.url, `/api/targets/${target.targetId}/breakdown`, province.cookie);
    expect(breakdown.rule).toBe('allocations');
    expect(breakdown.items.length).toBe(proposal.children.length);
    // Each commune is judged against what it was given: its members over its own share.
    for (const item of breakdown.items) {
      const given = proposal.children.find((c) => c.unit.id === item.unit.id)!.proposed;
      expect(item.basis).toBe('allocation');
      expect(item.allocation?.targetValue).toBe(given);
      expect(item.shareAchieved).toBeCloseTo((100 * (item.value ?? 0)) / given, 6);
    }
    // Lagging communes first, then the others, each group weakest first — never by size.
    const lagging = (i: BreakdownResult['items'][number]) => i.status === 'behind' || i.status === 'missed';
    const groups = [breakdown.items.filter(lagging), breakdown.items.filter((i) => !lagging(i))];
    expect(groups.flat().map((i) => i.unit.id)).toEqual(breakdown.items.map((i) => i.unit.id));
    for (const g of groups)
      expect(g.map((i) => i.shareAchieved)).toEqual(g.map((i) => i.shareAchieved).sort((x, y) => (x ?? 0) - (y ?? 0)));

    const page = laptop.page;
    await page.goto('/tong-quan');
    await page.getByTestId(`target-card-${target.targetId}`).click();
    const rows = page.getByTestId('target-detail').locator('tbody tr[data-testid^="breakdown-row-"]');
    await rows.first().waitFor();
    expect(await rows.first().getAttribute('data-testid')).toBe(`breakdown-row-${breakdown.items[0]!.unit.id}`);
    expect(await page.getByTestId('target-detail').getByTestId('breakdown-rule').innerText()).toBe(
      'Đơn vị đã được giao chỉ tiêu được đánh giá theo chỉ tiêu được giao.',
    );
  });
});
