/**
 * The report form's working copy, kept on the device first and sent by the sync: every change is
 * written to IndexedDB at once (a reload, a closed tab, a dead battery lose nothing), and the sync
 * is asked to send it a moment after the last change, as the old autosave did. Online or offline
 * the path is the same; only the outcome differs (saved, waiting for the network, a conflict).
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { AUTOSAVE_MS } from '../lib/use-autosave.ts';
import { useSaveShortcut } from '../lib/use-save-shortcut.ts';
import type { ReportView } from '../api/reporting.api.ts';
import { askToKeepStorage, deleteDraft, readDraft, updateDraft } from './offline-db.ts';
import { applyChoices, draftKey, rebaseOnServer, type Explanations, type Figures, type ReportDraft } from './report-draft.ts';
import { reportSync } from './report-sync.client.ts';
import type { SyncEvent } from './report-sync.ts';

export type SendState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: string };

export interface ReportDraftHandle {
  values: Figures;
  explanations: Explanations;
  /** The device's draft for this report (null: the server has everything). */
  draft: ReportDraft | null;
  /** The report's status as the last answer from the server says. */
  status: string;
  send: SendState;
  setValue: (element: string, value: number | null) => void;
  setExplanation: (key: string, text: string) => void;
  /** Sends now (Ctrl+S, "Lưu nháp"); resolves when the sync has tried. */
  sendNow: () => Promise<void>;
  /** Queues the submission with the figures (checked by the caller) and tries to send it now; resolves to what is left on the device. */
  requestSubmit: () => Promise<ReportDraft | null>;
  /** Takes back a submission still waiting for the network, to keep editing. */
  cancelSubmit: () => Promise<void>;
  /** The officer's choice per conflicting field: saved on top of the server's newer version. */
  resolveConflict: (choices: Record<string, 'mine' | 'theirs'>) => Promise<void>;
  /** Drops the figures kept on the device for this report (after the officer saw why they cannot be sent). */
  discard: () => Promise<void>;
}

const timeNow = () => new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

function freshDraft(view: ReportView, userKey: string): ReportDraft {
  return {
    key: draftKey(userKey, view.id),
    userKey,
    reportId: view.id,
    title: `${view.templateName} — ${view.unit.name} — ${view.period.label}`,
    baseVersion: view.version,
    baseValues: view.values,
    baseExplanations: view.explanations,
    values: view.values,
    explanations: view.explanations,
    submitRequested: false,
    state: 'pending',
    revision: 0,
    updatedAt: new Date().toISOString(),
  };
}

export function useReportDraft(
  view: ReportView,
  initial: ReportDraft | null,
  userKey: string,
  handlers: { onEvent: (event: SyncEvent) => void },
): ReportDraftHandle {
  const key = draftKey(userKey, view.id);
  const [values, setValues] = useState<Figures>(initial?.values ?? view.values);
  const [explanations, setExplanations] = useState<Explanations>(initial?.explanations ?? view.explanations);
  const [draft, setDraft] = useState<ReportDraft | null>(initial);
  const draftRef = useRef(initial);
  const [status, setStatus] = useState<string>(view.status);
  const [send, setSend] = useState<SendState>({ kind: 'idle' });
  const latest = useRef({ values, explanations });
  latest.current = { values, explanations };
  // Writes to IndexedDB one after another, in the order typed.
  const writes = useRef<Promise<unknown>>(Promise.resolve());
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // The server's copy as this page last knew it: a new draft starts from it.
  const server = useRef(view);
  const onEvent = useRef(handlers.onEvent);
  onEvent.current = handlers.onEvent;

  const sendNow = useCallback(async () => {
    clearTimeout(timer.current);
    await writes.current;
    setSend({ kind: 'saving' });
    try {
      await reportSync.request(userKey);
    } finally {
      setSend((s) => (s.kind === 'saving' ? { kind: 'idle' } : s));
    }
  }, [userKey]);

  const write = useDraftWrite(writes, server, draftRef, userKey, view.id);

  const touch = useCallback(() => {
    const copy = latest.current;
    void write((d) => ({ ...d, values: copy.values, explanations: copy.explanations, state: d.state === 'auth' ? 'auth' : 'pending' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void sendNow(), AUTOSAVE_MS);
  }, [write, sendNow]);

  const setValue = useCallback(
    (element: string, value: number | null) => {
      latest.current = { ...latest.current, values: { ...latest.current.values, [element]: value } };
      setValues(latest.current.values);
      touch();
    },
    [touch],
  );

  const setExplanation = useCallback(
    (k: string, text: string) => {
      latest.current = { ...latest.current, explanations: { ...latest.current.explanations, [k]: text } };
      setExplanations(latest.current.explanations);
      touch();
    },
    [touch],
  );

  const requestSubmit = useCallback(async () => {
    const copy = latest.current;
    await write((d) => ({
      ...d,
      values: copy.values,
      explanations: copy.explanations,
      submitRequested: true,
      state: d.state === 'auth' ? 'auth' : 'pending',
      message: undefined,
      issues: undefined,
    }));
    await sendNow();
    return (await readDraft(key).catch(() => undefined)) ?? null;
  }, [write, sendNow, key]);

  const cancelSubmit = useCallback(async () => {
    await write((d) => ({ ...d, submitRequested: false }));
  }, [write]);

  const adopt = useCallback((d: ReportDraft) => {
    latest.current = { values: d.values, explanations: d.explanations };
    setValues(d.values);
    setExplanations(d.explanations);
  }, []);

  const resolveConflict = useCallback(
    async (choices: Record<string, 'mine' | 'theirs'>) => {
      await writes.current;
      const next = await updateDraft(key, (d) => resolvedDraft(d, choices));
      if (next) {
        adopt(next);
        reportSync.announce({ reportId: view.id, draft: next });
      }
      await sendNow();
    },
    [key, view.id, adopt, sendNow],
  );

  const discard = useCallback(async () => {
    await writes.current;
    await deleteDraft(key);
    reportSync.announce({ reportId: view.id, draft: null });
  }, [key, view.id]);

  useEffect(
    () =>
      reportSync.subscribe((event) => {
        if (event.reportId !== view.id) return;
        const before = draftRef.current;
        // The sync merged a newer server version under the officer's changes: show the merged figures.
        if (event.draft && !event.sent && event.draft.state === 'pending' && before && event.draft.baseVersion !== before.baseVersion)
          adopt(event.draft);
        draftRef.current = event.draft;
        setDraft(event.draft);
        if (event.sent) {
          server.current = withSent(server.current, event.sent);
          setStatus(event.sent.summary.status);
          setSend({ kind: 'saved', at: timeNow() });
        }
        onEvent.current(event);
      }),
    [view.id, adopt],
  );

  useEffect(() => {
    // Something typed earlier on this device is still waiting: try it now.
    if (initial && (initial.state === 'pending' || initial.state === 'auth')) void sendNow();
    return () => clearTimeout(timer.current);
  }, [initial, sendNow]);

  useSaveShortcut(sendNow);

  return {
    values,
    explanations,
    draft,
    status,
    send,
    setValue,
    setExplanation,
    sendNow,
    requestSubmit,
    cancelSubmit,
    resolveConflict,
    discard,
  };
}

/**
 * Applies a change to the device's draft of the report (a fresh one from the server's copy when
 * there is none), one write after another in `writes`, and tells the sync's listeners when what
 * they show changes.
 */
function useDraftWrite(
  writes: RefObject<Promise<unknown>>,
  server: RefObject<ReportView>,
  draftRef: RefObject<ReportDraft | null>,
  userKey: string,
  reportId: number,
) {
  const key = draftKey(userKey, reportId);
  return useCallback(
    (change: (d: ReportDraft) => ReportDraft) => {
      const run = writes.current.then(async () => {
        let before: ReportDraft | undefined;
        const next = await updateDraft(key, (d) => {
          before = d;
          const base = d ?? freshDraft(server.current, userKey);
          return { ...change(base), revision: base.revision + 1, updatedAt: new Date().toISOString() };
        });
        // Told (to this form, the list, the shell) only when what they show changes, not per keystroke:
        // a re-render between two keystrokes is a chance to lose one.
        if (!before) askToKeepStorage();
        const isNews =
          !before || before.state !== next?.state || before.submitRequested !== next?.submitRequested || before.message !== next?.message;
        if (next && isNews) reportSync.announce({ reportId, draft: next });
        else if (next) draftRef.current = next;
      });
      // A failed write (no IndexedDB) must not block the next ones: the sync then has nothing to send.
      writes.current = run.catch(() => undefined);
      return run;
    },
    [writes, server, draftRef, key, userKey, reportId],
  );
}

/** The draft in conflict, rebased on the server's newer version with the officer's choice per field. */
function resolvedDraft(d: ReportDraft | undefined, choices: Record<string, 'mine' | 'theirs'>): ReportDraft | undefined {
  if (!d?.server) return undefined;
  const chosen = applyChoices(rebaseOnServer(d, d.server), choices);
  return {
    ...d,
    baseVersion: d.server.version,
    baseValues: d.server.values,
    baseExplanations: d.server.explanations,
    values: chosen.values,
    explanations: chosen.explanations,
    state: 'pending',
    message: undefined,
    issues: undefined,
    server: undefined,
    revision: d.revision + 1,
    updatedAt: new Date().toISOString(),
  };
}

/** The server's copy once the sync sent the figures: its new version and status, the figures sent. */
function withSent(server: ReportView, sent: NonNullable<SyncEvent['sent']>): ReportView {
  return {
    ...server,
    version: sent.summary.version,
    status: sent.summary.status,
    values: { ...server.values, ...sent.values },
    explanations: sent.explanations,
  };
}
