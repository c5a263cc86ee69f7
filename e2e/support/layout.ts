import type { Page } from 'playwright-core';

/** What a phone-width screen got wrong: the page scrolls sideways, or text stands one glyph per line. */
export interface LayoutReport {
  scrollWidth: number;
  innerWidth: number;
  /** The device's width: a phone zooms a too-wide page out, and innerWidth then grows with the page. */
  screenWidth: number;
  /** Text laid out one character (or so) per line: "4 9 . 9 8 7" down a narrow column. */
  verticalTexts: { text: string; lines: number; where: string }[];
  /** Elements whose right edge passes the window (outside any scrolling box): where to look when scrollWidth is too wide. */
  overflowing: { where: string; right: number }[];
  /** Buttons, links and fields cut off at the screen's edge by a box that hides its overflow: they cannot be reached. */
  cutOffControls: { where: string; text: string; left: number; right: number }[];
  /** Buttons, fields and choices a finger must hit that are under 44 px tall (or wide). */
  smallTargets: { where: string; text: string; width: number; height: number }[];
}

/**
 * Runs in the page. A text node's client rects (Range.getClientRects) are one box per line it
 * occupies; a node with at least three letters is "vertical" when it has at least three lines and
 * every line is about one glyph wide (≤ 1.5 em), or as many lines as it has characters.
 * Hidden nodes (a closed drawer, a collapsed menu) are skipped: only what the officer sees counts.
 */
export function readLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(IN_PAGE_LAYOUT_CHECK) as Promise<LayoutReport>;
}

// Plain JavaScript, not a function: tsx and vitest transform functions (esbuild's keepNames adds
// a `__name` helper the page does not have), a string reaches the page as written.
const IN_PAGE_LAYOUT_CHECK = `(() => {
  const describe = (el) => {
    const id = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' ? el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '';
    return el.tagName.toLowerCase() + (id ? '[data-testid=' + id + ']' : '') + (cls ? '.' + cls : '');
  };
  const verticalTexts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent || '';
    const letters = (text.match(/[\\p{L}\\p{N}]/gu) || []).length;
    if (letters < 3) continue;
    const parent = node.parentElement;
    if (!parent || !parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
    if (lines.length < 3) continue;
    const em = parseFloat(getComputedStyle(parent).fontSize) || 14;
    const chars = text.replace(/\\s+/g, '').length;
    if (lines.every((r) => r.width <= 1.5 * em) || lines.length >= chars) {
      verticalTexts.push({ text: text.trim().slice(0, 60), lines: lines.length, where: describe(parent) });
    }
  }
  // A phone browser zooms a too-wide page out, which makes innerWidth the page's width: measure
  // against the device's width (the viewport the test set).
  const width = screen.width;
  const overflowing = [];
  const clipsSideways = (el) => ['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(el).overflowX);
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.right <= width + 1 || rect.width === 0 || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (clipsSideways(a)) { clipped = true; break; }
    }
    // Only the outermost offender: its children overflow because it does.
    if (!clipped && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1)) {
      overflowing.push({ where: describe(el), right: Math.round(rect.right) });
    }
  }
  const cutOffControls = [];
  for (const el of document.body.querySelectorAll('button, a[href], input, textarea, [role=button], .ant-select, .ant-picker, .ant-input-number')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || (rect.right <= width + 1 && rect.left >= -1)) continue;
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    // A tab strip slides its tabs; a box that scrolls keeps what is outside within reach.
    if (el.closest('.ant-tabs-nav')) continue;
    let scrolls = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) { scrolls = true; break; }
    }
    if (!scrolls) cutOffControls.push({ where: describe(el), text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40), left: Math.round(rect.left), right: Math.round(rect.right) });
  }
  const smallTargets = [];
  const TARGETS = '.ant-btn, .ant-select, .ant-picker, .ant-input-affix-wrapper, .ant-input-number, .ant-segmented-item, .ant-drawer-close, .ant-modal-close, .ant-menu-item, .ant-tabs-tab';
  for (const el of document.body.querySelectorAll(TARGETS)) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    // A link styled as a button inside running text is exempt, as in WCAG 2.5.8; so is a field inside a table of many.
    if (el.matches('.ant-btn-link, .ant-btn-text') && el.closest('p, li, .ant-typography')) continue;
    if (rect.height < 43.5 || rect.width < 43.5) {
      smallTargets.push({ where: describe(el), text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 40), width: Math.round(rect.width), height: Math.round(rect.height) });
    }
  }
  return { smallTargets: smallTargets.slice(0, 10), cutOffControls: cutOffControls.slice(0, 10), scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, screenWidth: width, verticalTexts, overflowing: overflowing.slice(0, 10) };
})()`;
