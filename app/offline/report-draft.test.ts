import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../domain/reporting/builtin-templates.ts';
import {
  applyChoices,
  changedElements,
  conflictLabel,
  hasLocalChanges,
  rebaseOnServer,
  submitRefusal,
  type ReportDraft,
} from './report-draft.ts';

const CDCS = BUILTIN_TEMPLATES.find((t) => t.code === 'cdcs-nam')!;
const FILLED = { union_fee_due: 180_000_000, union_fee_collected: 171_500_000, dues_due: 45_000_000, dues_collected: 44_000_000 };

function draft(over: Partial<ReportDraft>): ReportDraft {
  return {
    key: 'u|1',
    userKey: 'u',
    reportId: 1,
    title: 't',
    baseVersion: 3,
    baseValues: {},
    baseExplanations: {},
    values: {},
    explanations: {},
    submitRequested: false,
    state: 'pending',
    revision: 1,
    updatedAt: '2026-12-06T00:00:00Z',
    ...over,
  };
}

describe('what the officer changed on the device', () => {
  it('is every field whose figure differs from the version they started from; a 0 typed over "chưa nhập" is a change', () => {
    const d = draft({ baseValues: { a: 1, b: null, c: 5 }, values: { a: 1, b: 0, c: 6, d: 2 } });
    expect(changedElements(d)).toEqual(['b', 'c', 'd']);
    expect(hasLocalChanges(d)).toBe(true);
  });

  it('is nothing once the figures are back to the base, unless a submission waits', () => {
    expect(hasLocalChanges(draft({ baseValues: { a: 1 }, values: { a: 1 } }))).toBe(false);
    expect(hasLocalChanges(draft({ baseValues: { a: 1 }, values: { a: 1 }, submitRequested: true }))).toBe(true);
    expect(hasLocalChanges(draft({ baseExplanations: { 'r:a': 'x' }, explanations: { 'r:a': ' x ' } }))).toBe(false);
  });
});

describe('a newer server version merged under the officer’s changes', () => {
  const base = { a: 10, b: 20, c: 30, d: null };
  const d = draft({ baseValues: base, values: { ...base, a: 11, b: 21, c: 31 } });

  it('keeps the officer’s figure where only they changed it, the server’s where only the server did, and asks where both changed it differently', () => {
    const server = { values: { a: 10, b: 21, c: 35, d: 4 }, explanations: {} };
    const rebase = rebaseOnServer(d, server);
    // a: only mine; b: both to the same 21; c: both, differently; d: only theirs.
    expect(rebase.values).toEqual({ a: 11, b: 21, c: 31, d: 4 });
    expect(rebase.conflicts).toEqual([{ key: 'c', kind: 'value', mine: 31, theirs: 35 }]);
  });

  it('saves exactly the officer’s choice per field', () => {
    const rebase = rebaseOnServer(d, { values: { a: 10, b: 20, c: 35, d: null }, explanations: {} });
    expect(applyChoices(rebase, { c: 'theirs' }).values).toMatchObject({ a: 11, c: 35 });
    expect(applyChoices(rebase, { c: 'mine' }).values).toMatchObject({ a: 11, c: 31 });
    // Untouched choices keep what the officer typed: nothing typed is dropped silently.
    expect(applyChoices(rebase, {}).values).toMatchObject({ c: 31 });
  });

  it('treats an explanation both sides rewrote as a conflict too, named after its field', () => {
    const withText = draft({ baseExplanations: { 'bien-dong:dues_due': 'cũ' }, explanations: { 'bien-dong:dues_due': 'của tôi' } });
    const rebase = rebaseOnServer(withText, { values: {}, explanations: { 'bien-dong:dues_due': 'của họ' } });
    expect(rebase.conflicts).toEqual([{ key: 'bien-dong:dues_due', kind: 'explanation', mine: 'của tôi', theirs: 'của họ' }]);
    expect(conflictLabel(CDCS, rebase.conflicts[0]!)).toBe('Giải thích về «Đoàn phí phải thu»');
    expect(applyChoices(rebase, { 'bien-dong:dues_due': 'theirs' }).explanations['bien-dong:dues_due']).toBe('của họ');
  });
});

describe('a submission is checked on the device with the server’s rules and words', () => {
  it('refuses a part above its whole, naming field and rule as the server does', () => {
    const refusal = submitRefusal(CDCS, { ...FILLED, dissemination_reached: 1200, dissemination_base: 1000 }, null, {});
    expect(refusal?.message).toBe(
      'Báo cáo còn 1 lỗi cần sửa trước khi gửi: «Đoàn viên, NLĐ được tuyên truyền, phổ biến nghị quyết» (1.200) lớn hơn «Đoàn viên, NLĐ thuộc diện tuyên truyền» (1.000) (quy tắc: phần không vượt quá tổng).',
    );
    expect(refusal?.issues.map((i) => i.path)).toEqual(['dissemination_reached']);
  });

  it('asks for an explanation of a jump, and lets it go once explained', () => {
    const values = { ...FILLED, dissemination_reached: 900, dissemination_base: 1000 };
    const previous = { dissemination_base: 400 };
    expect(submitRefusal(CDCS, values, previous, {})?.message).toMatch(/^Có 1 số liệu biến động bất thường cần giải thích trước khi gửi: /);
    expect(submitRefusal(CDCS, values, previous, { 'bien-dong:dissemination_base': 'Sáp nhập thêm phân xưởng.' })).toBeNull();
  });
});
