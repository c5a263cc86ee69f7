import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, ProgressResult } from '../app/api/progress.api.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import type { CurrentUser } from '../server/auth/auth.schema.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { launchBrowser, openPage, type OpenedPage, loginInBrowser } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const run = promisify(execFile);
const USER = 'canbo.tinh';
const SIGNER = 'Trần Văn Bình';

let server: TestServer;
let browser: Browser;
let opened: OpenedPage;
let page: Page;
let cookie = '';
let me: CurrentUser;
let doc: PlanDocument;

async function apiPost<T>(route: string, body: unknown): Promise<T> {
  const response = await fetch(`${server.url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', cookie, 'x-csrf-token': me.csrfToken ?? '' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${route} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The downloaded DOCX as text, through LibreOffice (the way the officer will open it). */
async function docxText(file: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-report-'));
  try {
    await run(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file],
      { timeout: 120_000 },
    );
    return (await fs.readFile(path.join(dir, `${path.basename(file, '.docx')}.txt`), 'utf8')).replace(/\s+/g, ' ');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe('Lập báo cáo: the province officer downloads the report on its programme from Tổng quan and from the document', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    opened = await openPage(browser, server.url);
    page = opened.page;
    cookie = await apiLogin(server.url, USER, DEMO_PASSWORD);
    me = await apiGet<CurrentUser>(server.url, '/api/auth/me', cookie);
    doc = await apiPost<PlanDocument>('/api/documents', {
      kind: 'program',
      symbol: '05/CTr-LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh nhiệm kỳ 2023–2028',
      issuerUnitId: me.unit.id,
      issuedOn: '2023-11-20',
      termFrom: 2023,
      termTo: 2028,
    });
    await apiPost('/api/targets', {
      documentId: doc.id,
      unitId: me.unit.id,
      indicatorCode: 'members',
      comparator: '>',
      value: 140000,
      deadlineYear: 2028,
      subject: 'đoàn viên công đoàn',
    });
    await apiPost('/api/targets', {
      documentId: doc.id,
      unitId: me.unit.id,
      indicatorCode: 'agreements_share',
      comparator: '>=',
      value: 85,
      deadlineYear: 2028,
      subject: 'CĐCS ký được thỏa ước',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('drafts the Word report with the figures shown on Tổng quan and the signer typed in', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    await page.getByTestId('target-grid').waitFor();
    await page.getByTestId('report-document-open').click();
    await page.getByTestId('report-document-signer').fill(SIGNER);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-document-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-TNI-\d{4}(-H[12])?\.docx$/);
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-dl-')), download.suggestedFilename());
    await download.saveAs(file);
    const text = await docxText(file);
    expect(text).toContain('BÁO CÁO Kết quả thực hiện Chương trình hành động số 05/CTr-LĐLĐ');
    expect(text).toContain(SIGNER);
    const members = await page
      .locator('[data-testid^="target-card-"]')
      .filter({ hasText: 'Trên 140.000' })
      .getByTestId('target-actual')
      .innerText();
    expect(text).toContain(members); // the card's own figure, e.g. "49.984"
    expect(opened.errors).toEqual([]);
  });

  it('gives the Excel tables from the document’s page', async () => {
    await page.goto(`/van-ban-chi-tieu/${doc.id}`);
    await page.getByTestId('report-document-open').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-document-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await fs.readFile((await download.path())!)) as never);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Tình hình báo cáo', 'Nhiệm vụ']);
    const rows = book.getWorksheet('Chỉ tiêu')!.getSheetValues().slice(4) as unknown[][];
    const progress = await apiGet<ProgressResult>(server.url, `/api/progress?unitId=${me.unit.id}&documentId=${doc.id}`, cookie);
    expect(rows.map((r) => r[4])).toEqual(progress.items.map((i) => (i.indicator.unit === 'percent' ? i.value! / 100 : i.value)));
    expect(opened.errors).toEqual([]);
  });
});
