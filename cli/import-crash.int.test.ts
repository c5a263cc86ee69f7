import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshCliStore, loadDemoWithCli, withStore } from '../test/support/cli-store.ts';
import { validMemberRows, writeMemberFile } from '../test/support/member-files.ts';
import { testDatabaseTargets } from '../test/support/test-database.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
const ROWS = 20_000;
const BATCH = 2000;

const memberCount = (open: Parameters<typeof withStore>[0]) =>
  withStore(open, async (db) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM member`.execute(db)).rows[0]!.n));

describe.each(testDatabaseTargets())('an import killed with SIGKILL on $kind', (target) => {
  it('leaves whole batches only, and a re-run completes the job to the same counts as a clean run', async () => {
    const store = await freshCliStore(target.kind, 'crash');
    const env = { ...process.env, ...store.env, LOG_LEVEL: 'warn', TIENDO_WEB_APP: 'false' };
    try {
      loadDemoWithCli(env, 120_000);
      const codes = Array.from({ length: 40 }, (_, i) => `TNI-P01-${String(i + 1).padStart(4, '0')}`);
      const file = await writeMemberFile(validMemberRows(ROWS, codes, 300_000), 'csv');

      // Kill the import as soon as a few batches have committed.
      const child = spawn(process.execPath, [BIN, 'import', 'members', file, '--unit', 'TNI', '--batch-size', String(BATCH)], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let progress = '';
      const killedAfter = await new Promise<number>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          progress += chunk.toString();
          const m = /thêm (\d+)/.exec(progress.split('\n').filter(Boolean).at(-1) ?? '');
          if (m && Number(m[1]) >= 2 * BATCH && child.exitCode === null) {
            child.kill('SIGKILL');
            resolve(Number(m[1]));
          }
        });
        child.on('exit', (code, signal) =>
          signal === 'SIGKILL' ? undefined : reject(new Error(`import ended before it could be killed (exit ${code}): ${progress}`)),
        );
      });
      expect(killedAfter).toBeGreaterThanOrEqual(2 * BATCH);
      const afterKill = await memberCount(store.open);
      expect(afterKill % BATCH).toBe(0); // whole batches only
      expect(afterKill).toBeGreaterThanOrEqual(killedAfter);
      expect(afterKill).toBeLessThan(ROWS);

      // The re-run completes the job: what was committed is unchanged, the rest is inserted.
      const rerun = spawnSync(process.execPath, [BIN, 'import', 'members', file, '--unit', 'TNI'], {
        cwd: ROOT,
        env,
        encoding: 'utf8',
        timeout: 300_000,
      });
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(rerun.stdout).toContain(`Dòng đọc: ${ROWS} = thêm mới ${ROWS - afterKill} + cập nhật 0 + giữ nguyên ${afterKill} + từ chối 0`);
      expect(await memberCount(store.open)).toBe(ROWS); // what a clean run gives
    } finally {
      await store.drop();
    }
  }, 420_000);
});
