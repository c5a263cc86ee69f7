import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { ReviewResult } from '../app/api/documents.api.ts';
import type { ProgressResult } from '../app/api/progress.api.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { saveShot } from './support/artifacts.ts';
import { loginInBrowser } from './support/browser.ts';
import { uploadAndOpenReview, writeProgrammeDocx } from './support/documents.ts';
import { startOnLaptop, stopStage, type LaptopStage } from './support/session.ts';

const USER = 'canbo.tinh';

let { server, browser, opened, page } = {} as LaptopStage;
let docxPath = '';
let documentId = 0;
let review: ReviewResult;
/** How many targets the officer confirms (every one the catalogue can measure, but one). */
let confirmedCount = 0;

const shot = (name: string, fullPage = false) => saveShot(page, name, fullPage);

describe('Văn bản & chỉ tiêu: a province officer uploads an action programme as Word, confirms its targets and follows them on Tổng quan', () => {
  beforeAll(async () => {
    ({ server, browser, opened, page } = await startOnLaptop());
    docxPath = await writeProgrammeDocx('CTr 05-CTr-LĐLĐ Bình Phước.docx');
  });

  afterAll(() => stopStage({ server, browser }));

  it('uploads the .docx and opens the review with every target highlighted in the text', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    documentId = await uploadAndOpenReview(page, docxPath);
    const cookie = await apiLogin(server.url, USER, DEMO_PASSWORD);
    review = await apiGet<ReviewResult>(server.url, `/api/documents/${documentId}/review`, cookie);
    expect(review.proposals).toHaveLength(16);

    await page.getByTestId('review-text').waitFor();
    expect(await page.locator('[data-testid^="mark-target-"]').count()).toBe(16);
    expect(await page.getByTestId('review-symbol').inputValue()).toBe('05/CTr-LĐLĐ');
    expect(await page.getByTestId('review-title').inputValue()).toMatch(
      /^Chương trình hành động của Ban Chấp hành Liên đoàn Lao động tỉnh thực hiện Nghị quyết Đại hội XI/,
    );
    expect(await page.getByTestId('review-counts').innerText()).toBe('16 chỉ tiêu đọc được · 0 xác nhận · 0 bỏ · 16 chưa quyết định');
    // The highlighted words are the target's own quote.
    const members = review.proposals.find((p) => p.value === 140000)!;
    const marked = (await page.getByTestId(`mark-${members.key}`).innerText()).replace(/\s+/g, ' ');
    expect(marked.length).toBeGreaterThan(20);
    expect(members.quote.startsWith(marked)).toBe(true);
    await shot('documents-review');
  });

  it('links the text and the list both ways, and suggests each target’s indicator', async () => {
    const last = review.proposals[review.proposals.length - 1]!;
    // Text → list: the card of the clicked target is selected and scrolled into view.
    await page.getByTestId(`mark-${last.key}`).click();
    const card = page.getByTestId(`review-target-${last.key}`);
    await expect.poll(() => card.getAttribute('class')).toContain('is-selected');
    expect(await card.isVisible()).toBe(true);
    // List → text: a card selects its words in the text.
    const first = review.proposals[0]!;
    await page.getByTestId(`review-target-${first.key}`).locator('.review-quote').click();
    await expect.poll(() => page.getByTestId(`mark-${first.key}`).getAttribute('class')).toContain('hl-selected');

    // Each card starts on the catalogue's first suggestion for its subject.
    const members = review.proposals.find((p) => p.value === 140000)!;
    expect(await page.getByTestId(`review-indicator-${members.key}`).innerText()).toContain('Số đoàn viên công đoàn');
    const enterprises = review.proposals.find((p) => p.quote.includes('25 lao động'))!;
    expect(await page.getByTestId(`review-indicator-${enterprises.key}`).innerText()).toContain(
      'Tỷ lệ doanh nghiệp (từ N lao động) có CĐCS',
    );
    await page.getByTestId(`review-indicator-${enterprises.key}`).click();
    await page.locator('.ant-select-item-group', { hasText: 'Gợi ý theo nội dung chỉ tiêu' }).first().waitFor();
    await page.keyboard.press('Escape');
    await shot('documents-review-linked');
  });

  it('refuses the final save while targets are undecided, then saves the confirmed ones', async () => {
    await page.getByTestId('review-save').click();
    expect(await page.getByTestId('review-error').innerText()).toBe('Còn 16 chỉ tiêu chưa xác nhận hoặc bỏ.');
    // Drop one (a change "10%" the officer decides not to follow), confirm the rest with their suggestions.
    const dropped = review.proposals[review.proposals.length - 1]!;
    await page.getByTestId(`review-decision-${dropped.key}`).getByText('Bỏ').click();
    await page.getByTestId('review-confirm-all').click();
    // A target no catalogue indicator measures comes without a suggestion: the final save asks for one, the officer drops it.
    const unmeasured = review.proposals.filter((p) => p !== dropped && p.suggestions.length === 0);
    if (unmeasured.length > 0) {
      await page.getByTestId('review-save').click();
      expect(await page.getByTestId('review-error').innerText()).toBe(
        `Còn ${unmeasured.length} chỉ tiêu đã xác nhận nhưng chưa chọn chỉ số.`,
      );
      for (const p of unmeasured) await page.getByTestId(`review-decision-${p.key}`).getByText('Bỏ').click();
    }
    confirmedCount = review.proposals.length - 1 - unmeasured.length;
    expect(await page.getByTestId('review-counts').innerText()).toBe(
      `16 chỉ tiêu đọc được · ${confirmedCount} xác nhận · ${1 + unmeasured.length} bỏ · 0 chưa quyết định`,
    );
    await page.getByTestId('review-save').click();
    await page.waitForURL(new RegExp(`/van-ban-chi-tieu/${documentId}$`), { timeout: 60_000 });
    await page.getByTestId('document-detail').getByText(`Đã lưu · ${confirmedCount} chỉ tiêu`).waitFor();
    await page.getByTestId('references').getByText('02/CTr-LĐLĐ').waitFor();
    await shot('documents-detail-cascade', true);
  });

  it('shows the confirmed targets on the province dashboard', async () => {
    const cookie = await apiLogin(server.url, USER, DEMO_PASSWORD);
    const progress = await apiGet<ProgressResult>(server.url, `/api/progress?documentId=${documentId}`, cookie);
    expect(progress.items).toHaveLength(confirmedCount);
    await page.getByTestId('nav-overview').click();
    await page.waitForURL('**/tong-quan');
    await page.getByTestId('target-grid').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.locator('[data-testid^="target-card-"]').count(), { timeout: 120_000 }).toBe(confirmedCount);
    const members = progress.items.find((t) => t.indicator.code === 'members')!;
    const card = page.getByTestId(`target-card-${members.targetId}`);
    expect(await card.getByTestId('target-goal').innerText()).toBe('Trên 140.000 đoàn viên — đến năm 2028');
    expect(await card.getByTestId('target-status').innerText()).toBe(members.progress.statusLabel);
    await shot('documents-on-dashboard', true);
  });

  it('threw no errors in the browser', () => {
    expect(opened.errors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
