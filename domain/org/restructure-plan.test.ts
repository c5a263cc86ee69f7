import { describe, expect, it } from 'vitest';
import { parseOperationKind, parseUnitKind, planRestructure, type PlanRow, type TreeUnit } from './restructure-plan.ts';

const D = '2025-07-01';
const tree: TreeUnit[] = [
  { id: 1, code: 'P', name: 'Tỉnh P', kind: 'province', parentId: null, placedFrom: '2020-01-01', changedLaterOn: null },
  { id: 2, code: 'H', name: 'Huyện H', kind: 'district', parentId: 1, placedFrom: '2020-01-01', changedLaterOn: null },
  { id: 3, code: 'G1', name: 'CĐCS 1', kind: 'grassroots', parentId: 2, placedFrom: '2020-01-01', changedLaterOn: null },
  { id: 4, code: 'G2', name: 'CĐCS 2', kind: 'grassroots', parentId: 2, placedFrom: '2020-01-01', changedLaterOn: null },
];
const context = {
  date: D,
  units: tree,
  scopeRootId: 1,
  codeExists: (c: string) => tree.some((u) => u.code === c),
  openMembers: new Map<number, number>(),
};
let n = 0;
const row = (r: Partial<PlanRow> & Pick<PlanRow, 'operation'>): PlanRow => ({
  row: ++n,
  oldCode: null,
  newCode: null,
  newName: null,
  newKind: null,
  newParentCode: null,
  effectiveOn: D,
  ...r,
});

describe('restructuring plan', () => {
  it('dissolves a district into a new commune: its CĐCS follow unless moved elsewhere', () => {
    const outcome = planRestructure(
      [
        row({ operation: 'create', newCode: 'X', newName: 'Xã X', newKind: 'commune', newParentCode: 'P' }),
        row({ operation: 'dissolve', oldCode: 'H', newCode: 'X' }),
        row({ operation: 'move', oldCode: 'G2', newParentCode: 'P' }),
      ],
      context,
    );
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.changes.moved.map((m) => [m.code, m.toParentCode, m.byDefault])).toEqual([
      ['G1', 'X', true],
      ['G2', 'P', false],
    ]);
    expect(outcome.changes.successions).toEqual([{ predecessorCode: 'H', successorCode: 'X', kind: 'dissolve' }]);
  });

  it('lists every problem at once and no changes', () => {
    const outcome = planRestructure(
      [
        row({ operation: 'move', oldCode: 'H', newParentCode: 'G1' }),
        row({ operation: 'move', oldCode: 'G2', newParentCode: 'P' }),
        row({ operation: 'move', oldCode: 'G2', newParentCode: 'H' }),
        row({ operation: 'move', oldCode: 'NOPE', newParentCode: 'P' }),
        row({ operation: 'rename', oldCode: 'G1', newName: 'Tên mới', effectiveOn: '2025-08-01' }),
      ],
      { ...context, openMembers: new Map([[3, 5]]) },
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    const text = outcome.problems.map((p) => p.message).join('\n');
    expect(text).toMatch(/vòng lặp/);
    expect(text).toMatch(/đã có thao tác/);
    expect(text).toMatch(/"NOPE" không có trong cây tổ chức/);
    expect(text).toMatch(/khác ngày của kế hoạch/);
  });

  it('refuses a change dated before one already recorded', () => {
    const later = tree.map((u) => (u.code === 'G1' ? { ...u, changedLaterOn: '2026-01-01' } : u));
    const outcome = planRestructure([row({ operation: 'move', oldCode: 'G1', newParentCode: 'P' })], { ...context, units: later });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problems[0]!.message).toMatch(/01\/01\/2026.*chồng lấn/);
  });

  it('names a row for every problem about a unit, also a unit moved by default or below a changed one', () => {
    n = 0;
    // H dissolves into G2: G1 follows by default (no row of its own), and a CĐCS cannot sit under a CĐCS.
    const byDefault = planRestructure([row({ operation: 'dissolve', oldCode: 'H', newCode: 'G2' })], context);
    expect(byDefault.ok).toBe(false);
    if (!byDefault.ok) {
      expect(byDefault.problems.find((p) => p.code === 'G1')).toMatchObject({
        row: 1,
        message: expect.stringMatching(/không thể trực thuộc/),
      });
    }
    // G1, below the moved H, already has a later change: the move of H (row 2) is the row to fix.
    n = 1;
    const below = tree.map((u) => (u.code === 'G1' ? { ...u, changedLaterOn: '2026-01-01' } : u));
    const subtree = planRestructure([row({ operation: 'move', oldCode: 'H', newParentCode: 'P' })], { ...context, units: below });
    expect(subtree.ok).toBe(false);
    if (!subtree.ok) expect(subtree.problems).toEqual([expect.objectContaining({ row: 2, code: 'G1' })]);
    // A renamed unit with a later change: its rename row.
    n = 2;
    const renamed = planRestructure([row({ operation: 'rename', oldCode: 'G1', newName: 'Tên mới' })], { ...context, units: below });
    expect(renamed.ok).toBe(false);
    if (!renamed.ok) expect(renamed.problems.map((p) => p.row)).toEqual([3]);
  });

  it('reads operations and kinds as people write them', () => {
    expect(parseOperationKind('Sáp nhập')).toBe('merge');
    expect(parseOperationKind('GIAI THE')).toBe('dissolve');
    expect(parseOperationKind('Sắp xếp lại')).toBeNull();
    expect(parseUnitKind('Phường')).toBe('commune');
    expect(parseUnitKind('Công đoàn cơ sở')).toBe('grassroots');
  });
});
