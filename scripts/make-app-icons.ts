/**
 * Draws the installable app's icons (app/public/icons/*.png) from the favicon's picture, with
 * Debian's Chromium: no image library to install, and the PNGs are committed, so this runs only
 * when the picture changes: `node --import tsx scripts/make-app-icons.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../e2e/support/browser.ts';

const OUT = fileURLToPath(new URL('../app/public/icons/', import.meta.url));
const BLUE = '#1d4e89';
const LINE =
  '<path d="M8 22 L14 14 L18 18 L24 10" stroke="#fff" stroke-width="3" fill="none" stroke-linecap="round" stroke-linejoin="round"/>';

/** The favicon: a rounded tile, the rising line filling it. */
const anyIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${BLUE}"/>${LINE}</svg>`;
// A maskable icon is cut to any shape (circle, squircle) by the launcher: the tile fills the
// whole square and the line stays inside the central safe zone (a circle of 40 % radius).
const maskableIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BLUE}"/><g transform="translate(16 16) scale(0.62) translate(-16 -16)">${LINE}</g></svg>`;

const ICONS = [
  { file: 'icon-192.png', size: 192, svg: anyIcon },
  { file: 'icon-512.png', size: 512, svg: anyIcon },
  { file: 'icon-maskable-512.png', size: 512, svg: maskableIcon },
  { file: 'apple-touch-icon-180.png', size: 180, svg: maskableIcon },
];

const browser = await launchBrowser();
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const html = `<html><body style="margin:0;background:transparent">${icon.svg.replace('<svg ', `<svg width="${icon.size}" height="${icon.size}" `)}</body></html>`;
    await page.setContent(html);
    await page.screenshot({
      path: path.join(OUT, icon.file),
      omitBackground: true,
      clip: { x: 0, y: 0, width: icon.size, height: icon.size },
    });
    await page.close();
    console.log(`${icon.file}: ${icon.size}×${icon.size}`);
  }
} finally {
  await browser.close();
}
