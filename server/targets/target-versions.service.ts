import type { Kysely } from 'kysely';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { requireIsoDate } from '../http/common.errors.ts';
import { changedFields, presentTerms, presentVersions } from './target-versions.presenter.ts';
import {
  closeTarget,
  documentTerm,
  endVersion,
  indicatorUnitOf,
  insertVersion,
  lastVersionNumber,
  lockTarget,
  targetWithIndicator,
  termsOf,
  updateTargetTerms,
  versionRows,
  type LockedTarget,
  type TargetTerms,
} from './target-versions.repository.ts';
import type { TargetVersionListView } from './target-versions.schema.ts';
import { targetErrors } from './targets.errors.ts';

/** What a correction may change; anything left out stays as it is. */
export interface TargetChanges {
  value?: number;
  comparator?: TargetTerms['comparator'];
  indicatorCode?: string;
  /** A deadline target "đến năm …" (31/12 of that year). */
  deadlineYear?: number;
  /** true: every year of the document's term. */
  annual?: boolean;
  /** Sectors counted; null or empty: all. */
  sectors?: string[] | null;
  minWorkers?: number | null;
  subject?: string;
}

export const targetNotFound = targetErrors.notFound;

function requireReason(reason: string | undefined | null): string {
  const text = (reason ?? '').normalize('NFC').trim();
  if (!text) throw targetErrors.reasonRequired();
  return text;
}

/** The day a change takes effect: a real date, not after today (the target row always holds today's terms). */
function effectiveDay(day: string | undefined, field: string): string {
  const today = todayInVietnam();
  const value = day ?? today;
  requireIsoDate(value, field);
  if (value > today) throw targetErrors.effectiveInFuture(today, field);
  return value;
}

function refuseIfWithdrawn(t: LockedTarget): void {
  if (t.closed_on !== null) {
    throw targetErrors.withdrawn(t.closed_on, t.closed_reason);
  }
}

/** A change cannot start before the version in force began: that would rewrite what the last change decided. */
function refuseBeforeLastChange(t: LockedTarget, day: string, field: string): void {
  if (t.revised_from !== null && day < t.revised_from) throw targetErrors.beforeLastChange(t.revised_from, field);
}

async function lockOpenTarget(trx: Kysely<DB>, targetId: number): Promise<{ target: LockedTarget; last: number }> {
  const target = await lockTarget(trx, targetId);
  if (!target) throw targetNotFound();
  refuseIfWithdrawn(target);
  return { target, last: await lastVersionNumber(trx, targetId) };
}

/**
 * Ends the version in force on `day` — writing the target's first version when it was never
 * changed (its terms since it was set, by whoever set it: not recorded then) — and returns the
 * number of the next version.
 */
async function endCurrentVersion(trx: Kysely<DB>, target: LockedTarget, last: number, day: string): Promise<number> {
  const id = Number(target.id);
  if (last === 0) {
    await insertVersion(trx, id, {
      version: 1,
      change: 'original',
      validFrom: null,
      validTo: day,
      terms: termsOf(target),
      reason: null,
      actor: null,
      createdAt: target.created_at,
    });
    return 2;
  }
  await endVersion(trx, id, last, day);
  return last + 1;
}

async function applyChanges(trx: Kysely<DB>, target: LockedTarget, changes: TargetChanges): Promise<TargetTerms> {
  const before = termsOf(target);
  const next: TargetTerms = { ...before };
  if (changes.indicatorCode !== undefined && changes.indicatorCode !== before.indicator_code) {
    if ((await indicatorUnitOf(trx, changes.indicatorCode)) === null) {
      throw targetErrors.indicatorUnknown(changes.indicatorCode);
    }
    next.indicator_code = changes.indicatorCode;
    // A baseline is a figure of the old indicator: it says nothing about the new one.
    next.baseline_value = null;
    next.baseline_date = null;
  }
  if (changes.comparator !== undefined) next.comparator = changes.comparator;
  if (changes.value !== undefined) next.value = changes.value;
  if (changes.annual === true && changes.deadlineYear !== undefined) {
    throw targetErrors.timingConflict();
  }
  if (changes.annual === true && before.timing !== 'annual') {
    const term = await documentTerm(trx, Number(target.document_id));
    const from = term.term_from ?? Number(todayInVietnam().slice(0, 4));
    Object.assign(next, { timing: 'annual', deadline: null, annual_from: from, annual_to: term.term_to ?? from });
  } else if (changes.deadlineYear !== undefined) {
    Object.assign(next, { timing: 'deadline', deadline: `${changes.deadlineYear}-12-31`, annual_from: null, annual_to: null });
  } else if (changes.annual === false && before.timing === 'annual') {
    throw targetErrors.timingMissing();
  }
  if (changes.sectors !== undefined) next.sectors = changes.sectors && changes.sectors.length > 0 ? [...new Set(changes.sectors)] : null;
  if (changes.minWorkers !== undefined) next.min_workers = changes.minWorkers;
  if (changes.subject !== undefined) next.subject = changes.subject.normalize('NFC').trim();
  if (
    (next.value !== before.value || next.indicator_code !== before.indicator_code) &&
    (await indicatorUnitOf(trx, next.indicator_code)) === 'percent' &&
    (next.value < 0 || next.value > 100)
  ) {
    throw targetErrors.percentOutOfRange();
  }
  return next;
}

/**
 * Corrects a target: a new version in force from `effectiveFrom` (default today, never later),
 * the one before it ending that day, the target row holding the new terms, and the audit row —
 * all inside the caller's transaction. Called by the PATCH route and when an allocation is redone.
 * Refuses a withdrawn target (TARGET_WITHDRAWN), a missing reason (REASON_REQUIRED), a change
 * that changes nothing (NO_CHANGES) and a date before the last change.
 */
export async function reviseTarget(
  trx: Kysely<DB>,
  targetId: number,
  changes: TargetChanges,
  reason: string,
  actor: AuditActor,
  effectiveFrom?: string,
  options: { baseVersion?: number } = {},
): Promise<{ version: number }> {
  const why = requireReason(reason);
  const day = effectiveDay(effectiveFrom, 'effectiveFrom');
  const { target, last } = await lockOpenTarget(trx, targetId);
  const current = Math.max(last, 1);
  if (options.baseVersion !== undefined && options.baseVersion !== current) {
    throw targetErrors.versionConflict(current);
  }
  refuseBeforeLastChange(target, day, 'effectiveFrom');
  const before = termsOf(target);
  const after = await applyChanges(trx, target, changes);
  const changed = changedFields(before, after);
  if (changed.length === 0) throw targetErrors.noChanges();

  const version = await endCurrentVersion(trx, target, last, day);
  await insertVersion(trx, targetId, { version, change: 'revised', validFrom: day, validTo: null, terms: after, reason: why, actor });
  await updateTargetTerms(trx, targetId, after, day);
  const pick = (t: TargetTerms) => Object.fromEntries(changed.map((field) => [field, presentTerms(t)[field]]));
  await writeAudit(trx, actor, {
    action: 'target.revise',
    unitId: Number(target.unit_id),
    entityType: 'target',
    entityId: targetId,
    before: pick(before),
    after: pick(after),
    detail: { reason: why, effectiveFrom: day, version },
  });
  return { version };
}

/**
 * Withdraws a target from `on` (default today, never later): from that day it is on no dashboard
 * and in no report (as a target closed when its unit merged), while every earlier day keeps the
 * version then in force. Written with its history row and audit row in the caller's transaction.
 */
export async function withdrawTarget(
  trx: Kysely<DB>,
  targetId: number,
  reason: string | undefined,
  actor: AuditActor,
  on?: string,
): Promise<{ version: number }> {
  const why = requireReason(reason);
  const day = effectiveDay(on, 'on');
  const { target, last } = await lockOpenTarget(trx, targetId);
  refuseBeforeLastChange(target, day, 'on');
  const version = await endCurrentVersion(trx, target, last, day);
  await insertVersion(trx, targetId, {
    version,
    change: 'withdrawn',
    validFrom: day,
    validTo: null,
    terms: termsOf(target),
    reason: why,
    actor,
  });
  await closeTarget(trx, targetId, day, why);
  await writeAudit(trx, actor, {
    action: 'target.withdraw',
    unitId: Number(target.unit_id),
    entityType: 'target',
    entityId: targetId,
    before: { closedOn: null },
    after: { closedOn: day, closedReason: why },
    detail: { reason: why, on: day, version },
  });
  return { version };
}

export class TargetVersionsService {
  constructor(private readonly db: Kysely<DB>) {}

  async revise(
    targetId: number,
    body: TargetChanges & { reason?: string; effectiveFrom?: string; baseVersion?: number },
    actor: AuditActor,
  ): Promise<TargetVersionListView> {
    const { reason, effectiveFrom, baseVersion, ...changes } = body;
    await this.db.transaction().execute((trx) => reviseTarget(trx, targetId, changes, reason ?? '', actor, effectiveFrom, { baseVersion }));
    return this.versions(targetId);
  }

  async withdraw(targetId: number, body: { reason?: string; on?: string }, actor: AuditActor): Promise<TargetVersionListView> {
    await this.db.transaction().execute((trx) => withdrawTarget(trx, targetId, body.reason, actor, body.on));
    return this.versions(targetId);
  }

  /** The target's history, oldest first: its first terms, each correction and a withdrawal. */
  async versions(targetId: number): Promise<TargetVersionListView> {
    const target = await targetWithIndicator(this.db, targetId);
    if (!target) throw targetNotFound();
    return presentVersions(target, await versionRows(this.db, targetId));
  }
}
