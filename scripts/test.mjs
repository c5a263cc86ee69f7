#!/usr/bin/env node
// `npm test`: type-check, then unit, integration and e2e tests in one vitest run, ending with
// one plain summary line. It makes sure Debian's Chromium is there first (installing it when
// it can, as root on Debian), because the e2e tests drive a real browser and are never skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return true;
  const isRoot = process.getuid?.() === 0;
  const hasApt = fs.existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chưa có Chromium cho kiểm thử giao diện: đang cài gói chromium của Debian…');
    run('apt-get', ['update', '-qq']);
    if (run('apt-get', ['install', '-y', '-qq', 'chromium']) === 0 && fs.existsSync(CHROMIUM)) return true;
  }
  console.error(`Thiếu trình duyệt Chromium cho kiểm thử e2e. Hãy cài bằng lệnh:\n  sudo apt-get install -y chromium`);
  return false;
}

if (!ensureChromium()) process.exit(1);

console.log('Kiểm tra kiểu TypeScript…');
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
  console.error('tsc: 0 passed, 1 failed');
  process.exit(1);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-vitest-')), 'report.json');
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('\ntests: 0 passed, 1 failed');
}
process.exit(status);
