import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportView } from '../app/api/reporting.api.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { apiGet, apiPost } from './support/api.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH, loginInBrowser, openPhonePage, type OpenedPage } from './support/browser.ts';
import { REQUIRED_FEES, openYearlyReport, typeFigure, typeFigures } from './support/reporting.ts';
import { apiSession, startStage, stopStage, type Session } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';
import { clickSettled } from './support/popups.ts';

/**
 * Issue 20: a CĐCS officer fills the yearly report on a phone where the factory floor has no
 * signal. The report opened online is kept on the device; offline the figures are checked as
 * online and kept in IndexedDB (a reload keeps them); back online they are sent, and a newer
 * version saved elsewhere meanwhile is shown field by field with both values, the officer's
 * choice being what is saved. The app is installable (Chromium's own check, over CDP).
 */
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const PHONE = { width: 390, height: 844 };
const PENDING = 'Chưa gửi được — sẽ gửi khi có mạng';
const RETURN_REASON = 'Đề nghị kiểm tra lại số đoàn viên được tuyên truyền theo biên bản hội nghị.';

let server: TestServer;
let browser: Browser;
let officer: OpenedPage;
let reportId = 0;
let officerApi: Session;

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `offline-${name}.png`), fullPage: true });

/** Another session through the API (a colleague at the office computer, say). */
const sessionOf = (username: string) => apiSession(server.url, username);

/** What the server holds for the report right now. */
const stored = () => apiGet<ReportView>(server.url, `/api/reports/${reportId}`, officerApi.cookie);

/** Online, on the report: wait until the device holds it and the service worker holds the app, as the page says. */
async function openReportOnline(page: Page) {
  await page.goto(`/bao-cao-dinh-ky/${reportId}`);
  await page.getByTestId('report-offline-ready').waitFor();
}

beforeAll(async () => {
  ({ server, browser } = await startStage());
  await fs.mkdir(ARTIFACTS, { recursive: true });
  officerApi = await sessionOf('cdcs.demo');
});

afterAll(() => stopStage({ server, browser }));

describe('Báo cáo định kỳ offline: a CĐCS officer on a phone without signal', () => {
  it('opens the assigned report online, fills it offline (checked as online), keeps it through a reload, and it is sent when the network is back', async () => {
    officer = await openPhonePage(browser, server.url, PHONE);
    const { page, context } = officer;
    // Console errors too (antd's warnings among them), except the requests that fail because the phone is offline, logged out, or behind a newer version (the 409 the conflict test provokes).
    page.on('console', (message) => {
      if (message.type() === 'error' && !/ERR_INTERNET_DISCONNECTED|status of (401|409)/.test(message.text()))
        officer.errors.push(`console: ${message.text()}`);
    });
    await loginInBrowser(page, 'cdcs.demo', DEMO_PASSWORD);
    await page.goto('/bao-cao-dinh-ky');
    reportId = Number((await openYearlyReport(page)).split('/').at(-1));
    await page.getByTestId('report-offline-ready').waitFor();
    const before = await stored();

    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await typeFigure(page, 'dissemination_reached', '1200');
    await typeFigure(page, 'dissemination_base', '1000');
    // The same rule, the same words as online, with no server to ask.
    await page.getByTestId('error-dissemination_reached').waitFor();
    expect(await page.getByTestId('error-dissemination_reached').innerText()).toBe(
      '«Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (1.200) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (1.000) (quy tắc: phần không vượt quá tổng).',
    );
    await expect.poll(() => page.getByTestId('report-offline-state').innerText()).toBe(PENDING);
    await shot(page, '1-typed-offline');

    await page.reload();
    await page.locator('#f-dissemination_reached').waitFor();
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('1.200');
    expect(await page.locator('#f-dissemination_base').inputValue()).toBe('1.000');
    await page.getByTestId('error-dissemination_reached').waitFor();
    await page.getByTestId('report-device-copy').waitFor();
    await page.getByTestId('offline-indicator').waitFor();
    expect(await page.getByTestId('report-offline-state').innerText()).toBe(PENDING);
    await shot(page, '2-reloaded-offline');

    // Corrected, completed and sent while still offline: the submission waits on the device.
    await typeFigure(page, 'dissemination_reached', '800');
    await typeFigures(page, REQUIRED_FEES);
    expect(await page.locator('[data-testid^="error-"]').count()).toBe(0);
    await page.getByTestId('report-submit').click();
    // Sending asks first (what is sent, to whom, and that only a return reopens it).
    await clickSettled(page.getByTestId('confirm-ok'));
    await page.getByTestId('report-submit-queued').waitFor();
    expect(await page.getByTestId('report-offline-state').innerText()).toBe('Chưa gửi được — sẽ gửi báo cáo khi có mạng');
    const whileOffline = await stored();
    expect(whileOffline.version).toBe(before.version);
    expect(whileOffline.status).toBe('draft');
    await shot(page, '3-submit-queued');

    await context.setOffline(false);
    await expect.poll(async () => (await stored()).status).toBe('submitted');
    expect((await stored()).values).toMatchObject({
      dissemination_reached: 800,
      dissemination_base: 1000,
      ...REQUIRED_FEES,
    });
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
    expect(await page.getByTestId('report-offline-state').count()).toBe(0);
    await shot(page, '4-sent');
  });

  it('a newer version saved elsewhere while the phone was offline: both values per field, the officer chooses, the choice is saved', async () => {
    // The commune returns the report: the officer corrects it on the phone, a colleague at the office.
    const commune = await sessionOf('canbo.tanninh');
    await apiPost(server.url, `/api/reports/${reportId}/return`, { version: (await stored()).version, reason: RETURN_REASON }, commune);
    const { page, context } = officer;
    await openReportOnline(page);
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Bị trả lại');

    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await typeFigure(page, 'dissemination_reached', '850');
    await typeFigure(page, 'union_fee_collected', '175000000');
    await typeFigure(page, 'skills_learners', '30');
    await expect.poll(() => page.getByTestId('report-offline-state').innerText()).toBe(PENDING);

    // Meanwhile, at the office, another session saves the same report.
    const office = await sessionOf('cdcs.demo');
    const response = await fetch(`${server.url}/api/reports/${reportId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: office.cookie, 'x-csrf-token': office.csrfToken },
      body: JSON.stringify({
        version: (await stored()).version,
        values: { dissemination_reached: 900, union_fee_collected: 172_000_000, innovations: 5 },
      }),
    });
    expect(response.status).toBe(200);

    await context.setOffline(false);
    const conflict = page.getByTestId('report-conflict');
    await conflict.waitFor();
    expect(await page.getByTestId('conflict-mine-dissemination_reached').innerText()).toBe('Của bạn (nhập trên máy này): 850');
    expect(await page.getByTestId('conflict-theirs-dissemination_reached').innerText()).toContain(': 900');
    expect(await page.getByTestId('conflict-mine-union_fee_collected').innerText()).toBe('Của bạn (nhập trên máy này): 175.000.000');
    expect(await page.getByTestId('conflict-theirs-union_fee_collected').innerText()).toContain(': 172.000.000');
    // Only fields both sides changed are asked about: the officer's skills figure and the office's innovations merge by themselves.
    expect(await conflict.locator('[data-testid^="conflict-"][data-testid$="skills_learners"]').count()).toBe(0);
    expect(await conflict.locator('[data-testid^="conflict-"][data-testid$="innovations"]').count()).toBe(0);
    // Nothing was overwritten while the officer had not chosen.
    expect((await stored()).values).toMatchObject({ dissemination_reached: 900, union_fee_collected: 172_000_000 });
    await shot(page, '5-conflict');

    // Keeps their own 850, takes the office's 172,000,000.
    await page.getByTestId('conflict-theirs-union_fee_collected').click();
    await page.getByTestId('conflict-resolve').click();
    await expect
      .poll(async () => (await stored()).values)
      .toMatchObject({ dissemination_reached: 850, union_fee_collected: 172_000_000, skills_learners: 30, innovations: 5 });
    expect((await stored()).status).toBe('returned');
    await expect.poll(() => page.getByTestId('report-conflict').count()).toBe(0);
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('850');
    expect(await page.locator('#f-union_fee_collected').inputValue()).toBe('172.000.000');
    expect(await page.locator('#f-innovations').inputValue()).toBe('5');
    await shot(page, '6-conflict-resolved');
  });

  it('a session that ended while offline asks to log in again and keeps the figure, sent after the login', async () => {
    const { page, context } = officer;
    await openReportOnline(page);
    await context.setOffline(true);
    await page.getByTestId('offline-indicator').waitFor();
    await typeFigure(page, 'innovations', '7');
    await expect.poll(() => page.getByTestId('report-offline-state').innerText()).toBe(PENDING);
    // The session is gone by the time the network is back (expired, or ended from another device).
    await context.clearCookies();
    await context.setOffline(false);
    await page.getByTestId('offline-login-needed').waitFor();
    await page.getByTestId('report-auth-needed').waitFor();
    expect(await page.locator('#f-innovations').inputValue()).toBe('7');
    expect((await stored()).values.innovations).toBe(5);
    await shot(page, '7-login-needed');

    await page.getByTestId('report-login-again').click();
    await page.waitForURL('**/dang-nhap?**');
    await page.getByTestId('login-username').fill('cdcs.demo');
    await page.getByTestId('login-password').fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(`**/bao-cao-dinh-ky/${reportId}`);
    await expect.poll(async () => (await stored()).values.innovations).toBe(7);
    expect(await page.locator('#f-innovations').inputValue()).toBe('7');
  });

  it('threw no errors in the page (requests failing offline, logged out or on a 409 are expected, nothing else)', () => {
    expect(officer.errors).toEqual([]);
  });
});

describe('Installable: the manifest and the service worker pass Chromium’s installability check', () => {
  let context: BrowserContext;
  let profile: string;

  beforeAll(async () => {
    // A persistent profile: Chromium never offers to install from an incognito-like context.
    profile = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-pwa-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) await fs.rm(profile, { recursive: true, force: true });
  });

  it('Page.getInstallabilityErrors is empty; the manifest names the app in Vietnamese with 192, 512 and maskable icons', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);

    const { url, errors, data } = await cdp.send('Page.getAppManifest');
    expect(url).toBe(`${server.url}/manifest.webmanifest`);
    expect(errors).toEqual([]);
    const manifest = JSON.parse(data!) as {
      name: string;
      short_name: string;
      lang: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest).toMatchObject({ short_name: 'Tiến Độ', lang: 'vi', display: 'standalone', start_url: '/', theme_color: '#12355b' });
    expect(manifest.name).toBe('Tiến Độ — Theo dõi thực hiện chỉ tiêu Công đoàn');
    expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
    for (const icon of manifest.icons) {
      const response = await fetch(`${server.url}${icon.src}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const png = Buffer.from(await response.arrayBuffer());
      // The PNG header's own width and height (IHDR), not just the manifest's word.
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`).toBe(icon.sizes);
    }
  });

  it('serves the manifest and the service worker with their types, the worker never cached, both allowed by the CSP', async () => {
    const manifest = await fetch(`${server.url}/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    const worker = await fetch(`${server.url}/sw.js`);
    expect(worker.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(worker.headers.get('cache-control')).toContain('no-cache');
    const csp = worker.headers.get('content-security-policy') ?? '';
    // Neither worker-src nor manifest-src is narrowed: both fall back to default-src 'self'.
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/worker-src|manifest-src/);
  });
});
