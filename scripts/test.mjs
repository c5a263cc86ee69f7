#!/usr/bin/env node
// `npm test`: type-check, lint (ESLint) and format check (Prettier), then unit, integration and
// e2e tests in one vitest run, ending with
// one plain summary line. It makes sure Debian's Chromium and LibreOffice are there first
// (installing them when it can, as root on Debian, else naming the one command to run), because
// the e2e tests drive a real browser, the document tests convert with LibreOffice, and neither
// is ever skipped.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureSystemTools } from './system-tools.mjs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

if (!ensureSystemTools({ run })) process.exit(1);

// The three checks are single-threaded and independent: side by side on two cores they take about
// half the time they take one after another. Each one's output is printed whole when it ends.
console.log('Kiểm tra kiểu (TypeScript), mã nguồn (ESLint) và định dạng (Prettier)…');
const CHECKS = [
  { args: ['tsc', '-p', 'tsconfig.json', '--noEmit'], failed: 'tsc: 0 passed, 1 failed' },
  { args: ['eslint', '.', '--max-warnings=0'], failed: 'eslint: 0 passed, 1 failed (chạy `npx eslint .` để xem từng lỗi)' },
  {
    args: ['prettier', '--check', '--log-level=warn', '.'],
    failed: 'prettier: 0 passed, 1 failed (chạy `npx prettier --write .` để định dạng lại)',
  },
];
const checked = await Promise.all(
  CHECKS.map(
    ({ args }) =>
      new Promise((resolve) => {
        const child = spawn('npx', args, { stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('error', (error) => resolve({ status: 1, output: `${output}${error.message}\n` }));
        child.on('close', (code) => resolve({ status: code ?? 1, output }));
      }),
  ),
);
let checksFailed = false;
checked.forEach(({ status, output }, i) => {
  if (output) process.stdout.write(output);
  if (status !== 0) {
    console.error(CHECKS[i].failed);
    checksFailed = true;
  }
});
if (checksFailed) process.exit(1);

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-vitest-')), 'report.json');
const status = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
} catch {
  console.log('\ntests: 0 passed, 1 failed');
}
process.exit(status);
