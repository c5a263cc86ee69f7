import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { BUILTIN_TEMPLATES } from '../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../domain/reporting/report-template.ts';
import { todayInVietnam } from '../domain/time/calendar-date.ts';
import type { PlanDocument, TargetProgress } from '../app/api/progress.api.ts';
import type { CurrentUser } from '../server/auth/auth.schema.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { launchBrowser, openPage, type OpenedPage, loginInBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
// The yearly report open today: this year's from mid-October (union statistics calendar), else last year's.
const PERIOD = openPeriods(
  BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!,
  todayInVietnam(),
)[0]!.code;
const RETURN_REASON = 'Số đoàn viên được tuyên truyền chưa khớp biên bản hội nghị, đề nghị kiểm tra lại.';

let server: TestServer;
let browser: Browser;
const pages: Record<'officer' | 'commune' | 'province', OpenedPage> = {} as never;
let target: TargetProgress;
let reportUrl = '';

/** Each person in their own browser context, signed in through the login screen. */
async function signIn(who: keyof typeof pages, username: string): Promise<Page> {
  pages[who] = await openPage(browser, server.url);
  const page = pages[who].page;
  await loginInBrowser(page, username, DEMO_PASSWORD);
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

/** Types a figure the way a person does, then Enter to move to the next field. */
async function typeFigure(page: Page, element: string, value: string) {
  const input = page.locator(`#f-${element}`);
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(value);
  await input.press('Enter');
}

describe('Báo cáo định kỳ: a CĐCS reports, the commune returns it with a reason, the CĐCS corrects, the commune accepts, the province sees it', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    await fs.mkdir(ARTIFACTS, { recursive: true });
    // The province's programme with an annual dissemination target: measured from reports only.
    const cookie = await apiLogin(server.url, 'canbo.tinh', DEMO_PASSWORD);
    const me = await apiGet<CurrentUser>(server.url, '/api/auth/me', cookie);
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const r = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': me.csrfToken ?? '' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${route}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
    const doc = await post<PlanDocument>('/api/documents', {
      kind: 'program',
      symbol: '05-CTr/LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh',
      issuerUnitId: me.unit.id,
      issuedOn: '2023-11-20',
      termFrom: 2023,
      termTo: 2028,
    });
    target = await post<TargetProgress>('/api/targets', {
      documentId: doc.id,
      unitId: me.unit.id,
      indicatorCode: 'dissemination_share',
      comparator: '>',
      value: 90,
      annual: true,
      subject: 'Đoàn viên, NLĐ được tuyên truyền nghị quyết',
    });
    expect(target.value).toBeNull();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the CĐCS officer fills the yearly report with the keyboard; a part above its whole is flagged, naming field and rule; then submits', async () => {
    const page = await signIn('officer', 'cdcs.demo');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL('**/bao-cao-dinh-ky');
    await page.getByTestId(`open-report-cdcs-nam-${PERIOD}`).click();
    await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
    reportUrl = new URL(page.url()).pathname;
    expect(await page.getByTestId('report-status').innerText()).toBe('Đang nhập');
    expect(await page.getByTestId('report-context').innerText()).toContain('Đoàn viên đang sinh hoạt');

    await typeFigure(page, 'dissemination_reached', '1200');
    // Enter moved the cursor to the next figure: type straight on.
    await page.keyboard.type('1000');
    await expect.poll(() => page.locator('#f-dissemination_base').inputValue()).toBe('1.000');
    await page.getByTestId('error-dissemination_reached').waitFor();
    expect(await page.getByTestId('error-dissemination_reached').innerText()).toBe(
      '«Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (1.200) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (1.000) (quy tắc: phần không vượt quá tổng).',
    );
    await page.getByTestId('report-submit').click();
    await page
      .getByText(/^Báo cáo còn \d+ lỗi cần sửa trước khi gửi/)
      .first()
      .waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('Đang nhập');
    await shot(page, 'reporting-validation-errors');

    await typeFigure(page, 'dissemination_reached', '800');
    for (const [element, value] of [
      ['union_fee_due', '180000000'],
      ['union_fee_collected', '171500000'],
      ['dues_due', '45000000'],
      ['dues_collected', '44000000'],
    ] as const) {
      await typeFigure(page, element, value);
    }
    expect(await page.locator('#f-union_fee_due').inputValue()).toBe('180.000.000');
    await expect.poll(() => page.getByTestId('report-save-state').innerText(), { timeout: 15_000 }).toMatch(/^Đã lưu nháp lúc/);
    expect(await page.locator('[data-testid^="error-"]').count()).toBe(0);
    await page.getByTestId('report-submit').click();
    // Sending asks first (what is sent, to whom, and that only a return reopens it).
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
    await shot(page, 'reporting-submitted');
  });

  it('the commune union finds it among the reports to review and returns it with a reason', async () => {
    const page = await signIn('commune', 'canbo.tanninh');
    await page.goto('/bao-cao-dinh-ky?tab=duyet');
    const id = reportUrl.split('/').at(-1)!;
    await page.getByTestId(`review-row-${id}`).waitFor();
    await shot(page, 'reporting-review-list');
    await page.getByTestId(`review-open-${id}`).click();
    await page.waitForURL(`**${reportUrl}`);
    await page.getByTestId('report-return').click();
    await page.getByTestId('reason-input').fill(RETURN_REASON);
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
  });

  it('the officer reads the reason in the thread, corrects the figure and resubmits', async () => {
    const page = pages.officer.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-thread').waitFor();
    expect(await page.getByTestId('comment-return').innerText()).toContain(RETURN_REASON);
    expect(await page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
    await typeFigure(page, 'dissemination_reached', '950');
    await expect.poll(() => page.getByTestId('report-save-state').innerText(), { timeout: 15_000 }).toMatch(/^Đã lưu nháp lúc/);
    await shot(page, 'reporting-returned-corrected');
    await page.getByTestId('report-submit').click();
    // Sending asks first (what is sent, to whom, and that only a return reopens it).
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
  });

  it('the commune accepts it: the report is locked', async () => {
    const page = pages.commune.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-accept').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã duyệt');
    expect(await page.getByTestId('report-reopen').isVisible()).toBe(true);
    await page.goto('/bao-cao-dinh-ky?tab=tinh-hinh');
    await page.getByTestId('stat-accepted').waitFor();
    await expect.poll(() => page.getByTestId('stat-accepted').innerText()).toContain('1');
    await shot(page, 'reporting-completeness');
  });

  it('the province dashboard reflects the accepted figures', async () => {
    const page = await signIn('province', 'canbo.tinh');
    if (PERIOD !== todayInVietnam().slice(0, 4)) {
      // Early in a year the report still being filled is last year's: look at that year on Tổng quan.
      await page.getByTestId('dashboard-year').click();
      await page.locator('.ant-select-item-option', { hasText: `Năm ${PERIOD}` }).click();
    }
    const card = page.getByTestId(`target-card-${target.targetId}`);
    await card.waitFor();
    // 950 of 1,000 reached: 95%, from one reporting unit.
    expect(await card.getByTestId('target-actual').innerText()).toBe('95%');
    expect(await card.getByTestId('target-reporting').innerText()).toBe('1 đơn vị đã báo cáo');
    await shot(page, 'reporting-dashboard');
  });

  it('threw no errors in the browsers', () => {
    for (const opened of Object.values(pages)) expect(opened.errors.filter((e) => !/status of (401|400)/.test(e))).toEqual([]);
  });
});
