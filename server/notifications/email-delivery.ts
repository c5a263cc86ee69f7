import { sql, type Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DB } from '../db/schema.ts';

/**
 * Sends the e-mail outbox (notification_delivery, channel 'email') over SMTP.
 *
 * Claiming: a batch of due rows is marked 'sending' with FOR UPDATE SKIP LOCKED, so two server
 * processes never take the same row. Each row is then sent and marked 'sent' in its own short
 * write. A failure is retried with exponential backoff (1, 2, 4, 8, 16 minutes), then the row is
 * 'dead' and listed to administrators.
 *
 * A crash between the SMTP server's acceptance and the 'sent' mark leaves a row 'sending': after
 * STALE_MINUTES it is sent again (at least once, never silently lost). The Message-ID is the same
 * on every attempt (`<notification-ID@host>`), so a receiving mail system that keys on it — and
 * the tests — see one message, not two (docs/notifications.md).
 */
export interface EmailDeliveryOptions {
  smtpUrl: string;
  from: string;
  /** Rows claimed per round. */
  batch?: number;
  maxAttempts?: number;
  /** Injectable clock (tests move it across a deadline or a backoff). */
  now?: () => Date;
}

const STALE_MINUTES = 10;

export class EmailDelivery {
  private readonly transport: Transporter;
  private readonly now: () => Date;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: Kysely<DB>, private readonly options: EmailDeliveryOptions) {
    this.transport = nodemailer.createTransport(options.smtpUrl, { from: options.from });
    this.now = options.now ?? (() => new Date());
  }

  /** One round: claims due rows and sends them. Returns what happened, for logs and tests. */
  async runOnce(): Promise<{ sent: number; failed: number; dead: number }> {
    const now = this.now();
    const limit = this.options.batch ?? 50;
    // A row left 'sending' by a crashed process goes back to the queue.
    await sql`UPDATE notification_delivery SET status = 'pending'
      WHERE status = 'sending' AND next_attempt_at < ${new Date(now.getTime() - STALE_MINUTES * 60_000)}`.execute(this.db);
    const claimed = await sql<{ id: number; notification_id: number; recipient: string; attempts: number; title: string; body: string; link: string | null }>`
      UPDATE notification_delivery d SET status = 'sending', attempts = d.attempts + 1, next_attempt_at = ${now}
      FROM notification n
      WHERE n.id = d.notification_id AND d.id IN (
        SELECT id FROM notification_delivery WHERE status = 'pending' AND next_attempt_at <= ${now} ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
      RETURNING d.id, d.notification_id, d.recipient, d.attempts, n.title, n.body, n.link`.execute(this.db);
    let [sent, failed, dead] = [0, 0, 0];
    for (const row of claimed.rows) {
      try {
        await this.transport.sendMail({
          to: row.recipient, subject: row.title, text: plainText(row), html: htmlOf(row),
          messageId: `<notification-${row.notification_id}@tiendo>`,
        });
        await sql`UPDATE notification_delivery SET status = 'sent', sent_at = ${this.now()}, last_error = NULL WHERE id = ${row.id}`.execute(this.db);
        sent++;
      } catch (error) {
        const give = row.attempts >= (this.options.maxAttempts ?? 6);
        const retryAt = new Date(this.now().getTime() + 60_000 * 2 ** (row.attempts - 1));
        await sql`UPDATE notification_delivery SET status = ${give ? 'dead' : 'pending'}, next_attempt_at = ${retryAt}, last_error = ${String((error as Error).message ?? error).slice(0, 500)}
          WHERE id = ${row.id}`.execute(this.db);
        if (give) dead++;
        else failed++;
      }
    }
    return { sent, failed, dead };
  }

  /** Rounds every `intervalMs`, one at a time. */
  start(intervalMs = 5_000, onError: (error: unknown) => void = () => undefined): void {
    const tick = () => {
      this.running = this.runOnce().catch(onError).finally(() => {
        if (this.timer) this.timer = setTimeout(tick, intervalMs);
      });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport.close();
  }
}

const SITE = 'Tiến Độ';

function plainText(n: { body: string; link: string | null }): string {
  const lines = [n.body];
  if (n.link) lines.push(`Mở trong ${SITE}: ${n.link}`);
  return [...lines, '', `Thư này do ${SITE} gửi tự động; đổi loại thông báo nhận qua thư ở mục Tài khoản.`].join('\n');
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlOf(n: { title: string; body: string; link: string | null }): string {
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><body style="font-family:Arial,sans-serif">`
    + `<h2 style="font-size:18px">${escape(n.title)}</h2><p>${escape(n.body)}</p>`
    + (n.link ? `<p>Mở trong ${SITE}: <code>${escape(n.link)}</code></p>` : '')
    + `<p style="color:#666;font-size:12px">Thư này do ${SITE} gửi tự động; đổi loại thông báo nhận qua thư ở mục Tài khoản.</p></body></html>`;
}
