/**
 * The task form's values ⇄ the API's body (create and edit), free of React for the unit tests:
 * the lead is a unit or a name (never both), partners are units and names, timing as chosen.
 */
import type { TaskDetail, TaskTiming } from '../../api/tasks.api.ts';
import { timingForApi, type TimingValue } from './task-format.ts';

export interface TaskFormValues {
  unitId?: number;
  title: string;
  documentId?: number | null;
  section?: string;
  leadKind: 'unit' | 'name';
  leadUnitId?: number | null;
  leadName?: string;
  partnerUnits?: { value: number; label: string }[];
  partnerNames?: string[];
  timing: TimingValue;
  targetIds?: number[];
}

export interface TaskFields {
  title: string;
  leadUnitId: number | null;
  leadName: string | null;
  partnerUnitIds: number[];
  partnerNames: string[];
  targetIds: number[];
  timing: TaskTiming;
}

const tidy = (s: string | undefined | null) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/** The fields both create and edit send, or the Vietnamese reason they cannot be sent. */
export function taskFields(v: TaskFormValues): TaskFields | string {
  const title = tidy(v.title);
  if (!title) return 'Nhập nội dung nhiệm vụ.';
  const timing = timingForApi(v.timing);
  if (typeof timing === 'string') return timing;
  const leadName = v.leadKind === 'name' ? tidy(v.leadName) || null : null;
  const leadUnitId = v.leadKind === 'unit' ? (v.leadUnitId ?? null) : null;
  return {
    title,
    timing,
    leadUnitId,
    leadName,
    partnerUnitIds: (v.partnerUnits ?? []).map((u) => u.value),
    partnerNames: [...new Set((v.partnerNames ?? []).map(tidy).filter(Boolean))],
    targetIds: v.targetIds ?? [],
  };
}

/** The form filled from a task being edited. */
export function formFromTask(t: TaskDetail): TaskFormValues {
  return {
    title: t.title,
    leadKind: t.lead && t.lead.unitId === null ? 'name' : 'unit',
    leadUnitId: t.lead?.unitId ?? null,
    leadName: t.lead && t.lead.unitId === null ? t.lead.name : '',
    partnerUnits: t.partners.filter((p) => p.unitId !== null).map((p) => ({ value: p.unitId!, label: p.name })),
    partnerNames: t.partners.filter((p) => p.unitId === null).map((p) => p.name),
    timing: { kind: t.timing.kind, deadline: t.timing.deadline, year: t.timing.year },
    targetIds: t.targets.map((g) => g.id),
  };
}
