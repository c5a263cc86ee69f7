import { sql, type Kysely } from 'kysely';
import { reminderDue, reminderText } from '../../domain/notifications/report-reminders.ts';
import { openPeriods, previousPeriodCode, templatePeriod } from '../../domain/reporting/report-template.ts';
import type { DB } from '../db/schema.ts';
import { currentTemplates } from '../reporting/reporting.repository.ts';
import { mayBeTold, queueEmailCopies } from './notifications.repository.ts';

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
        const inserted = await sql`
          INSERT INTO notification (user_id, kind, event_key, title, body, link, unit_id)
          SELECT us.id, ${kind}, ${prefix} || o.id, ${title}, ${body}, '/bao-cao-dinh-ky', o.id
          FROM org_unit o
          JOIN org_placement p ON p.unit_id = o.id AND p.valid_to IS NULL
          JOIN app_user us ON us.unit_id = o.id AND NOT us.is_disabled
          WHERE o.kind = ANY(${def.unitKinds}::text[]) AND o.valid_to IS NULL AND ${mayBeTold('reports.submit', kind, 'in_app')}
            AND NOT EXISTS (SELECT 1 FROM grassroots_profile g WHERE g.unit_id = o.id AND g.dissolved_on IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM report x WHERE x.unit_id = o.id AND x.template_code = ${template.code} AND x.period_code = ${code} AND x.status IN ('submitted', 'accepted'))
          ON CONFLICT (user_id, event_key) DO NOTHING`.execute(trx);
        if (channels.email) await queueEmailCopies(trx, kind, sql<boolean>`n.event_key LIKE ${`${prefix}%`}`);
        return Number(inserted.numAffectedRows ?? 0);
      });
    }
  }
  return written;
}
