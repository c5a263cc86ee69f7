import { describe, expect, it } from 'vitest';
import { DATA_ELEMENTS } from '../indicators/catalogue.ts';
import { BUILTIN_TEMPLATES } from './builtin-templates.ts';
import { openPeriods, previousPeriodCode, templateElements, templatePeriod, templateProblems } from './report-template.ts';
import { validateReport } from './report-validation.ts';
import { nextStatus, timeliness } from './report-workflow.ts';

const reported = new Set(DATA_ELEMENTS.filter((e) => e.source === 'reported').map((e) => e.code));
const cdcs = BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!;
const complete = {
  dissemination_reached: 90,
  dissemination_base: 100,
  union_fee_due: 5_000_000,
  union_fee_collected: 4_000_000,
  dues_due: 1_000_000,
  dues_collected: 900_000,
};

describe('built-in report templates', () => {
  it('cover every reported data element, each at one level only (no double counting in roll-ups)', () => {
    const yearly = BUILTIN_TEMPLATES.filter((t) => t.periodKind === 'year');
    const elements = yearly.flatMap(templateElements);
    expect(new Set(elements)).toEqual(reported);
    expect(elements.length).toBe(new Set(elements).size);
    for (const t of BUILTIN_TEMPLATES) expect(templateProblems(t, reported)).toEqual([]);
  });

  it('cut periods on the union statistics calendar, opening before the cut-off and due after it', () => {
    expect(templatePeriod(cdcs, '2026')).toMatchObject({
      start: '2025-12-01',
      end: '2026-11-30',
      opensOn: '2026-10-16',
      dueOn: '2026-12-15',
    });
    expect(() => templatePeriod(cdcs, '2026-H1')).toThrow(/theo năm/);
    expect(openPeriods(cdcs, '2026-11-29').map((p) => p.code)).toEqual(['2026', '2025', '2024']);
    expect(openPeriods(cdcs, '2026-09-01').map((p) => p.code)).toEqual(['2025', '2024']);
    expect(previousPeriodCode('2026-H1')).toBe('2025-H2');
  });
});

describe('report validation', () => {
  it('names the field and the rule of each blocking error', () => {
    const { errors } = validateReport(
      cdcs,
      { ...complete, dissemination_reached: 120, lawsuits_supported: 3, lawsuits_requested: 2, dues_due: null },
      null,
      {},
    );
    expect(errors.map((e) => e.message)).toEqual([
      '«Đoàn phí phải thu»: chưa nhập (quy tắc: chỉ tiêu bắt buộc).',
      '«Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (120) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (100) (quy tắc: phần không vượt quá tổng).',
      '«Vụ việc được công đoàn hỗ trợ» (3) lớn hơn «Vụ việc khởi kiện có yêu cầu công đoàn hỗ trợ» (2) (quy tắc: tử số không vượt quá mẫu số).',
    ]);
  });

  it('takes a 0 as a figure: it fills a required field and is compared; null is "not entered"', () => {
    expect(validateReport(cdcs, { ...complete, dissemination_reached: 0 }, null, {}).errors).toEqual([]);
    const { errors } = validateReport(cdcs, { ...complete, dissemination_reached: 5, dissemination_base: 0, dues_due: null }, null, {});
    expect(errors.map((e) => e.message)).toEqual([
      '«Đoàn phí phải thu»: chưa nhập (quy tắc: chỉ tiêu bắt buộc).',
      '«Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (5) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (0) (quy tắc: phần không vượt quá tổng).',
    ]);
  });

  it('refuses values that are not whole non-negative numbers, and fields not in the form', () => {
    const { errors } = validateReport(cdcs, { ...complete, skills_base: -1, party_introduced: 2.5, members_active: 3 }, null, {});
    expect(errors.map((e) => e.element).sort()).toEqual(['members_active', 'party_introduced', 'skills_base']);
  });

  it('warns on a jump of more than the configured share against the last accepted period, until explained', () => {
    const previous = { dissemination_base: 100, union_fee_due: 5_000_000 };
    const values = { ...complete, dissemination_base: 400, dissemination_reached: 300 };
    const first = validateReport(cdcs, values, previous, {});
    expect(first.errors).toEqual([]);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatchObject({ element: 'dissemination_base', explained: false });
    expect(first.warnings[0]!.message).toBe(
      '«Đoàn viên, NLĐ thuộc diện tuyên truyền» tăng 300% so với kỳ trước (100 → 400), vượt ngưỡng 50%: cần giải thích (quy tắc: biến động so với kỳ trước).',
    );
    expect(
      validateReport(cdcs, values, previous, { 'bien-dong:dissemination_base': 'Sáp nhập thêm hai phân xưởng' }).warnings[0]!.explained,
    ).toBe(true);
    expect(validateReport(cdcs, values, previous, { 'bien-dong:dissemination_base': '   ' }).warnings[0]!.explained).toBe(false);
  });
});

describe('report workflow', () => {
  it('follows draft → submitted → returned → submitted → accepted → (reopen) returned, and refuses the rest in Vietnamese', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'return')).toBe('returned');
    expect(nextStatus('returned', 'save')).toBe('returned');
    expect(nextStatus('returned', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'accept')).toBe('accepted');
    expect(nextStatus('accepted', 'reopen')).toBe('returned');
    expect(() => nextStatus('accepted', 'save')).toThrow(/đã được duyệt và khóa/);
    expect(() => nextStatus('draft', 'accept')).toThrow(/chưa được gửi/);
  });

  it('judges timeliness by the first submission day against the due day', () => {
    expect(timeliness('2026-12-15', '2026-12-15', '2026-12-20')).toBe('on_time');
    expect(timeliness('2026-12-15', '2026-12-16', '2026-12-20')).toBe('late');
    expect(timeliness('2026-12-15', null, '2026-12-20')).toBe('overdue');
    expect(timeliness('2026-12-15', null, '2026-12-01')).toBe('not_due');
  });
});
