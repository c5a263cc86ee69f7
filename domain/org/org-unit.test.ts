import { describe, expect, it } from 'vitest';
import { canBeChildOf, isSector, isUnitKind, kindHasSector, UNIT_KINDS, UNIT_KIND_LABELS } from './org-unit.ts';

describe('org unit rules', () => {
  it('labels every kind in Vietnamese', () => {
    for (const kind of UNIT_KINDS) expect(UNIT_KIND_LABELS[kind]).toMatch(/Công đoàn|Liên đoàn|Tổ công đoàn/);
  });

  it('lets a CĐCS sit under a commune union or directly under the province, never a province under a commune', () => {
    expect(canBeChildOf('grassroots', 'commune')).toBe(true);
    expect(canBeChildOf('grassroots', 'province')).toBe(true);
    expect(canBeChildOf('province', 'commune')).toBe(false);
    expect(canBeChildOf('grassroots', 'union_group')).toBe(false);
  });

  it('recognises kinds and sectors and gives sectors to grassroots-level units only', () => {
    expect(isUnitKind('industrial_zone')).toBe(true);
    expect(isUnitKind('ward')).toBe(false);
    expect(isSector('fdi')).toBe(true);
    expect(isSector('FDI')).toBe(false);
    expect(kindHasSector('grassroots')).toBe(true);
    expect(kindHasSector('province')).toBe(false);
  });
});
