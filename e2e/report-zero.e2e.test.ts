import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, TargetProgress } from '../app/api/progress.api.ts';
import type { Completeness, ReportView } from '../app/api/reporting.api.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { BUILTIN_TEMPLATES } from '../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../domain/reporting/report-template.ts';
import { todayInVietnam } from '../domain/time/calendar-date.ts';
import type { CurrentUser } from '../server/auth/auth.schema.ts';
import { apiGet, apiLogin } from './support/api.ts';
import { launchBrowser, loginInBrowser, openPage, type OpenedPage } from './support/browser.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

/**
 * Issue 16, "figures an officer can trust": a 0 is a figure, an empty field is "chưa có số liệu".
 * A CĐCS officer types 0, the reviewer asks for another 0 ("ghi số 0"), and the zeros must reach
 * the stored report, the roll-up (the unit counts as reporting), Tổng quan and the report
 * documents, while the fields left empty stay "no data" everywhere.
 */
const run = promisify(execFile);
const PERIOD = openPeriods(
  BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!,
  todayInVietnam(),
)[0]!.code;
const RETURN_REASON = 'Mục «Đoàn viên ưu tú giới thiệu cho Đảng»: đơn vị không có thì ghi số 0, không để trống.';
const LABELS = {
  reached: 'Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết',
  introduced: 'Đoàn viên ưu tú giới thiệu cho Đảng',
  lawsuits: 'Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ',
};
const SUBJECTS = {
  dissemination: 'Đoàn viên, NLĐ được tuyên truyền nghị quyết',
  party: 'Đoàn viên ưu tú giới thiệu cho Đảng bình quân mỗi CĐCS',
  lawsuits: 'Vụ việc khởi kiện được công đoàn hỗ trợ',
};

let server: TestServer;
let browser: Browser;
const pages: Record<'officer' | 'commune' | 'province', OpenedPage> = {} as never;
let provinceCookie = '';
let provinceUnitId = 0;
let officerCookie = '';
let doc: PlanDocument;
const targets: Record<keyof typeof SUBJECTS, TargetProgress> = {} as never;
let reportUrl = '';

async function signIn(who: keyof typeof pages, username: string): Promise<Page> {
  pages[who] = await openPage(browser, server.url);
  await loginInBrowser(pages[who].page, username, DEMO_PASSWORD);
  return pages[who].page;
}

/** Types a figure the way a person does (select what is there, type, Enter to the next field). */
async function typeFigure(page: Page, element: string, value: string) {
  const input = page.locator(`#f-${element}`);
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(value);
  await input.press('Enter');
}

/** What the server holds for the report right now (the API the form reads). */
async function stored(): Promise<ReportView['values']> {
  return (await apiGet<ReportView>(server.url, `/api/reports${reportUrl.slice(reportUrl.lastIndexOf('/'))}`, officerCookie)).values;
}

const savedState = (page: Page) =>
  expect.poll(() => page.getByTestId('report-save-state').innerText(), { timeout: 20_000 }).toMatch(/^Đã lưu nháp lúc/);

/** The downloaded DOCX as text, through LibreOffice (the way the officer will open it). */
async function docxText(content: Buffer): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-e2e-zero-'));
  try {
    await fs.writeFile(path.join(dir, 'bao-cao.docx'), content);
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'txt:Text (encoded):UTF8',
        '--outdir',
        dir,
        path.join(dir, 'bao-cao.docx'),
      ],
      { timeout: 180_000 },
    );
    return (await fs.readFile(path.join(dir, 'bao-cao.txt'), 'utf8')).replace(/\s+/g, ' ');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function reportDocument(format: 'docx' | 'xlsx'): Promise<Buffer> {
  const response = await fetch(
    `${server.url}/api/report-documents?unitId=${provinceUnitId}&documentId=${doc.id}&period=${PERIOD}&format=${format}`,
    { headers: { cookie: provinceCookie } },
  );
  if (!response.ok) throw new Error(`GET /api/report-documents answered ${response.status}: ${await response.text()}`);
  return Buffer.from(await response.arrayBuffer());
}

/** The "Tổng" cell of a row of the completeness board's summed figures. */
const boardFigure = (page: Page, label: string) =>
  page
    .getByTestId('completeness-figures')
    .locator('tbody tr')
    .filter({ has: page.getByText(label, { exact: true }) })
    .locator('td')
    .last()
    .innerText();

describe('Exact zeros: a 0 typed in a report survives every step and is counted; an empty field stays "chưa có số liệu"', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    provinceCookie = await apiLogin(server.url, 'canbo.tinh', DEMO_PASSWORD);
    officerCookie = await apiLogin(server.url, 'cdcs.demo', DEMO_PASSWORD);
    const me = await apiGet<CurrentUser>(server.url, '/api/auth/me', provinceCookie);
    provinceUnitId = me.unit.id;
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const r = await fetch(`${server.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: provinceCookie, 'x-csrf-token': me.csrfToken ?? '' },
        body: JSON.stringify(body),
      });
      if (!r.ok) throw new Error(`POST ${route}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    };
    doc = await post<PlanDocument>('/api/documents', {
      kind: 'program',
      symbol: '07-CTr/LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh',
      issuerUnitId: me.unit.id,
      issuedOn: '2023-11-20',
      termFrom: 2023,
      termTo: 2028,
    });
    const target = (indicatorCode: string, comparator: string, value: number, subject: string) =>
      post<TargetProgress>('/api/targets', {
        documentId: doc.id,
        unitId: me.unit.id,
        indicatorCode,
        comparator,
        value,
        annual: true,
        subject,
      });
    targets.dissemination = await target('dissemination_share', '>', 90, SUBJECTS.dissemination);
    targets.party = await target('party_introduced_per_cdcs', '>=', 0.5, SUBJECTS.party);
    targets.lawsuits = await target('lawsuits_supported_share', '>=', 80, SUBJECTS.lawsuits);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the CĐCS officer types 0: autosave and Ctrl+S store 0, a reload shows "0", the untouched field stays empty; 0 satisfies "required" and is submitted', async () => {
    const page = await signIn('officer', 'cdcs.demo');
    await page.goto('/bao-cao-dinh-ky');
    await page.getByTestId(`open-report-cdcs-nam-${PERIOD}`).click();
    await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
    reportUrl = new URL(page.url()).pathname;

    await typeFigure(page, 'dissemination_reached', '0');
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    for (const [element, value] of [
      ['dissemination_base', '1000'],
      ['union_fee_due', '180000000'],
      ['union_fee_collected', '171500000'],
      ['dues_due', '45000000'],
      ['dues_collected', '44000000'],
    ] as const) {
      await typeFigure(page, element, value);
    }
    await savedState(page);
    await expect.poll(async () => (await stored()).dissemination_reached).toBe(0);

    // Ctrl+S, at once, without waiting for the autosave.
    await typeFigure(page, 'innovations', '0');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await stored()).innovations).toBe(0);

    await page.reload();
    await page.locator('#f-dissemination_reached').waitFor();
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    expect(await page.locator('#f-innovations').inputValue()).toBe('0');
    expect(await page.locator('#f-party_introduced').inputValue()).toBe('');
    expect(await page.locator('#f-lawsuits_requested').inputValue()).toBe('');
    expect(await page.locator('[data-testid^="error-"]').count()).toBe(0);

    await page.getByTestId('report-submit').click();
    // Sending asks first (what is sent, to whom, and that only a return reopens it).
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
    await page.reload();
    await page.locator('#f-dissemination_reached').waitFor();
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    expect(await stored()).toMatchObject({ dissemination_reached: 0, innovations: 0 });
  });

  it('the commune returns it asking for a 0 instead of an empty field', async () => {
    const page = await signIn('commune', 'canbo.tanninh');
    await page.goto(reportUrl);
    await page.getByTestId('report-return').click();
    await page.getByTestId('reason-input').fill(RETURN_REASON);
    await page.getByTestId('reason-confirm').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
  });

  it('the officer finds the zeros still there, writes the 0 asked for, and resubmits', async () => {
    const page = pages.officer.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-thread').waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    await typeFigure(page, 'party_introduced', '0');
    await savedState(page);
    await expect.poll(async () => (await stored()).party_introduced).toBe(0);
    await page.reload();
    await page.locator('#f-party_introduced').waitFor();
    expect(await page.locator('#f-party_introduced').inputValue()).toBe('0');
    await page.getByTestId('report-submit').click();
    // Sending asks first (what is sent, to whom, and that only a return reopens it).
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã gửi, chờ duyệt');
  });

  it('the commune accepts it: the roll-up sums the zeros from one reporting unit and leaves the empty fields as "Chưa có số liệu"', async () => {
    const page = pages.commune.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-accept').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(() => page.getByTestId('report-status').innerText()).toBe('Đã duyệt');
    const values = await stored();
    expect(values).toMatchObject({ dissemination_reached: 0, innovations: 0, party_introduced: 0 });
    expect(values.lawsuits_requested ?? null).toBeNull();

    await page.goto('/bao-cao-dinh-ky?tab=tinh-hinh');
    await page.getByTestId('completeness-figures').waitFor();
    await expect.poll(() => boardFigure(page, LABELS.reached)).toBe('0');
    expect(await boardFigure(page, LABELS.introduced)).toBe('0');
    expect(await boardFigure(page, LABELS.lawsuits)).toBe('Chưa có số liệu');
    expect(await page.getByText(/đơn vị có số liệu\)$/).innerText()).toContain('1 đơn vị có số liệu');
  });

  it('the province counts the unit as reporting: Tổng quan shows 0% and 0,00 from 1 unit, and "Chưa có số liệu" where nothing was reported', async () => {
    const board = await apiGet<Completeness>(
      server.url,
      `/api/reports/completeness?templateCode=cdcs-nam&periodCode=${PERIOD}`,
      provinceCookie,
    );
    expect(board.reportingUnits).toBe(1);
    expect(board.figures.find((f) => f.element === 'party_introduced')?.value).toBe(0);
    expect(board.figures.find((f) => f.element === 'lawsuits_requested')?.value).toBeNull();

    const page = await signIn('province', 'canbo.tinh');
    if (PERIOD !== todayInVietnam().slice(0, 4)) {
      await page.getByTestId('dashboard-year').click();
      await page.locator('.ant-select-item-option', { hasText: `Năm ${PERIOD}` }).click();
    }
    const card = (t: TargetProgress) => page.getByTestId(`target-card-${t.targetId}`);
    await card(targets.dissemination).waitFor();
    expect(await card(targets.dissemination).getByTestId('target-actual').innerText()).toBe('0%');
    expect(await card(targets.dissemination).getByTestId('target-reporting').innerText()).toBe('1 đơn vị đã báo cáo');
    expect(await card(targets.party).getByTestId('target-actual').innerText()).toBe('0,00');
    expect(await card(targets.party).getByTestId('target-reporting').innerText()).toBe('1 đơn vị đã báo cáo');
    expect(await card(targets.lawsuits).getByTestId('target-actual').innerText()).toBe('Chưa có số liệu');
  });

  it('the report documents print the zeros: the DOCX as "0%" and "0,00", the XLSX as the number 0; the empty figure is "Chưa có số liệu" / an empty cell', async () => {
    const text = await docxText(await reportDocument('docx'));
    expect(text).toContain(`${SUBJECTS.dissemination} Trên 90% (hằng năm) 0% 0%`);
    expect(text).toContain(`${SUBJECTS.party} Từ 0,50 trở lên (hằng năm) 0,00 0%`);
    expect(text).toContain(`${SUBJECTS.lawsuits} Từ 80% trở lên (hằng năm) Chưa có số liệu`);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportDocument('xlsx')) as never);
    const rows = book.getWorksheet('Chỉ tiêu')!.getSheetValues().slice(4) as unknown[][];
    const actual = (subject: string) => rows.find((r) => r[2] === subject)?.[4];
    expect(actual(SUBJECTS.dissemination)).toBe(0);
    expect(actual(SUBJECTS.party)).toBe(0);
    expect(actual(SUBJECTS.lawsuits) ?? null).toBeNull();
    expect(rows.find((r) => r[2] === SUBJECTS.lawsuits)?.[6]).toBe('Chưa có số liệu');
  });

  it('threw no errors in the browsers', () => {
    for (const opened of Object.values(pages)) expect(opened.errors.filter((e) => !/status of (401|400)/.test(e))).toEqual([]);
  });
});
