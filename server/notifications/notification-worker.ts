import type { Logger } from 'pino';
import type { AppConfig } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { advisoryLockClaims, exclusiveClaims } from './delivery-claims.ts';
import { DEFAULT_BATCH, DEFAULT_CONCURRENCY, EmailDelivery } from './email-delivery.ts';
import { NotificationScheduler } from './notification-scheduler.ts';
import { setEmailChannel } from './notify.ts';

/** Delivery tuning from the environment: MAIL_CONCURRENCY (SMTP connections at once), MAIL_BATCH (rows claimed per round). */
export function deliverySettings(env: NodeJS.ProcessEnv = process.env): { concurrency: number; batch: number } {
  const read = (name: string, fallback: number, max: number) => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`Biến môi trường ${name}="${raw}" không hợp lệ: cần một số nguyên từ 1 đến ${max}.`);
    return n;
  };
  return { concurrency: read('MAIL_CONCURRENCY', DEFAULT_CONCURRENCY, 64), batch: read('MAIL_BATCH', DEFAULT_BATCH, 5_000) };
}

/**
 * The notification work a server process runs beside HTTP: the e-mail outbox (with an SMTP
 * server; without one, said once) and the hourly scheduler (report and task reminders, targets
 * turning chậm tiến độ / không đạt, daily digests). Every
 * part is idempotent, so every server process may run it.
 */
export async function startNotificationWork(database: Database, config: AppConfig, logger: Logger): Promise<{ stop(): Promise<void> }> {
  let email: EmailDelivery | null = null;
  if (config.smtpUrl) {
    const claims =
      database.kind === 'pglite' || !config.databaseUrl
        ? exclusiveClaims()
        : await advisoryLockClaims(config.databaseUrl, (error) => {
            logger.error({ err: error }, 'e-mail delivery lock connection lost: this process stops sending');
            void email?.stop();
          });
    email = new EmailDelivery(database.db, { smtpUrl: config.smtpUrl, from: config.mailFrom, claims, ...deliverySettings() });
    email.start(5_000, (error) => logger.error({ err: error }, 'e-mail delivery round failed'));
  } else {
    logger.info('Chưa cấu hình SMTP_URL: thông báo chỉ hiện trong ứng dụng, không gửi thư điện tử.');
  }
  // The events of other resources (tasks, accounts, imports) queue e-mail copies only with SMTP.
  setEmailChannel(email !== null);
  const scheduler = new NotificationScheduler(
    database.db,
    () => new Date(),
    { email: email !== null },
    (error) => logger.error({ err: error }, 'scheduled notifications round failed'),
  );
  scheduler.start();
  return {
    async stop() {
      await scheduler.stop();
      await email?.stop();
    },
  };
}
