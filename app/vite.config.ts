import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { firstLoadChunks, precompressPlugin } from './first-load.config.ts';
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
  plugins: [react(), pwaPlugin(), precompressPlugin()],
  build: {
    outDir: path.join(REPO_ROOT, 'dist', 'app'),
    emptyOutDir: true,
    // The shell (React, antd's core, the layout, Tổng quan) is one file of ~1 MB raw, ~300 kB
    // gzip; the other screens are split by route (first-load.config.ts).
    chunkSizeWarningLimit: 1500,
    rolldownOptions: { output: { codeSplitting: firstLoadChunks } },
  },
  server: {
    proxy: {
      // The API, not the app's own modules under app/api/ (/api/api-client.ts and the like).
      '^/api/(?!.*\\.tsx?(\\?|$))': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
