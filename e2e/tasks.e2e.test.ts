import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { BUILTIN_TEMPLATES } from '../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../domain/reporting/report-template.ts';
import { todayInVietnam } from '../domain/time/calendar-date.ts';
import type { ReviewTasks, RollUp, TaskDetail } from '../app/api/tasks.api.ts';
import { buildPdf } from '../server/documents/intake/intake-test-fixtures.ts';
import type { OrgUnitList } from '../server/org/org.schema.ts';
import { apiGet, apiLogin, apiPost } from './support/api.ts';
import { loginInBrowser, openPage, openPhonePage, type OpenedPage } from './support/browser.ts';
import { uploadAndOpenReview, writeSeedDocx } from './support/documents.ts';
import { pick } from './support/select.ts';
import { apiSession, openAs, startStage, stopStage } from './support/session.ts';
import type { TestServer } from './support/test-server.ts';

const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));
const SEED_003 = new URL('../../shared/documents/003_4e25b5efc129902e.txt', import.meta.url);
const NEW_PASSWORD = 'Nhiem-vu-e2e-2026-an-toan';
// The commune unions' yearly report open today; the task's deadline lies in its period and has passed.
const PERIOD = openPeriods(
  BUILTIN_TEMPLATES.find((t) => t.code === 'cap-tren-co-so-nam')!,
  todayInVietnam(),
)[0]!;
const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
const DEADLINE = [PERIOD.end, addDays(todayInVietnam(), -5)].sort()[0]!;
const viDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const EDITED_TITLE = 'Tổ chức quán triệt Nghị quyết số 43-NQ/TW đến toàn thể cán bộ, đoàn viên, người lao động';
const COMMENTS = {
  done: 'Đã tổ chức 3 hội nghị quán triệt cho 420 đoàn viên.',
  inProgress: 'Đã quán triệt ở 12/20 CĐCS, còn lại hoàn thành trong tháng tới.',
  late: 'Chậm do sắp xếp lại CĐCS sau sáp nhập, sẽ tổ chức trong quý tới.',
};

let server: TestServer;
let browser: Browser;
let province: OpenedPage;
let documentId = 0;
let taskId = 0;
const communes: Record<'tanNinh' | 'binhMinh' | 'longHoa', { id: number; name: string; username: string; password: string; pdf: string }> =
  {} as never;
const pdfBytes = new Map<string, Buffer>();

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
async function writePdf(name: string, pages: number): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-evidence-'));
  const file = path.join(dir, name);
  const bytes = buildPdf(pages, true);
  await fs.writeFile(file, bytes);
  pdfBytes.set(name, bytes);
  return file;
}

/** What the server says of the task seen as a unit. */
const taskAs = (cookie: string, unitId?: number) =>
  apiGet<TaskDetail>(server.url, `/api/tasks/${taskId}${unitId ? `?unitId=${unitId}` : ''}`, cookie);

/** The commune's account (an administrator creates it; its first password is changed through the API, as the officer would on first login). */
async function communeAccount(admin: { cookie: string; csrfToken: string }, unitId: number, username: string): Promise<string> {
  const { temporaryPassword } = await apiPost<{ temporaryPassword: string }>(
    server.url,
    '/api/users',
    { username, fullName: `Cán bộ ${username}`, unitId, roles: ['union_staff'] },
    admin,
  );
  const officer = await apiSession(server.url, username, temporaryPassword);
  await apiPost(server.url, '/api/auth/change-password', { currentPassword: temporaryPassword, newPassword: NEW_PASSWORD }, officer);
  return NEW_PASSWORD;
}

/** Reads a download the page starts with `click`. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return fs.readFile((await download.path())!);
}

/** From Nhiệm vụ của đơn vị: the task's card, Báo cáo trạng thái, the status and comment (saved): the dialog, now taking evidence. */
async function setStatusFromMyTasks(page: Page, status: string, comment: string): Promise<Locator> {
  await page.goto('/nhiem-vu');
  await page.getByTestId(`task-report-${taskId}`).click();
  const modal = page.getByTestId('status-modal');
  await modal.getByTestId('status-choice').waitFor();
  expect(await modal.getByTestId('status-period').innerText()).toContain(`Năm ${PERIOD.code}`);
  await modal.getByText(status, { exact: true }).click();
  await modal.getByTestId('status-comment-input').fill(comment);
  await modal.getByTestId('status-save').click();
  await modal.getByTestId('status-saved').waitFor();
  return modal;
}

/** Attaches a file in the status dialog and waits for it in the list. */
async function attach(modal: Locator, file: string) {
  await modal.locator('input[type=file]').setInputFiles(file);
  await modal.getByTestId('task-evidence').getByText(path.basename(file)).waitFor();
}

describe('Nhiệm vụ: a plan of tasks read from a document, given to three communes, reported with evidence, rolled up at the province', () => {
  beforeAll(async () => {
    ({ server, browser } = await startStage());
    await fs.mkdir(ARTIFACTS, { recursive: true });
    const admin = await apiSession(server.url, 'quantri');
    const children = await apiGet<OrgUnitList>(
      server.url,
      `/api/org/units/${admin.me.unit.id}/children?asOf=${todayInVietnam()}`,
      admin.cookie,
    );
    const unit = (code: string) => children.items.find((u) => u.code === code)!;
    communes.tanNinh = {
      ...unit('TNI-P01'),
      username: 'canbo.tanninh',
      password: DEMO_PASSWORD,
      pdf: await writePdf('bien-ban-tan-ninh.pdf', 1),
    };
    communes.binhMinh = { ...unit('TNI-P02'), username: 'canbo.binhminh', password: '', pdf: await writePdf('bao-cao-binh-minh.pdf', 2) };
    communes.longHoa = { ...unit('TNI-P03'), username: 'canbo.longhoa', password: '', pdf: await writePdf('ke-hoach-long-hoa.pdf', 3) };
    communes.binhMinh.password = await communeAccount(admin, communes.binhMinh.id, communes.binhMinh.username);
    communes.longHoa.password = await communeAccount(admin, communes.longHoa.id, communes.longHoa.username);
  });

  afterAll(() => stopStage({ server, browser }));

  it('the province uploads plan 63/KH-LĐLĐ (seed 003) as .docx and confirms its tasks: one edited (deadline passed), one dropped, two merged', async () => {
    province = await openAs({ server, browser }, 'canbo.tinh');
    const page = province.page;
    documentId = await uploadAndOpenReview(page, await writeSeedDocx(SEED_003, 'KH 63-KH-LĐLĐ.docx'));
    const cookie = await apiLogin(server.url, 'canbo.tinh', DEMO_PASSWORD);
    const read = await apiGet<ReviewTasks>(server.url, `/api/documents/${documentId}/tasks`, cookie);
    expect(read.items.length).toBe(28);

    await page.getByRole('tab', { name: /^Nhiệm vụ/ }).click();
    await page.getByTestId('review-task-task-0').waitFor();
    await page.getByTestId('review-task-title-task-0').fill(EDITED_TITLE);
    await page.getByTestId('review-task-lead-task-0').fill('Ban Tuyên giáo - Nữ công');
    await pick(page, page.getByTestId('review-task-timing-task-0-kind'), '', 'Có hạn (ngày)');
    const day = page.getByTestId('review-task-timing-task-0-deadline').locator('xpath=descendant-or-self::input');
    await day.click();
    await day.fill(viDate(DEADLINE));
    await day.press('Enter');
    await page.getByTestId('review-task-drop-task-1').click();
    await page.getByTestId('review-task-choose-task-2').check();
    await page.getByTestId('review-task-choose-task-3').check();
    await page.getByTestId('review-tasks-merge').click();
    expect(await page.getByTestId('review-tasks-counts').innerText()).toBe('26 sẽ xác nhận · 1 bỏ');
    await shot(page, 'tasks-review');
    await page.getByTestId('review-tasks-confirm').click();

    await expect
      .poll(async () => {
        const r = await apiGet<ReviewTasks>(server.url, `/api/documents/${documentId}/tasks`, cookie);
        return [
          r.items.filter((i) => i.confirmedTaskId !== null).length,
          r.items[1]!.confirmedTaskId,
          r.items[2]!.confirmedTaskId === r.items[3]!.confirmedTaskId,
        ];
      })
      .toEqual([27, null, true]);
    await expect.poll(() => page.getByTestId('review-tasks-counts').innerText()).toBe('0 sẽ xác nhận · 1 bỏ · 27 đã xác nhận');
    taskId = (await apiGet<ReviewTasks>(server.url, `/api/documents/${documentId}/tasks`, cookie)).items[0]!.confirmedTaskId!;
    const task = await taskAs(cookie);
    expect([task.title, task.lead?.name, task.timing.deadline, task.source?.items]).toEqual([
      EDITED_TITLE,
      'Ban Tuyên giáo - Nữ công',
      DEADLINE,
      [0],
    ]);
  });

  it('opens the task and gives it to three communes (the picker lists the province’s children only)', async () => {
    const page = province.page;
    await page.getByTestId('review-task-task-0').getByRole('link', { name: 'Xem nhiệm vụ' }).click();
    await page.waitForURL(`**/nhiem-vu/${taskId}`);
    expect(await page.getByTestId('task-title').innerText()).toBe(EDITED_TITLE);
    expect(await page.getByTestId('task-quote').innerText()).toContain('Tiếp tục quán triệt sâu sắc');
    await page.getByTestId('task-assign').click();
    const units = page.getByTestId('assign-units');
    for (const c of Object.values(communes)) await pick(page, units, c.name.replace('Công đoàn phường ', ''), c.name);
    // Closing the list as a user does: a click beside it.
    await page.locator('.ant-modal-title', { hasText: 'Giao nhiệm vụ' }).click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    expect(await page.getByTestId('assign-save').innerText()).toBe('Giao cho 3 đơn vị');
    await page.getByTestId('assign-save').click();
    await expect.poll(() => page.getByTestId('rollup-share').innerText()).toBe('0/3 hoàn thành (0%)');
    for (const c of Object.values(communes)) expect(await page.getByTestId(`rollup-overdue-${c.id}`).isVisible()).toBe(true);
  });

  it('Tân Ninh reports it done from its own tasks, with a comment; a file that is not a PDF is refused in the server’s words, then the PDF is taken', async () => {
    const { page } = await openPage(browser, server.url);
    await loginInBrowser(page, communes.tanNinh.username, communes.tanNinh.password);
    await page.getByTestId('nav-tasks').click();
    await page.waitForURL('**/nhiem-vu');
    // A commune lands on the tasks given to it.
    await page.getByTestId('my-tasks').waitFor();
    expect(await page.getByTestId(`task-card-${taskId}`).getByTestId('task-overdue').innerText()).toBe(`Quá hạn (${viDate(DEADLINE)})`);

    const modal = await setStatusFromMyTasks(page, 'Hoàn thành', COMMENTS.done);
    const fake = path.join(path.dirname(communes.tanNinh.pdf), 'bien-ban-gia.pdf');
    await fs.writeFile(fake, 'Đây là văn bản thường, không phải tệp PDF.');
    await modal.locator('input[type=file]').setInputFiles(fake);
    await expect
      .poll(() => modal.getByTestId('evidence-error').innerText())
      .toBe(
        'Tệp minh chứng phải là tệp PDF hoặc Word (.docx) hoặc Excel (.xlsx) hoặc ảnh PNG hoặc ảnh JPEG; hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp.',
      );
    await attach(modal, communes.tanNinh.pdf);
    await shot(page, 'tasks-status-evidence');
    await modal.getByTestId('status-done').click();
    await expect.poll(() => page.getByTestId(`task-card-${taskId}`).getByTestId('task-status').innerText()).toMatch(/^Hoàn thành · \d{4}/);
    expect(await page.getByTestId(`task-card-${taskId}`).getByTestId('task-overdue').count()).toBe(0);
  });

  it('Bình Minh, on a 360 px phone, reports it in progress with a comment and a PDF; nothing scrolls sideways', async () => {
    const { context, page, errors } = await openPhonePage(browser, server.url, { width: 360, height: 780 });
    try {
      await loginInBrowser(page, communes.binhMinh.username, communes.binhMinh.password);
      const modal = await setStatusFromMyTasks(page, 'Đang thực hiện', COMMENTS.inProgress);
      await attach(modal, communes.binhMinh.pdf);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, 'tasks-phone-status');
      await modal.getByTestId('status-done').click();
      await expect.poll(() => page.getByTestId(`task-card-${taskId}`).getByTestId('task-status').innerText()).toMatch(/^Đang thực hiện/);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, 'tasks-phone-my-tasks');

      await page.getByTestId(`task-open-${taskId}`).click();
      await page.waitForURL(`**/nhiem-vu/${taskId}?donVi=${communes.binhMinh.id}`);
      await expect.poll(() => page.getByTestId('task-own-status').getByTestId('status-comment').innerText()).toBe(COMMENTS.inProgress);
      expect(await page.getByTestId('task-own-status').getByText('bao-cao-binh-minh.pdf').isVisible()).toBe(true);
      expect(await pageWidth(page)).toBeLessThanOrEqual(360);
      await shot(page, 'tasks-phone-task-page');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('Long Hoa first says not started, then sets it late in its periodic report form with a comment and a PDF; it stays overdue', async () => {
    const { page } = await openPage(browser, server.url);
    await loginInBrowser(page, communes.longHoa.username, communes.longHoa.password);
    const modal = await setStatusFromMyTasks(page, 'Chưa triển khai', 'Chưa tổ chức.');
    await modal.getByTestId('status-done').click();

    // The report of the period the status was set for carries the task; the status is set again there.
    await page.getByTestId('nav-reports').click();
    await page.getByTestId(`open-report-cap-tren-co-so-nam-${PERIOD.code}`).click();
    await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
    const row = page.getByTestId(`report-task-${taskId}`);
    await row.waitFor();
    expect(await row.getByTestId(`report-task-status-${taskId}`).innerText()).toBe('Chưa triển khai');
    await pick(page, row.getByTestId(`report-task-status-${taskId}`), '', 'Chậm');
    await row.getByTestId(`report-task-comment-${taskId}`).fill(COMMENTS.late);
    await row.getByTestId(`report-task-save-${taskId}`).click();
    await row.locator('input[type=file]').waitFor({ state: 'attached' });
    await row.locator('input[type=file]').setInputFiles(communes.longHoa.pdf);
    await expect.poll(() => row.innerText()).toContain('1 tệp minh chứng');
    await shot(page, 'tasks-report-form');
    const longHoa = await taskAs(await apiLogin(server.url, communes.longHoa.username, communes.longHoa.password), communes.longHoa.id);
    expect([longHoa.viewedAs.assignment.status, longHoa.viewedAs.assignment.statusPeriod, longHoa.viewedAs.assignment.overdue]).toEqual([
      'late',
      PERIOD.code,
      true,
    ]);
    // The history keeps the first status of the period, superseded.
    expect(longHoa.viewedAs.assignment.statuses.map((x) => [x.status, x.isCurrent])).toEqual([
      ['late', true],
      ['not_started', false],
    ]);
  });

  it('the province sees 1/3 completed, the unfinished communes flagged overdue, and downloads each commune’s evidence as sent', async () => {
    const page = province.page;
    await page.goto(`/nhiem-vu/${taskId}`);
    await expect.poll(() => page.getByTestId('rollup-share').innerText()).toBe('1/3 hoàn thành (33,3%)');
    // The deadline has passed: a commune still at work (đang thực hiện, chậm) is overdue; the one done is not.
    expect(await page.getByTestId('rollup-overdue-count').innerText()).toBe('2 đơn vị quá hạn');
    expect(await page.getByTestId(`rollup-overdue-${communes.longHoa.id}`).isVisible()).toBe(true);
    expect(await page.getByTestId(`rollup-overdue-${communes.binhMinh.id}`).isVisible()).toBe(true);
    expect(await page.getByTestId(`rollup-overdue-${communes.tanNinh.id}`).count()).toBe(0);
    expect(await page.getByTestId(`rollup-comment-${communes.longHoa.id}`).innerText()).toBe(COMMENTS.late);
    const cookie = await apiLogin(server.url, 'canbo.tinh', DEMO_PASSWORD);
    const rollUp = await apiGet<RollUp>(server.url, `/api/tasks/${taskId}/rollup`, cookie);
    expect(rollUp.counts).toMatchObject({ assignees: 3, completed: 1, overdue: 2, byStatus: { done: 1, in_progress: 1, late: 1 } });
    await shot(page, 'tasks-province-rollup');

    for (const c of [communes.tanNinh, communes.longHoa]) {
      await page.getByTestId(`rollup-open-${c.id}`).click();
      const drawer = page.getByTestId('assignment-drawer');
      const link = drawer.getByRole('link', { name: path.basename(c.pdf) });
      await link.waitFor();
      expect(await drawer.getByTestId('status-comment').first().innerText()).toBe(c === communes.tanNinh ? COMMENTS.done : COMMENTS.late);
      const bytes = await downloaded(page, () => link.click());
      expect(bytes.equals(pdfBytes.get(path.basename(c.pdf))!)).toBe(true);
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
    }
  });

  it('the province’s list filters the overdue tasks, shows the share and exports the list as Excel; Tổng quan shows the task among the overdue', async () => {
    const page = province.page;
    await page.getByTestId('nav-tasks').click();
    await page.getByTestId('task-list').waitFor();
    await page.getByTestId('tasks-overdue').click();
    await expect.poll(() => page.locator('[data-testid^="task-row-"]').count()).toBe(1);
    const row = page.getByTestId(`task-row-${taskId}`);
    expect(await row.getByTestId('task-assignees').innerText()).toMatch(/^1\/3 hoàn thành \(33,3%\)\s*2 quá hạn$/);
    await shot(page, 'tasks-province-list');
    await page.getByTestId('tasks-export').hover();
    const xlsx = await downloaded(page, () => page.getByTestId('tasks-export-xlsx').click());
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

    await page.getByTestId('nav-overview').click();
    await expect.poll(() => page.getByTestId('task-deadlines-overdue').innerText()).toContain(EDITED_TITLE);
    expect(province.errors).toEqual([]);
  });
});
