import { describe, expect, it } from 'vitest';
import { canBeChildOf } from '../org/org-unit.ts';
import { cccdProblem, taxCodeProblem } from '../registry/identity-codes.ts';
import { DEMO_ACCOUNTS } from './demo-accounts.ts';
import { NationalRegistries, type RegistryBatch } from './national-registries.ts';
import { NATIONAL_SCALE, smallScale } from './national-scale.ts';
import { PROVINCES_2025 } from './national-provinces.ts';
import { planNationalTree } from './national-tree.ts';

function generate(seed: number) {
  const tree = planNationalTree(smallScale(), seed);
  const all: RegistryBatch = { employers: [], profiles: [], members: [], memberships: [], agreements: [] };
  for (const b of new NationalRegistries(tree).batches()) {
    for (const key of Object.keys(all) as (keyof RegistryBatch)[]) (all[key] as unknown[]).push(...b[key]);
  }
  return { tree, ...all };
}

describe('national generator (small shape: 2 provinces × 3 communes)', () => {
  const data = generate(2025);
  const unitById = new Map(data.tree.units.map((u) => [u.id, u]));

  it('lists the 34 provinces of the 2025 reform, each pre-merger CCCD code exactly once', () => {
    expect(PROVINCES_2025).toHaveLength(34);
    expect(new Set(PROVINCES_2025.map((p) => p.code)).size).toBe(34);
    const codes = PROVINCES_2025.flatMap((p) => p.cccdCodes);
    expect(codes).toHaveLength(63);
    expect(new Set(codes).size).toBe(63);
    expect(NATIONAL_SCALE.provinces.map((p) => p.place)).toContain('TP. Hồ Chí Minh');
  });

  it('builds a valid tree: unique codes, allowed parents, paths of ids, and the demo accounts’ units', () => {
    const codes = data.tree.units.map((u) => u.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const u of data.tree.units) {
      if (u.parentId === null) {
        expect(u.path).toBe(String(u.id));
        continue;
      }
      const parent = unitById.get(u.parentId)!;
      expect(canBeChildOf(u.kind, parent.kind), `${u.code}: ${u.kind} under ${parent.kind}`).toBe(true);
      expect(u.path).toBe(`${parent.path}.${u.id}`);
      expect(u.depth).toBe(parent.depth + 1);
    }
    expect(data.tree.cdcs).toHaveLength(60);
    for (const code of DEMO_ACCOUNTS.map((a) => a.unitCode)) expect(codes).toContain(code);
  });

  it('gives every member a well-formed, unique CCCD whose prefix belongs to the province of their CĐCS', () => {
    expect(data.members.length).toBeGreaterThan(1000);
    for (const m of data.members) {
      expect(cccdProblem(m.cccd, { gender: m.gender, birthDate: m.birthDate }), m.cccd).toBeNull();
      const province = data.tree.scale.provinces[unitById.get(m.currentUnitId)!.province]!;
      expect(province.cccdCodes, `${m.cccd} in ${province.code}`).toContain(m.cccd.slice(0, 3));
    }
    expect(new Set(data.members.map((m) => m.cccd)).size).toBe(data.members.length);
    expect(new Set(data.members.map((m) => m.cardNumber)).size).toBe(data.members.length);
  });

  it('puts every active member in exactly one open membership, in their current CĐCS; those who left in none', () => {
    const open = new Map<number, number[]>();
    const spans = new Map<number, { from: string; to: string | null }[]>();
    for (const h of data.memberships) {
      expect(unitById.get(h.unitId)!.kind).toBe('grassroots');
      if (h.validTo === null) open.set(h.memberId, [...(open.get(h.memberId) ?? []), h.unitId]);
      else expect(h.validTo > h.validFrom).toBe(true);
      spans.set(h.memberId, [...(spans.get(h.memberId) ?? []), { from: h.validFrom, to: h.validTo }]);
    }
    for (const m of data.members) {
      if (m.status === 'active') expect(open.get(m.id)).toEqual([m.currentUnitId]);
      else expect(open.get(m.id)).toBeUndefined();
      // Consecutive, non-overlapping history (what the exclusion constraint will check).
      const history = spans.get(m.id)!;
      for (let i = 1; i < history.length; i++) expect(history[i]!.from).toBe(history[i - 1]!.to);
    }
    const transfers = data.memberships.filter((h) => h.startReason === 'transfer_in').length / data.members.length;
    const left = data.members.filter((m) => m.status === 'left').length / data.members.length;
    expect(transfers).toBeGreaterThan(0.02);
    expect(transfers).toBeLessThan(0.08);
    expect(left).toBeGreaterThan(0.02);
    expect(left).toBeLessThan(0.08);
  });

  it('never has more members in a CĐCS than its employer has workers; ≥25-worker employers mostly have a CĐCS', () => {
    const active = new Map<number, number>();
    for (const m of data.members) if (m.status === 'active') active.set(m.currentUnitId, (active.get(m.currentUnitId) ?? 0) + 1);
    const withUnion = data.employers.filter((e) => e.cdcsUnitId !== null);
    expect(withUnion).toHaveLength(data.tree.cdcs.length);
    for (const e of withUnion) expect(e.workers).toBeGreaterThanOrEqual(active.get(e.cdcsUnitId!) ?? 0);
    const big = data.employers.filter((e) => e.workers >= 25);
    expect(big.filter((e) => e.cdcsUnitId !== null).length / big.length).toBeGreaterThan(0.6);
    expect(data.employers).toHaveLength(smallScale().employers);
    for (const e of data.employers) expect(taxCodeProblem(e.taxCode)).toBeNull();
    expect(new Set(data.employers.map((e) => e.taxCode)).size).toBe(data.employers.length);
  });

  it('has agreements in force, expired and renewed, each renewal renewing an earlier agreement of the same CĐCS', () => {
    const byId = new Map(data.agreements.map((a) => [a.id, a]));
    const renewals = data.agreements.filter((a) => a.renewsId !== null);
    expect(renewals.length).toBeGreaterThan(0);
    for (const a of renewals) {
      const previous = byId.get(a.renewsId!)!;
      expect(previous.cdcsUnitId).toBe(a.cdcsUnitId);
      expect(a.effectiveFrom > previous.expiresOn).toBe(true);
    }
    expect(data.agreements.some((a) => a.expiresOn < '2026-11-15')).toBe(true);
    expect(data.agreements.some((a) => a.effectiveFrom <= '2026-11-15' && a.expiresOn >= '2026-11-15')).toBe(true);
    expect(new Set(data.agreements.map((a) => a.qualityClass)).size).toBe(4);
  });

  it('is deterministic for a seed and different for another', () => {
    const again = generate(2025);
    expect(again.members.slice(0, 500)).toEqual(data.members.slice(0, 500));
    expect(again.tree.units).toEqual(data.tree.units);
    const other = generate(7);
    expect(other.members.slice(0, 500).map((m) => m.fullName)).not.toEqual(data.members.slice(0, 500).map((m) => m.fullName));
  });
});
