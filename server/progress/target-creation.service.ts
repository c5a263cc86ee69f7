import type { Static } from 'typebox';
import type { Kysely } from 'kysely';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { documentErrors } from '../documents/documents.errors.ts';
import { targetErrors } from '../targets/targets.errors.ts';
import { progressErrors } from './progress.errors.ts';
import type { CreateTargetBody } from './progress.schema.ts';
import { documentTerms, indicatorExists, insertTarget, isAtOrAbove, unitOfTarget } from './targets.repository.ts';

/**
 * A target typed in by hand on a document (the review screen confirms extracted ones in bulk).
 * The access guard has already checked that the unit, the document and the parent target are in
 * the caller's scope; what is left is where the target may sit on the tree and what it needs.
 */
export async function createTarget(db: Kysely<DB>, actor: AuditActor, b: Static<typeof CreateTargetBody>): Promise<number> {
  const document = await documentTerms(db, b.documentId);
  if (!document) throw documentErrors.notFound();
  if (!(await isAtOrAbove(db, Number(document.issuer_unit_id), b.unitId))) throw progressErrors.unitOutsideDocument();
  const parentUnit = b.parentTargetId ? await unitOfTarget(db, b.parentTargetId) : null;
  if (parentUnit !== null && (parentUnit === b.unitId || !(await isAtOrAbove(db, parentUnit, b.unitId)))) {
    throw progressErrors.parentNotAbove();
  }
  if (!(await indicatorExists(db, b.indicatorCode))) throw targetErrors.indicatorUnknown(b.indicatorCode);
  if (!b.annual && !b.deadlineYear) throw targetErrors.timingMissing();
  if (((b.baselineValue ?? null) === null) !== ((b.baselineDate ?? null) === null)) throw progressErrors.baselineIncomplete();
  // An annual target without a document term runs for this year only.
  const annualFrom = document.term_from ?? Number(todayInVietnam().slice(0, 4));
  const annualTo = document.term_to ?? annualFrom;
  return db.transaction().execute(async (trx) => {
    const id = await insertTarget(trx, {
      document_id: b.documentId,
      unit_id: b.unitId,
      indicator_code: b.indicatorCode,
      comparator: b.comparator,
      value: b.value,
      timing: b.annual ? 'annual' : 'deadline',
      deadline: b.annual ? null : `${b.deadlineYear}-12-31`,
      annual_from: b.annual ? annualFrom : null,
      annual_to: b.annual ? annualTo : null,
      baseline_value: b.baselineValue ?? null,
      baseline_date: b.baselineDate ?? null,
      sectors: b.sectors ?? null,
      min_workers: b.minWorkers ?? null,
      subject: (b.subject ?? '').normalize('NFC'),
      quote: b.quote ?? null,
      parent_target_id: b.parentTargetId ?? null,
    });
    await writeAudit(trx, actor, { action: 'target.create', unitId: b.unitId, entityType: 'target', entityId: id, after: b });
    return id;
  });
}
