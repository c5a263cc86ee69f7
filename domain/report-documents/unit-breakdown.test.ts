import { describe, expect, it } from 'vitest';
import { buildUnitGroup, MAX_UNIT_ROWS, type ChildFigures } from './unit-breakdown.ts';

const child = (i: number, status: ChildFigures['status'], value: number | null, allocated = true): ChildFigures => ({
  unit: { id: i, name: `Công đoàn phường ${i}` },
  value,
  status,
  statusLabel: { met: 'Đã đạt', on_track: 'Đúng tiến độ', behind: 'Chậm tiến độ', missed: 'Không đạt', no_data: 'Chưa có số liệu' }[status],
  shareAchieved: value === null ? null : value / 10,
  basis: allocated ? 'allocation' : 'contribution',
  allocation: allocated ? { comparator: '>', targetValue: 1000 } : null,
});
const members = { unit: 'count', comparator: '>' as const, targetValue: 43000 };

describe('buildUnitGroup (section II)', () => {
  it('lists at most a page of units, lagging first as the children table ranks them, and counts the rest', () => {
    // 43 communes as the children table returns them: 20 behind, 17 on track, 6 without data.
    const ranked = [
      ...Array.from({ length: 20 }, (_, i) => child(i + 1, 'behind', 100 + i)),
      ...Array.from({ length: 17 }, (_, i) => child(21 + i, 'on_track', 600 + i)),
      ...Array.from({ length: 6 }, (_, i) => child(38 + i, 'no_data', null)),
    ];
    const g = buildUnitGroup(1, 'Đoàn viên công đoàn', members, ranked);
    expect(g.rows).toHaveLength(43); // the spreadsheet's rows
    expect(g.shown).toBe(MAX_UNIT_ROWS);
    expect(g.rows.slice(0, g.shown).every((r) => r.assessment === 'Chậm tiến độ')).toBe(true);
    expect(g.rows[0]).toMatchObject({ no: 1, allocation: 'Trên 1.000', actual: { text: '100' }, share: { text: '10%' } });
    expect(g.summary).toBe(
      'Chỉ tiêu đã giao cho 43 đơn vị, mỗi đơn vị đánh giá theo chỉ tiêu được giao: 20 chậm tiến độ, 17 đúng tiến độ, 6 chưa có số liệu.',
    );
    expect(g.rest).toBe(
      'Còn 28 đơn vị khác (5 chậm tiến độ, 17 đúng tiến độ, 6 chưa có số liệu); danh sách đầy đủ ở trang “Theo đơn vị” của tệp Excel kèm báo cáo.',
    );
    expect(g.summary + g.rest).not.toMatch(/Chiếm|tổng số/);
  });

  it('lists no row without figures, and says so in one sentence when no unit has any', () => {
    const few = buildUnitGroup(2, 'x', members, [child(1, 'behind', 50), child(2, 'no_data', null), child(3, 'no_data', null)]);
    expect(few.shown).toBe(1);
    expect(few.rest).toBe('Còn 2 đơn vị khác (2 chưa có số liệu); danh sách đầy đủ ở trang “Theo đơn vị” của tệp Excel kèm báo cáo.');
    const none = buildUnitGroup(
      3,
      'x',
      { unit: 'percent', comparator: '>=', targetValue: 85 },
      Array.from({ length: 43 }, (_, i) => ({ ...child(i, 'no_data', null, false), basis: 'ratio' as const })),
    );
    expect(none).toMatchObject({
      shown: 0,
      rest: null,
      summary: 'Chưa có số liệu của 43 đơn vị trực thuộc.',
      hasAllocation: false,
      hasShare: false,
    });
  });

  it('says how the units were judged: same ratio, allocations, contributions', () => {
    const ratio = buildUnitGroup(1, 'x', { unit: 'percent', comparator: '>=', targetValue: 85 }, [
      { ...child(1, 'behind', 40, false), basis: 'ratio' },
    ]);
    expect(ratio.summary).toBe('1 đơn vị, mỗi đơn vị đánh giá theo cùng mức từ 85% trở lên trên số liệu của đơn vị: 1 chậm tiến độ.');
    const weighed = buildUnitGroup(1, 'x', members, [
      { ...child(1, 'behind', 40, false), statusLabel: 'Thấp hơn mức chung', shareAchieved: null },
    ]);
    expect(weighed).toMatchObject({
      hasAllocation: false,
      hasShare: false,
      summary: 'Chỉ tiêu chưa giao cho 1 đơn vị; phần đóng góp của mỗi đơn vị được so với mức chung: 1 thấp hơn mức chung.',
    });
    const mixed = buildUnitGroup(1, 'x', members, [
      child(1, 'behind', 40),
      { ...child(2, 'on_track', 40, false), statusLabel: 'Bằng hoặc cao hơn mức chung' },
    ]);
    expect(mixed.summary).toMatch(/^Chỉ tiêu đã giao cho 1\/2 đơn vị; đơn vị chưa được giao được so với mức chung: /);
  });
});
