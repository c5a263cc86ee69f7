import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { pwaPlugin } from './pwa.config.ts';

const APP_ROOT = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(APP_ROOT, '..');

/**
 * The web app is built into dist/app, which the Fastify server serves (and falls back to
 * index.html for client-side routes). In development `npm run dev:app` proxies /api to a
 * server started with `npm start`.
 */
export default defineConfig({
  root: APP_ROOT,
  base: '/',
  plugins: [react(), pwaPlugin()],
  build: {
    outDir: path.join(REPO_ROOT, 'dist', 'app'),
    emptyOutDir: true,
    // antd + React are one large vendor chunk (~1 MB raw, ~300 kB gzip) served once from the
    // same origin on an intranet; screens are split with React.lazy.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
