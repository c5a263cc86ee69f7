import { describe, expect, it } from 'vitest';
import type { ReviewTaskItem } from '../../../api/tasks.api.ts';
import { countTaskDrafts, initialTaskDrafts, mergeDrafts, toConfirmBody } from './review-tasks.model.ts';

const item = (index: number, text: string, extra: Partial<ReviewTaskItem> = {}): ReviewTaskItem => ({
  index,
  text,
  section: 'tasks',
  group: null,
  lead: null,
  coordinating: [],
  start: index * 100,
  end: index * 100 + 50,
  confirmedTaskId: null,
  ...extra,
});
const ITEMS = [
  item(0, 'Quán triệt Nghị quyết 43.', { lead: 'Ban Tuyên giáo' }),
  item(1, 'Tổ chức hội nghị.', { coordinating: ['Đoàn Thanh niên'] }),
  item(2, 'Sơ kết việc thực hiện.', { lead: 'Văn phòng', coordinating: ['Đoàn Thanh niên', 'Hội Phụ nữ'] }),
];

describe('tasks read from a document, under review', () => {
  it('start as read, ongoing, all kept', () => {
    const drafts = initialTaskDrafts(ITEMS);
    expect(drafts.map((d) => [d.key, d.items, d.leadName, d.timing.kind, d.drop])).toEqual([
      ['task-0', [0], 'Ban Tuyên giáo', 'ongoing', false],
      ['task-1', [1], '', 'ongoing', false],
      ['task-2', [2], 'Văn phòng', 'ongoing', false],
    ]);
    expect(countTaskDrafts(drafts)).toEqual({ confirmed: 0, toConfirm: 3, dropped: 0 });
  });

  it('merge two in the text’s order: titles joined, the first lead kept, partners united', () => {
    const merged = mergeDrafts(initialTaskDrafts(ITEMS), 'task-2', 'task-1');
    expect(merged.map((d) => d.key)).toEqual(['task-0', 'task-1']);
    expect(merged[1]).toMatchObject({
      items: [1, 2],
      title: 'Tổ chức hội nghị. Sơ kết việc thực hiện.',
      leadName: 'Văn phòng',
      partnerNames: ['Đoàn Thanh niên', 'Hội Phụ nữ'],
    });
  });

  it('send the kept ones with their edits; a dropped one is left out (the server drops it)', () => {
    const drafts = initialTaskDrafts(ITEMS).map((d) =>
      d.key === 'task-1'
        ? { ...d, drop: true }
        : d.key === 'task-0'
          ? { ...d, title: ' Quán triệt  sâu rộng ', timing: { kind: 'deadline' as const, deadline: '2026-06-30' } }
          : d,
    );
    expect(toConfirmBody(drafts)).toEqual({
      tasks: [
        {
          items: [0],
          title: 'Quán triệt sâu rộng',
          timing: { kind: 'deadline', deadline: '2026-06-30' },
          leadName: 'Ban Tuyên giáo',
          partnerNames: [],
        },
        {
          items: [2],
          title: 'Sơ kết việc thực hiện.',
          timing: { kind: 'ongoing' },
          leadName: 'Văn phòng',
          partnerNames: ['Đoàn Thanh niên', 'Hội Phụ nữ'],
        },
      ],
    });
    expect(toConfirmBody(drafts.map((d) => (d.key === 'task-0' ? { ...d, timing: { kind: 'year' as const } } : d)))).toBe(
      'Nhiệm vụ “Quán triệt sâu rộng”: Nhập năm phải hoàn thành nhiệm vụ.',
    );
    expect(toConfirmBody(drafts.map((d) => ({ ...d, drop: true })))).toBe('Không còn nhiệm vụ nào để xác nhận.');
  });

  it('once some were confirmed, those left out come back dropped, and confirmed ones are not merged', () => {
    const drafts = initialTaskDrafts(ITEMS.map((i) => (i.index === 0 ? { ...i, confirmedTaskId: 7 } : i)));
    expect(countTaskDrafts(drafts)).toEqual({ confirmed: 1, toConfirm: 0, dropped: 2 });
    expect(mergeDrafts(drafts, 'task-0', 'task-1')).toEqual(drafts);
  });
});
