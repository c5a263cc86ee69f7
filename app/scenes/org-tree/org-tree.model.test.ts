import { describe, expect, it } from 'vitest';
import type { OrgUnitSummary } from '../../../server/org/org.schema.ts';
import {
  ancestorPath,
  buildTreeNodes,
  idFromKey,
  keysToReveal,
  mergeKeys,
  orderForTree,
  shortUnitName,
  unitKey,
} from './org-tree.model.ts';
import { kindTag, sectorTag } from './unit-kind.ts';

function unit(id: number, name: string, level: number, childCount = 0, parentId: number | null = null): OrgUnitSummary {
  return {
    id,
    code: `C${id}`,
    name,
    kind: level === 4 ? 'grassroots' : 'commune',
    kindLabel: '',
    level,
    sector: null,
    sectorLabel: null,
    parentId,
    depth: 0,
    childCount,
  };
}

describe('org tree model', () => {
  it('round-trips tree keys and rejects foreign ones', () => {
    expect(idFromKey(unitKey(42))).toBe(42);
    expect(idFromKey('42')).toBeUndefined();
    expect(idFromKey('u4x')).toBeUndefined();
  });

  it('puts upper-level units first and keeps the server order within a level', () => {
    const ordered = orderForTree([
      unit(1, 'Công đoàn Báo', 4),
      unit(2, 'Công đoàn phường A', 3),
      unit(3, 'Công đoàn Sở', 4),
      unit(4, 'Công đoàn xã B', 3),
    ]);
    expect(ordered.map((u) => u.id)).toEqual([2, 4, 1, 3]);
  });

  it('nests only what is loaded and marks childless units as leaves', () => {
    const root = unit(1, 'Gốc', 1, 2);
    const children = new Map([[1, [unit(2, 'Phường', 3, 5, 1), unit(3, 'CĐCS', 4, 0, 1)]]]);
    const [node] = buildTreeNodes([root], children);
    expect(node?.children?.map((c) => [c.key, c.isLeaf, c.children])).toEqual([
      ['u2', false, undefined],
      ['u3', true, undefined],
    ]);
  });

  it('abbreviates ancestor paths the way officers write them', () => {
    expect(shortUnitName('Công đoàn phường Tân Ninh')).toBe('Công đoàn phường Tân Ninh');
    expect(
      ancestorPath([
        { name: 'Tổng Liên đoàn Lao động Việt Nam' },
        { name: 'Liên đoàn Lao động tỉnh Tây Ninh' },
        { name: 'Công đoàn phường Tân Ninh' },
      ]),
    ).toBe('Tổng LĐLĐ VN › LĐLĐ tỉnh Tây Ninh › Công đoàn phường Tân Ninh');
  });

  it('expands ancestors without duplicating keys', () => {
    expect(mergeKeys(['u1'], keysToReveal([{ id: 1 }, { id: 2 }]))).toEqual(['u1', 'u2']);
  });

  it('tags kinds and sectors briefly, falling back to the code', () => {
    expect(kindTag('grassroots').text).toBe('CĐCS');
    expect(kindTag('something_new').text).toBe('something_new');
    expect(sectorTag('fdi')).toBe('FDI');
    expect(sectorTag(null)).toBeUndefined();
  });
});
