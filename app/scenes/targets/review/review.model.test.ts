import { describe, expect, it } from 'vitest';
import type { Proposal, ReviewResult } from '../../../api/documents.api.ts';
import { blockingReason, initialDrafts, toSaveBody } from './review.model.ts';

const proposal = (key: string, code: string | null, annual = false): Proposal => ({
  key, start: 0, end: 10, valueStart: 0, valueEnd: 2, quote: 'trên 90% đoàn viên', subject: 'đoàn viên', value: 90, unit: 'percent', comparator: '>',
  annual, deadlineYear: annual ? null : 2028, timingSource: 'clause', sectors: null, minWorkers: null, change: null,
  suggestions: code ? [{ code, name: code, unit: 'percent' }] : [],
});

const review = (decisions: ReviewResult['decisions']) => ({
  document: { issuer: { id: 7, name: 'LĐLĐ tỉnh' } }, proposals: [proposal('target-0', 'dissemination_share', true), proposal('target-1', null)], decisions,
}) as unknown as ReviewResult;

describe('the reviewer’s working copy', () => {
  it('starts from the proposals with the first suggested indicator, undecided, on the issuing unit', () => {
    const drafts = initialDrafts(review(null));
    expect(drafts.map((d) => [d.key, d.decision, d.indicatorCode, d.unitId])).toEqual([['target-0', 'pending', 'dissemination_share', 7], ['target-1', 'pending', null, 7]]);
    expect(blockingReason(drafts)).toBe('Còn 2 chỉ tiêu chưa xác nhận hoặc bỏ.');
  });

  it('resumes saved choices and asks for an indicator before the final save', () => {
    const drafts = initialDrafts(review([{ key: 'target-1', decision: 'confirm', indicatorCode: null, comparator: '>=', value: 95, annual: false, deadlineYear: 2027 }]));
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
