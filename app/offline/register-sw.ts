/**
 * Registers the service worker that keeps the app shell (HTML, scripts, styles, icons) on the
 * device, so the app starts without a network (built by vite-plugin-pwa into dist/app/sw.js; the
 * dev server has none, and a failed registration leaves the app working online as before).
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => undefined);
  });
}
