import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Whether the element or a popup around it is still moving in: antd animates modals, confirms and dropdowns in
 * with motion classes (ant-zoom-appear, ant-slide-up-enter-active…) that it removes once the motion ends.
 */
const movingIn = (element: Element): boolean => {
  for (let node: Element | null = element; node; node = node.parentElement)
    for (const name of node.classList) if (/-(appear|enter)(-prepare|-start|-active)?$/.test(name)) return true;
  return false;
};

/** Waits until the element is shown and no popup around it is still moving in. */
export async function settled(target: Locator): Promise<void> {
  await target.waitFor();
  await expect.poll(() => target.evaluate(movingIn)).toBe(false);
}

/**
 * Clicks an element of a popup (a confirm's button, a menu item) once the popup has finished moving in. In CI a
 * click during that motion was lost now and then: the confirm stayed open, the menu item did nothing.
 */
export async function clickSettled(target: Locator): Promise<void> {
  await settled(target);
  await target.click();
}
