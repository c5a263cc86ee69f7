/**
 * A restructuring plan (docs/domain.md §1, the 2025 reform): a list of operations on the tree, all on
 * one effective date, checked as a whole against the tree as it stood that day. Pure: the caller
 * loads the tree and the facts that can forbid a change; this module simulates the plan in memory
 * and answers either every problem it found or the exact set of changes to write. One code path
 * serves a single operation from a form and a plan file of hundreds of rows, so a preview is the
 * same computation as the write.
 */
import { formatVietnameseDate as formatDate } from '../time/calendar-date.ts';
import { canBeChildOf, UNIT_KIND_LABELS, type UnitKind } from './org-unit.ts';

export const OPERATION_KINDS = ['create', 'rename', 'move', 'merge', 'split', 'dissolve'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_LABELS: Record<OperationKind, string> = {
  create: 'Thành lập',
  rename: 'Đổi tên',
  move: 'Chuyển',
  merge: 'Sáp nhập',
  split: 'Chia tách',
  dissolve: 'Giải thể',
};

/** Words a plan file may use for each operation (compared without accents or case). */
const OPERATION_WORDS: Record<OperationKind, string[]> = {
  create: ['thanh lap', 'tao moi', 'tao', 'create'],
  rename: ['doi ten', 'rename'],
  move: ['chuyen', 'di chuyen', 'chuyen cap tren', 'move'],
  merge: ['sap nhap', 'hop nhat', 'nhap', 'merge'],
  split: ['chia tach', 'tach', 'split'],
  dissolve: ['giai the', 'dissolve'],
};

export function parseOperationKind(text: string): OperationKind | null {
  const key = foldForMatch(text);
  for (const kind of OPERATION_KINDS) if (OPERATION_WORDS[kind].includes(key)) return kind;
  return null;
}

function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** One line of a plan: a file row, or the one operation of a form. */
export interface PlanRow {
  /** Row number in the file (for the problem list); 1 for a form. */
  row: number;
  operation: OperationKind;
  /** The unit the operation acts on (empty for create). */
  oldCode: string | null;
  /** create: the new unit; merge/split: the successor; dissolve: who receives its children. */
  newCode: string | null;
  newName: string | null;
  newKind: UnitKind | null;
  /** create/move: the new parent; split: the successor's parent when it is created by this row. */
  newParentCode: string | null;
  effectiveOn: string;
}

/** A unit as placed on the plan's date, in the caller's scope. */
export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  /** First day of its current placement: a change on or before it would overlap. */
  placedFrom: string;
  /** A later change already recorded (placement or closure after the date), if any. */
  changedLaterOn: string | null;
}

export interface PlanContext {
  date: string;
  /** The caller's subtree on the date (root first is not required). */
  units: TreeUnit[];
  scopeRootId: number;
  /** Codes of every unit ever recorded, inside or outside the scope (codes are never reused). */
  codeExists: (code: string) => boolean;
  /** Members in a CĐCS on the date: a CĐCS cannot be closed with members still in it. */
  openMembers: ReadonlyMap<number, number>;
}

export interface PlanProblem {
  row: number | null;
  code: string | null;
  message: string;
}

export type SuccessionKind = 'merge' | 'split' | 'dissolve';

export interface PlanChanges {
  date: string;
  created: { code: string; name: string; kind: UnitKind; parentCode: string }[];
  renamed: { code: string; from: string; to: string }[];
  /** Units whose parent changes (explicitly, or because their old parent closed). */
  moved: { code: string; name: string; fromParentCode: string | null; toParentCode: string; byDefault: boolean }[];
  closed: { code: string; name: string; kind: UnitKind; operation: 'merge' | 'split' | 'dissolve'; successorCodes: string[] }[];
  successions: { predecessorCode: string; successorCode: string; kind: SuccessionKind }[];
  /** The final parent of every unit whose place changes, and of every new unit (code → parent code). */
  parentOf: Map<string, string>;
  /** Closed unit code → the unit that receives what nobody mapped (employers without a CĐCS, targets). */
  defaultSuccessor: Map<string, string>;
}

export type PlanOutcome = { ok: true; changes: PlanChanges } | { ok: false; problems: PlanProblem[] };

interface SimUnit {
  code: string;
  name: string;
  kind: UnitKind;
  parent: string | null;
  originalParent: string | null;
  isNew: boolean;
  closed: boolean;
  existing: TreeUnit | null;
}

const STRUCTURAL: readonly OperationKind[] = ['move', 'merge', 'split', 'dissolve'];
const ORDER: Record<OperationKind, number> = { create: 0, rename: 1, merge: 2, split: 2, dissolve: 2, move: 3 };

export function planRestructure(rows: readonly PlanRow[], context: PlanContext): PlanOutcome {
  if (rows.length === 0) return { ok: false, problems: [{ row: null, code: null, message: 'Kế hoạch không có dòng nào.' }] };
  const plan = new PlanSimulation(rows, context);
  plan.checkOneDate();
  plan.checkOneStructuralOperationEach();
  plan.applyRows();
  plan.moveChildrenOfClosedUnits();
  plan.checkPlacements();
  plan.checkNoMembersLost();
  plan.checkValidityDoesNotOverlap();
  if (!context.units.some((u) => u.id === context.scopeRootId))
    plan.problem(null, null, `Đơn vị của bạn không tồn tại vào ngày ${formatDate(context.date)}.`);
  if (plan.problems.length > 0) return { ok: false, problems: dedupe(plan.problems) };
  return { ok: true, changes: plan.changes() };
}

/**
 * The tree as the plan leaves it, built row by row (creations first, then renames, closures,
 * moves), with every problem found on the way. Each step below is one check or one effect.
 */
class PlanSimulation {
  readonly problems: PlanProblem[] = [];
  private readonly date: string;
  private readonly sim = new Map<string, SimUnit>();
  private readonly successors = new Map<string, { codes: string[]; operation: 'merge' | 'split' | 'dissolve' }>();
  private readonly renamed: PlanChanges['renamed'] = [];
  private readonly explicitMoves = new Set<string>();
  private readonly defaultSuccessor = new Map<string, string>();
  private readonly defaultMoves = new Set<string>();
  /** A unit moved by default has no row of its own: its problems name the row that closed its parent. */
  private readonly movedBy = new Map<string, PlanRow | null>();

  constructor(
    private readonly rows: readonly PlanRow[],
    private readonly context: PlanContext,
  ) {
    this.date = context.date;
    const byId = new Map(context.units.map((u) => [u.id, u]));
    for (const u of context.units) {
      const parentCode = u.parentId === null ? null : (byId.get(u.parentId)?.code ?? null);
      this.sim.set(u.code, {
        code: u.code,
        name: u.name,
        kind: u.kind,
        parent: parentCode,
        originalParent: parentCode,
        isNew: false,
        closed: false,
        existing: u,
      });
    }
  }

  problem(row: PlanRow | null, code: string | null, message: string) {
    this.problems.push({ row: row?.row ?? null, code, message });
  }

  private known(code: string) {
    return this.sim.get(code);
  }

  private outOfScopeOrMissing(row: PlanRow, code: string, what: string) {
    this.problem(
      row,
      code,
      this.context.codeExists(code)
        ? `${what} "${code}" không thuộc phạm vi của bạn hoặc không tồn tại vào ngày ${formatDate(this.date)}.`
        : `${what} "${code}" không có trong cây tổ chức.`,
    );
  }

  checkOneDate() {
    for (const row of this.rows) {
      if (row.effectiveOn !== this.date) {
        this.problem(
          row,
          row.oldCode ?? row.newCode,
          `Ngày hiệu lực ${formatDate(row.effectiveOn)} khác ngày của kế hoạch (${formatDate(this.date)}): một kế hoạch chỉ có một ngày hiệu lực.`,
        );
      }
    }
  }

  checkOneStructuralOperationEach() {
    // A unit may take part in one structural operation (split: several rows of the same unit).
    const seen = new Map<string, PlanRow>();
    for (const row of this.rows) {
      if (!STRUCTURAL.includes(row.operation) || !row.oldCode) continue;
      const first = seen.get(row.oldCode);
      if (first && !(first.operation === 'split' && row.operation === 'split')) {
        this.problem(
          row,
          row.oldCode,
          `Đơn vị "${row.oldCode}" đã có thao tác "${OPERATION_LABELS[first.operation]}" ở dòng ${first.row}; mỗi đơn vị chỉ có một thao tác thay đổi vị trí.`,
        );
      } else if (!first) seen.set(row.oldCode, row);
    }
  }

  applyRows() {
    const sorted = [...this.rows].sort((a, b) => ORDER[a.operation] - ORDER[b.operation] || a.row - b.row);
    for (const row of sorted) {
      const need = (value: string | null, what: string): value is string => {
        if (value && value.trim() !== '') return true;
        this.problem(row, row.oldCode ?? row.newCode, `Dòng ${row.row} (${OPERATION_LABELS[row.operation]}): thiếu ${what}.`);
        return false;
      };
      switch (row.operation) {
        case 'create': {
          if (
            !need(row.newCode, 'mã đơn vị mới') ||
            !need(row.newName, 'tên đơn vị mới') ||
            !need(row.newParentCode, 'mã đơn vị cấp trên mới')
          )
            break;
          if (!row.newKind) {
            this.problem(row, row.newCode, `Dòng ${row.row}: thiếu loại của đơn vị mới "${row.newCode}".`);
            break;
          }
          if (this.sim.has(row.newCode) || this.context.codeExists(row.newCode)) {
            this.problem(row, row.newCode, `Mã "${row.newCode}" đã được dùng cho một đơn vị khác.`);
            break;
          }
          this.sim.set(row.newCode, {
            code: row.newCode,
            name: row.newName!.trim(),
            kind: row.newKind,
            parent: row.newParentCode,
            originalParent: null,
            isNew: true,
            closed: false,
            existing: null,
          });
          break;
        }
        case 'rename': {
          if (!need(row.oldCode, 'mã đơn vị') || !need(row.newName, 'tên mới')) break;
          const unit = this.known(row.oldCode);
          if (!unit || unit.isNew) {
            if (!unit) this.outOfScopeOrMissing(row, row.oldCode, 'Đơn vị');
            break;
          }
          this.renamed.push({ code: unit.code, from: unit.name, to: row.newName!.trim() });
          unit.name = row.newName!.trim();
          break;
        }
        case 'merge':
        case 'split':
        case 'dissolve': {
          if (
            !need(row.oldCode, 'mã đơn vị cũ') ||
            !need(row.newCode, row.operation === 'dissolve' ? 'mã đơn vị nhận các đơn vị trực thuộc' : 'mã đơn vị kế thừa')
          )
            break;
          const unit = this.known(row.oldCode);
          if (!unit) {
            this.outOfScopeOrMissing(row, row.oldCode, 'Đơn vị');
            break;
          }
          if (unit.isNew) {
            this.problem(
              row,
              row.oldCode,
              `Đơn vị "${row.oldCode}" vừa được thành lập trong kế hoạch này, không thể ${OPERATION_LABELS[row.operation].toLowerCase()} ngay.`,
            );
            break;
          }
          if (unit.existing?.id === this.context.scopeRootId) {
            this.problem(row, row.oldCode, `Không thể ${OPERATION_LABELS[row.operation].toLowerCase()} chính đơn vị của bạn.`);
            break;
          }
          const successor = this.known(row.newCode);
          if (!successor) {
            this.outOfScopeOrMissing(row, row.newCode, 'Đơn vị kế thừa');
            break;
          }
          if (successor.code === unit.code) {
            this.problem(row, row.oldCode, `Đơn vị "${row.oldCode}" không thể kế thừa chính nó.`);
            break;
          }
          unit.closed = true;
          const entry = this.successors.get(unit.code) ?? { codes: [], operation: row.operation };
          entry.codes.push(successor.code);
          this.successors.set(unit.code, entry);
          break;
        }
        case 'move': {
          if (!need(row.oldCode, 'mã đơn vị') || !need(row.newParentCode, 'mã đơn vị cấp trên mới')) break;
          const unit = this.known(row.oldCode);
          if (!unit) {
            this.outOfScopeOrMissing(row, row.oldCode, 'Đơn vị');
            break;
          }
          if (unit.existing?.id === this.context.scopeRootId) {
            this.problem(row, row.oldCode, 'Không thể chuyển chính đơn vị của bạn.');
            break;
          }
          if (!this.known(row.newParentCode)) {
            this.outOfScopeOrMissing(row, row.newParentCode, 'Đơn vị cấp trên');
            break;
          }
          unit.parent = row.newParentCode;
          this.explicitMoves.add(unit.code);
          break;
        }
      }
    }
  }

  moveChildrenOfClosedUnits() {
    // Children of a merged or dissolved unit follow it to its (first) successor unless a row moved
    // them; a split cannot guess, so its children must each be mapped.
    for (const [code, s] of this.successors) {
      // Follow a chain (A merged into B, B dissolved into C) so nothing lands on a closed unit.
      let target = s.codes[0]!;
      for (let hops = 0; this.sim.get(target)?.closed && hops < 50; hops++) target = this.successors.get(target)?.codes[0] ?? target;
      this.defaultSuccessor.set(code, target);
    }
    for (const unit of this.sim.values()) {
      if (unit.closed || this.explicitMoves.has(unit.code) || !unit.parent) continue;
      const parent = this.sim.get(unit.parent);
      if (!parent?.closed) continue;
      const s = this.successors.get(parent.code)!;
      if (s.operation === 'split') {
        this.problem(
          rowOf(this.rows, parent.code),
          unit.code,
          `Đơn vị "${unit.code}" (${unit.name}) thuộc "${parent.code}" đang chia tách nhưng chưa được giao cho đơn vị nào (thêm một dòng "Chuyển").`,
        );
        continue;
      }
      unit.parent = this.defaultSuccessor.get(parent.code)!;
      this.defaultMoves.add(unit.code);
      this.movedBy.set(unit.code, rowOf(this.rows, parent.code));
    }
  }

  checkPlacements() {
    // Every open unit: its parent exists, is open, accepts its kind, and is not below itself.
    for (const unit of this.sim.values()) {
      if (unit.closed || unit.parent === null) continue;
      if (!unit.isNew && unit.parent === unit.originalParent) continue;
      const row = rowOf(this.rows, unit.code) ?? this.movedBy.get(unit.code) ?? null;
      const parent = this.sim.get(unit.parent);
      if (!parent) {
        // Moves were checked when read; a new unit's parent may be created by a later row, so here.
        if (unit.isNew && row) this.outOfScopeOrMissing(row, unit.parent, 'Đơn vị cấp trên');
        continue;
      }
      if (parent.closed) {
        this.problem(
          row,
          unit.code,
          `Đơn vị "${unit.code}" được chuyển về "${parent.code}", nhưng "${parent.code}" cũng chấm dứt hoạt động theo kế hoạch này.`,
        );
        continue;
      }
      let cyclic = false;
      let cursor: SimUnit | undefined = parent;
      for (let guard = 0; cursor && guard <= this.sim.size; guard++) {
        if (cursor.code === unit.code) {
          this.problem(
            row,
            unit.code,
            `Chuyển "${unit.code}" về "${parent.code}" tạo thành vòng lặp: "${parent.code}" đang nằm dưới "${unit.code}".`,
          );
          cyclic = true;
          break;
        }
        cursor = cursor.parent ? this.sim.get(cursor.parent) : undefined;
      }
      if (!cyclic && !canBeChildOf(unit.kind, parent.kind)) {
        this.problem(
          row,
          unit.code,
          `${UNIT_KIND_LABELS[unit.kind]} "${unit.code}" không thể trực thuộc ${UNIT_KIND_LABELS[parent.kind]} "${parent.code}".`,
        );
      }
    }
  }

  checkNoMembersLost() {
    // Closing a CĐCS with members would lose them from every count after the date.
    for (const unit of this.sim.values()) {
      if (!unit.closed || !unit.existing) continue;
      const members = this.context.openMembers.get(unit.existing.id) ?? 0;
      if (members > 0)
        this.problem(
          rowOf(this.rows, unit.code),
          unit.code,
          `Công đoàn cơ sở "${unit.code}" còn ${members} đoàn viên vào ngày ${formatDate(this.date)}: chuyển đoàn viên sang công đoàn cơ sở khác trước khi giải thể hoặc sáp nhập.`,
        );
    }
  }

  checkValidityDoesNotOverlap() {
    // Overlapping validity: a change on a day the unit already has a later (or same-day) change.
    const touched = new Set<string>([
      ...this.successors.keys(),
      ...this.explicitMoves,
      ...this.defaultMoves,
      ...this.renamed.map((r) => r.code),
    ]);
    const childrenOf = new Map<number, TreeUnit[]>();
    for (const u of this.context.units) if (u.parentId !== null) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u]);
    // Each unit of a changed subtree, with the row that changes it (a descendant has none of its own).
    const subtreeTouched = new Map<string, PlanRow | null>();
    const walk = (u: TreeUnit, row: PlanRow | null) => {
      if (subtreeTouched.has(u.code)) return;
      subtreeTouched.set(u.code, rowOf(this.rows, u.code) ?? this.movedBy.get(u.code) ?? row);
      for (const c of childrenOf.get(u.id) ?? []) walk(c, subtreeTouched.get(u.code)!);
    };
    for (const code of touched) {
      const u = this.sim.get(code)?.existing;
      if (u) walk(u, null);
    }
    for (const [code, row] of subtreeTouched) {
      const u = this.sim.get(code)!.existing!;
      if (u.placedFrom >= this.date) {
        this.problem(
          row,
          code,
          `Đơn vị "${code}" đã có vị trí từ ngày ${formatDate(u.placedFrom)}; thay đổi từ ngày ${formatDate(this.date)} sẽ trùng thời gian hiệu lực.`,
        );
      } else if (u.changedLaterOn) {
        this.problem(
          row,
          code,
          `Đơn vị "${code}" đã có thay đổi ghi nhận từ ngày ${formatDate(u.changedLaterOn)}, sau ngày ${formatDate(this.date)}: thời gian hiệu lực bị chồng lấn.`,
        );
      }
    }
  }

  changes(): PlanChanges {
    const parentOf = new Map<string, string>();
    const moved: PlanChanges['moved'] = [];
    for (const unit of this.sim.values()) {
      if (unit.closed || unit.parent === null) continue;
      if (unit.isNew) {
        parentOf.set(unit.code, unit.parent);
        continue;
      }
      if (unit.parent === unit.originalParent) continue;
      parentOf.set(unit.code, unit.parent);
      moved.push({
        code: unit.code,
        name: unit.name,
        fromParentCode: unit.originalParent,
        toParentCode: unit.parent,
        byDefault: this.defaultMoves.has(unit.code),
      });
    }
    const created = [...this.sim.values()]
      .filter((u) => u.isNew)
      .map((u) => ({ code: u.code, name: u.name, kind: u.kind, parentCode: u.parent! }));
    const closed = [...this.successors].map(([code, s]) => {
      const u = this.sim.get(code)!;
      return { code, name: u.name, kind: u.kind, operation: s.operation, successorCodes: s.codes };
    });
    const successions = [...this.successors].flatMap(([code, s]) =>
      s.codes.map((to) => ({ predecessorCode: code, successorCode: to, kind: s.operation })),
    );
    return {
      date: this.date,
      created,
      renamed: this.renamed,
      moved,
      closed,
      successions,
      parentOf,
      defaultSuccessor: this.defaultSuccessor,
    };
  }
}

function rowOf(rows: readonly PlanRow[], code: string): PlanRow | null {
  return (
    rows.find((r) => r.oldCode === code && r.operation !== 'rename') ??
    rows.find((r) => r.newCode === code) ??
    rows.find((r) => r.oldCode === code) ??
    null
  );
}

function dedupe(problems: PlanProblem[]): PlanProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.row}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Kind as a plan file writes it: the English code, the full Vietnamese label, or a usual short form. */
const KIND_WORDS: Record<UnitKind, string[]> = {
  national: ['tong lien doan', 'tld'],
  province: ['tinh', 'thanh pho', 'ldld tinh', 'lien doan lao dong tinh'],
  central_sector: ['cong doan nganh trung uong'],
  corporation: ['cong doan tap doan', 'tong cong ty'],
  commune: ['xa', 'phuong', 'dac khu', 'cong doan xa', 'cong doan phuong', 'cong doan xa phuong'],
  industrial_zone: ['kcn', 'khu cong nghiep', 'cong doan khu cong nghiep'],
  local_sector: ['cong doan nganh dia phuong', 'nganh dia phuong'],
  district: ['huyen', 'ldld huyen', 'lien doan lao dong huyen'],
  grassroots: ['cdcs', 'cong doan co so'],
  sub_unit: ['cong doan bo phan', 'cdcs thanh vien'],
  union_group: ['to cong doan'],
};

export function parseUnitKind(text: string): UnitKind | null {
  const key = foldForMatch(text).replace(/[,.;]/g, ' ').replace(/\s+/g, ' ').trim();
  for (const kind of Object.keys(KIND_WORDS) as UnitKind[]) {
    if (
      key === kind ||
      KIND_WORDS[kind].includes(key) ||
      foldForMatch(UNIT_KIND_LABELS[kind]).replace(/[,.;]/g, ' ').replace(/\s+/g, ' ').trim() === key
    )
      return kind;
  }
  return null;
}
