import type { Kysely } from 'kysely';
import { reminderDue, reminderText } from '../../domain/notifications/report-reminders.ts';
import { openPeriods, previousPeriodCode, templatePeriod } from '../../domain/reporting/report-template.ts';
import type { DB } from '../db/schema.ts';
import { currentTemplates } from '../reporting/reporting.repository.ts';
import { queueEmailCopiesByKeyPrefix } from './notifications.repository.ts';
import { insertReportReminders } from './scheduled-notifications.repository.ts';

/**
 * Writes the reminders the reporting calendar calls for on `today` (domain/notifications/
 * report-reminders.ts): for each form and each period still open or recently due, to the
 * officers (reports.submit) of every unit expected to report that has not sent it — no report,
 * a draft, or a returned one. Set-based: one statement per (form, period), so a national
 * deadline's 130,000 CĐCS cost one INSERT, and the unique (user, event key) makes a second run
 * a no-op. With `email`, the e-mail copies are queued in the same statement's transaction.
 */
export async function writeReportReminders(
  db: Kysely<DB>,
  today: string,
  channels: { email: boolean } = { email: false },
): Promise<number> {
  let written = 0;
  for (const template of await currentTemplates(db)) {
    const def = template.definition;
    // The periods open today, and the one before the oldest (overdue reminders run a month past the due day).
    const codes = openPeriods(def, today).map((p) => p.code);
    const older = codes.length ? previousPeriodCode(codes.at(-1)!) : null;
    for (const code of [...codes, ...(older ? [older] : [])]) {
      const period = templatePeriod(def, code);
      const kind = reminderDue(period.dueOn, today);
      if (!kind) continue;
      const { title, body } = reminderText(kind, { templateName: template.name, periodLabel: period.label, dueOn: period.dueOn });
      written += await db.transaction().execute(async (trx) => {
        const prefix = `${kind}:${template.code}:${code}:`;
        const inserted = await insertReportReminders(trx, {
          kind,
          prefix,
          title,
          body,
          unitKinds: def.unitKinds,
          templateCode: template.code,
          periodCode: code,
        });
        if (channels.email) await queueEmailCopiesByKeyPrefix(trx, kind, prefix);
        return inserted;
      });
    }
  }
  return written;
}
