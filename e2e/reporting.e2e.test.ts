import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetProgress } from '../app/api/progress.api.ts';
import type { OpenedPage } from './support/browser.ts';
import { postProgramme, postTarget } from './support/programme.ts';
import {
  REQUIRED_FEES,
  YEARLY_PERIOD as PERIOD,
  acceptReport,
  draftSaved,
  openYearlyReport,
  returnReport,
  showYearOnDashboard,
  submitReport,
  typeFigure,
  typeFigures,
} from './support/reporting.ts';
import { apiSession, openAs, startStage, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const RETURN_REASON = 'Số đoàn viên được tuyên truyền chưa khớp biên bản hội nghị, đề nghị kiểm tra lại.';

let server: TestServer;
let browser: Browser;
const pages: Record<'officer' | 'commune' | 'province', OpenedPage> = {} as never;
let target: TargetProgress;
let reportUrl = '';

/** Each person in their own browser context, signed in through the login screen. */
async function signIn(who: keyof typeof pages, username: string): Promise<Page> {
  pages[who] = await openAs({ server, browser }, username);
  return pages[who].page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

describe('Báo cáo định kỳ: a CĐCS reports, the commune returns it with a reason, the CĐCS corrects, the commune accepts, the province sees it', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage());
    await fs.mkdir(ARTIFACTS, { recursive: true });
    // The province's programme with an annual dissemination target: measured from reports only.
    const province = await apiSession(server.url, 'canbo.tinh');
    const doc = await postProgramme(server.url, province, {
      symbol: '05-CTr/LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh',
    });
    target = await postTarget(server.url, province, doc.id, {
      indicatorCode: 'dissemination_share',
      comparator: '>',
      value: 90,
      annual: true,
      subject: 'Đoàn viên, NLĐ được tuyên truyền nghị quyết',
    });
    expect(target.value).toBeNull();
  });

  afterAll(() => stopStage({ server, browser }));

  it('the CĐCS officer fills the yearly report with the keyboard; a part above its whole is flagged, naming field and rule; then submits', async () => {
    const page = await signIn('officer', 'cdcs.demo');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL('**/bao-cao-dinh-ky');
    reportUrl = await openYearlyReport(page);
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
    await typeFigures(page, REQUIRED_FEES);
    expect(await page.locator('#f-union_fee_due').inputValue()).toBe('180.000.000');
    await draftSaved(page, 15_000);
    expect(await page.locator('[data-testid^="error-"]').count()).toBe(0);
    await submitReport(page);
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
    await returnReport(page, RETURN_REASON);
  });

  it('the officer reads the reason in the thread, corrects the figure and resubmits', async () => {
    const page = pages.officer.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-thread').waitFor();
    expect(await page.getByTestId('comment-return').innerText()).toContain(RETURN_REASON);
    expect(await page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
    await typeFigure(page, 'dissemination_reached', '950');
    await draftSaved(page, 15_000);
    await shot(page, 'reporting-returned-corrected');
    await submitReport(page);
  });

  it('the commune accepts it: the report is locked', async () => {
    const page = pages.commune.page;
    await page.goto(reportUrl);
    await acceptReport(page);
    expect(await page.getByTestId('report-reopen').isVisible()).toBe(true);
    await page.goto('/bao-cao-dinh-ky?tab=tinh-hinh');
    await page.getByTestId('stat-accepted').waitFor();
    await expect.poll(() => page.getByTestId('stat-accepted').innerText()).toContain('1');
    await shot(page, 'reporting-completeness');
  });

  it('the province dashboard reflects the accepted figures', async () => {
    const page = await signIn('province', 'canbo.tinh');
    await showYearOnDashboard(page, PERIOD);
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
