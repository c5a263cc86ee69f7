/**
 * A report's figures typed on this device and not yet accepted by the server, and the pure rules
 * for them: what the officer changed, how a newer server version is merged in, which fields need
 * the officer's choice, and the checks a submission must pass before it may be queued. No I/O here:
 * the store (offline-db.ts) and the sync (report-sync.ts) use these.
 */
import { fieldLabel, type TemplateDefinition } from '../../domain/reporting/report-template.ts';
import { validateReport, warningKey } from '../../domain/reporting/report-validation.ts';

export type Figures = Record<string, number | null>;
export type Explanations = Record<string, string>;

/**
 * Where a draft stands with the server:
 * - pending: kept here, waiting for the network ("Chưa gửi được — sẽ gửi khi có mạng");
 * - conflict: someone saved a newer version with other figures; the officer picks per field;
 * - auth: the session ended (expired while offline): log in again, then it is sent;
 * - refused: the server said no for a reason retrying cannot fix (locked, not found, invalid);
 *   the figures stay here until the officer has seen them and discards them.
 */
export type DraftState = 'pending' | 'conflict' | 'auth' | 'refused';

/** The server's copy at the time of a conflict: what the officer chooses against. */
export interface ServerCopy {
  version: number;
  status: string;
  values: Figures;
  explanations: Explanations;
  updatedBy: string;
  updatedAt: string;
}

export interface ReportDraft {
  /** `${userKey}|${reportId}`: drafts belong to the person who typed them, never to the next user of the device. */
  key: string;
  userKey: string;
  reportId: number;
  /** The server version the edits start from (sent as `version`: the server refuses if it moved on). */
  baseVersion: number;
  /** The server's figures at baseVersion: a field differs from it only where the officer typed. */
  baseValues: Figures;
  baseExplanations: Explanations;
  values: Figures;
  explanations: Explanations;
  /** The officer pressed "Gửi báo cáo": sent as a submission, not a save, when the network is back. */
  submitRequested: boolean;
  state: DraftState;
  /** Why it is not sent yet, in the server's or our Vietnamese words. */
  message?: string;
  /** Field-level problems the server named (path = element code or "rule:element"). */
  issues?: { path: string; message: string }[];
  server?: ServerCopy;
  /** Bumped on every local change: the sync drops a draft only if nothing was typed while it was being sent. */
  revision: number;
  updatedAt: string;
  /** For lists of unsent reports without opening each one. */
  title: string;
}

export const draftKey = (userKey: string, reportId: number) => `${userKey}|${reportId}`;

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null);
const textOf = (e: Explanations, k: string) => (e[k] ?? '').trim();

/** Elements whose figure the officer changed from the version they started from. */
export function changedElements(draft: Pick<ReportDraft, 'values' | 'baseValues'>): string[] {
  const keys = new Set([...Object.keys(draft.values), ...Object.keys(draft.baseValues)]);
  return [...keys].filter((k) => !same(draft.values[k], draft.baseValues[k])).sort();
}

function changedExplanations(draft: Pick<ReportDraft, 'explanations' | 'baseExplanations'>): string[] {
  const keys = new Set([...Object.keys(draft.explanations), ...Object.keys(draft.baseExplanations)]);
  return [...keys].filter((k) => textOf(draft.explanations, k) !== textOf(draft.baseExplanations, k)).sort();
}

/** Anything the server does not have yet. */
export function hasLocalChanges(draft: ReportDraft): boolean {
  return draft.submitRequested || changedElements(draft).length > 0 || changedExplanations(draft).length > 0;
}

export interface ConflictField {
  /** The element code, or "ruleId:element" for an explanation. */
  key: string;
  kind: 'value' | 'explanation';
  mine: number | string | null;
  theirs: number | string | null;
}

export interface Rebase {
  /** Fields both sides changed to different things: the officer chooses. */
  conflicts: ConflictField[];
  /** The working copy on top of the server's: the officer's changes where only they changed a field, the server's elsewhere. */
  values: Figures;
  explanations: Explanations;
}

/**
 * Three-way merge of the officer's edits (base → mine) onto a newer server version (base → theirs).
 * A field changed on one side only takes that side's value; changed on both to the same value is
 * no conflict; changed on both to different values is a conflict, left as the officer's until chosen.
 */
export function rebaseOnServer(
  draft: Pick<ReportDraft, 'values' | 'baseValues' | 'explanations' | 'baseExplanations'>,
  server: Pick<ServerCopy, 'values' | 'explanations'>,
): Rebase {
  const conflicts: ConflictField[] = [];
  const values: Figures = { ...server.values };
  for (const element of changedElements(draft)) {
    const mine = draft.values[element] ?? null;
    const theirs = server.values[element] ?? null;
    values[element] = mine;
    if (!same(theirs, draft.baseValues[element]) && !same(theirs, mine)) conflicts.push({ key: element, kind: 'value', mine, theirs });
  }
  const explanations: Explanations = { ...server.explanations };
  for (const key of changedExplanations(draft)) {
    const mine = textOf(draft.explanations, key);
    const theirs = textOf(server.explanations, key);
    explanations[key] = draft.explanations[key] ?? '';
    if (theirs !== textOf(draft.baseExplanations, key) && theirs !== mine)
      conflicts.push({ key, kind: 'explanation', mine: mine || null, theirs: theirs || null });
  }
  return { conflicts, values, explanations };
}

/** The officer's choice per conflicting field ("mine" or "theirs") applied to the rebased copy. */
export function applyChoices(rebase: Rebase, choices: Record<string, 'mine' | 'theirs'>): { values: Figures; explanations: Explanations } {
  const values = { ...rebase.values };
  const explanations = { ...rebase.explanations };
  for (const c of rebase.conflicts) {
    const pick = (choices[c.key] ?? 'mine') === 'mine' ? c.mine : c.theirs;
    if (c.kind === 'value') values[c.key] = pick as number | null;
    else explanations[c.key] = (pick as string | null) ?? '';
  }
  return { values, explanations };
}

/** A conflict field's name as the form shows it ("Giải thích: …" for an explanation). */
export function conflictLabel(template: Pick<TemplateDefinition, 'sections'>, field: Pick<ConflictField, 'key' | 'kind'>): string {
  if (field.kind === 'value') return fieldLabel(template, field.key);
  const element = field.key.slice(field.key.indexOf(':') + 1);
  return `Giải thích về «${fieldLabel(template, element)}»`;
}

/**
 * What blocks a submission, in the words the server uses for the same refusal (the same pure
 * validation runs there): errors first, then warnings still lacking an explanation. Null when it
 * may be sent, so an officer offline learns now, not on reconnect, that it would be refused.
 */
export function submitRefusal(
  template: Pick<TemplateDefinition, 'sections' | 'rules'>,
  values: Figures,
  previous: Figures | null,
  explanations: Explanations,
): { message: string; issues: { path: string; message: string }[] } | null {
  const findings = validateReport(template, values, previous, explanations);
  if (findings.errors.length) {
    return {
      message: `Báo cáo còn ${findings.errors.length} lỗi cần sửa trước khi gửi: ${findings.errors[0]!.message}`,
      issues: findings.errors.map((e) => ({ path: e.element, message: e.message })),
    };
  }
  const unexplained = findings.warnings.filter((w) => !w.explained);
  if (unexplained.length) {
    return {
      message: `Có ${unexplained.length} số liệu biến động bất thường cần giải thích trước khi gửi: ${unexplained[0]!.message}`,
      issues: unexplained.map((w) => ({ path: warningKey(w), message: w.message })),
    };
  }
  return null;
}
