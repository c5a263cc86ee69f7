/**
 * Autosave of a form's working copy, as the periodic report form and the document review do it:
 * a save 1.2 s after the last change, Ctrl+S (or a "Lưu nháp" button) at once, one save at a
 * time (a change made while one is in flight goes in the next), and a version conflict kept as
 * such (the server refused to overwrite someone else's save: retrying cannot help). The caller's
 * `save` sends the latest copy (read it from a ref) and keeps its version in step.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/api-client.ts';
import { useSaveShortcut } from './use-save-shortcut.ts';

export const AUTOSAVE_MS = 1200;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'conflict'; message: string }
  | { kind: 'error'; message: string };

export interface Autosave {
  state: SaveState;
  /** The working copy changed: save it a moment after the last change. */
  touch: () => void;
  /** Saves now, after any save in flight; true when nothing is left unsaved. */
  saveNow: () => Promise<boolean>;
  /**
   * A write that carries the working copy itself (submit, final save): waits for the save in
   * flight, drops the pending one, runs `write`; on failure the copy counts as unsaved again.
   */
  commit: <T>(write: () => Promise<T>) => Promise<T>;
  /** Another write was refused as a conflict: show it like one of ours. */
  markConflict: (message: string) => void;
  /** Changes the server does not have: a save waiting, in flight, failed or refused. */
  hasUnsavedChanges: () => boolean;
}

const timeNow = () => new Date().toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function useAutosave({
  save,
  conflictCode,
  delayMs = AUTOSAVE_MS,
}: {
  save: () => Promise<void>;
  conflictCode: string;
  delayMs?: number;
}): Autosave {
  const [state, setStateValue] = useState<SaveState>({ kind: 'idle' });
  const current = useRef<SaveState>(state);
  const setState = useCallback((s: SaveState) => {
    current.current = s;
    setStateValue(s);
  }, []);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;

  const hasUnsavedChanges = useCallback(
    () => dirty.current || inFlight.current !== null || current.current.kind === 'error' || current.current.kind === 'conflict',
    [],
  );
  const failed = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === conflictCode) setState({ kind: 'conflict', message: error.message });
      else {
        dirty.current = true;
        setState({ kind: 'error', message: errorMessage(error) });
      }
    },
    [conflictCode, setState],
  );

  const settle = useCallback(async () => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current;
  }, []);

  const saveNow = useCallback(async () => {
    await settle();
    if (!dirty.current) return !hasUnsavedChanges();
    dirty.current = false;
    setState({ kind: 'saving' });
    const run = saveRef.current().then(() => setState({ kind: 'saved', at: timeNow() }), failed);
    inFlight.current = run;
    await run;
    inFlight.current = null;
    return !hasUnsavedChanges();
  }, [settle, hasUnsavedChanges, failed, setState]);

  const touch = useCallback(() => {
    dirty.current = true;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void saveNow(), delayMs);
  }, [saveNow, delayMs]);

  const commit = useCallback(
    async <T>(write: () => Promise<T>): Promise<T> => {
      await settle();
      const wasDirty = dirty.current;
      dirty.current = false;
      try {
        const result = await write();
        setState({ kind: 'idle' });
        return result;
      } catch (error) {
        dirty.current = wasDirty;
        if (error instanceof ApiError && error.code === conflictCode) setState({ kind: 'conflict', message: error.message });
        throw error;
      }
    },
    [settle, conflictCode, setState],
  );

  const markConflict = useCallback((message: string) => setState({ kind: 'conflict', message }), [setState]);

  useEffect(() => () => clearTimeout(timer.current), []);
  useSaveShortcut(saveNow);

  return { state, touch, saveNow, commit, markConflict, hasUnsavedChanges };
}
