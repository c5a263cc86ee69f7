import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { settled } from './popups.ts';

/** The dropdown an antd Select's combobox controls, once it has finished sliding in. */
async function ownDropdown(page: Page, combobox: Locator): Promise<Locator> {
  const list = await combobox.getAttribute('aria-controls');
  // Ids are not unique in every build (a test-mode bundle names every list "test-id_list"): the open one.
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)', { has: page.locator(`[id="${list}"]`) });
  await expect.poll(() => dropdown.count()).toBe(1);
  // A click on an option while the list is still sliding in is lost (the list stays open, nothing is chosen).
  await settled(dropdown);
  return dropdown;
}

/** Opens an antd Select (unless it is open already) and returns its own dropdown. */
export async function openSelect(page: Page, select: Locator): Promise<{ dropdown: Locator; combobox: Locator }> {
  const combobox = select.locator('input[role=combobox]');
  if ((await combobox.getAttribute('aria-expanded')) !== 'true') await select.click();
  await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('true');
  return { dropdown: await ownDropdown(page, combobox), combobox };
}

/**
 * An antd Select as a user works it: open it, type to narrow (accents optional), pick the option, and wait until
 * the pick took. A single select closes; a multiple one stays open with the option's tag added, so the next
 * pick types into the same search box (which the pick cleared).
 */
export async function pick(page: Page, select: Locator, typed: string, option: string | RegExp): Promise<void> {
  const { dropdown, combobox } = await openSelect(page, select);
  if (typed) await combobox.fill(typed);
  const item = dropdown.locator('.ant-select-item-option', { hasText: option }).first();
  await item.click();
  const multiple = (await select.getAttribute('class'))?.includes('ant-select-multiple') ?? false;
  // The chosen option's tag, present even when a responsive select folds it into "+ N" (a long list is virtual:
  // the option itself may scroll out of the DOM once the search clears).
  if (multiple) await expect.poll(() => select.locator('.ant-select-selection-item', { hasText: option }).count()).toBeGreaterThan(0);
  else await expect.poll(() => combobox.getAttribute('aria-expanded')).toBe('false');
}
