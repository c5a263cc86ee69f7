import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * How the app reaches a phone on a slow network (issue 20, docs/mobile.md, measured by
 * bench/first-load.bench.ts on Chromium's "Fast 3G": 562.5 ms a request, 180 kB/s down).
 *
 * Each request costs a round trip and a browser opens six connections to a server, so the first
 * load is one file, not forty: everything the entry imports statically (React, the router,
 * antd's core, the layout and menu, and Tổng quan, imported eagerly by app.routes.tsx) goes into
 * the `shell` chunk. Every other screen stays split by route (React.lazy), its shared modules
 * chunked by Rolldown as usual; Tổng quan's filters and target drawer load when first used.
 */
export const firstLoadChunks = {
  groups: [{ name: 'shell', tags: ['$initial' as const] }],
};

const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest)$/;

/**
 * Writes `name.gz` and `name.br` beside every text file of the build: the server sends them as
 * they are (@fastify/static preCompressed) instead of compressing on each request. The shell is
 * about 900 kB of JavaScript and 280 kB gzipped, five seconds less at 180 kB/s.
 */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'tiendo:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const walk = (dir: string): string[] =>
          fs
            .readdirSync(dir, { withFileTypes: true })
            .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
        for (const file of walk(outDir)) {
          if (!COMPRESSIBLE.test(file)) continue;
          const bytes = fs.readFileSync(file);
          if (bytes.length < 1024) continue;
          fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
          fs.writeFileSync(
            `${file}.br`,
            zlib.brotliCompressSync(bytes, {
              params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
            }),
          );
        }
      },
    },
  };
}
