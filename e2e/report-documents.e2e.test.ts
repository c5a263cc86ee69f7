import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, ProgressResult } from '../app/api/progress.api.ts';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { apiGet } from './support/api.ts';
import { loginInBrowser } from './support/browser.ts';
import { MEMBERS_TARGET, postTarget, startWithProgramme } from './support/programme.ts';
import { docxText, readWorkbook, targetRows } from './support/report-files.ts';
import { stopStage, type LaptopStage, type Session } from './support/session.ts';

const USER = 'canbo.tinh';
const SIGNER = 'Trần Văn Bình';

let { server, browser, opened, page } = {} as LaptopStage;
let officer: Session;
let doc: PlanDocument;

describe('Lập báo cáo: the province officer downloads the report on its programme from Tổng quan and from the document', () => {
  beforeAll(async () => {
    ({ server, browser, opened, page, officer, doc } = await startWithProgramme(USER, {
      symbol: '05/CTr-LĐLĐ',
      title: 'Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn tỉnh nhiệm kỳ 2023–2028',
    }));
    await postTarget(server.url, officer, doc.id, MEMBERS_TARGET);
    await postTarget(server.url, officer, doc.id, {
      indicatorCode: 'agreements_share',
      comparator: '>=',
      value: 85,
      deadlineYear: 2028,
      subject: 'CĐCS ký được thỏa ước',
    });
  });

  afterAll(() => stopStage({ server, browser }));

  it('drafts the Word report with the figures shown on Tổng quan and the signer typed in', async () => {
    await loginInBrowser(page, USER, DEMO_PASSWORD);
    await page.getByTestId('target-grid').waitFor();
    await page.getByTestId('report-document-open').click();
    await page.getByTestId('report-document-signer').fill(SIGNER);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-document-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/^bao-cao-TNI-\d{4}(-H[12])?\.docx$/);
    const text = await docxText(await fs.readFile((await download.path())!));
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
    const book = await readWorkbook(await fs.readFile((await download.path())!));
    expect(book.worksheets.map((w) => w.name)).toEqual(['Chỉ tiêu', 'Theo đơn vị', 'Tình hình báo cáo', 'Nhiệm vụ']);
    const rows = targetRows(book);
    const progress = await apiGet<ProgressResult>(
      server.url,
      `/api/progress?unitId=${officer.me.unit.id}&documentId=${doc.id}`,
      officer.cookie,
    );
    expect(rows.map((r) => r[4])).toEqual(progress.items.map((i) => (i.indicator.unit === 'percent' ? i.value! / 100 : i.value)));
    expect(opened.errors).toEqual([]);
  });
});
