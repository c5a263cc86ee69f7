import { useState } from 'react';
import { FIRST_PAGE, currentCursor, nextPage, previousPage, type CursorStack } from './registry-format.ts';

/**
 * The cursor stack of one list, reset whenever the filter changes (a cursor is only valid for
 * the filter that produced it). Pass `JSON.stringify(filter)` as the key.
 */
export function useCursorPages(filterKey: string) {
  const [state, setState] = useState<{ key: string; stack: CursorStack }>({ key: filterKey, stack: FIRST_PAGE });
  const stack = state.key === filterKey ? state.stack : FIRST_PAGE;
  return {
    stack,
    after: currentCursor(stack),
    next: (cursor: string | null | undefined) => setState({ key: filterKey, stack: nextPage(stack, cursor) }),
    previous: () => setState({ key: filterKey, stack: previousPage(stack) }),
    first: () => setState({ key: filterKey, stack: FIRST_PAGE }),
  };
}
