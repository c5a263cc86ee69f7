import { maskCccd, maskPhone } from '../../domain/access/personal-data.ts';
import type { RejectionRecord } from './import-job.repository.ts';

/** The kinds of personal data a registry's fields may hold, masked like the registry's own screens. */
export type PersonalField = 'cccd' | 'phone';

/** How much an import keeps and does, and for how long. */
export interface ImportLimits {
  /** Rejected rows whose reasons and cells are stored per import; the rest are only counted. */
  storedRejectedRows: number;
  /** A dry run stops reading after this many rejected rows: more would not help anyone fix the file. */
  dryRunRejectedRows: number;
  /** Days the stored rejected rows are kept after the import started. */
  retentionDays: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = { storedRejectedRows: 1_000, dryRunRejectedRows: 10_000, retentionDays: 30 };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Imports started before this instant have their rejected rows deleted. */
export function rejectionsExpireBefore(now: Date, limits: Pick<ImportLimits, 'retentionDays'>): Date {
  return new Date(now.getTime() - limits.retentionDays * DAY_MS);
}

/**
 * A rejected row as a reader sees it. With `personal_data.view` it is the file's row. Without,
 * CCCD and phone columns are masked as on the member screen, and columns the import did not
 * recognise are left out: nobody knows what they hold (a note column may carry a phone number).
 */
export function rejectedRowFor(
  raw: (string | null)[],
  fieldColumns: Record<string, number>,
  personal: Record<string, PersonalField>,
  unmasked: boolean,
): (string | null)[] {
  if (unmasked) return raw;
  const kindOf = new Map<number, PersonalField | null>(Object.entries(fieldColumns).map(([key, index]) => [index, personal[key] ?? null]));
  return raw.map((value, i) => {
    if (!kindOf.has(i) || value === null) return null;
    const kind = kindOf.get(i);
    return kind === 'cccd' ? maskCccd(value) : kind === 'phone' ? maskPhone(value) : value;
  });
}

/**
 * Keeps the rejections of as many rejected rows as the budget still allows (all reasons of a
 * kept row), taking them from the budget; the other rows are only counted. The budget is shared
 * by the batches of one import, which take from it one at a time (one thread).
 */
export function takeFromBudget(
  rejections: RejectionRecord[],
  budget: { rows: number },
): { kept: RejectionRecord[]; rejectedRows: number; notStored: number } {
  const rows = [...new Set(rejections.map((r) => r.rowNumber))];
  const keptRows = new Set(rows.slice(0, Math.max(0, budget.rows)));
  budget.rows -= keptRows.size;
  return { kept: rejections.filter((r) => keptRows.has(r.rowNumber)), rejectedRows: rows.length, notStored: rows.length - keptRows.size };
}
