// Giao chỉ tiêu: the screen's proposal (the parent target, each child's base and share, the
// remainder) and the allocation itself, written as targets of the children that name the parent
// target and its document. Re-allocating revises those targets (a new version, with a reason)
// instead of adding new ones, so each child keeps one allocated target with its history.
import type { Kysely, Transaction } from 'kysely';
import {
  checkAllocation,
  equalShares,
  proportionalShares,
  type AllocationMethod,
  type Comparator,
  type Share,
  type ValueKind,
} from '../../domain/allocation/allocation.ts';
import { parsePeriod } from '../../domain/periods/period.ts';
import { todayInVietnam } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import type { ProgressService } from '../progress/progress.service.ts';
import { readAllocationFile } from './allocation-file.ts';
import * as repo from './allocation.repository.ts';
import { targetNotFound } from '../targets/target-versions.service.ts';
import { allocationErrors } from './allocation.errors.ts';

type TargetRow = Awaited<ReturnType<ProgressService['targetRows']>>[number];

/** What the proposal is proportional to. */
export type AllocationBase = 'members' | 'employers' | 'current' | 'last_year';

export const BASE_LABEL: Record<AllocationBase, string> = {
  members: 'số đoàn viên hiện có',
  employers: 'số doanh nghiệp (đơn vị sử dụng lao động)',
  current: 'giá trị hiện tại của chỉ tiêu',
  last_year: 'kết quả năm trước',
};
const METHOD_LABEL: Record<AllocationMethod, (base: AllocationBase) => string> = {
  proportional: (base) => `theo tỷ lệ ${BASE_LABEL[base]}`,
  equal: () => 'chia đều',
  manual: () => 'giao trực tiếp',
};

/** Writes a new version of an allocated target (value changed on re-allocation): server/targets' reviseTarget. */
export type TargetReviser = (
  trx: Transaction<DB>,
  targetId: number,
  changes: { value: number },
  reason: string,
  actor: AuditActor,
) => Promise<unknown>;

export { targetNotFound };

export interface AllocationInput {
  method: AllocationMethod;
  base: AllocationBase;
  shares: Share[];
  reason?: string;
  /** Give out more than an "at least" target asks (a deliberate margin). */
  allowOver?: boolean;
}

export class AllocationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly progress: ProgressService,
    private readonly revise: TargetReviser,
  ) {}

  private async parent(targetId: number): Promise<TargetRow> {
    const [t] = await this.progress.targetRows({ targetIds: [targetId] });
    if (!t) throw targetNotFound();
    if (t.closed_on) throw allocationErrors.targetClosed();
    return t;
  }

  /** The allocation screen: the parent's value, each child's base, current and proposed share, the remainder. */
  async preview(targetId: number, base: AllocationBase, method: AllocationMethod = 'proportional') {
    const t = await this.parent(targetId);
    const kind = kindOf(t);
    const children = await repo.childrenOf(this.db, Number(t.unit_id));
    const current = await repo.allocationsOf(this.db, targetId);
    const bases =
      kind === 'ratio'
        ? children.map(() => null)
        : await this.baseValues(
            t,
            children.map((c) => c.id),
            base,
          );
    const proposed =
      kind === 'ratio'
        ? children.map((c) => ({ unitId: c.id, value: Number(t.value) }))
        : method === 'equal'
          ? equalShares(
              Number(t.value),
              children.map((c) => c.id),
            )
          : proportionalShares(
              Number(t.value),
              children.map((c, i) => ({ unitId: c.id, base: bases[i]! })),
            );
    const check = checkAllocation(
      { value: Number(t.value), comparator: t.comparator as Comparator, kind },
      proposed,
      new Map(children.map((c) => [c.id, c.name])),
    );
    return {
      target: {
        id: Number(t.id),
        unit: { id: Number(t.unit_id), name: t.owner_name },
        indicatorCode: t.indicator_code,
        indicatorName: t.indicator_name,
        subject: t.subject,
        comparator: t.comparator,
        value: Number(t.value),
        kind,
        document: { id: Number(t.document_id), title: t.document_title, symbol: t.document_symbol },
      },
      base,
      baseLabel: BASE_LABEL[base],
      method,
      rule:
        kind === 'ratio'
          ? `Chỉ tiêu tỷ lệ: mỗi đơn vị trực thuộc nhận cùng mức ${formatValue(Number(t.value))}, có thể giao mức chặt hơn.`
          : `Chỉ tiêu số lượng: tổng giao cho các đơn vị ${t.comparator === '<' || t.comparator === '<=' ? 'không vượt' : 'không thấp hơn'} ${formatValue(Number(t.value))}.`,
      children: children.map((c, i) => ({
        unit: c,
        base: bases[i] ?? null,
        current: current.get(c.id)?.value ?? null,
        proposed: proposed[i]!.value,
      })),
      sum: check.sum,
      remainder: check.remainder,
    };
  }

  /** Writes the allocation: refused whole, with every problem, when it does not honour the parent. */
  async apply(targetId: number, input: AllocationInput, actor: AuditActor) {
    const t = await this.parent(targetId);
    const kind = kindOf(t);
    const children = await repo.childrenOf(this.db, Number(t.unit_id));
    const names = new Map(children.map((c) => [c.id, c.name]));
    const check = checkAllocation({ value: Number(t.value), comparator: t.comparator as Comparator, kind }, input.shares, names, {
      allowOver: input.allowOver,
    });
    if (check.problems.length > 0) {
      throw allocationErrors.invalid(
        check.problems.map((p) => p.message).join(' '),
        check.problems.map((p) => ({
          path: p.unitId === null ? 'shares' : `shares[${input.shares.findIndex((s) => s.unitId === p.unitId)}]`,
          message: p.message,
        })),
      );
    }
    const how = METHOD_LABEL[input.method](input.base);
    const reason = input.reason?.trim() || `Giao lại chỉ tiêu (${how}).`;
    const result = await this.db.transaction().execute(async (trx) => {
      const existing = await repo.allocationsOf(trx, targetId);
      let created = 0;
      let revised = 0;
      for (const share of input.shares) {
        const before = existing.get(share.unitId);
        if (before && before.value === share.value) continue;
        if (before) {
          await this.revise(trx, before.id, { value: share.value }, reason, actor);
          revised++;
          continue;
        }
        await repo.insertAllocatedTarget(trx, {
          documentId: Number(t.document_id),
          unitId: share.unitId,
          parentTargetId: targetId,
          indicatorCode: t.indicator_code,
          comparator: t.comparator as Comparator,
          value: share.value,
          timing: t.timing,
          deadline: t.deadline,
          annualFrom: t.annual_from,
          annualTo: t.annual_to,
          sectors: t.sectors,
          minWorkers: t.min_workers,
          subject: t.subject,
          quote: t.quote,
          originNote: `Được giao từ chỉ tiêu của ${t.owner_name} (${how}).`,
        });
        created++;
      }
      await writeAudit(trx, actor, {
        action: 'target.allocate',
        unitId: Number(t.unit_id),
        entityType: 'target',
        entityId: targetId,
        after: { method: input.method, base: input.base, shares: input.shares, allowOver: input.allowOver ?? false, created, revised },
      });
      return { created, revised };
    });
    return { ...result, ...(await this.preview(targetId, input.base, input.method)) };
  }

  /**
   * An allocation from an Excel/CSV file (unit code, value). A dry run answers every problem of
   * the rows and of the whole; otherwise a file with any problem is refused whole, else applied.
   */
  async importFile(targetId: number, path: string, dryRun: boolean, actor: AuditActor) {
    const t = await this.parent(targetId);
    const kind = kindOf(t);
    const children = await repo.childrenOf(this.db, Number(t.unit_id));
    const file = await readAllocationFile(path, children, kind === 'ratio');
    const check = checkAllocation(
      { value: Number(t.value), comparator: t.comparator as Comparator, kind },
      file.shares,
      new Map(children.map((c) => [c.id, c.name])),
    );
    const problems = [
      ...file.problems,
      ...check.problems.map((p) => ({ row: file.shares.find((s) => s.unitId === p.unitId)?.row ?? null, message: p.message })),
    ];
    const names = new Map(children.map((c) => [c.id, c]));
    const rows = file.shares.map((s) => ({ row: s.row, unit: names.get(s.unitId)!, value: s.value }));
    if (dryRun) return { applied: false, rows, problems, sum: check.sum, remainder: check.remainder };
    if (problems.length > 0) {
      throw allocationErrors.fileInvalid(problems.map((p) => ({ path: p.row === null ? 'file' : `row ${p.row}`, message: p.message })));
    }
    await this.apply(
      targetId,
      {
        method: 'manual',
        base: 'current',
        shares: file.shares.map(({ unitId, value }) => ({ unitId, value })),
        reason: 'Giao chỉ tiêu từ tệp Excel.',
      },
      actor,
    );
    return { applied: true, rows, problems: [], sum: check.sum, remainder: check.remainder };
  }

  /** The Excel template: every child with its code, name and the proposed share, to fill in offline. */
  async templateRows(targetId: number, base: AllocationBase) {
    const preview = await this.preview(targetId, base);
    return {
      target: preview.target,
      rows: preview.children.map((c) => ({ code: c.unit.code, name: c.unit.name, value: c.current ?? c.proposed })),
    };
  }

  /** Each child's base for a proportional proposal, read with the progress engine's own values. */
  private async baseValues(t: TargetRow, childIds: number[], base: AllocationBase): Promise<(number | null)[]> {
    const today = todayInVietnam();
    const date = base === 'last_year' ? `${Number(today.slice(0, 4)) - 1}-12-31` : today;
    const numerator = base === 'members' ? '#{members_active}' : base === 'employers' ? '#{employers}' : t.numerator;
    const row: TargetRow =
      base === 'members' || base === 'employers' ? { ...t, numerator, denominator: null, sectors: null, min_workers: null } : t;
    const cache = this.progress.cache();
    const period = parsePeriod(date.slice(0, 4));
    const values = await Promise.all(childIds.map((id) => this.progress.valueOf(row, id, date, period, false, cache)));
    return values.map((v) => v.value);
  }
}

/** Counts (and money) are shared out; shares and ratios apply to every child as they are. */
function kindOf(t: TargetRow): ValueKind {
  return t.indicator_unit === 'count' ? 'count' : 'ratio';
}

const formatValue = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
