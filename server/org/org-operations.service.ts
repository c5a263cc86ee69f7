import type { Kysely } from 'kysely';
import { badRequest } from '../../domain/errors/app-error.ts';
import { UNIT_KIND_LABELS, type UnitKind } from '../../domain/org/org-unit.ts';
import { planRestructure, type PlanChanges, type PlanProblem, type PlanRow } from '../../domain/org/restructure-plan.ts';
import { formatVietnameseDate } from '../../domain/time/calendar-date.ts';
import { writeAudit, type AuditActor } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './org-operations.repository.ts';
import type { OrgOperationBody, PlanReport, UnitHistory } from './org-operations.schema.ts';
import { namingRows, readPlanFile } from './restructure-file.ts';
import { unitNotFound } from './org.service.ts';

const AREA_KINDS: readonly UnitKind[] = ['province', 'commune', 'industrial_zone', 'local_sector', 'district'];
const EMPLOYER_LIST_LIMIT = 500;
export const PLAN_FILE_MAX_BYTES = 20 * 1024 * 1024;

export interface OperationOptions {
  scopeUnitId: number;
  dryRun: boolean;
  actor: AuditActor;
}

/** One operation from a form, written as the rows of a plan (the one code path). */
export function operationRows(op: OrgOperationBody): PlanRow[] {
  const base = { effectiveOn: op.date, oldCode: null, newCode: null, newName: null, newKind: null, newParentCode: null };
  let n = 0;
  const row = (fields: Partial<PlanRow> & Pick<PlanRow, 'operation'>): PlanRow => ({ ...base, row: ++n, ...fields });
  const create = (u: { code: string; name: string; kind: UnitKind; parentCode?: string }, fallbackParent: string | null) =>
    row({ operation: 'create', newCode: u.code, newName: u.name, newKind: u.kind, newParentCode: u.parentCode ?? fallbackParent });
  switch (op.kind) {
    case 'create':
      return [create(op.unit, null)];
    case 'rename':
      return [row({ operation: 'rename', oldCode: op.code, newName: op.name })];
    case 'move':
      return [row({ operation: 'move', oldCode: op.code, newParentCode: op.parentCode })];
    case 'dissolve':
      return [row({ operation: 'dissolve', oldCode: op.code, newCode: op.receiverCode })];
    case 'merge':
      return [
        ...(op.into.new ? [create({ ...op.into.new, code: op.into.code }, null)] : []),
        ...op.codes.map((code) => row({ operation: 'merge', oldCode: code, newCode: op.into.code })),
      ];
    case 'split':
      return op.parts.flatMap((part) => [
        create(part.unit, null),
        row({ operation: 'split', oldCode: op.code, newCode: part.unit.code }),
        ...part.children.map((child) => row({ operation: 'move', oldCode: child, newParentCode: part.unit.code })),
      ]);
  }
}

export class OrgOperationsService {
  constructor(private readonly db: Kysely<DB>) {}

  async operation(op: OrgOperationBody, options: OperationOptions): Promise<PlanReport> {
    // A split's new parts sit where the split unit sat unless told otherwise.
    if (op.kind === 'split') {
      const tree = await repo.loadScopeTree(this.db, options.scopeUnitId, op.date);
      const unit = tree.find((u) => u.code === op.code);
      const parent = unit && tree.find((u) => u.id === unit.parentId);
      for (const part of op.parts) part.unit.parentCode ??= parent?.code;
    }
    return this.run(operationRows(op), [], options, { kind: op.kind });
  }

  /** A plan file, already received whole (server/http/file-upload.ts): read with the tabular readers, run as one plan. */
  async planFile(filePath: string, fileName: string, options: OperationOptions): Promise<PlanReport> {
    const { rows, problems } = await readPlanFile(filePath);
    return this.run(rows, problems, options, { fileName }, namingRows);
  }

  /**
   * Checks the plan against the tree on its date and, unless it is a dry run, writes it — all in
   * one transaction holding the tree lock, so the preview and the write see the same tree. An
   * invalid plan writes nothing: a dry run answers its problems, an apply is refused with them.
   */
  private async run(
    rows: PlanRow[],
    readProblems: PlanProblem[],
    options: OperationOptions,
    detail: Record<string, unknown>,
    /** How problems are worded for this source (a file's name their rows; a form's rows are its own). */
    present: (problems: PlanProblem[]) => PlanProblem[] = (p) => p,
  ): Promise<PlanReport> {
    const date = rows[0]?.effectiveOn ?? null;
    if (!date) {
      const problems = readProblems.length > 0 ? readProblems : [{ row: null, code: null, message: 'Kế hoạch không có dòng nào.' }];
      return this.refuse(date, present(problems), options.dryRun);
    }
    return this.db.transaction().execute(async (trx) => {
      await repo.lockTree(trx);
      const tree = await repo.loadScopeTree(trx, options.scopeUnitId, date);
      const mentioned = [...new Set(rows.flatMap((r) => [r.oldCode, r.newCode, r.newParentCode]).filter((c): c is string => !!c))];
      const codes = await repo.existingCodes(trx, mentioned);
      const closing = tree.filter(
        (u) => u.kind === 'grassroots' && rows.some((r) => r.oldCode === u.code && ['merge', 'split', 'dissolve'].includes(r.operation)),
      );
      const outcome = planRestructure(rows, {
        date,
        units: tree,
        scopeRootId: options.scopeUnitId,
        codeExists: (c) => codes.has(c),
        openMembers: await repo.membersOn(
          trx,
          closing.map((u) => u.id),
          date,
        ),
      });
      // Unreadable rows and the plan's own problems are reported together: every problem at once.
      if (!outcome.ok || readProblems.length > 0) {
        const problems = [...readProblems, ...(outcome.ok ? [] : outcome.problems)].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
        return this.refuse(date, present(problems), options.dryRun);
      }

      const report = await this.report(trx, outcome.changes, tree);
      if (options.dryRun) return report.body;
      await repo.writePlan(trx, outcome.changes, tree, report.employerAreas);
      await writeAudit(trx, options.actor, {
        action: 'org.restructure',
        unitId: options.scopeUnitId,
        entityType: 'org_unit',
        entityId: null,
        detail: {
          ...detail,
          date,
          created: report.body.created.map((c) => c.code),
          moved: report.body.moved.map((m) => [m.code, m.to.code]),
          merged: report.body.merged.map((m) => [m.code, m.into.map((i) => i.code)]),
          split: report.body.split.map((s) => [s.code, s.into.map((i) => i.code)]),
          dissolved: report.body.dissolved.map((d) => [d.code, d.childrenTo.code]),
          renamed: report.body.renamed,
          employers: report.body.employersChangingAreaCount,
        },
      });
      return { ...report.body, applied: true };
    });
  }

  private refuse(date: string | null, problems: PlanProblem[], dryRun: boolean): PlanReport {
    if (!dryRun) {
      throw badRequest(
        'PLAN_INVALID',
        `Kế hoạch sắp xếp có ${problems.length} lỗi, không có thay đổi nào được ghi.`,
        problems.map((p) => ({ path: p.row === null ? (p.code ?? 'kế hoạch') : `dòng ${p.row}`, message: p.message })),
      );
    }
    return {
      date,
      valid: false,
      applied: false,
      problems,
      created: [],
      renamed: [],
      moved: [],
      merged: [],
      split: [],
      dissolved: [],
      membersChangingUpper: 0,
      cdcsChangingUpper: 0,
      employersChangingArea: [],
      employersChangingAreaCount: 0,
      unmapped: [],
    };
  }

  /** What the plan changes, in a user's terms (the preview, and the result of the write). */
  private async report(
    trx: Kysely<DB>,
    changes: PlanChanges,
    tree: repo.ScopeUnit[],
  ): Promise<{ body: PlanReport; employerAreas: Map<number, string> }> {
    const byCode = new Map(tree.map((u) => [u.code, u]));
    const codeOfId = new Map(tree.map((u) => [u.id, u.code]));
    const createdByCode = new Map(changes.created.map((c) => [c.code, c]));
    const ref = (code: string) => ({ code, name: byCode.get(code)?.name ?? createdByCode.get(code)?.name ?? code });
    const kindOf = (code: string) => byCode.get(code)?.kind ?? createdByCode.get(code)?.kind;

    // Units whose path changes: moved ones and everything below them. Their CĐCS' members change upper unit.
    const movedCodes = new Set(changes.moved.map((m) => m.code));
    const childrenOf = new Map<number, repo.ScopeUnit[]>();
    for (const u of tree) if (u.parentId !== null) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
    const cdcs = new Set<number>();
    const walk = (u: repo.ScopeUnit) => {
      if (u.kind === 'grassroots') cdcs.add(u.id);
      for (const c of childrenOf.get(u.id) ?? []) walk(c);
    };
    for (const code of movedCodes) walk(byCode.get(code)!);

    // Employers whose area union closes: to the new upper union of their CĐCS when that is an
    // area union, else to the closed unit's successor.
    const closedIds = changes.closed.map((c) => byCode.get(c.code)!.id);
    const employers = await repo.employersInAreas(trx, closedIds);
    const employerAreas = new Map<number, string>();
    const employerList: PlanReport['employersChangingArea'] = [];
    const unmapped: PlanReport['unmapped'] = [];
    for (const e of employers) {
      const fromCode = codeOfId.get(e.area_unit_id)!;
      const cdcsCode = e.cdcs_unit_id === null ? undefined : codeOfId.get(e.cdcs_unit_id);
      const cdcsParent = cdcsCode ? (changes.parentOf.get(cdcsCode) ?? codeOfId.get(byCode.get(cdcsCode)!.parentId!)) : undefined;
      let to = cdcsParent && AREA_KINDS.includes(kindOf(cdcsParent)!) ? cdcsParent : undefined;
      if (!to) {
        to = changes.defaultSuccessor.get(fromCode)!;
        if (unmapped.length < EMPLOYER_LIST_LIMIT)
          unmapped.push({
            code: e.tax_code,
            name: e.name,
            message: `Doanh nghiệp chưa có CĐCS thuộc địa bàn "${fromCode}": giao cho "${to}".`,
          });
      }
      employerAreas.set(e.id, to);
      if (employerList.length < EMPLOYER_LIST_LIMIT)
        employerList.push({ taxCode: e.tax_code, name: e.name, from: ref(fromCode), to: ref(to) });
    }
    for (const m of changes.moved)
      if (m.byDefault)
        unmapped.push({
          code: m.code,
          name: m.name,
          message: `Không có dòng riêng: theo đơn vị cấp trên cũ "${m.fromParentCode}" về "${m.toParentCode}".`,
        });

    const body: PlanReport = {
      date: changes.date,
      valid: true,
      applied: false,
      problems: [],
      created: changes.created.map((c) => ({
        code: c.code,
        name: c.name,
        kind: c.kind,
        kindLabel: UNIT_KIND_LABELS[c.kind],
        parent: ref(c.parentCode),
      })),
      renamed: changes.renamed,
      moved: changes.moved.map((m) => ({
        code: m.code,
        name: m.name,
        from: m.fromParentCode ? ref(m.fromParentCode) : null,
        to: ref(m.toParentCode),
        byDefault: m.byDefault,
      })),
      merged: changes.closed
        .filter((c) => c.operation === 'merge')
        .map((c) => ({ code: c.code, name: c.name, into: c.successorCodes.map(ref) })),
      split: changes.closed
        .filter((c) => c.operation === 'split')
        .map((c) => ({ code: c.code, name: c.name, into: c.successorCodes.map(ref) })),
      dissolved: changes.closed
        .filter((c) => c.operation === 'dissolve')
        .map((c) => ({ code: c.code, name: c.name, childrenTo: ref(c.successorCodes[0]!) })),
      membersChangingUpper: await repo.membersUnder(trx, [...cdcs], changes.date),
      cdcsChangingUpper: cdcs.size,
      employersChangingArea: employerList,
      employersChangingAreaCount: employers.length,
      unmapped,
    };
    return { body, employerAreas };
  }

  /** A unit's timeline: its names, its places in the tree, whom it continues and who continues it. */
  async history(unitId: number): Promise<UnitHistory> {
    const unit = await repo.unitIdentity(this.db, unitId);
    if (!unit) throw unitNotFound();
    const [names, placements, successions] = await Promise.all([
      repo.unitNames(this.db, unitId),
      repo.unitPlacements(this.db, unitId),
      repo.unitSuccessions(this.db, unitId),
    ]);
    const events: UnitHistory['events'] = [
      { date: unit.valid_from, type: 'founded', text: `Bắt đầu hoạt động với tên "${names[0]?.name ?? unit.name}"` },
    ];
    for (const n of names.slice(1)) events.push({ date: n.valid_from, type: 'name', text: `Đổi tên thành "${n.name}"` });
    for (const p of placements) {
      events.push({
        date: p.valid_from,
        type: 'placement',
        text: p.parent_id === null ? 'Là đơn vị gốc của cây tổ chức' : `Trực thuộc ${p.parent_name} (${p.parent_code})`,
        ...(p.parent_id === null ? {} : { unit: { id: Number(p.parent_id), code: p.parent_code!, name: p.parent_name! } }),
      });
    }
    const verb = { merge: 'sáp nhập', split: 'chia tách', dissolve: 'giải thể' } as const;
    for (const s of successions) {
      if (Number(s.successor_id) === unitId) {
        events.push({
          date: s.effective_on,
          type: 'predecessor',
          text: `Kế thừa ${s.predecessor_name} (${s.predecessor_code}) do ${verb[s.kind]}`,
          unit: { id: Number(s.predecessor_id), code: s.predecessor_code, name: s.predecessor_name },
        });
      } else {
        events.push({
          date: s.effective_on,
          type: 'successor',
          text: `${verb[s.kind][0]!.toUpperCase()}${verb[s.kind].slice(1)}: kế thừa bởi ${s.successor_name} (${s.successor_code})`,
          unit: { id: Number(s.successor_id), code: s.successor_code, name: s.successor_name },
        });
      }
    }
    if (unit.valid_to)
      events.push({ date: unit.valid_to, type: 'closed', text: `Chấm dứt hoạt động từ ngày ${formatVietnameseDate(unit.valid_to)}` });
    const order = { founded: 0, name: 1, predecessor: 2, placement: 3, successor: 4, closed: 5 } as const;
    events.sort((a, b) => a.date.localeCompare(b.date) || order[a.type] - order[b.type]);
    return {
      unit: { id: Number(unit.id), code: unit.code, name: unit.name, kind: unit.kind, validFrom: unit.valid_from, validTo: unit.valid_to },
      events,
    };
  }
}
