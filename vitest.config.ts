import { defineConfig } from 'vitest/config';

// Three projects, one runner: unit tests are pure and fast, integration tests open a real
// database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set), e2e tests drive Chromium
// against the real server. `npm test` runs all three (scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{domain,server,cli,app,scripts}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          // Groups run one after the other: unit, then integration, then e2e.
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{domain,server,cli}/**/*.int.test.ts'],
          globalSetup: ['test/support/personal-data-in-logs.global.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite is single-threaded WASM; two at a time is what 2 cores can carry.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          environment: 'node',
          // A screen may take seconds to settle on a busy 2-core machine (debounced search, a
          // fetch, a render): polls wait for what a user would wait for, not one second.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 180_000,
          hookTimeout: 360_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
