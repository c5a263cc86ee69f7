#!/usr/bin/env node
// `npm test`: type-check, lint (ESLint) and format check (Prettier), then unit, integration and
// e2e tests in one vitest run, ending with
// one plain summary line. It makes sure Debian's Chromium and LibreOffice are there first
// (installing them when it can, as root on Debian, else naming the one command to run), because
// the e2e tests drive a real browser, the document tests convert with LibreOffice, and neither
// is ever skipped.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureSystemTools } from './system-tools.mjs';

const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'inherit', ...opts }).status ?? 1;

if (!ensureSystemTools({ run })) process.exit(1);

console.log('Kiểm tra kiểu TypeScript…');
if (run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']) !== 0) {
  console.error('tsc: 0 passed, 1 failed');
  process.exit(1);
}

console.log('Kiểm tra mã nguồn (ESLint) và định dạng (Prettier)…');
if (run('npx', ['eslint', '.', '--max-warnings=0']) !== 0) {
  console.error('eslint: 0 passed, 1 failed (chạy `npx eslint .` để xem từng lỗi)');
  process.exit(1);
}
if (run('npx', ['prettier', '--check', '--log-level=warn', '.']) !== 0) {
  console.error('prettier: 0 passed, 1 failed (chạy `npx prettier --write .` để định dạng lại)');
  process.exit(1);
}

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
