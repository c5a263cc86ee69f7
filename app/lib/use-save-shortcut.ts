import { useEffect } from 'react';

/**
 * Ctrl+S (⌘S on a Mac) saves at once instead of the browser's "save page": people used to Excel
 * press it by habit. Shared by the autosaved forms and the report form's device-first draft.
 */
export function useSaveShortcut(save: () => Promise<unknown>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);
}
