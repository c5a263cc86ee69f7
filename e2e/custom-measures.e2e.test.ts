import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../domain/reporting/builtin-templates.ts';
import { templatePeriod } from '../domain/reporting/report-template.ts';
import { todayInVietnam } from '../domain/time/calendar-date.ts';
import type { ElementItem, IndicatorItem, PreviewResult } from '../app/api/measures.api.ts';
import type { ProgressResult, TargetProgress } from '../app/api/progress.api.ts';
import type { TemplateVersionItem } from '../app/api/report-templates.api.ts';
import type { MyReports, ReportView } from '../app/api/reporting.api.ts';
import type { OrgUnitList } from '../server/org/org.schema.ts';
import { apiGet, apiPost } from './support/api.ts';
import type { OpenedPage } from './support/browser.ts';
import { draftSaved, submitReport, typeFigure, typeFigures } from './support/reporting.ts';
import { openSelect, pick } from './support/select.ts';
import { apiSession, openAs, startStage, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';
import { clickSettled } from './support/popups.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const FORM = 'cdcs-6-thang';
const FORM_NAME = 'Báo cáo sơ kết 6 tháng của công đoàn cơ sở';
const REPORTED_NAME = 'Số doanh nghiệp tổ chức đối thoại';
const DERIVED_NAME = 'Doanh nghiệp có CĐCS từ 25 lao động';
const INDICATOR_NAME = 'Tỷ lệ doanh nghiệp tổ chức đối thoại';
const DOC_SYMBOL = '12-KH/LĐLĐ';
const SECOND_OFFICER = 'cdcs.hoamai';
const NEW_PASSWORD = 'Doi-thoai-e2e-2026-an-toan';
/** What each CĐCS types: the new field, and the figures the form requires before it can be sent. */
const FIGURES = {
  first: {
    dialogues: 6,
    dissemination_reached: 410,
    dissemination_base: 450,
    union_fee_due: 96_000_000,
    union_fee_collected: 90_500_000,
    dues_due: 24_000_000,
    dues_collected: 23_100_000,
  },
  second: {
    dialogues: 9,
    dissemination_reached: 38,
    dissemination_base: 40,
    union_fee_due: 12_000_000,
    union_fee_collected: 12_000_000,
    dues_due: 3_600_000,
    dues_collected: 3_500_000,
  },
} as const;

let server: TestServer;
let browser: Browser;
const pages: Partial<Record<'admin' | 'staff' | 'cdcs' | 'phone' | 'commune', OpenedPage>> = {};
let admin: { cookie: string; csrfToken: string };
let province: { id: number; name: string };
/** The period CĐCS report now (newest open), and the one before it. */
let period: { code: string; label: string; end: string };
let earlier: { code: string; label: string };
let earlierReportId = 0;
let secondPassword = '';
const codes = { reported: '', derived: '', indicator: '' };
let formVersion = 0;
let targetId = 0;
/** The derived denominator the builder's preview showed for the province today. */
let previewDenominator = 0;
const reportIds: number[] = [];

const vi = (n: number) => n.toLocaleString('vi-VN');
const viPercent = (n: number) => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(n)}%`;
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Each person in their own browser context, signed in through the login screen. */
async function signIn(who: keyof typeof pages, username: string): Promise<Page> {
  pages[who] = await openAs({ server, browser }, username);
  return pages[who].page;
}

/** The input inside an antd control carrying the test id (or the control itself when it is the input). */
const inputOf = (control: Locator) => control.locator('xpath=descendant-or-self::input').first();

const versionsOf = async (code: string) =>
  (await apiGet<{ items: TemplateVersionItem[] }>(server.url, `/api/report-templates/${code}/versions`, admin.cookie)).items;

const sessionOf = (username: string, password?: string) => apiSession(server.url, username, password);

describe('Chỉ số tự định nghĩa: a province defines a dialogue ratio, adds its field to the CĐCS six-month form, two CĐCS report it and the province card shows the ratio of summed parts', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage());
    await fs.mkdir(ARTIFACTS, { recursive: true });
    const quantri = await sessionOf('quantri');
    admin = quantri;
    province = { id: quantri.me.unit.id, name: quantri.me.unit.name };

    // The period a CĐCS reports now: the newest open one of the six-month form (the server's list).
    const cdcs = await sessionOf('cdcs.demo');
    const mine = (await apiGet<MyReports>(server.url, '/api/reports/mine', cdcs.cookie)).items.filter((i) => i.templateCode === FORM);
    expect(mine.every((i) => i.reportId === null)).toBe(true); // the demo has no reports
    const [newest, before] = [...mine].sort((a, b) => b.periodCode.localeCompare(a.periodCode));
    const definition = BUILTIN_TEMPLATES.find((t) => t.code === FORM)!;
    period = { code: newest!.periodCode, label: newest!.periodLabel, end: templatePeriod(definition, newest!.periodCode).end };
    earlier = { code: before!.periodCode, label: before!.periodLabel };
    // The CĐCS's report of the earlier period, opened before the new version exists: it keeps the version it was opened with.
    const opened = await apiPost<ReportView>(
      server.url,
      '/api/reports',
      { templateCode: FORM, unitId: cdcs.me.unit.id, periodCode: earlier.code },
      cdcs,
    );
    earlierReportId = opened.id;

    // The second CĐCS of Tân Ninh gets an officer account (its first password changed as the officer would).
    const communes = await apiGet<OrgUnitList>(server.url, `/api/org/units/${province.id}/children?asOf=${todayInVietnam()}`, admin.cookie);
    const tanNinh = communes.items.find((u) => u.code === 'TNI-P01')!;
    const cdcsUnits = await apiGet<OrgUnitList>(server.url, `/api/org/units/${tanNinh.id}/children?asOf=${todayInVietnam()}`, admin.cookie);
    const second = cdcsUnits.items.find((u) => u.code === 'TNI-P01-0002')!;
    const { temporaryPassword } = await apiPost<{ temporaryPassword: string }>(
      server.url,
      '/api/users',
      { username: SECOND_OFFICER, fullName: 'Đỗ Thị Mai', unitId: second.id, roles: ['grassroots_officer'] },
      admin,
    );
    const fresh = await sessionOf(SECOND_OFFICER, temporaryPassword);
    await apiPost(server.url, '/api/auth/change-password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD }, fresh);
    secondPassword = NEW_PASSWORD;
  });

  // What each browser showed when a step failed, beside the step's own screenshots.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    for (const [who, opened] of Object.entries(pages))
      await opened.page
        .screenshot({ path: path.join(ARTIFACTS, `custom-measures-failed-${who}.png`), fullPage: true })
        .catch(() => undefined);
  });

  afterAll(() => stopStage({ server, browser }));

  it('the administrator creates the reported element, the derived one counted from the employers registry, and the indicator; the preview shows the derived denominator', async () => {
    const page = await signIn('admin', 'quantri');
    await page.getByTestId('nav-admin').click();
    // The submenu slides open: a click while it moves can miss.
    await clickSettled(page.getByTestId('subnav-admin-measures'));
    await page.waitForURL('**/quan-tri/chi-so');

    // A reported element: a figure the CĐCS will type in their six-month report.
    await page.getByTestId('element-create').click();
    await page.getByTestId('element-form-name').fill(REPORTED_NAME);
    await expect.poll(() => page.getByTestId('element-form-code').inputValue()).toBe('so_doanh_nghiep_to_chuc_doi_thoai');
    codes.reported = await page.getByTestId('element-form-code').inputValue();
    await page.getByTestId('element-form-submit').click();
    await page.getByTestId(`element-row-${codes.reported}`).waitFor();

    // A derived element, from lists: employers with a CĐCS, from 25 workers.
    await page.getByTestId('element-create').click();
    await page.getByTestId('element-form-name').fill(DERIVED_NAME);
    await page.getByTestId('element-form-source').getByText('Tính từ sổ đăng ký').click();
    await pick(page, page.getByTestId('element-form-registry'), '', 'Đơn vị sử dụng lao động');
    await pick(page, page.getByTestId('element-form-measure'), '', /^Đơn vị sử dụng lao động có CĐCS$/);
    await inputOf(page.getByTestId('element-form-min-workers')).fill('25');
    await expect
      .poll(() => page.getByTestId('element-form-sentence').innerText())
      .toBe('Đếm: Đơn vị sử dụng lao động có CĐCS, từ 25 lao động trở lên');
    codes.derived = await page.getByTestId('element-form-code').inputValue();
    await shot(page, 'custom-measures-derived-element');
    await page.getByTestId('element-form-submit').click();
    await page.getByTestId(`element-row-${codes.derived}`).waitFor();

    const elements = (await apiGet<{ items: ElementItem[] }>(server.url, '/api/measures/elements', admin.cookie)).items;
    expect(elements.find((e) => e.code === codes.reported)).toMatchObject({
      name: REPORTED_NAME,
      source: 'reported',
      unit: 'count',
      owner: { id: province.id },
    });
    expect(elements.find((e) => e.code === codes.derived)).toMatchObject({
      name: DERIVED_NAME,
      source: 'derived',
      unit: 'count',
      definition: { registry: 'employers', measure: 'with_cdcs', sectors: null, minWorkers: 25 },
    });

    // The indicator: 100 × reported ÷ derived, built with the picker (names typed without accents).
    await page.getByTestId('measures-tab-indicators').click();
    await page.getByTestId('indicator-create').click();
    await page.getByTestId('indicator-form-name').fill(INDICATOR_NAME);
    await pick(page, page.getByTestId('indicator-form-unit'), '', /^Tỷ lệ %$/);
    await pick(page, page.getByTestId('indicator-picker-numerator'), 'doi thoai', REPORTED_NAME);
    await pick(page, page.getByTestId('indicator-picker-denominator'), '25 lao dong', DERIVED_NAME);
    const numerator = await page.getByTestId('indicator-form-numerator').inputValue();
    const denominator = await page.getByTestId('indicator-form-denominator').inputValue();
    expect([numerator, denominator]).toEqual([`100 * #{${codes.reported}}`, `#{${codes.derived}}`]);
    codes.indicator = await page.getByTestId('indicator-form-code').inputValue();

    // The preview (the province, today) against the server's own preview for the same unit and date.
    const query = new URLSearchParams({ unit: 'percent', numerator, denominator, unitId: String(province.id), date: todayInVietnam() });
    const expected = await apiGet<PreviewResult>(server.url, `/api/measures/indicators/preview?${query}`, admin.cookie);
    expect(expected.problems).toEqual([]);
    // The denominator is counted from the demo registries; nobody has reported the numerator yet.
    expect(expected.denominator).toBeGreaterThan(0);
    expect(expected.elements[codes.derived]).toBe(expected.denominator);
    previewDenominator = expected.denominator!;
    const parts = page.getByTestId('indicator-preview-parts');
    await expect.poll(() => parts.isVisible().then((v) => (v ? parts.innerText() : ''))).toContain(`Mẫu số: ${vi(expected.denominator!)}`);
    expect(await page.getByTestId('indicator-preview-value').innerText()).toBe(
      expected.value === null ? 'chưa có số liệu' : viPercent(expected.value),
    );
    expect(await page.getByTestId(`indicator-preview-element-${codes.derived}`).innerText()).toContain(vi(expected.denominator!));
    await shot(page, 'custom-measures-indicator-preview');
    await page.getByTestId('indicator-form-submit').click();
    await page.getByTestId(`indicator-row-${codes.indicator}`).waitFor();
    const indicator = (await apiGet<{ items: IndicatorItem[] }>(server.url, '/api/measures/indicators', admin.cookie)).items.find(
      (i) => i.code === codes.indicator,
    );
    expect(indicator).toMatchObject({ name: INDICATOR_NAME, unit: 'percent', numerator, denominator, owner: { id: province.id } });
  });

  it('adds the reported element to the CĐCS six-month form as a new version, published from the period CĐCS report now', async () => {
    const page = pages.admin!.page;
    const before = await versionsOf(FORM);
    const inForce = [...before].filter((v) => v.status === 'published').sort((a, b) => b.version - a.version)[0]!;
    const section = inForce.definition.sections.findIndex((s) => s.title.startsWith('III.'));
    expect(section).toBeGreaterThanOrEqual(0);

    await page.getByTestId('nav-reports').click();
    await page.getByTestId('tab-bieu-mau').click();
    await pick(page, page.getByTestId('form-select'), '', FORM_NAME);
    // The button copies the version in force once the chosen form's versions are read.
    await page.waitForURL(new RegExp(`bieuMau=${FORM}`));
    await expect.poll(() => page.getByTestId('form-new-version').isEnabled()).toBe(true);
    await page.getByTestId('form-new-version').click();
    const editor = page.getByTestId('form-editor');
    await expect
      .poll(() => editor.getByTestId('form-editor-heading').innerText())
      .toBe(`Phiên bản mới (chưa lưu), sao từ phiên bản ${inForce.version}`);
    expect(await editor.locator('.ant-drawer-title').innerText()).toContain(FORM_NAME);
    await pick(page, editor.getByTestId(`add-field-${section}`), 'doi thoai', REPORTED_NAME);
    await editor.getByTestId(`form-field-${codes.reported}`).waitFor();
    expect(await editor.getByTestId(`field-label-${codes.reported}`).inputValue()).toBe(REPORTED_NAME);
    await editor.getByLabel(`Đơn vị tính (ghi chú) của chỉ tiêu ${REPORTED_NAME}`).fill('doanh nghiệp');
    await shot(page, 'custom-measures-form-editor');

    await editor.getByTestId('form-publish').click();
    const select = page.getByTestId('publish-period');
    const { dropdown, combobox } = await openSelect(page, select);
    await dropdown.locator('.ant-select-item-option').first().waitFor();
    const offered = dropdown.locator('.ant-select-item-option', { hasText: period.label });
    if (await offered.count()) {
      // The modal preselects the first period not open yet (no report can exist there), but CĐCS
      // must fill the new field in the report of the period they are reporting now: that period is
      // open and has no report of this form yet (the demo has none), so publishing from it is allowed.
      await offered.first().click();
      await expect.poll(() => select.innerText()).toBe(`${period.label} (đang nhận báo cáo)`);
      await shot(page, 'custom-measures-publish');
      await page.getByTestId('publish-confirm').click();
    } else {
      // Past the period's due date (16–31 December, January–April) the modal offers only the
      // periods still due and the coming ones, while CĐCS may still file the late report: the
      // draft is saved on screen and published from that period through the API.
      const modal = page.locator('.ant-modal', { has: select });
      await modal.locator('.ant-modal-title').click(); // closes the list, as a click beside it does
      await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
      await modal.getByRole('button', { name: 'Hủy' }).click();
      await modal.waitFor({ state: 'hidden' });
      await editor.getByTestId('form-save').click();
      let draft = 0;
      await expect.poll(async () => (draft = (await versionsOf(FORM)).find((v) => v.status === 'draft')?.version ?? 0)).toBeGreaterThan(0);
      await apiPost(server.url, `/api/report-templates/${FORM}/versions/${draft}/publish`, { fromPeriod: period.code }, admin);
      await page.reload();
    }

    await expect
      .poll(async () => {
        const items = await versionsOf(FORM);
        const published = items.find((v) => v.version > inForce.version && v.status === 'published');
        return (
          published && {
            fromPeriod: published.fromPeriod,
            owner: published.owner?.id,
            fields: published.definition.sections[section]!.fields.map((f) => f.element),
          }
        );
      })
      .toEqual({
        fromPeriod: period.code,
        owner: province.id,
        fields: [...inForce.definition.sections[section]!.fields.map((f) => f.element), codes.reported],
      });
    formVersion = (await versionsOf(FORM)).find((v) => v.version > inForce.version)!.version;
    await expect
      .poll(() => page.getByTestId(`form-version-status-${formVersion}`).innerText())
      .toMatch(new RegExp(`^Đang áp dụng từ kỳ ${period.label}`));
    expect(await page.getByTestId(`form-version-changes-${formVersion}`).innerText()).toContain(REPORTED_NAME);
    await shot(page, 'custom-measures-form-versions');
  });

  it('the province staff creates a document and an annual target measured by the new indicator (the target form lists it)', async () => {
    const page = await signIn('staff', 'canbo.tinh');
    const staff = await sessionOf('canbo.tinh');
    const year = Number(period.code.slice(0, 4));
    await page.getByTestId('nav-documents').click();
    await page.waitForURL('**/van-ban-chi-tieu');
    await page.getByTestId('document-create').click();
    const docModal = page.locator('.ant-modal', { hasText: 'Thêm văn bản của' });
    await docModal.getByLabel('Số, ký hiệu').fill(DOC_SYMBOL);
    const issued = docModal.getByLabel('Ngày ban hành');
    await issued.click();
    await issued.fill(viDate(`${year}-01-15`));
    await issued.press('Enter');
    await page.getByTestId('document-form-title').fill('Kế hoạch tổ chức đối thoại định kỳ tại nơi làm việc');
    await docModal.getByLabel('Nhiệm kỳ từ năm').fill(String(year));
    await docModal.getByLabel('đến năm', { exact: true }).fill(String(year + 4));
    await page.getByTestId('document-form-submit').click();
    let documentId = 0;
    await expect
      .poll(async () => {
        const found = await apiGet<{ items: { id: number; symbol: string | null; status: string }[] }>(
          server.url,
          `/api/documents/search?q=${encodeURIComponent(DOC_SYMBOL)}`,
          staff.cookie,
        );
        documentId = found.items.find((d) => d.symbol === DOC_SYMBOL)?.id ?? 0;
        return documentId;
      })
      .toBeGreaterThan(0);

    await page
      .locator('.ant-collapse-header', { has: page.getByTestId(`document-${documentId}`) })
      .getByRole('button', { name: 'Chỉ tiêu' })
      .click();
    const targetModal = page.locator('.ant-modal', { hasText: 'Thêm chỉ tiêu' });
    await pick(page, page.getByTestId('target-form-indicator'), 'doi thoai', INDICATOR_NAME);
    await inputOf(page.getByTestId('target-form-value')).fill('50');
    await targetModal.getByText('Hằng năm', { exact: true }).click();
    await targetModal
      .getByLabel('Nội dung chỉ tiêu')
      .fill('Hằng năm có từ 50% doanh nghiệp có CĐCS từ 25 lao động tổ chức đối thoại định kỳ');
    await shot(page, 'custom-measures-target-form');
    await page.getByTestId('target-form-submit').click();
    await expect
      .poll(async () => {
        const items = (await apiGet<ProgressResult>(server.url, '/api/progress', staff.cookie)).items;
        const t = items.find((i) => i.document.id === documentId && i.indicator.code === codes.indicator);
        targetId = t?.targetId ?? 0;
        return t && { unit: t.owner.id, comparator: t.comparator, value: t.targetValue, timing: t.timing.kind };
      })
      .toEqual({ unit: province.id, comparator: '>=', value: 50, timing: 'annual' });
    const indicator = (await apiGet<{ items: IndicatorItem[] }>(server.url, '/api/measures/indicators', admin.cookie)).items.find(
      (i) => i.code === codes.indicator,
    )!;
    expect(indicator.usedBy.some((u) => u.kind === 'target')).toBe(true);
  });

  it('CĐCS Trường THCS Trần Hưng Đạo fills the new field and the required figures of the period, and submits', async () => {
    const page = await signIn('cdcs', 'cdcs.demo');
    await page.getByTestId('nav-reports').click();
    await page.waitForURL('**/bao-cao-dinh-ky');
    await page.getByTestId(`open-report-${FORM}-${period.code}`).click();
    await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
    reportIds.push(Number(page.url().split('/').at(-1)));
    const row = page.getByTestId(`row-${codes.reported}`);
    await row.waitFor();
    expect(await row.innerText()).toContain(`${REPORTED_NAME} (doanh nghiệp)`);
    expect(await page.getByText(`Biểu mẫu phiên bản ${formVersion}`).count()).toBe(1);
    await fillAndSubmit(page, FIGURES.first);
    await shot(page, 'custom-measures-report-submitted');
  });

  it('CĐCS Trường Mầm non Hoa Mai does the same on a 360 px phone; nothing scrolls sideways', async () => {
    pages.phone = await openAs({ server, browser }, SECOND_OFFICER, { width: 360, height: 780 }, secondPassword);
    const { page } = pages.phone;
    await page.goto('/bao-cao-dinh-ky');
    const open = page.getByTestId(`open-report-${FORM}-${period.code}`);
    await open.waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await open.click();
    await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
    reportIds.push(Number(page.url().split('/').at(-1)));
    await page.getByTestId(`row-${codes.reported}`).waitFor();
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await fillAndSubmit(page, FIGURES.second);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await shot(page, 'custom-measures-report-phone');
  });

  it('an earlier period’s report of the same CĐCS keeps its own form: no new field', async () => {
    const page = pages.cdcs!.page;
    await page.goto(`/bao-cao-dinh-ky/${earlierReportId}`);
    await page.getByTestId('row-dissemination_reached').waitFor();
    expect(await page.getByTestId(`row-${codes.reported}`).count()).toBe(0);
    const cdcs = await sessionOf('cdcs.demo');
    const view = await apiGet<ReportView>(server.url, `/api/reports/${earlierReportId}`, cdcs.cookie);
    expect(view.period.code).toBe(earlier.code);
    expect(view.template.version).toBeLessThan(formVersion);
    expect(view.template.sections.flatMap((s) => s.fields.map((f) => f.element))).not.toContain(codes.reported);
    const current = await apiGet<ReportView>(server.url, `/api/reports/${reportIds[0]}`, cdcs.cookie);
    expect(current.template.version).toBe(formVersion);
  });

  it('the commune union accepts both reports from its review tab', async () => {
    const page = await signIn('commune', 'canbo.tanninh');
    await page.getByTestId('nav-reports').click();
    await page.getByTestId('tab-duyet').click();
    for (const id of reportIds) await page.getByTestId(`review-row-${id}`).locator('input[type=checkbox]').check();
    expect(await page.getByTestId('bulk-accept').innerText()).toBe('Duyệt 2 báo cáo đã chọn');
    await shot(page, 'custom-measures-review');
    await page.getByTestId('bulk-accept').click();
    await clickSettled(page.getByTestId('confirm-ok'));
    const commune = await sessionOf('canbo.tanninh');
    await expect
      .poll(async () =>
        Promise.all(reportIds.map(async (id) => (await apiGet<ReportView>(server.url, `/api/reports/${id}`, commune.cookie)).status)),
      )
      .toEqual(['accepted', 'accepted']);
    // Accepted reports leave the list of those waiting.
    await expect.poll(() => page.locator(reportIds.map((id) => `[data-testid="review-row-${id}"]`).join(',')).count()).toBe(0);
  });

  it('the province card on Tổng quan shows 100 × the two CĐCS’ summed figures ÷ the derived count at the province', async () => {
    const page = pages.staff!.page;
    const staff = await sessionOf('canbo.tinh');
    await page.getByTestId('nav-overview').click();
    await page.waitForURL('**/tong-quan');
    // A year's card reads the year's reports, else its latest half-year's: look at the period's year.
    let asOf = todayInVietnam();
    if (period.code.slice(0, 4) !== asOf.slice(0, 4)) {
      asOf = period.end;
      const picker = inputOf(page.getByTestId('dashboard-as-of'));
      await picker.click();
      await picker.fill(viDate(asOf));
      await picker.press('Enter');
    }
    const target = (await apiGet<ProgressResult>(server.url, `/api/progress?asOf=${asOf}`, staff.cookie).then((r) =>
      r.items.find((i) => i.targetId === targetId)!,
    )) as TargetProgress;
    const sum = FIGURES.first.dialogues + FIGURES.second.dialogues;
    const derived = target.elements[codes.derived]!;
    expect(target.elements[codes.reported]).toBe(sum);
    expect(derived).toBeGreaterThan(0);
    // Counted the same way as in the builder's preview (the registries do not change in between).
    if (asOf === todayInVietnam()) expect(derived).toBe(previewDenominator);
    expect(target.reportingUnits).toBe(2);
    const expected = (100 * sum) / derived;
    expect(target.value).toBeCloseTo(expected, 9);

    const card = page.getByTestId(`target-card-${targetId}`);
    await expect.poll(() => card.getByTestId('target-actual').innerText()).toBe(viPercent(expected));
    expect(await card.getByTestId('target-reporting').innerText()).toBe('2 đơn vị đã báo cáo');
    expect(await card.innerText()).toContain(INDICATOR_NAME);
    await shot(page, 'custom-measures-dashboard');
  });

  it('threw no errors in the browsers', () => {
    // antd's deprecation notices ("`message` is deprecated") come only from a non-production bundle:
    // a server started under vitest rebuilds dist/app with NODE_ENV=test when app/ has changed.
    const real = (e: string) => !/status of 401/.test(e) && !/Warning: \[antd: \w+\] `\w+` is deprecated/.test(e);
    for (const [who, opened] of Object.entries(pages)) expect({ who, errors: opened.errors.filter(real) }).toEqual({ who, errors: [] });
  });
});

/** Types the new field and the required figures (Enter moves on), waits for the autosave, then sends the report. */
async function fillAndSubmit(page: Page, figures: Record<string, number>) {
  const { dialogues, ...required } = figures;
  await typeFigure(page, codes.reported, dialogues!);
  await typeFigures(page, required);
  await expect.poll(() => page.locator(`#f-${codes.reported}`).inputValue()).toBe(vi(dialogues!));
  await draftSaved(page, 15_000);
  expect(await page.locator('[data-testid^="error-"]').count()).toBe(0);
  await submitReport(page);
}
