import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPeriods } from '../../domain/reporting/report-template.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { freshCliStore, loadDemoWithCli, withStore } from '../../test/support/cli-store.ts';
import { cdcsTemplate } from '../../test/support/report-fixtures.ts';
import { testDatabaseTargets } from '../../test/support/test-database.ts';
import { startCountingSink } from './counting-smtp-sink.ts';
import { messageIdOf } from './email-delivery.ts';
import { writeReportReminders } from './report-reminders.ts';

/**
 * Issue 21, acceptance 2: the real server (`tiendo start`) is killed with SIGKILL in the middle
 * of a batch of 500 reminder mails and started again; every recipient ends with exactly one
 * distinct message (one Message-ID). The raw count may exceed 500 by the mails in flight at the
 * kill — accepted by the SMTP server, not yet marked 'sent' — re-sent under the same Message-ID.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'tiendo.js');
const RECIPIENTS = 500;
const KILL_AFTER = 150;
const CONCURRENCY = 4;

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });

describe.each(testDatabaseTargets())('a server killed with SIGKILL in the middle of 500 reminder mails ($kind)', (target) => {
  it('leaves every recipient exactly one distinct mail after a restart', async () => {
    const store = await freshCliStore(target.kind, 'mail-crash', { poolSize: 2 });
    const sink = await startCountingSink();
    const children: ChildProcess[] = [];
    try {
      const env = {
        ...process.env,
        ...store.env,
        LOG_LEVEL: 'warn',
        TIENDO_WEB_APP: 'false',
        PORT: '0',
        SMTP_URL: sink.url,
        MAIL_CONCURRENCY: String(CONCURRENCY),
        MAIL_BATCH: '50',
      };
      loadDemoWithCli(env, 180_000);

      // 500 CĐCS officers with an address, each of a CĐCS that has not sent its annual report;
      // the reminders of "7 days left" queued by the production writer.
      const [period] = openPeriods(cdcsTemplate, todayInVietnam());
      const sevenDaysBefore = new Date(Date.parse(`${period!.dueOn}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
      const { expected, batch } = await withStore(store.open, async (db) => {
        await sql`UPDATE app_user SET email = NULL`.execute(db); // the demo accounts: not part of this batch
        await sql`
          WITH units AS (
            SELECT o.id, row_number() OVER (ORDER BY o.code) AS i FROM org_unit o JOIN org_placement p ON p.unit_id = o.id AND p.valid_to IS NULL
            WHERE o.kind = 'grassroots' AND o.valid_to IS NULL AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.unit_id = o.id) LIMIT ${RECIPIENTS}),
          users AS (
            INSERT INTO app_user (username, full_name, unit_id, email, password_hash)
            SELECT 'canbo.thu.' || i, 'Cán bộ thử ' || i, id, 'canbo.thu.' || i || '@example.vn', 'x' FROM units RETURNING id)
          INSERT INTO user_role (user_id, role_code) SELECT id, 'grassroots_officer' FROM users`.execute(db);
        await writeReportReminders(db, sevenDaysBefore, { email: true });
        // The six-month form is due the same day; this batch is the annual form's, one mail each.
        await sql`DELETE FROM notification WHERE kind = 'report.due_in_7' AND event_key NOT LIKE 'report.due_in_7:cdcs-nam:%'`.execute(db);
        const rows = await sql<{ notification_id: number; recipient: string }>`
          SELECT d.notification_id, d.recipient FROM notification_delivery d WHERE d.status = 'pending' ORDER BY d.id`.execute(db);
        // The server's own scheduler also writes what today's calendar calls for (between 00:00 and 06:00 in
        // Vietnam, the targets that turned late, mailed to these same officers): other mails, sent beside
        // this batch; the test counts the batch's.
        return {
          expected: new Map(rows.rows.map((r) => [messageIdOf(Number(r.notification_id)), r.recipient])),
          batch: rows.rows.map((r) => Number(r.notification_id)),
        };
      });
      expect(expected.size).toBe(RECIPIENTS);
      expect(new Set(expected.values()).size).toBe(RECIPIENTS);

      const ours = () => [...expected.keys()].filter((id) => sink.byMessageId.has(id)).length;
      const start = () => {
        const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout!.on('data', (d) => (output += d));
        child.stderr!.on('data', (d) => (output += d));
        children.push(child);
        return { child, output: () => output };
      };

      // First run: killed as soon as the SMTP server has taken the 150th mail, before it answers.
      const first = start();
      let killedAt = -1;
      sink.onMessage(() => {
        if (killedAt < 0 && ours() >= KILL_AFTER) {
          killedAt = ours();
          first.child.kill('SIGKILL');
        }
      });
      const firstExit = await exited(first.child);
      expect(firstExit.signal, first.output()).toBe('SIGKILL');
      const atKill = { distinct: ours(), raw: sink.accepted };
      expect(atKill.distinct).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(atKill.distinct).toBeLessThan(RECIPIENTS);

      // Second run: the same data; started again until the killed one's PGlite child has let go of the folder.
      const allDelivered = new Promise<void>((resolve) => {
        const check = () => (ours() === RECIPIENTS ? resolve() : undefined);
        sink.onMessage(check);
        check();
      });
      let second = start();
      for (let attempt = 0; ; attempt++) {
        const outcome = await Promise.race([allDelivered.then(() => 'done' as const), exited(second.child).then(() => 'exited' as const)]);
        if (outcome === 'done') break;
        if (attempt > 20 || !/khóa|lock|đang được/i.test(second.output()))
          throw new Error(`the restarted server stopped: ${second.output()}`);
        await new Promise((r) => setTimeout(r, 500));
        second = start();
      }
      second.child.kill('SIGTERM');
      expect((await exited(second.child)).code, second.output()).toBe(0);

      // Every recipient: exactly one distinct Message-ID, the one of their reminder.
      const perRecipient = new Map<string, Set<string>>();
      for (const [id, seen] of sink.byMessageId)
        if (expected.has(id)) perRecipient.set(seen.to, (perRecipient.get(seen.to) ?? new Set()).add(id));
      expect(perRecipient.size).toBe(RECIPIENTS);
      for (const [to, ids] of perRecipient) expect([...ids], to).toEqual([[...expected].find(([, r]) => r === to)![0]]);
      const raw = [...expected.keys()].reduce((sum, id) => sum + sink.byMessageId.get(id)!.times, 0);
      const resent = [...expected.keys()].filter((id) => sink.byMessageId.get(id)!.times > 1).length;
      // At most the mails in flight at the kill are sent twice.
      expect(resent).toBeLessThanOrEqual(CONCURRENCY);

      const { statuses, audited, others } = await withStore(store.open, async (db) => ({
        statuses: (
          await sql<{ status: string; n: number }>`
            SELECT status, count(*)::int AS n FROM notification_delivery WHERE notification_id = ANY(${batch}::bigint[]) GROUP BY status`.execute(
            db,
          )
        ).rows,
        audited: Number(
          (
            await sql<{ n: number }>`
              SELECT count(*)::int AS n FROM audit_log
              WHERE action = 'notification.email_sent' AND (detail->>'notificationId')::bigint = ANY(${batch}::bigint[])`.execute(db)
          ).rows[0]!.n,
        ),
        others: Number(
          (
            await sql<{ n: number }>`
              SELECT count(*)::int AS n FROM notification_delivery WHERE NOT notification_id = ANY(${batch}::bigint[])`.execute(db)
          ).rows[0]!.n,
        ),
      }));
      expect(statuses).toEqual([{ status: 'sent', n: RECIPIENTS }]);
      expect(audited).toBe(RECIPIENTS);
      console.log(
        `[${target.kind}] killed with ${atKill.distinct} of ${RECIPIENTS} mails accepted (${atKill.raw} raw); after the restart: ${RECIPIENTS} distinct Message-IDs, ${raw} raw SMTP messages (${resent} sent twice, same Message-ID); ${others} other deliveries written by the server's scheduler`,
      );
    } finally {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await sink.close();
      await store.drop();
    }
  }, 420_000);
});
