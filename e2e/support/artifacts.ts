import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** e2e/artifacts/: what the e2e files leave behind for a person to look at (screenshots, downloads). */
export const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** What the page shows, saved as e2e/artifacts/<name>.png: the whole page unless `fullPage` is false. */
export async function saveShot(page: Page, name: string, fullPage = true): Promise<void> {
  await fs.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}
