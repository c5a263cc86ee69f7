// The first load of Tổng quan on a phone over Chromium's "Fast 3G" (issue 20, acceptance 4; docs/mobile.md).
//
//   npx tsx bench/first-load.bench.ts [--runs 5] [--root DIR] [--data-dir DIR] [--service-worker] [--label TEXT]
//
// Builds the web app of --root (this checkout by default) for production, starts its real server
// (`bin/tiendo.js start`) on a copy of --data-dir or on a fresh demo database, makes the
// province's targets and a CĐCS report through the API (e2e/support/mobile-seed.ts), logs in as
// the CĐCS officer (cdcs.demo) through the login screen in Debian's Chromium with a phone profile
// (390 × 844, touch, DPR 3, vi-VN), then, per run, in a new tab with the HTTP cache disabled and
// the network throttled to DevTools' "Fast 3G" preset:
//   latency 562.5 ms per request, download 180,000 B/s (1.44 Mbit/s), upload 84,375 B/s (675 kbit/s),
// opens /tong-quan and times navigation start → the first target card on screen (the frame in
// which a [data-testid^="target-card-"] has a size). No CPU slowdown is applied: the page runs at
// this machine's speed, which is stated with the result.
// The service worker is blocked unless --service-worker: each run is then a first visit that
// finds nothing on the device. With it, runs after the first are served from its precache.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CDPSession } from 'playwright-core';
import { DEMO_PASSWORD } from '../domain/demo/demo-accounts.ts';
import { launchBrowser, loginInBrowser } from '../e2e/support/browser.ts';
import { seedMobileData } from '../e2e/support/mobile-seed.ts';
import { findFreePort } from '../e2e/support/test-server.ts';
import { formatBundle, measureBundle, type BundleSizes } from './bundle-size.ts';

const HERE = fileURLToPath(new URL('..', import.meta.url));
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: 180_000,
  uploadThroughput: 84_375,
  connectionType: 'cellular3g' as const,
};
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
};

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

interface Run {
  firstCardMs: number;
  domContentLoadedMs: number;
  requests: number;
  transferredBytes: number;
  scriptBytes: number;
  scriptFiles: number;
}

async function startServer(root: string, dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'tiendo.js'), 'start'], {
    cwd: root,
    env: { ...process.env, TIENDO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the server did not start in 10 minutes:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Counts what the page downloads (bytes as sent, compressed or not) while the run lasts. */
function watchNetwork(cdp: CDPSession) {
  const types = new Map<string, string>();
  const totals = { requests: 0, transferredBytes: 0, scriptBytes: 0, scriptFiles: 0 };
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    totals.requests += 1;
    totals.transferredBytes += e.encodedDataLength;
    if (types.get(e.requestId) === 'Script') {
      totals.scriptBytes += e.encodedDataLength;
      totals.scriptFiles += 1;
    }
  });
  return totals;
}

// Plain JavaScript in a string (tsx's helpers do not exist in the page): the first frame with a card drawn.
const FIRST_CARD_PROBE = `(() => {
  const look = () => {
    const card = document.querySelector('[data-testid^="target-card-"]');
    const box = card && card.getBoundingClientRect();
    if (box && box.width > 0 && box.height > 0) window.__tiendoFirstCard = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

async function main() {
  const runs = Number(flag('--runs') ?? 5);
  const root = path.resolve(flag('--root') ?? HERE);
  const label = flag('--label') ?? (root === HERE ? 'this checkout' : root);
  const withServiceWorker = process.argv.includes('--service-worker');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-first-load-'));
  const dataDir = path.join(work, 'data');
  const source = flag('--data-dir');
  if (source) fs.cpSync(path.resolve(source), dataDir, { recursive: true });

  const machine = {
    cpu:
      execFileSync('lscpu', { encoding: 'utf8' })
        .match(/Model name:\s*(.+)/)?.[1]
        ?.trim() ?? os.cpus()[0]?.model,
    nproc: Number(execFileSync('nproc', { encoding: 'utf8' }).trim()),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    chromium: '',
    loadAverageBefore: os.loadavg().map((l) => Number(l.toFixed(2))),
  };
  console.log(
    `Máy: ${machine.cpu}, ${machine.nproc} nhân, ${machine.memoryGiB} GiB; tải trung bình ${machine.loadAverageBefore.join(' ')}`,
  );

  // A fresh production build of that checkout's app: dist/app may hold another run's build.
  console.log(`Biên dịch giao diện web (${label})…`);
  execFileSync(process.execPath, [path.join(root, 'bin', 'tiendo.js'), 'build-app'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  console.log(`Khởi động máy chủ (${label})…`);
  const server = await startServer(root, dataDir);
  const bundle: BundleSizes = await measureBundle(path.join(work, 'bundle'), path.join(root, 'app', 'vite.config.ts'));
  console.log(formatBundle(bundle));
  await seedMobileData(server.url);

  const browser = await launchBrowser();
  machine.chromium = browser.version();
  const context = await browser.newContext({ ...PHONE, baseURL: server.url, serviceWorkers: withServiceWorker ? 'allow' : 'block' });
  const results: Run[] = [];
  try {
    const login = await context.newPage();
    await loginInBrowser(login, 'cdcs.demo', DEMO_PASSWORD);
    await login.locator('[data-testid^="target-card-"]').first().waitFor({ timeout: 60_000 });
    await login.close();

    for (let i = 0; i < runs; i += 1) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', FAST_3G);
      const totals = watchNetwork(cdp);
      await page.addInitScript(FIRST_CARD_PROBE);
      await page.goto('/tong-quan', { waitUntil: 'commit', timeout: 120_000 });
      // A function, not a string: the app's Content-Security-Policy forbids eval in the page.
      await page.waitForFunction(() => (window as unknown as { __tiendoFirstCard?: number }).__tiendoFirstCard !== undefined, undefined, {
        timeout: 120_000,
        polling: 100,
      });
      const firstCardMs = Number(await page.evaluate('window.__tiendoFirstCard'));
      const domContentLoadedMs = Number(await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`));
      const run = { firstCardMs: Math.round(firstCardMs), domContentLoadedMs: Math.round(domContentLoadedMs), ...totals };
      results.push(run);
      console.log(
        `lần ${i + 1}: thẻ chỉ tiêu đầu tiên sau ${run.firstCardMs} ms (DOMContentLoaded ${run.domContentLoadedMs} ms), ${run.requests} yêu cầu, ${kB(run.transferredBytes)} tải về, trong đó JavaScript ${run.scriptFiles} tệp ${kB(run.scriptBytes)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }

  const times = results.map((r) => r.firstCardMs);
  const summary = { medianMs: median(times), maxMs: Math.max(...times), minMs: Math.min(...times) };
  const loadAverageAfter = os.loadavg().map((l) => Number(l.toFixed(2)));
  console.log(
    `Trung vị ${summary.medianMs} ms, lớn nhất ${summary.maxMs} ms (mục tiêu: dưới 5000 ms); tải trung bình sau ${loadAverageAfter.join(' ')}`,
  );

  const date = new Date().toISOString().slice(0, 10);
  const slug = (flag('--label') ?? 'current').replace(/[^\w-]+/g, '-').toLowerCase();
  const outDir = path.join(HERE, 'bench', 'results');
  fs.mkdirSync(outDir, { recursive: true });
  const record = {
    date,
    label,
    network: FAST_3G,
    phone: PHONE,
    serviceWorker: withServiceWorker,
    machine: { ...machine, loadAverageAfter },
    bundle,
    runs: results,
    summary,
  };
  fs.writeFileSync(path.join(outDir, `${date}-first-load-fast3g-${slug}.json`), `${JSON.stringify(record, null, 2)}\n`);
  fs.writeFileSync(
    path.join(outDir, `${date}-first-load-fast3g-${slug}.md`),
    [
      `# First load of Tổng quan on Fast 3G — ${label} (${date})`,
      '',
      `Network: latency ${FAST_3G.latency} ms, download ${FAST_3G.downloadThroughput} B/s, upload ${FAST_3G.uploadThroughput} B/s, HTTP cache disabled, service worker ${withServiceWorker ? 'allowed' : 'blocked'}.`,
      `Machine: ${machine.cpu}, ${machine.nproc} CPUs, ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${machine.chromium}; load average ${machine.loadAverageBefore.join(' ')} before, ${loadAverageAfter.join(' ')} after.`,
      '',
      '| run | first card (ms) | DOMContentLoaded (ms) | requests | transferred | JavaScript |',
      '|---:|---:|---:|---:|---:|---:|',
      ...results.map(
        (r, i) =>
          `| ${i + 1} | ${r.firstCardMs} | ${r.domContentLoadedMs} | ${r.requests} | ${kB(r.transferredBytes)} | ${r.scriptFiles} files, ${kB(r.scriptBytes)} |`,
      ),
      '',
      `Median ${summary.medianMs} ms, max ${summary.maxMs} ms.`,
      '',
      'Bundle (`bench/bundle-size.ts`, kB = 1000 B):',
      '',
      formatBundle(bundle),
      '',
    ].join('\n'),
  );
  fs.rmSync(work, { recursive: true, force: true });
}

await main();
