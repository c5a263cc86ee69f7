import { useSyncExternalStore } from 'react';

/**
 * Below antd's "md" breakpoint (768 px): a phone held upright, or a small tablet. The same width
 * as the `@media (max-width: 767.98px)` rules in the CSS, so script and styles switch together.
 */
export const PHONE_QUERY = '(max-width: 767.98px)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(PHONE_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True on a phone-sized window; follows rotation and resizing. */
export function useIsPhone(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(PHONE_QUERY).matches,
    () => false,
  );
}
