import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { clickSettled } from './popups.ts';
import { pick } from './select.ts';

/** The CĐCS yearly report open today: this year's from mid-October (union statistics calendar), else last year's. */
export const YEARLY_PERIOD = openPeriods(
  BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!,
  todayInVietnam(),
)[0]!.code;

/** The fee figures the yearly form requires before it can be sent (each collected ≤ its due). */
export const REQUIRED_FEES = {
  union_fee_due: 180_000_000,
  union_fee_collected: 171_500_000,
  dues_due: 45_000_000,
  dues_collected: 44_000_000,
};

/** Types a figure the way a person does (select what is there, type, Enter to the next field). */
export async function typeFigure(page: Page, element: string, value: string | number): Promise<void> {
  const input = page.locator(`#f-${element}`);
  await input.click();
  await input.press('Control+A');
  await input.pressSequentially(String(value));
  await input.press('Enter');
}

/** Types each figure in turn, as `typeFigure`. */
export async function typeFigures(page: Page, figures: Record<string, number>): Promise<void> {
  for (const [element, value] of Object.entries(figures)) await typeFigure(page, element, value);
}

/** On Báo cáo định kỳ, opens the CĐCS's yearly report of `YEARLY_PERIOD` and waits for its form's address: that path. */
export async function openYearlyReport(page: Page): Promise<string> {
  await page.getByTestId(`open-report-cdcs-nam-${YEARLY_PERIOD}`).click();
  await page.waitForURL(/\/bao-cao-dinh-ky\/\d+$/);
  return new URL(page.url()).pathname;
}

export const reportStatus = (page: Page) => page.getByTestId('report-status').innerText();

/** The form says its draft reached the server. */
export const draftSaved = (page: Page, timeout: number) =>
  expect.poll(() => page.getByTestId('report-save-state').innerText(), { timeout }).toMatch(/^Đã lưu nháp lúc/);

/** Gửi, then the question it asks first (what is sent, to whom, and that only a return reopens it); waits for the new status. */
export async function submitReport(page: Page): Promise<void> {
  await page.getByTestId('report-submit').click();
  await clickSettled(page.getByTestId('confirm-ok'));
  await expect.poll(() => reportStatus(page)).toBe('Đã gửi, chờ duyệt');
}

/** The reviewer's Trả lại with its reason; waits for the new status. */
export async function returnReport(page: Page, reason: string): Promise<void> {
  await page.getByTestId('report-return').click();
  await page.getByTestId('reason-input').fill(reason);
  await page.getByTestId('reason-confirm').click();
  await expect.poll(() => reportStatus(page)).toBe('Bị trả lại');
}

/** The reviewer's Duyệt and its confirmation; waits for the new status. */
export async function acceptReport(page: Page): Promise<void> {
  await page.getByTestId('report-accept').click();
  await clickSettled(page.getByTestId('confirm-ok'));
  await expect.poll(() => reportStatus(page)).toBe('Đã duyệt');
}

/** Tổng quan shows this year: early in a year the report still being filled is last year's, so pick its year. */
export async function showYearOnDashboard(page: Page, year: string): Promise<void> {
  if (year === todayInVietnam().slice(0, 4)) return;
  await pick(page, page.getByTestId('dashboard-year'), '', `Năm ${year}`);
}
