// The web app's JavaScript as a phone downloads it: builds app/ into a temporary folder (never
// dist/app, which a running server may be serving) with Vite's manifest, then sums raw and gzip
// (and brotli) bytes for every chunk, for the entry chunk, for what index.html loads before any screen, and
// for the first load of Tổng quan (the shell plus the dashboard route and what it imports).
//
//   npx tsx bench/bundle-size.ts [--out DIR] [--json] [--config FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface Size {
  files: number;
  raw: number;
  gzip: number;
  brotli: number;
}
export interface BundleSizes {
  total: Size;
  entry: Size;
  initial: Size;
  dashboardFirstLoad: Size;
  css: Size;
}

function sizeOf(dir: string, files: Iterable<string>): Size {
  const size: Size = { files: 0, raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    size.files += 1;
    size.raw += bytes.length;
    size.gzip += zlib.gzipSync(bytes, { level: 9 }).length;
    // As app/first-load.config.ts writes it (what a browser that accepts br receives).
    size.brotli += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } }).length;
  }
  return size;
}

/** The chunk's file and every chunk it imports statically, transitively (what the browser must fetch before it runs). */
function staticClosure(manifest: Manifest, keys: string[]): Set<string> {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  return files;
}

export async function measureBundle(outDir: string, configFile = path.join(ROOT, 'app', 'vite.config.ts')): Promise<BundleSizes> {
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, manifest: 'bundle-manifest.json' } });
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'bundle-manifest.json'), 'utf8')) as Manifest;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  // Tổng quan's scene is a dynamic entry of its own, or (since issue 20) part of the entry's chunk.
  const dashboardKey = Object.keys(manifest).find((k) => k.endsWith('scenes/dashboard/dashboard.scene.tsx'));
  if (!entryKey) throw new Error('manifest lacks the entry');
  const assets = fs.readdirSync(path.join(outDir, 'assets'));
  const allJs = assets.filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const js = (files: Set<string>) => [...files].filter((f) => f.endsWith('.js'));
  return {
    total: sizeOf(outDir, allJs),
    entry: sizeOf(outDir, [manifest[entryKey]!.file]),
    initial: sizeOf(outDir, js(staticClosure(manifest, [entryKey]))),
    dashboardFirstLoad: sizeOf(outDir, js(staticClosure(manifest, dashboardKey ? [entryKey, dashboardKey] : [entryKey]))),
    css: sizeOf(
      outDir,
      assets.filter((f) => f.endsWith('.css')).map((f) => `assets/${f}`),
    ),
  };
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

export function formatBundle(sizes: BundleSizes): string {
  const rows: [string, Size][] = [
    ['all JavaScript', sizes.total],
    ['entry chunk', sizes.entry],
    ['before any screen (entry + its static imports)', sizes.initial],
    ['first load of Tổng quan (+ dashboard route)', sizes.dashboardFirstLoad],
    ['all CSS', sizes.css],
  ];
  return [
    '| | files | raw | gzip | brotli |',
    '|---|---:|---:|---:|---:|',
    ...rows.map(([name, s]) => `| ${name} | ${s.files} | ${kB(s.raw)} | ${kB(s.gzip)} | ${kB(s.brotli)} |`),
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const outFlag = process.argv.indexOf('--out');
  const outDir = outFlag > 0 ? path.resolve(process.argv[outFlag + 1]!) : fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-bundle-'));
  const configFlag = process.argv.indexOf('--config');
  const sizes = await measureBundle(outDir, configFlag > 0 ? path.resolve(process.argv[configFlag + 1]!) : undefined);
  console.log(process.argv.includes('--json') ? JSON.stringify(sizes, null, 2) : formatBundle(sizes));
  if (outFlag < 0) fs.rmSync(outDir, { recursive: true, force: true });
}
