import { describe, expect, it } from 'vitest';
import { canBeChildOf } from '../org/org-unit.ts';
import { generateDemoProvince } from './demo-province.ts';

describe('demo province', () => {
  const demo = generateDemoProvince(2025);
  const byCode = new Map(demo.units.map((u) => [u.code, u]));

  it('has one province, about twelve commune and zone unions and about 900 grassroots unions in all four sectors', () => {
    const count = (kind: string) => demo.units.filter((u) => u.kind === kind).length;
    expect(count('province')).toBe(1);
    expect(count('commune') + count('industrial_zone')).toBe(12);
    expect(count('grassroots')).toBeGreaterThanOrEqual(850);
    expect(count('grassroots')).toBeLessThanOrEqual(950);
    const sectors = new Set(demo.units.filter((u) => u.kind === 'grassroots').map((u) => u.sector));
    expect([...sectors].sort()).toEqual(['dnnn', 'fdi', 'hcsn', 'private']);
  });

  it('is deterministic for a seed and different for another', () => {
    expect(generateDemoProvince(2025)).toEqual(demo);
    expect(generateDemoProvince(7).units.map((u) => u.name)).not.toEqual(demo.units.map((u) => u.name));
  });

  it('has unique codes and names and a valid parent for every unit', () => {
    expect(byCode.size).toBe(demo.units.length);
    expect(new Set(demo.units.map((u) => u.name)).size).toBe(demo.units.length);
    for (const unit of demo.units) {
      if (unit.parentCode === null) continue;
      const parent = byCode.get(unit.parentCode);
      expect(parent, unit.code).toBeDefined();
      expect(canBeChildOf(unit.kind, parent!.kind), `${unit.kind} under ${parent!.kind}`).toBe(true);
    }
  });

  it('writes names in Vietnamese with their diacritics, in NFC', () => {
    for (const unit of demo.units) expect(unit.name).toBe(unit.name.normalize('NFC'));
    expect(demo.units.some((u) => u.name.startsWith('Công đoàn cơ sở Công ty TNHH May'))).toBe(true);
  });
});
