import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { Proposal, ReviewResult } from '../app/api/documents.api.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { saveShot as shot } from './support/artifacts.ts';
import { loginInBrowser, openPhonePage } from './support/browser.ts';
import { submitUpload, uploadAndOpenReview, writeProgrammeDocx } from './support/documents.ts';
import { startOnLaptop, stopStage, type LaptopStage } from './support/session.ts';

const USER = 'canbo.tinh';
const DRAFT_ROUTE = '**/api/documents/*/review/draft';
const EDITED_TITLE = 'Chương trình hành động thực hiện Nghị quyết Đại hội XI (đang rà soát)';

let { server, browser, opened: laptop, page } = {} as LaptopStage;
let cookie = '';
let docxPath = '';
let documentId = 0;
let review: ReviewResult;
/** The decisions made on the laptop and autosaved; the last one (D) is left unsaved. */
let a: Proposal, b: Proposal, c: Proposal, d: Proposal;
let editedValue = 0;

const reviewNow = () => apiGet<ReviewResult>(server.url, `/api/documents/${documentId}/review`, cookie);
const decided = (r: ReviewResult) =>
  (r.decisions ?? [])
    .filter((x) => x.decision !== 'pending')
    .map((x) => `${x.key}:${x.decision}`)
    .sort();
const card = (p: Page, key: string) => p.getByTestId(`review-target-${key}`);
const decide = (p: Page, key: string, label: 'Xác nhận' | 'Bỏ') =>
  p.getByTestId(`review-decision-${key}`).getByText(label, { exact: true }).click();
const valueInput = (p: Page, key: string) => p.getByTestId(`review-value-${key}`).locator('xpath=descendant-or-self::input');

/** Holds every draft save at the network: the screen has changes the server does not, for as long as the test needs. */
async function holdDraftSaves(p: Page): Promise<{ release: () => Promise<void> }> {
  const held: Route[] = [];
  await p.route(DRAFT_ROUTE, (route) => {
    held.push(route);
  });
  return {
    release: async () => {
      // The saves never reach the server (the officer left without them); aborted before the
      // handler goes, so that none falls through to the network.
      for (const route of held) await route.abort().catch(() => undefined);
      await p.unroute(DRAFT_ROUTE);
    },
  };
}

/** What the review screen shows of the decisions made on the laptop. */
async function expectDecisionsShown(p: Page) {
  await p.getByTestId('review-text').waitFor();
  await expect.poll(() => card(p, a.key).getAttribute('class')).toContain('is-confirm');
  expect(await card(p, b.key).getAttribute('class')).toContain('is-drop');
  expect(await valueInput(p, c.key).inputValue()).toBe(editedValue.toLocaleString('vi-VN'));
  expect(await card(p, d.key).getAttribute('class')).toContain('is-pending');
  expect(await p.getByTestId('review-title').inputValue()).toBe(EDITED_TITLE);
  expect(await p.getByTestId('review-counts').innerText()).toBe(
    `${review.proposals.length} chỉ tiêu đọc được · 1 xác nhận · 1 bỏ · ${review.proposals.length - 2} chưa quyết định`,
  );
}

/** Uploads the file again from the list and expects the existing document to be offered, not a copy. */
async function uploadAgainAndOpenExisting(p: Page) {
  await submitUpload(p, docxPath);
  const offer = p.getByTestId('upload-duplicate-message');
  await offer.waitFor({ timeout: 60_000 });
  expect(await offer.innerText()).toMatch(
    /^Tệp này đã được tải lên: 05\/CTr-LĐLĐ — .+ \(Liên đoàn Lao động tỉnh Tây Ninh, đang chờ rà soát\)\. Hãy mở văn bản đã có thay vì tạo một bản trùng\.$/,
  );
  // The same file is that document: nothing to upload "anyway".
  expect(await p.getByTestId('upload-proceed').count()).toBe(0);
  await p.getByTestId('upload-open-existing').click();
  await p.waitForURL(new RegExp(`/van-ban-chi-tieu/${documentId}/ra-soat$`));
}

describe('Rà soát văn bản keeps work: autosaved decisions, a question before leaving with unsaved ones, no duplicate upload', () => {
  beforeAll(async () => {
    ({ server, browser, opened: laptop, page } = await startOnLaptop());
    cookie = await apiLogin(server.url, USER, DEMO_PASSWORD);
    docxPath = await writeProgrammeDocx('CTr 05-CTr-LĐLĐ.docx');
  });

  afterAll(() => stopStage({ server, browser }));

  it('uploads a programme and makes several decisions, autosaved without pressing Lưu nháp', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    documentId = await uploadAndOpenReview(page, docxPath);
    review = await reviewNow();
    expect(review.proposals.length).toBeGreaterThanOrEqual(4);
    [a, b, c, d] = review.proposals as [Proposal, Proposal, Proposal, Proposal];
    editedValue = c.unit === 'percent' ? 77 : c.value + 1000;

    await page.getByTestId('review-text').waitFor();
    await decide(page, a.key, 'Xác nhận');
    await decide(page, b.key, 'Bỏ');
    await valueInput(page, c.key).fill(String(editedValue));
    await page.getByTestId('review-title').fill(EDITED_TITLE);
    // The server has them: the draft, not the screen's memory.
    await expect
      .poll(async () => {
        const r = await reviewNow();
        return [decided(r), r.decisions?.find((x) => x.key === c.key)?.value, r.draft.metadata?.title];
      })
      .toEqual([[`${a.key}:confirm`, `${b.key}:drop`].sort(), editedValue, EDITED_TITLE]);
    await expect.poll(() => page.getByTestId('review-save-state').innerText()).toMatch(/^Đã lưu nháp lúc \d{2}:\d{2}:\d{2}\.$/);
    await shot(page, 'document-review-autosaved');
  });

  it('asks before leaving with a decision not saved yet (menu, back button, link), then leaves anyway', async () => {
    const hold = await holdDraftSaves(page);
    await decide(page, d.key, 'Xác nhận');
    // The menu: asked, in Vietnamese; "Ở lại" keeps the screen and the decision.
    await page.getByTestId('nav-documents').click();
    const reason = page.getByTestId('leave-guard-reason');
    await reason.waitFor();
    expect(await reason.innerText()).toBe('Những thay đổi vừa làm chưa được lưu vào bản nháp.');
    expect(await page.locator('.ant-modal-title', { hasText: 'Rời trang khi chưa lưu xong?' }).count()).toBe(1);
    await shot(page, 'document-review-leave-question');
    await page.getByTestId('leave-guard-stay').click();
    await reason.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(new RegExp(`/van-ban-chi-tieu/${documentId}/ra-soat$`));
    expect(await card(page, d.key).getAttribute('class')).toContain('is-confirm');

    // The browser's back button is asked the same question.
    await page.evaluate(() => window.history.back());
    await reason.waitFor();
    await page.getByTestId('leave-guard-stay').click();
    await reason.waitFor({ state: 'detached' });
    expect(page.url()).toMatch(new RegExp(`/van-ban-chi-tieu/${documentId}/ra-soat$`));

    // The breadcrumb link: leave anyway.
    await page.getByTestId('document-review').getByRole('link', { name: 'Văn bản & chỉ tiêu' }).click();
    await reason.waitFor();
    await page.getByTestId('leave-guard-leave').click();
    await page.waitForURL('**/van-ban-chi-tieu');
    await hold.release();
    expect(decided(await reviewNow())).toEqual([`${a.key}:confirm`, `${b.key}:drop`].sort());
  });

  it('comes back and finds the autosaved decisions (the one left unsaved is not there)', async () => {
    await page.getByTestId(`document-open-${documentId}`).click();
    await page.waitForURL(new RegExp(`/van-ban-chi-tieu/${documentId}/ra-soat$`));
    await expectDecisionsShown(page);
    expect(await page.getByTestId('review-save-state').innerText()).toMatch(
      /^Mỗi quyết định được tự động lưu thành bản nháp\. Bản nháp lưu lần cuối lúc .+ \(.+\)\.$/,
    );
  });

  it('asks before reloading the tab with an unsaved decision (the browser’s own dialog)', async () => {
    const hold = await holdDraftSaves(page);
    await decide(page, d.key, 'Xác nhận');
    const dialog = new Promise<string>((resolve) => {
      page.once('dialog', (question) => {
        resolve(question.type());
        void question.accept();
      });
    });
    await page.reload();
    expect(await dialog).toBe('beforeunload');
    await hold.release();
    await expectDecisionsShown(page);
  });

  it('offers the existing document when the same file is uploaded again, and opening it lands on it', async () => {
    await page.getByTestId('nav-documents').click();
    await page.waitForURL('**/van-ban-chi-tieu');
    await uploadAgainAndOpenExisting(page);
    await expectDecisionsShown(page);
    const documents = await apiGet<{ items: { id: number }[] }>(server.url, '/api/documents/search', cookie);
    expect(documents.items.map((x) => x.id)).toEqual([documentId]);
    await shot(page, 'document-review-duplicate-opened');
  });

  it('on a phone (390 px), the same officer comes back, finds the decisions, decides one more, and is offered the existing document on a second upload', async () => {
    const { context, page: phone, errors } = await openPhonePage(browser, server.url, { width: 390, height: 844 });
    try {
      await loginInBrowser(phone, USER, DEMO_PASSWORD);
      await phone.goto('/van-ban-chi-tieu');
      await phone.getByTestId(`document-open-${documentId}`).click();
      await phone.waitForURL(new RegExp(`/van-ban-chi-tieu/${documentId}/ra-soat$`));
      await expectDecisionsShown(phone);
      // The review fits the phone's width: nothing scrolls sideways.
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await shot(phone, 'document-review-phone');

      await decide(phone, d.key, 'Xác nhận');
      await expect.poll(async () => decided(await reviewNow())).toEqual([`${a.key}:confirm`, `${b.key}:drop`, `${d.key}:confirm`].sort());
      await expect.poll(() => phone.getByTestId('review-save-state').innerText()).toMatch(/^Đã lưu nháp lúc/);

      await phone.goto('/van-ban-chi-tieu');
      await uploadAgainAndOpenExisting(phone);
      await phone.getByTestId('review-text').waitFor();
      await expect.poll(() => card(phone, d.key).getAttribute('class')).toContain('is-confirm');
      await shot(phone, 'document-review-phone-duplicate');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('threw no errors in the browser', () => {
    // Expected: the held draft saves, aborted; the duplicate upload's 409.
    const unexpected = laptop.errors.filter((e) => !/net::ERR_FAILED|status of 409/.test(e));
    expect(unexpected).toEqual([]);
  });
});
