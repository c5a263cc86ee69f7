#!/usr/bin/env node
// `npm test`: type-check, lint (ESLint) and format check (Prettier), then the unit, integration,
// e2e and solo tests (three vitest runs, below), ending with the failures listed together and
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

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiendo-vitest-'));
const vitestArgs = (name, extra) => [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reportDir, `${name}.json`)}`,
  ...extra,
];

/** One vitest run, its output passed through line by line (two runs may write at once). */
function vitest(name, extra) {
  return new Promise((resolve) => {
    const child = spawn('npx', vitestArgs(name, extra), { stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ]) {
      let pending = '';
      from.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop();
        if (lines.length) to.write(`${lines.join('\n')}\n`);
      });
      from.on('end', () => pending && to.write(`${pending}\n`));
    }
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

// With no arguments, the whole suite. The browser tests spend most of their time waiting for a
// screen, the integration tests keep both cores busy: side by side they take about as long as
// the longer of the two instead of their sum. The solo files, which measure their own process,
// run last and alone. With arguments (a project, a file), one plain vitest run.
const whole = process.argv.length <= 2;
const runs = whole ? ['e2e', 'server', 'solo'] : ['selected'];
let status;
if (whole) {
  const [browser, server] = await Promise.all([
    vitest('e2e', ['--project', 'e2e']),
    vitest('server', ['--project', 'unit', '--project', 'integration']),
  ]);
  const solo = await vitest('solo', ['--project', 'solo']);
  status = browser || server || solo;
} else {
  status = run('npx', vitestArgs('selected', process.argv.slice(2)));
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures = [];
for (const name of runs) {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(reportDir, `${name}.json`), 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    for (const file of r.testResults) {
      for (const test of file.assertionResults) {
        if (test.status === 'failed')
          failures.push(
            `${path.relative(process.cwd(), file.name)} > ${test.fullName}\n    ${(test.failureMessages[0] ?? '').split('\n')[0]}`,
          );
      }
      if (file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed')) {
        failures.push(`${path.relative(process.cwd(), file.name)}\n    ${(file.message ?? '').split('\n')[0]}`);
      }
    }
  } catch {
    // No report: the run failed before writing one (its own output says why).
    failed += 1;
  }
}
// Two runs' output interleaves: the failures once more, together, at the end.
if (failures.length) console.log(`\nLỗi / failures:\n${failures.map((f) => `  ${f}`).join('\n')}`);
console.log(`\ntests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status || (failed ? 1 : 0));
