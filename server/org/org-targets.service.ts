import type { Kysely } from 'kysely';
import { formatVietnameseDate } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { derivedElements } from '../progress/derived-elements.repository.ts';
import { everInScope } from './org-operations.repository.ts';
import type { CarryTargetsBody, CarryTargetsResult } from './org-operations.schema.ts';
import { orgErrors } from './org.errors.ts';
import { unitNotFound } from './org.service.ts';
import { closeTarget, insertCarriedTarget, openTargetsOf, unitsByCodes } from './org-targets.repository.ts';

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Targets that can be combined: same indicator, comparator, timing and scope narrowing. */
function groupKey(t: {
  indicator_code: string;
  comparator: string;
  timing: string;
  deadline: string | null;
  annual_from: number | null;
  annual_to: number | null;
  sectors: string[] | null;
  min_workers: number | null;
}): string {
  return JSON.stringify([
    t.indicator_code,
    t.comparator,
    t.timing,
    t.deadline,
    t.annual_from,
    t.annual_to,
    [...(t.sectors ?? [])].sort(),
    t.min_workers,
  ]);
}

/**
 * Targets across a change (issue 7). `combine`: the open targets of the merged units become one
 * target of the successor per indicator and scope — counts summed; shares recomputed from their
 * parts, weighting each unit's share by its denominator the day before the change (a share is
 * Σ numerators / Σ denominators, never an average) — each naming the targets it came from, which
 * are closed. `close`: the targets end on the date with a reason; with a successor named they pass
 * to it unchanged first.
 */
export async function carryTargets(
  db: Kysely<DB>,
  body: CarryTargetsBody,
  scopePath: string,
  actor: AuditActor,
): Promise<CarryTargetsResult> {
  const units = await unitsByCodes(db, [...body.fromCodes, ...(body.toCode ? [body.toCode] : [])]);
  const byCode = new Map(units.map((u) => [u.code, { ...u, id: Number(u.id) }]));
  for (const code of [...body.fromCodes, ...(body.toCode ? [body.toCode] : [])]) {
    const unit = byCode.get(code);
    if (!unit || !(await everInScope(db, unit.id, scopePath))) throw unitNotFound();
  }
  if (body.mode === 'combine' && !body.toCode) throw orgErrors.successorRequired();
  if (body.mode === 'close' && !body.toCode && !body.reason) throw orgErrors.reasonRequired();
  const to = body.toCode ? byCode.get(body.toCode)! : null;
  const fromIds = body.fromCodes.map((c) => byCode.get(c)!.id);
  const codeOf = new Map(units.map((u) => [Number(u.id), u.code]));

  return db.transaction().execute(async (trx) => {
    const targets = await openTargetsOf(trx, fromIds);
    const result: CarryTargetsResult = { applied: !body.dryRun, created: [], closed: [] };
    const groups = new Map<string, typeof targets>();
    for (const t of targets) {
      const key = body.mode === 'combine' ? groupKey(t) : String(t.id);
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      let value = Number(first.value);
      let note: string;
      if (!to) {
        note = '';
      } else if (body.mode === 'combine' && group.length > 1 && first.indicator_unit === 'count') {
        value = group.reduce((s, t) => s + Number(t.value), 0);
        note = `Cộng chỉ tiêu của ${group.map((t) => `${codeOf.get(Number(t.unit_id))} (${Number(t.value)})`).join(', ')} khi sáp nhập ngày ${formatVietnameseDate(body.date)}.`;
      } else if (body.mode === 'combine' && group.length > 1) {
        const weights = await Promise.all(
          group.map(async (t) => {
            // Only a plain element denominator ("#{cdcs}") can be counted per part.
            const element = /^#\{([a-z0-9_]+)\}$/.exec(t.denominator?.trim() ?? '')?.[1];
            if (!element) return null;
            const values = await derivedElements(
              trx,
              Number(t.unit_id),
              dayBefore(body.date),
              { sectors: t.sectors, minWorkers: t.min_workers },
              null,
            );
            return values.get(element) ?? null;
          }),
        );
        const known = weights.every((w) => w !== null && w > 0);
        const w = known ? (weights as number[]) : group.map(() => 1);
        value = Math.round((group.reduce((s, t, i) => s + Number(t.value) * w[i]!, 0) / w.reduce((s, x) => s + x, 0)) * 100) / 100;
        note = known
          ? `Tính lại từ các phần: ${group.map((t, i) => `${codeOf.get(Number(t.unit_id))} ${Number(t.value)}% trên ${w[i]}`).join(', ')} (ngày ${formatVietnameseDate(dayBefore(body.date))}).`
          : `Bình quân của ${group.map((t) => `${codeOf.get(Number(t.unit_id))} ${Number(t.value)}%`).join(', ')} (chưa có mẫu số để tính theo phần).`;
      } else {
        note = `Chuyển từ ${codeOf.get(Number(first.unit_id))} khi ${body.mode === 'combine' ? 'sáp nhập' : 'giải thể'} ngày ${formatVietnameseDate(body.date)}.`;
      }
      let newId: number | null = null;
      if (to) {
        if (!body.dryRun) {
          newId = await insertCarriedTarget(trx, {
            document_id: first.document_id,
            unit_id: to.id,
            indicator_code: first.indicator_code,
            comparator: first.comparator,
            value,
            timing: first.timing,
            deadline: first.deadline,
            annual_from: first.annual_from,
            annual_to: first.annual_to,
            baseline_value: null,
            baseline_date: null,
            sectors: first.sectors,
            min_workers: first.min_workers,
            subject: first.subject,
            quote: first.quote,
            parent_target_id: first.parent_target_id,
            combined_from: group.map((t) => Number(t.id)),
            origin_note: note,
          });
        }
        result.created.push({
          id: newId,
          unitCode: to.code,
          indicatorCode: first.indicator_code,
          value,
          combinedFrom: group.map((t) => Number(t.id)),
          note,
        });
      }
      const reason = to ? `Chuyển cho ${to.name} (${to.code})${body.reason ? `: ${body.reason}` : ''}` : body.reason!;
      for (const t of group) {
        if (!body.dryRun) {
          await closeTarget(trx, Number(t.id), body.date, reason, newId);
        }
        result.closed.push({ id: Number(t.id), unitCode: codeOf.get(Number(t.unit_id))!, indicatorCode: t.indicator_code, reason });
      }
    }
    if (!body.dryRun) {
      await writeAudit(trx, actor, {
        action: 'org.targets_carried',
        unitId: to?.id ?? fromIds[0]!,
        entityType: 'target',
        entityId: null,
        detail: {
          mode: body.mode,
          date: body.date,
          from: body.fromCodes,
          to: body.toCode ?? null,
          created: result.created.map((c) => c.id),
          closed: result.closed.map((c) => c.id),
        },
      });
    }
    return result;
  });
}
