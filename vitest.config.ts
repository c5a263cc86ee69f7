import { defineConfig } from 'vitest/config';

// Three projects, one runner: unit tests are pure and fast, integration tests open a real
// database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set), e2e tests drive Chromium
// against the real server. `npm test` runs all three (scripts/test.mjs).
/**
 * Files that measure the process they run in (latency under a hostile upload, memory on 200,000
 * rows): run alone, never beside another file, and never in a worker other files have used.
 */
const SOLO = ['server/documents/hostile-upload.int.test.ts', 'server/tabular/table-memory.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{domain,server,cli,app,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**', ...SOLO],
          environment: 'node',
          // Pure tests: files share a worker's loaded modules instead of each loading them anew
          // (68 s -> 40 s for the group on 2 cores).
          isolate: false,
          // Groups run one after the other: unit, then integration, then e2e.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{domain,server,cli}/**/*.int.test.ts'],
          exclude: ['**/node_modules/**', ...SOLO],
          globalSetup: ['test/support/personal-data-in-logs.global.ts', 'test/support/demo-templates.global.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is single-threaded WASM; two at a time is what 2 cores can carry.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Tests that bound a latency or a memory growth run alone, after the integration files:
        // two files at once on 2 cores measure the neighbour, not the code.
        test: {
          name: 'solo',
          include: SOLO,
          globalSetup: ['test/support/personal-data-in-logs.global.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          // The demo province is loaded once per run; each file's server starts on a copy.
          globalSetup: ['e2e/support/seeded-data.global.ts'],
          environment: 'node',
          // A screen may take seconds to settle on a busy 2-core machine (debounced search, a
          // fetch, a render): polls wait for what a user would wait for, not one second.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 180_000,
          hookTimeout: 360_000,
          fileParallelism: false,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
