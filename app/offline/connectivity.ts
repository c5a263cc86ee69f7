/**
 * Whether the server can be reached, as the app last saw it. The browser's navigator.onLine is
 * only half of it: false is certain, but true also on a Wi-Fi without internet (and, seen in
 * Chromium, on a page reloaded while offline). So a request that could not reach the server marks
 * the app offline, and any answer marks it online again; while offline a light probe asks.
 */
let isUnreachable = false;
const listeners = new Set<() => void>();

export function noteReachable(isReachable: boolean): void {
  if (isUnreachable === !isReachable) return;
  isUnreachable = !isReachable;
  for (const listener of listeners) listener();
}

export const isOnlineNow = () => (typeof navigator === 'undefined' || navigator.onLine !== false) && !isUnreachable;

export function subscribeConnectivity(onChange: () => void): () => void {
  listeners.add(onChange);
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    listeners.delete(onChange);
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** Asks the server whether it answers (any HTTP answer counts); notes and returns the result. */
export async function probeServer(): Promise<boolean> {
  try {
    await fetch('/api/health', { method: 'GET', cache: 'no-store', credentials: 'omit' });
    noteReachable(true);
    return true;
  } catch {
    noteReachable(false);
    return false;
  }
}
