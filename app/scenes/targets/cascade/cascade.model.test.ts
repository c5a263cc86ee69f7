import { describe, expect, it } from 'vitest';
import type { CascadeNode } from '../../../api/documents.api.ts';
import { toTree } from './cascade.model.ts';

const entry = (key: string, parentKey: string | null, symbol: string): CascadeNode => ({
  key,
  parentKey,
  depth: key.split('/').length,
  linkId: Number(key.split('/').pop()),
  relation: 'implements',
  symbol,
  document: null,
});

describe('the cascade as a tree', () => {
  it('nests each entry under its parent, in order', () => {
    const tree = toTree([entry('1', null, '61-KH/TU'), entry('2', null, '02-NQ/TW'), entry('1/5', '1', '02-NQ/TW')]);
    expect(tree.map((n) => [n.entry.symbol, n.children.map((c) => c.entry.symbol)])).toEqual([
      ['61-KH/TU', ['02-NQ/TW']],
      ['02-NQ/TW', []],
    ]);
  });
});
