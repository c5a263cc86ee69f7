import { describe, expect, it } from 'vitest';
import type { Proposal, ReviewResult } from '../../../api/documents.api.ts';
import {
  blockingReason,
  indicatorChoices,
  initialDrafts,
  metadataOf,
  NO_INDICATOR,
  termsPhrase,
  toDraftBody,
  toSaveBody,
} from './review.model.ts';

const proposal = (key: string, code: string | null, annual = false): Proposal => ({
  key,
  start: 0,
  end: 10,
  valueStart: 0,
  valueEnd: 2,
  quote: 'trên 90% đoàn viên',
  subject: 'đoàn viên',
  value: 90,
  unit: 'percent',
  comparator: '>',
  annual,
  deadlineYear: annual ? null : 2028,
  timingSource: 'clause',
  sectors: null,
  minWorkers: null,
  change: null,
  suggestions: code ? [{ code, name: code, unit: 'percent' }] : [],
});

const review = (decisions: ReviewResult['decisions'], draftMetadata: ReviewResult['draft']['metadata'] = null) =>
  ({
    document: { issuer: { id: 7, name: 'LĐLĐ tỉnh' }, kind: 'plan', symbol: '05/KH-LĐLĐ', title: 'Kế hoạch năm 2026' },
    proposals: [proposal('target-0', 'dissemination_share', true), proposal('target-1', null)],
    decisions,
    draft: { version: 3, metadata: draftMetadata, savedAt: null, savedBy: null },
  }) as unknown as ReviewResult;

describe('the reviewer’s working copy', () => {
  it('starts from the proposals with the first suggested indicator, undecided, on the issuing unit', () => {
    const drafts = initialDrafts(review(null));
    expect(drafts.map((d) => [d.key, d.decision, d.indicatorCode, d.unitId])).toEqual([
      ['target-0', 'pending', 'dissemination_share', 7],
      ['target-1', 'pending', null, 7],
    ]);
    expect(blockingReason(drafts)).toBe('Còn 2 chỉ tiêu chưa xác nhận hoặc bỏ.');
  });

  it('resumes saved choices and asks for an indicator before the final save', () => {
    const drafts = initialDrafts(
      review([
        { key: 'target-1', decision: 'confirm', indicatorCode: null, comparator: '>=', value: 95, annual: false, deadlineYear: 2027 },
      ]),
    );
    expect(drafts[1]).toMatchObject({ decision: 'confirm', value: 95, comparator: '>=', unitId: 7 });
    drafts[0]!.decision = 'drop';
    expect(blockingReason(drafts)).toBe('Còn 1 chỉ tiêu đã xác nhận nhưng chưa chọn chỉ số.');
    drafts[1]!.indicatorCode = 'members';
    expect(blockingReason(drafts)).toBeNull();
    const body = toSaveBody({ kind: 'plan', title: ' Kế hoạch  ', symbol: '' }, drafts, true);
    expect(body.metadata).toMatchObject({ title: 'Kế hoạch', symbol: null });
    expect(body.targets[0]).toMatchObject({ decision: 'drop', deadlineYear: null, sectors: null });
    expect(body.targets[1]).toMatchObject({ decision: 'confirm', indicatorCode: 'members', deadlineYear: 2027 });
  });
});

describe('the autosaved draft', () => {
  it('resumes the metadata as last typed in a draft, else as read from the document', () => {
    expect(metadataOf(review(null))).toMatchObject({ kind: 'plan', symbol: '05/KH-LĐLĐ', title: 'Kế hoạch năm 2026' });
    expect(metadataOf(review(null, { kind: 'program', title: '', symbol: '05/KH' }))).toEqual({
      kind: 'program',
      title: '',
      symbol: '05/KH',
    });
  });

  it('sends the working copy as typed, with the version it started from', () => {
    const drafts = initialDrafts(review(null));
    drafts[1]!.decision = 'drop';
    const body = toDraftBody(3, { kind: 'plan', title: '' }, drafts);
    expect(body).toMatchObject({ version: 3, metadata: { kind: 'plan', title: '' } });
    expect(body.targets.map((t) => [t.key, t.decision, t.deadlineYear])).toEqual([
      ['target-0', 'pending', null],
      ['target-1', 'drop', 2028],
    ]);
    expect(toSaveBody({ kind: 'plan', title: 'Kế hoạch' }, drafts, true, 4).version).toBe(4);
    expect('version' in toSaveBody({ kind: 'plan', title: 'Kế hoạch' }, drafts, false)).toBe(false);
  });
});

describe('the terms a card will follow, in words', () => {
  it('reads a bare figure ("=") as a level to reach, as the progress engine judges it', () => {
    expect(termsPhrase({ comparator: '=', value: 90, annual: false, deadlineYear: 2028 }, 'percent')).toBe('Đạt 90% — đến năm 2028');
    expect(termsPhrase({ comparator: '=', value: 3500, annual: true, deadlineYear: null }, 'count')).toBe('Đạt 3.500 — hằng năm');
    expect(termsPhrase({ comparator: '>', value: 140000, annual: false, deadlineYear: null }, 'count')).toBe(
      'Trên 140.000 — chưa có thời hạn',
    );
    expect(termsPhrase({ comparator: '>=', value: 85.5, annual: true, deadlineYear: null }, 'percent')).toBe('Từ 85,5% trở lên — hằng năm');
    expect(termsPhrase({ comparator: '=', value: 40_000_000, annual: true, deadlineYear: null }, 'money')).toBe(
      'Đạt 40.000.000 đồng — hằng năm',
    );
  });
});

describe('a saved "no indicator"', () => {
  it('stays none when the draft brings it back as an empty code', () => {
    const decisions = [{ ...initialDrafts(review(null))[1]!, indicatorCode: '' }] as unknown as ReviewResult['decisions'];
    expect(initialDrafts(review(decisions))[1]!.indicatorCode).toBeNull();
  });
});

describe('the indicator select of a card', () => {
  const options = [
    { value: 'members', label: 'Số đoàn viên công đoàn (số lượng)', unit: 'count' as const, description: null },
    { value: 'agreements_share', label: 'Tỷ lệ CĐCS có thỏa ước (tỷ lệ %)', unit: 'percent' as const, description: null },
    { value: 'dialogue_share', label: 'Tỷ lệ doanh nghiệp tổ chức đối thoại (tỷ lệ %)', unit: 'percent' as const, description: null },
  ];

  it('puts the suggestions first in the server’s order, then "none fits", then the rest of the list (custom indicators included)', () => {
    const groups = indicatorChoices(options, [
      { code: 'dialogue_share', name: 'x', unit: 'percent' },
      { code: 'agreements_share', name: 'y', unit: 'percent' },
    ]);
    expect(groups.map((g) => [g.label, g.options.map((o) => o.value)])).toEqual([
      ['Gợi ý theo nội dung chỉ tiêu', ['dialogue_share', 'agreements_share']],
      ['Không có trong danh mục', [NO_INDICATOR]],
      ['Danh mục chỉ số', ['members']],
    ]);
  });

  it('offers "Chưa có chỉ số phù hợp" when nothing is suggested', () => {
    const groups = indicatorChoices(options, []);
    expect(groups[0]!.options).toEqual([{ value: NO_INDICATOR, label: 'Chưa có chỉ số phù hợp' }]);
    expect(groups[1]!.options).toHaveLength(3);
  });

  it('names a suggestion from the proposal while the list is still loading', () => {
    const groups = indicatorChoices([], [{ code: 'members', name: 'Số đoàn viên công đoàn', unit: 'count' }]);
    expect(groups[0]!.options.map((o) => o.label)).toEqual(['Số đoàn viên công đoàn (số lượng)']);
  });
});
