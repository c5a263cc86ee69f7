import { sql, type Kysely, type RawBuilder } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DB } from '../db/schema.ts';
import { timeoutOnlyClaims, type DeliveryClaims } from './delivery-claims.ts';

/**
 * Sends the e-mail outbox (notification_delivery, channel 'email') over SMTP.
 *
 * Claiming: a batch of due rows is marked 'sending' with this worker's number, chosen with
 * FOR UPDATE SKIP LOCKED, so two server processes never take the same row. The batch is sent
 * over a pool of `concurrency` SMTP connections by as many lanes; a lane has its row marked
 * 'sent' — with its audit row, group-committed with the other lanes' marks — before it takes the
 * next, so at most `concurrency` accepted messages are ever unmarked at once (the window a kill
 * can re-send). A failure is
 * retried with exponential backoff (1, 2, 4, 8, 16 minutes), then the row is 'dead', audited,
 * and listed to administrators (GET /api/notifications/deliveries?status=dead).
 *
 * A row left 'sending' by a worker that is gone goes back to the queue at the next round
 * (delivery-claims.ts); any row 'sending' for STALE_MINUTES does too, whatever its worker. The
 * Message-ID is the same on every attempt (`<notification-ID@tiendo>`), so a mail re-sent after
 * a crash is one message to a receiving system that keys on it (docs/notifications.md).
 *
 * E-mail copies of users who chose the daily digest are left to it (email-digest.ts).
 */
export interface EmailDeliveryOptions {
  smtpUrl: string;
  from: string;
  /** Rows claimed per round. */
  batch?: number;
  /** SMTP connections used at once (nodemailer's pool). */
  concurrency?: number;
  maxAttempts?: number;
  /** Injectable clock (tests move it across a deadline or a backoff). */
  now?: () => Date;
  /** How a worker that is gone is recognised (default: by the timeout only). */
  claims?: DeliveryClaims;
}

export interface RoundOutcome {
  sent: number;
  failed: number;
  dead: number;
  claimed: number;
}

const STALE_MINUTES = 10;
export const DEFAULT_BATCH = 100;
export const DEFAULT_CONCURRENCY = 4;

export const messageIdOf = (notificationId: number) => `<notification-${notificationId}@tiendo>`;

interface Claimed {
  id: number;
  notification_id: number;
  recipient: string;
  attempts: number;
  title: string;
  body: string;
  link: string | null;
}

export class EmailDelivery {
  private readonly transport: Transporter;
  private readonly now: () => Date;
  private readonly claims: DeliveryClaims;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  private readonly marks: Array<{ id: number; resolve: () => void; reject: (error: unknown) => void }> = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: EmailDeliveryOptions,
  ) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    // A pool keeps connections open between messages (no TCP + EHLO per mail); the timeouts keep
    // a hung server from holding a row 'sending' anywhere near STALE_MINUTES.
    this.transport = nodemailer.createTransport(
      {
        url: options.smtpUrl,
        pool: true,
        maxConnections: concurrency,
        maxMessages: Infinity,
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      } as never,
      { from: options.from },
    );
    this.now = options.now ?? (() => new Date());
    this.claims = options.claims ?? timeoutOnlyClaims();
  }

  /** One round: puts back orphaned rows, claims due rows and sends them. Returns what happened, for logs and tests. */
  async runOnce(): Promise<RoundOutcome> {
    const now = this.now();
    const limit = this.options.batch ?? DEFAULT_BATCH;
    const worker = this.claims.worker;
    await sql`UPDATE notification_delivery d SET status = 'pending', claimed_by = NULL
      WHERE d.status = 'sending' AND (d.next_attempt_at < ${new Date(now.getTime() - STALE_MINUTES * 60_000)} OR ${this.claims.orphaned()})`.execute(
      this.db,
    );
    const claimed = await sql<Claimed>`
      UPDATE notification_delivery d SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${now}, claimed_by = ${worker}
      FROM notification n
      WHERE n.id = d.notification_id AND d.id IN (
        SELECT q.id FROM notification_delivery q JOIN notification qn ON qn.id = q.notification_id
        WHERE q.status = 'pending' AND q.next_attempt_at <= ${now}
          AND NOT EXISTS (SELECT 1 FROM notification_email_mode m WHERE m.user_id = qn.user_id AND m.mode = 'daily' AND qn.kind <> 'digest.daily')
        ORDER BY q.id LIMIT ${limit} FOR UPDATE OF q SKIP LOCKED)
      RETURNING d.id, d.notification_id, d.recipient, d.attempts, n.title, n.body, n.link`.execute(this.db);
    const outcome: RoundOutcome = { sent: 0, failed: 0, dead: 0, claimed: claimed.rows.length };
    // `concurrency` lanes, each sending one row and writing its mark before taking the next: a
    // slow database then slows the sending instead of letting accepted, unmarked mails pile up.
    const queue = [...claimed.rows];
    const lane = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) outcome[await this.deliver(row)]++;
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, lane));
    return outcome;
  }

  private async deliver(row: Claimed): Promise<'sent' | 'failed' | 'dead'> {
    const messageId = messageIdOf(row.notification_id);
    try {
      await this.transport.sendMail({ to: row.recipient, subject: row.title, text: plainText(row), html: htmlOf(row), messageId });
    } catch (error) {
      const give = row.attempts >= (this.options.maxAttempts ?? 6);
      const retryAt = new Date(this.now().getTime() + 60_000 * 2 ** (row.attempts - 1));
      const reason = String((error as Error).message ?? error).slice(0, 500);
      await sql`WITH d AS (
          UPDATE notification_delivery SET status = ${give ? 'dead' : 'pending'}, next_attempt_at = ${retryAt}, last_error = ${reason}, claimed_by = NULL
          WHERE id = ${row.id} AND status = 'sending' RETURNING id, notification_id, recipient, attempts)
        ${give ? auditOf('notification.email_dead', sql`jsonb_build_object('error', ${reason}::text)`) : sql`SELECT 1`}`.execute(this.db);
      return give ? 'dead' : 'failed';
    }
    await this.markSent(row.id);
    return 'sent';
  }

  /**
   * Group commit of 'sent' marks: a lane waits for its row's mark, and every mark that arrives
   * while one statement runs goes in the next, so with `concurrency` lanes a statement marks up
   * to `concurrency` rows (one round trip instead of one per mail) and still no lane has more
   * than one accepted, unmarked mail. The mark and its audit line commit together.
   */
  private markSent(id: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.marks.push({ id, resolve, reject });
      this.flushing ??= this.flushMarks();
    });
  }

  private async flushMarks(): Promise<void> {
    while (this.marks.length > 0) {
      const group = this.marks.splice(0);
      try {
        await sql`WITH d AS (
            UPDATE notification_delivery SET status = 'sent', sent_at = ${this.now()}, last_error = NULL, claimed_by = NULL
            WHERE id = ANY(${group.map((g) => g.id)}::bigint[]) RETURNING id, notification_id, recipient, attempts)
          ${auditOf('notification.email_sent', sql`jsonb_build_object('messageId', '<notification-' || d.notification_id || '@tiendo>')`)}`.execute(
          this.db,
        );
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.flushing = null;
  }

  /** Rounds until one finds nothing due (the bench and tests; the server uses start). */
  async drain(): Promise<RoundOutcome> {
    const total: RoundOutcome = { sent: 0, failed: 0, dead: 0, claimed: 0 };
    for (;;) {
      const round = await this.runOnce();
      for (const k of ['sent', 'failed', 'dead', 'claimed'] as const) total[k] += round[k];
      if (round.claimed === 0) return total;
    }
  }

  /**
   * Rounds every `intervalMs`, one at a time; a full batch is followed at once by the next, so
   * a national deadline's queue drains at the SMTP server's pace, not one batch per interval.
   */
  start(intervalMs = 5_000, onError: (error: unknown) => void = () => undefined): void {
    const tick = () => {
      let full = false;
      this.running = this.runOnce()
        .then((r) => (full = r.claimed >= (this.options.batch ?? DEFAULT_BATCH)), onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, full ? 0 : intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
    await this.claims.close();
  }
}

/** The audit line of a delivery (CTE `d` holds the updated row), by the system, in the unit the notification is about. */
function auditOf(action: string, extra: RawBuilder<unknown>) {
  return sql`INSERT INTO audit_log (action, actor_label, unit_id, entity_type, entity_id, detail)
    SELECT ${action}, 'hệ thống', n.unit_id, 'notification_delivery', d.id::text,
      jsonb_build_object('channel', 'email', 'recipient', d.recipient, 'attempts', d.attempts, 'notificationId', d.notification_id, 'kind', n.kind) || ${extra}
    FROM d JOIN notification n ON n.id = d.notification_id`;
}

const SITE = 'Tiến Độ';

function plainText(n: { body: string; link: string | null }): string {
  const lines = [n.body];
  if (n.link) lines.push(`Mở trong ${SITE}: ${n.link}`);
  return [...lines, '', `Thư này do ${SITE} gửi tự động; đổi loại thông báo nhận qua thư ở mục Tài khoản.`].join('\n');
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlOf(n: { title: string; body: string; link: string | null }): string {
  return (
    `<!doctype html><html lang="vi"><meta charset="utf-8"><body style="font-family:Arial,sans-serif">` +
    `<h2 style="font-size:18px">${escape(n.title)}</h2><p>${escape(n.body).replace(/\n/g, '<br>')}</p>` +
    (n.link ? `<p>Mở trong ${SITE}: <code>${escape(n.link)}</code></p>` : '') +
    `<p style="color:#666;font-size:12px">Thư này do ${SITE} gửi tự động; đổi loại thông báo nhận qua thư ở mục Tài khoản.</p></body></html>`
  );
}
