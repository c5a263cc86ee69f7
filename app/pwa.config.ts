import { VitePWA } from 'vite-plugin-pwa';

/**
 * The installable app (issue 20, docs/offline.md): a web app manifest with the Vietnamese name and
 * icons, and a Workbox service worker that precaches the whole built app (every route's code, so a
 * report opens offline even if its screen was never visited) and answers any navigation outside
 * /api with index.html. API answers are not cached here: the app keeps the few it needs offline in
 * IndexedDB, per user (app/offline/device-copy.ts).
 */
export const pwaPlugin = () =>
  VitePWA({
    strategies: 'generateSW',
    registerType: 'autoUpdate',
    // Registered by the app itself (app/offline/register-sw.ts): no inline script for the CSP to allow.
    injectRegister: false,
    filename: 'sw.js',
    manifestFilename: 'manifest.webmanifest',
    includeAssets: ['favicon.svg', 'icons/apple-touch-icon-180.png'],
    manifest: {
      id: '/',
      name: 'Tiến Độ — Theo dõi thực hiện chỉ tiêu Công đoàn',
      short_name: 'Tiến Độ',
      description:
        'Theo dõi thực hiện chỉ tiêu, nghị quyết và báo cáo định kỳ của tổ chức Công đoàn Việt Nam; nhập báo cáo được cả khi mất mạng.',
      lang: 'vi',
      dir: 'ltr',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      orientation: 'any',
      theme_color: '#12355b',
      background_color: '#f3f5f8',
      categories: ['productivity', 'government'],
      icons: [
        { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // Icons, favicon and manifest come in through includeAssets and the manifest (listing them here too would list them twice).
      globPatterns: ['**/*.{js,css,html,woff2}'],
      // antd + React and the chart library are chunks of about 1 MB: precache them too.
      maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
      navigateFallback: '/index.html',
      // The API, its docs and file downloads are the server's, never the app shell.
      navigateFallbackDenylist: [/^\/api(\/|$)/],
      cleanupOutdatedCaches: true,
      // A new version takes over at once: the shell has no state of its own (drafts live in IndexedDB).
      clientsClaim: true,
      skipWaiting: true,
    },
  });
