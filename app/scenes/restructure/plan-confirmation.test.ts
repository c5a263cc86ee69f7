import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../api/org.api.ts';
import { planConfirmation } from './plan-confirmation.ts';

const ref = (code: string) => ({ code, name: `Công đoàn ${code}` });
const empty: PlanReport = {
  date: '2026-07-01',
  valid: true,
  applied: false,
  problems: [],
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

describe('planConfirmation', () => {
  it('names the date and only the kinds of change the plan has, with its counts', () => {
    const report: PlanReport = {
      ...empty,
      merged: ['A', 'B', 'C'].map((code) => ({ code, name: code, into: [ref('D')] })),
      dissolved: [{ code: 'E', name: 'E', childrenTo: ref('D') }],
      moved: Array.from({ length: 12 }, (_, i) => ({ code: `C${i}`, name: `C${i}`, from: ref('E'), to: ref('D'), byDefault: true })),
      cdcsChangingUpper: 12,
      membersChangingUpper: 1234,
    };
    const { title, content } = planConfirmation(report);
    expect(title).toBe(
      'Áp dụng kế hoạch sắp xếp từ ngày 01/07/2026: sáp nhập 3 đơn vị, giải thể 1 đơn vị, chuyển 12 đơn vị sang đơn vị cấp trên mới?',
    );
    expect(content).toBe(
      '12 CĐCS với 1.234 đoàn viên sẽ thuộc đơn vị cấp trên mới. Cây tổ chức và số liệu tổng hợp sẽ thay đổi từ ngày 01/07/2026; số liệu trước ngày đó vẫn theo cây cũ. Có thể xem lại trong Nhật ký.',
    );
  });

  it('mentions employers changing area only when there are some', () => {
    const report: PlanReport = {
      ...empty,
      created: [{ code: 'X', name: 'X', kind: 'commune', kindLabel: 'Xã', parent: ref('T') }],
      employersChangingAreaCount: 2500,
    };
    const { title, content } = planConfirmation(report);
    expect(title).toBe('Áp dụng kế hoạch sắp xếp từ ngày 01/07/2026: thành lập 1 đơn vị?');
    expect(content).toMatch(/^2\.500 doanh nghiệp đổi công đoàn địa bàn\. Cây tổ chức/);
    expect(content).not.toContain('CĐCS');
  });
});
