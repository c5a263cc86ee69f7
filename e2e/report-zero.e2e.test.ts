import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, TargetProgress } from '../app/api/progress.api.ts';
import type { Completeness, ReportView } from '../app/api/reporting.api.ts';
import { apiGet } from './support/api.ts';
import type { OpenedPage } from './support/browser.ts';
import { postProgramme, postTarget } from './support/programme.ts';
import { docxText, readWorkbook, targetRows } from './support/report-files.ts';
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
import { apiSession, openAs, startStage, stopStage, type Session } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';

/**
 * Issue 16, "figures an officer can trust": a 0 is a figure, an empty field is "chưa có số liệu".
 * A CĐCS officer types 0, the reviewer asks for another 0 ("ghi số 0"), and the zeros must reach
 * the stored report, the roll-up (the unit counts as reporting), Tổng quan and the report
 * documents, while the fields left empty stay "no data" everywhere.
 */
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
let province: Session;
let officerCookie = '';
let doc: PlanDocument;
const targets: Record<keyof typeof SUBJECTS, TargetProgress> = {} as never;
let reportUrl = '';

async function signIn(who: keyof typeof pages, username: string): Promise<Page> {
  pages[who] = await openAs({ server, browser }, username);
  return pages[who].page;
}

/** What the server holds for the report right now (the API the form reads). */
async function stored(): Promise<ReportView['values']> {
  return (await apiGet<ReportView>(server.url, `/api/reports${reportUrl.slice(reportUrl.lastIndexOf('/'))}`, officerCookie)).values;
}

async function reportDocument(format: 'docx' | 'xlsx'): Promise<Buffer> {
  const response = await fetch(
    `${server.url}/api/report-documents?unitId=${province.me.unit.id}&documentId=${doc.id}&period=${PERIOD}&format=${format}`,
    { headers: { cookie: province.cookie } },
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
    ({ server, browser } = await startStage());
    province = await apiSession(server.url, 'canbo.tinh');
    officerCookie = (await apiSession(server.url, 'cdcs.demo')).cookie;
    doc = await postProgramme(server.url, province, {
      symbol: '07-CTr/LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh',
    });
    const target = (indicatorCode: string, comparator: string, value: number, subject: string) =>
      postTarget(server.url, province, doc.id, { indicatorCode, comparator, value, annual: true, subject });
    targets.dissemination = await target('dissemination_share', '>', 90, SUBJECTS.dissemination);
    targets.party = await target('party_introduced_per_cdcs', '>=', 0.5, SUBJECTS.party);
    targets.lawsuits = await target('lawsuits_supported_share', '>=', 80, SUBJECTS.lawsuits);
  });

  afterAll(() => stopStage({ server, browser }));

  it('the CĐCS officer types 0: autosave and Ctrl+S store 0, a reload shows "0", the untouched field stays empty; 0 satisfies "required" and is submitted', async () => {
    const page = await signIn('officer', 'cdcs.demo');
    await page.goto('/bao-cao-dinh-ky');
    reportUrl = await openYearlyReport(page);

    await typeFigure(page, 'dissemination_reached', '0');
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    await typeFigures(page, { dissemination_base: 1000, ...REQUIRED_FEES });
    await draftSaved(page, 20_000);
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

    await submitReport(page);
    await page.reload();
    await page.locator('#f-dissemination_reached').waitFor();
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    expect(await stored()).toMatchObject({ dissemination_reached: 0, innovations: 0 });
  });

  it('the commune returns it asking for a 0 instead of an empty field', async () => {
    const page = await signIn('commune', 'canbo.tanninh');
    await page.goto(reportUrl);
    await returnReport(page, RETURN_REASON);
  });

  it('the officer finds the zeros still there, writes the 0 asked for, and resubmits', async () => {
    const page = pages.officer.page;
    await page.goto(reportUrl);
    await page.getByTestId('report-thread').waitFor();
    expect(await page.getByTestId('report-status').innerText()).toBe('Bị trả lại');
    expect(await page.locator('#f-dissemination_reached').inputValue()).toBe('0');
    await typeFigure(page, 'party_introduced', '0');
    await draftSaved(page, 20_000);
    await expect.poll(async () => (await stored()).party_introduced).toBe(0);
    await page.reload();
    await page.locator('#f-party_introduced').waitFor();
    expect(await page.locator('#f-party_introduced').inputValue()).toBe('0');
    await submitReport(page);
  });

  it('the commune accepts it: the roll-up sums the zeros from one reporting unit and leaves the empty fields as "Chưa có số liệu"', async () => {
    const page = pages.commune.page;
    await page.goto(reportUrl);
    await acceptReport(page);
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
      province.cookie,
    );
    expect(board.reportingUnits).toBe(1);
    expect(board.figures.find((f) => f.element === 'party_introduced')?.value).toBe(0);
    expect(board.figures.find((f) => f.element === 'lawsuits_requested')?.value).toBeNull();

    const page = await signIn('province', 'canbo.tinh');
    await showYearOnDashboard(page, PERIOD);
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

    const rows = targetRows(await readWorkbook(await reportDocument('xlsx')));
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
