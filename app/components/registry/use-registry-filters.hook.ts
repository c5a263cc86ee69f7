import { useState } from 'react';
import { useDebouncedValue } from '../../lib/use-debounced-value.ts';
import type { CursorTableSort } from './cursor-table.tsx';
import { blankToUndefined } from './registry-format.ts';

/** The free-text search of a registry filter bar: what is typed, and `q`, the query it becomes once typing pauses (blank left out). */
export function useSearchText() {
  const [text, setText] = useState('');
  const q = useDebouncedValue(blankToUndefined(text), 300);
  return { text, setText, q };
}

/**
 * The order of a registry list, chosen by its table's headers: `sort` for the filter (the default
 * order left out of the query) and `sorting` for the CursorTable.
 */
export function useListSort<S extends string>(defaultValue: S, columns: CursorTableSort<S>['columns']) {
  const [value, setValue] = useState<S>(defaultValue);
  const sorting: CursorTableSort<S> = { value, defaultValue, onChange: setValue, columns };
  return { sort: value === defaultValue ? undefined : value, sorting };
}
