/**
 * The reviewer's working copy of the tasks read from a document (Rà soát văn bản, tab Nhiệm vụ):
 * edit a task's title, lead, partners and timing, merge two into one, drop one, then confirm the
 * rest in one call. Free of React so the rules are unit-tested.
 */
import type { ConfirmTasks, ReviewTaskItem } from '../../../api/tasks.api.ts';
import { timingForApi, type TimingValue } from '../../tasks/task-format.ts';

export interface TaskDraft {
  /** The first review item it is made of ("task-3"): stable while merging. */
  key: string;
  /** Review items (indexes) merged into this task, in the text's order. */
  items: number[];
  title: string;
  leadName: string;
  partnerNames: string[];
  timing: TimingValue;
  drop: boolean;
  confirmedTaskId: number | null;
}

/**
 * One draft per item read. Once tasks of this document were confirmed, the items left out then
 * were dropped: they come back dropped (the reviewer may still keep one and confirm it).
 */
export function initialTaskDrafts(items: readonly ReviewTaskItem[]): TaskDraft[] {
  const confirmedBefore = items.some((i) => i.confirmedTaskId !== null);
  return items.map((i) => ({
    key: `task-${i.index}`,
    items: [i.index],
    title: i.text,
    leadName: i.lead ?? '',
    partnerNames: [...i.coordinating],
    timing: { kind: 'ongoing' },
    drop: confirmedBefore && i.confirmedTaskId === null,
    confirmedTaskId: i.confirmedTaskId,
  }));
}

/** Merges `other` into `into`: items in order, the titles joined, the first lead kept (else the other's), partners united. */
export function mergeDrafts(drafts: readonly TaskDraft[], intoKey: string, otherKey: string): TaskDraft[] {
  const into = drafts.find((d) => d.key === intoKey);
  const other = drafts.find((d) => d.key === otherKey);
  if (!into || !other || into === other || into.confirmedTaskId !== null || other.confirmedTaskId !== null) return [...drafts];
  const [first, second] = (into.items[0] ?? 0) <= (other.items[0] ?? 0) ? [into, other] : [other, into];
  const merged: TaskDraft = {
    ...first,
    items: [...first.items, ...second.items].sort((a, b) => a - b),
    title: `${first.title.trim()} ${second.title.trim()}`,
    leadName: first.leadName.trim() || second.leadName,
    partnerNames: [...new Set([...first.partnerNames, ...second.partnerNames])],
    drop: false,
  };
  return drafts.filter((d) => d !== second).map((d) => (d === first ? merged : d));
}

export function countTaskDrafts(drafts: readonly TaskDraft[]) {
  return {
    confirmed: drafts.filter((d) => d.confirmedTaskId !== null).length,
    toConfirm: drafts.filter((d) => d.confirmedTaskId === null && !d.drop).length,
    dropped: drafts.filter((d) => d.confirmedTaskId === null && d.drop).length,
  };
}

/** The body of POST /api/documents/:id/tasks/confirm (the kept, unconfirmed drafts), or why it cannot go yet. */
export function toConfirmBody(drafts: readonly TaskDraft[]): ConfirmTasks | string {
  const kept = drafts.filter((d) => d.confirmedTaskId === null && !d.drop);
  if (kept.length === 0) return 'Không còn nhiệm vụ nào để xác nhận.';
  const tasks: ConfirmTasks['tasks'] = [];
  for (const [n, d] of kept.entries()) {
    const title = d.title.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!title) return `Nhiệm vụ thứ ${n + 1} chưa có nội dung.`;
    const timing = timingForApi(d.timing);
    if (typeof timing === 'string') return `Nhiệm vụ “${title.slice(0, 60)}”: ${timing}`;
    tasks.push({
      items: d.items,
      title,
      timing,
      leadName: d.leadName.normalize('NFC').trim() || null,
      partnerNames: [...new Set(d.partnerNames.map((p) => p.normalize('NFC').trim()).filter(Boolean))],
    });
  }
  return { tasks };
}
