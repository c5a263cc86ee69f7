import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, TargetProgress } from '../app/api/progress.api.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { TargetVersionListView } from '../server/targets/target-versions.schema.ts';
import { apiGet } from './support/api.ts';
import { loginInBrowser } from './support/browser.ts';
import { MEMBERS_TARGET, postTarget, startWithProgramme } from './support/programme.ts';
import { openAs, stopStage, type LaptopStage, type Session } from './support/session.ts';

const USER = 'canbo.tinh';

let { server, browser, opened, page } = {} as LaptopStage;
let officer: Session;
let doc: PlanDocument;
let target: TargetProgress;

describe('Văn bản & chỉ tiêu: the province officer corrects a confirmed target, reads its history and withdraws it', () => {
  beforeAll(async () => {
    ({ server, browser, opened, page, officer, doc } = await startWithProgramme(USER, {
      symbol: '07/CTr-LĐLĐ',
      title: 'Chương trình thử sửa chỉ tiêu',
      issuedOn: '2024-01-18',
    }));
    target = await postTarget(server.url, officer, doc.id, MEMBERS_TARGET);
  });

  afterAll(() => stopStage({ server, browser }));

  it('Sửa chỉ tiêu: a new value with its reason shows in the table, and Lịch sử thay đổi says before → after and why', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    await page.goto(`/van-ban-chi-tieu/${doc.id}`);
    const table = page.getByTestId(`document-targets-${doc.id}`);
    await expect.poll(() => table.innerText()).toContain('Trên 140.000');
    await page.getByTestId(`target-revise-${target.targetId}`).click();
    await page.getByTestId('target-revise-form').waitFor();
    const value = page.getByTestId('target-revise-value');
    await value.fill('150000');
    // Without a reason the form refuses, in Vietnamese.
    await page.getByTestId('target-revise-submit').click();
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('Hãy ghi lý do sửa chỉ tiêu.');
    await page.getByTestId('target-revise-reason').fill('Điều chỉnh theo Nghị quyết Đại hội');
    await page.getByTestId('target-revise-submit').click();
    await expect.poll(() => table.innerText()).toContain('Trên 150.000');

    await page.getByTestId(`target-history-open-${target.targetId}`).click();
    const history = page.getByTestId(`target-history-${target.targetId}`);
    await expect.poll(() => history.innerText()).toContain('Điều chỉnh theo Nghị quyết Đại hội');
    const text = await history.innerText();
    expect(text).toContain('Trên 140.000');
    expect(text).toContain('Trên 150.000');
    expect(text).toContain('Chỉ tiêu ban đầu');
    await page.keyboard.press('Escape');
  });

  it('Rút chỉ tiêu: with its reason the target leaves today’s table; the history keeps it', async () => {
    await page.getByTestId(`target-withdraw-${target.targetId}`).click();
    await page.getByTestId('target-withdraw-reason').fill('Trùng với chỉ tiêu của kế hoạch khác');
    await page.getByTestId('target-withdraw-submit').click();
    const table = page.getByTestId(`document-targets-${doc.id}`);
    await expect.poll(() => table.innerText()).not.toContain('Trên 150.000');
    const versions = await apiGet<TargetVersionListView>(server.url, `/api/targets/${target.targetId}/versions`, officer.cookie);
    expect(versions.withdrawn?.reason).toBe('Trùng với chỉ tiêu của kế hoạch khác');
    expect(versions.items.map((v) => v.change)).toEqual(['original', 'revised', 'withdrawn']);
    expect(opened.errors).toEqual([]);
  });

  it('a read-only user sees the history but no Sửa or Rút', async () => {
    const other = await postTarget(server.url, officer, doc.id, {
      indicatorCode: 'agreements_share',
      comparator: '>=',
      value: 85,
      deadlineYear: 2028,
    });
    const viewer = await openAs({ server, browser }, 'xem.tinh');
    await viewer.page.goto(`/van-ban-chi-tieu/${doc.id}`);
    await viewer.page.getByTestId(`target-history-open-${other.targetId}`).waitFor();
    expect(await viewer.page.getByTestId(`target-revise-${other.targetId}`).count()).toBe(0);
    expect(await viewer.page.getByTestId(`target-withdraw-${other.targetId}`).count()).toBe(0);
    await viewer.context.close();
  });
});
