import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { writeMemberFile } from '../test/support/member-files.ts';
import { apiGet } from './support/api.ts';
import { saveShot } from './support/artifacts.ts';
import { loginInBrowser } from './support/browser.ts';
import { readRows, saveDownload, startRegistryStage, stopRegistryStage, type RegistryStage } from './support/tables.ts';
import { clickSettled } from './support/popups.ts';
import { pick } from './support/select.ts';

const USER = 'canbo.tinh';
const COMMUNE = 'Công đoàn phường Trảng Bàng';

// The name column has a title the server cannot recognise, so the officer maps it by hand.
const COLUMNS = [
  { key: 'code', title: 'Mã CĐCS' },
  { key: 'name', title: 'Tên cơ sở thành viên' },
  { key: 'sector', title: 'Khu vực' },
  { key: 'founded', title: 'Ngày thành lập' },
];
const ROWS = [
  { code: 'TNI-P05-9701', name: 'Công đoàn cơ sở Công ty TNHH Dệt Gia Lộc', sector: 'FDI', founded: '12/05/2025' },
  { code: 'TNI-P05-9702', name: 'Công đoàn cơ sở Trường Mầm non Hoa Sen', sector: 'Hành chính sự nghiệp', founded: '01/09/2024' },
  { code: 'TNI-P05-9703', name: 'Công đoàn cơ sở Hợp tác xã Vũ Trụ', sector: 'Hợp tác xã vũ trụ', founded: '01/01/2025' },
];

let { server, browser, opened, page, cookie, communeId, work } = {} as RegistryStage;
/** The file the officer chose: its name is in the question before Nhập chính thức. */
let uploaded = '';

const shot = (name: string, fullPage = true) => saveShot(page, name, fullPage);

/** The workers shown on the employers page, top to bottom (null where the count is unknown). */
async function workersOnPage(): Promise<(number | null)[]> {
  const cells = await page.locator('[data-testid^="employer-workers-"]').allInnerTexts();
  return cells.map((text) => {
    const first = text.trim().split('\n')[0]!.trim();
    return /^\d/.test(first) ? Number(first.replace(/\./g, '')) : null;
  });
}

describe('registries: an officer imports CĐCS from Excel through the mapping step and sorts employers by workers', () => {
  beforeAll(async () => {
    ({ server, browser, opened, page, cookie, communeId, work } = await startRegistryStage(
      USER,
      'registry-imports',
      'Trảng Bàng',
      COMMUNE,
    ));
    expect(communeId).toBeGreaterThan(0);
  });

  afterAll(() => stopRegistryStage({ server, browser, work }));

  it('opens "Nhập từ Excel" from the CĐCS list, maps the unrecognised column and reads the dry-run report', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    await page.getByTestId('nav-grassroots').click();
    await page.waitForURL('**/cong-doan-co-so');
    await page.getByTestId('grassroots-import').click();
    await page.waitForURL('**/cong-doan-co-so/nhap');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Nhập công đoàn cơ sở từ Excel');

    const unit = page.getByTestId('import-unit');
    await unit.click();
    await unit.locator('input').fill('trang bang');
    await page.getByTestId(`unit-option-${communeId}`).click();
    uploaded = await writeMemberFile(ROWS, 'xlsx', COLUMNS);
    await page.locator('input[type=file]').setInputFiles(uploaded);
    await page.getByTestId('import-file-name').waitFor();
    await page.getByTestId('import-dry-run').click();

    // The server names the missing column; the officer says which column of the file holds it.
    const mapping = page.getByTestId('import-mapping');
    await mapping.waitFor();
    expect(await mapping.innerText()).toContain('Tệp thiếu cột bắt buộc: Tên công đoàn cơ sở');
    expect(await page.getByTestId('import-mapping-missing').innerText()).toContain('Tên công đoàn cơ sở');
    await pick(page, page.getByTestId('import-mapping-1'), '', 'Tên công đoàn cơ sở (bắt buộc)');
    await expect.poll(() => page.getByTestId('import-mapping-missing').count()).toBe(0);
    await shot('registry-imports-mapping');
    await page.getByTestId('import-mapping-submit').click();

    await page.getByTestId('import-dry-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-dry-report').innerText()).toContain('chưa ghi gì vào danh sách công đoàn cơ sở');
    expect(await page.getByTestId('import-accounting').innerText()).toBe('Đọc 3 dòng = sẽ thêm 2 + sẽ sửa 0 + giữ nguyên 0 + từ chối 1');
    const rejections = await page.getByTestId('import-rejections').locator('tbody tr').allInnerTexts();
    expect(rejections).toHaveLength(1);
    // Row 4 as Excel shows it (the header is row 1), the row's name, the column as titled in the file, the reason in Vietnamese.
    expect(rejections[0]).toMatch(/^4\s+Công đoàn cơ sở Hợp tác xã Vũ Trụ\s+Khu vực\s+Không hiểu khu vực "Hợp tác xã vũ trụ"/);
    await shot('registry-imports-dry-run');
  });

  it('imports for real, offers the rejected row to fix, and the new CĐCS are in the list and its export', async () => {
    await page.getByTestId('import-run').click();
    // Nhập chính thức asks first: 2 written, 1 left out, as the dry run said.
    const question = page.locator('.confirm-action');
    await question.waitFor();
    expect(await question.innerText()).toContain(
      `Nhập chính thức 2 công đoàn cơ sở từ tệp ${path.basename(uploaded)} vào danh sách công đoàn cơ sở của ${COMMUNE}?`,
    );
    expect(await question.innerText()).toContain('1 dòng bị từ chối sẽ không được nhập');
    await clickSettled(page.getByTestId('confirm-ok'));
    await page.getByTestId('import-final-report').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-accounting').innerText()).toBe('Đọc 3 dòng = thêm 2 + sửa 0 + giữ nguyên 0 + từ chối 1');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-rejections-xlsx').click()]);
    const rejectedFile = await saveDownload(download, work);
    const [header, ...rows] = await readRows(rejectedFile);
    expect(header).toEqual(['Mã CĐCS', 'Tên cơ sở thành viên', 'Khu vực', 'Ngày thành lập', 'Lỗi', 'Dòng trong tệp gốc']);
    expect(rows).toHaveLength(1);
    expect(rows[0]![0]).toBe('TNI-P05-9703');
    expect(rows[0]![4]).toContain('Không hiểu khu vực');

    await page.getByTestId('import-back').click();
    await page.waitForURL('**/cong-doan-co-so');
    await page.getByTestId('grassroots-search').fill('det gia loc');
    await expect
      .poll(() => page.getByTestId('grassroots-table').locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringContaining('Công ty TNHH Dệt Gia Lộc')]);
    await page.getByTestId('grassroots-export').hover();
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('grassroots-export-xlsx').click()]);
    const exportFile = await saveDownload(exported, work);
    const [exportHeader, ...exportRows] = await readRows(exportFile);
    expect(exportHeader![0]).toBe('Mã CĐCS');
    expect(exportRows.map((r) => r[0])).toEqual(['TNI-P05-9701']);
  });

  it('sorts the employers list by workers, largest first, across pages, from the column header', async () => {
    await page.getByTestId('nav-employers').click();
    await page.waitForURL('**/doanh-nghiep');
    await page.locator('[data-testid^="employer-workers-"]').first().waitFor();
    const byName = await page.getByTestId('employers-table').locator('tbody tr').first().innerText();

    await page.getByRole('columnheader', { name: 'Lao động' }).click();
    await expect.poll(() => page.getByTestId('employers-table').getAttribute('data-sort')).toBe('workers');
    await expect.poll(() => page.getByTestId('employers-table').locator('tbody tr').first().innerText()).not.toBe(byName);
    const largest = await apiGet<{ items: { workers: number }[] }>(server.url, '/api/employers?sort=workers&limit=1', cookie);
    const first = await workersOnPage();
    expect(first).toHaveLength(50);
    expect(first[0]).toBe(largest.items[0]!.workers);
    const known = first.filter((w): w is number => w !== null);
    expect(known).toEqual([...known].sort((a, b) => b - a));
    await shot('registry-imports-employers-by-workers', false);

    // The next page carries on in the same order: never larger than the last row of page 1.
    const firstIds = await page
      .locator('[data-testid^="employer-workers-"]')
      .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-testid')));
    await page.getByTestId('employers-table-next').click();
    await expect.poll(() => page.getByTestId('employers-table-range').innerText()).toBe('Dòng 51–100');
    // The range label can change before the rows do: wait for page 2's own rows.
    await expect
      .poll(async () => {
        const ids = await page
          .locator('[data-testid^="employer-workers-"]')
          .evaluateAll((cells) => cells.map((c) => c.getAttribute('data-testid')));
        return ids.length > 0 && ids.every((id) => !firstIds.includes(id));
      })
      .toBe(true);
    const second = await workersOnPage();
    const lastOfFirst = first.at(-1)!;
    // Unknown counts come last: after one, only unknown counts follow.
    if (lastOfFirst === null) expect(second[0]).toBeNull();
    else expect(second[0] === null || second[0]! <= lastOfFirst).toBe(true);
    // The one 400 is the server refusing the file before the mapping step: the browser logs it.
    expect(opened.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(opened.errors.filter((e) => e.includes('status of 400'))).toHaveLength(1);
  });
});
