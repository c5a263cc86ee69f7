import { describe, expect, it } from 'vitest';
import { segmentText } from './highlight.model.ts';

describe('highlighting extracted items in the text', () => {
  it('cuts the text at every boundary and lists the innermost item first', () => {
    const text = 'Phấn đấu có trên 140.000 đoàn viên theo 05/CTr-LĐLĐ.';
    const task = { key: 'task-0', kind: 'task' as const, start: 0, end: text.length };
    const target = { key: 'target-0', kind: 'target' as const, start: 9, end: 34 };
    const ref = { key: 'reference-0', kind: 'reference' as const, start: 40, end: 51 };
    const segments = segmentText(text.length, [task, target, ref]);
    expect(segments.map((s) => text.slice(s.start, s.end))).toEqual([
      'Phấn đấu ',
      'có trên 140.000 đoàn viên',
      ' theo ',
      '05/CTr-LĐLĐ',
      '.',
    ]);
    expect(segments.map((s) => s.covering[0]?.key)).toEqual(['task-0', 'target-0', 'task-0', 'reference-0', 'task-0']);
    expect(segments[1]!.starting).toEqual(['target-0']);
    expect(segments[0]!.starting).toEqual(['task-0']);
  });

  it('keeps plain text as one run and ignores offsets outside the text', () => {
    expect(segmentText(10, [{ key: 'x', kind: 'target', start: 8, end: 40 }])).toEqual([{ start: 0, end: 10, covering: [], starting: [] }]);
  });
});
