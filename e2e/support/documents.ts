import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildDocx } from '../../server/documents/intake/intake-test-fixtures.ts';

const SOURCE_000 = new URL('../../../shared/documents/000_695bf227987f6204.txt', import.meta.url);

/** A seed document's text as a Word file in a fresh temporary folder, one paragraph per line as officers type it. */
export async function writeSeedDocx(source: URL, fileName: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tiendo-docx-'));
  const file = path.join(dir, fileName);
  await fs.writeFile(file, await buildDocx(await fs.readFile(source, 'utf8')));
  return file;
}

/** The real programme 05/CTr-LĐLĐ as a Word file. */
export const writeProgrammeDocx = (fileName: string) => writeSeedDocx(SOURCE_000, fileName);

/** On Văn bản & chỉ tiêu: *Tải văn bản lên*, the file, *Tải lên và đọc văn bản* (the caller waits for what follows). */
export async function submitUpload(page: Page, file: string): Promise<void> {
  await page.getByTestId('document-upload').click();
  await page.locator('.ant-modal input[type=file]').setInputFiles(file);
  await page.getByTestId('upload-submit').click();
}

/** From the menu to Văn bản & chỉ tiêu, uploads the file and waits for its review: the new document's id. */
export async function uploadAndOpenReview(page: Page, file: string): Promise<number> {
  await page.getByTestId('nav-documents').click();
  await page.waitForURL('**/van-ban-chi-tieu');
  await submitUpload(page, file);
  await page.waitForURL(/\/van-ban-chi-tieu\/\d+\/ra-soat$/, { timeout: 60_000 });
  return Number(/\/van-ban-chi-tieu\/(\d+)\//.exec(page.url())![1]);
}
