import type { Sector } from '../org/org-unit.ts';
import { composeCccd, taxCheckDigit } from '../registry/identity-codes.ts';
import { DEMO_TODAY, type DemoMember, industryFor, womenShareFor } from './demo-registries.ts';
import { addYearsDay, dayOf, isoOfDay } from './national-dates.ts';
import type { NationalTree, NationalUnit } from './national-tree.ts';
import { workersFor } from './national-tree.ts';
import { ETHNICITIES, personName } from './person-names.ts';
import { Random } from './random.ts';
import * as names from './vietnamese-names.ts';

/**
 * The registries of a national-shaped tree, streamed one CĐCS at a time (never 11 M members in
 * memory): its employer and profile, its members with their membership history, its agreements;
 * then the employers without a union. Ids are assigned here in generation order, so related rows
 * (membership → member, agreement → employer, renewal → renewed agreement) can be COPY-loaded.
 */
export interface NationalEmployer {
  id: number;
  taxCode: string;
  name: string;
  sector: Sector;
  industry: string;
  provinceName: string;
  communeName: string | null;
  areaUnitId: number;
  cdcsUnitId: number | null;
  workers: number;
  womenWorkers: number;
}
export interface NationalProfile {
  unitId: number;
  employerId: number;
  foundingDecision: string;
  foundedOn: string;
  chairName: string;
}
/** A member as the small demo makes one, its history kept apart (memberships) and its place today named. */
export interface NationalMember extends Omit<DemoMember, 'history'> {
  id: number;
  currentUnitId: number;
  status: 'active' | 'left';
}
export interface NationalMembership {
  id: number;
  memberId: number;
  unitId: number;
  validFrom: string;
  validTo: string | null;
  startReason: 'joined' | 'transfer_in';
  endReason: 'transfer_out' | 'left' | null;
}
export interface NationalAgreement {
  id: number;
  employerId: number;
  cdcsUnitId: number;
  signedOn: string;
  effectiveFrom: string;
  expiresOn: string;
  qualityClass: 'A' | 'B' | 'C' | 'D';
  betterThanLaw: boolean;
  renewsId: number | null;
}

export interface RegistryBatch {
  employers: NationalEmployer[];
  profiles: NationalProfile[];
  members: NationalMember[];
  memberships: NationalMembership[];
  agreements: NationalAgreement[];
}

const TODAY = dayOf(DEMO_TODAY);
const THREE_YEARS_AGO = addYearsDay(TODAY, -3);
const PHONE_PREFIXES = [
  '90',
  '91',
  '93',
  '94',
  '96',
  '97',
  '98',
  '86',
  '88',
  '70',
  '76',
  '77',
  '78',
  '79',
  '81',
  '83',
  '84',
  '85',
  '32',
  '33',
  '35',
  '39',
];
const LEFT_REASONS = ['Nghỉ việc', 'Chuyển công tác', 'Nghỉ hưu', 'Chấm dứt hợp đồng lao động'];
const QUALITY = [
  ['A', 12],
  ['B', 38],
  ['C', 35],
  ['D', 15],
] as const;

/** CCCD serials unique per (province code, gender/century digit, birth year): a counter, scrambled so serials look random. */
class CccdSerials {
  private readonly counters = new Map<string, number>();
  next(prefix: string, gender: 'male' | 'female', birthYear: number): string {
    const key = `${prefix}${gender}${birthYear}`;
    const n = this.counters.get(key) ?? 0;
    this.counters.set(key, n + 1);
    // 7919 is prime to 10^6, so n → n·7919 mod 10^6 is a bijection: unique while n < 10^6.
    return composeCccd(prefix, gender, birthYear, (n * 7919 + 104_729) % 1_000_000);
  }
}

class TaxCodes {
  private n = 100_000_000;
  next(): string {
    for (;;) {
      const first9 = String(++this.n);
      const check = taxCheckDigit(first9);
      if (check !== null) return `${first9}${check}`;
    }
  }
}

export class NationalRegistries {
  private readonly rng: Random;
  private readonly serials = new CccdSerials();
  private readonly taxCodes = new TaxCodes();
  private employerId = 0;
  private memberId = 0;
  private membershipId = 0;
  private agreementId = 0;
  private readonly cccdWeights: (readonly [string, number])[][];

  constructor(private readonly tree: NationalTree) {
    this.rng = new Random(tree.seed).fork(`national-registries-${tree.scale.name}`);
    // Most members carry the code of the merged province's seat; the others those of the provinces it absorbed.
    this.cccdWeights = tree.scale.provinces.map((p) =>
      p.cccdCodes.map((c, i) => [c, i === 0 ? 60 : 40 / (p.cccdCodes.length - 1)] as const),
    );
  }

  /** Everything, batch by batch: one batch per CĐCS, then employers without a union in batches of 1,000. */
  *batches(): Generator<RegistryBatch> {
    for (const unit of this.tree.cdcs) yield this.forCdcs(unit);
    yield* this.employersWithoutUnion();
  }

  private forCdcs(unit: NationalUnit): RegistryBatch {
    const rng = this.rng;
    const sector = unit.sector!;
    const spec = this.tree.scale.provinces[unit.province]!;
    const parent = this.tree.units[unit.parentId! - 1]!;
    const area = parent.kind === 'commune' || parent.kind === 'industrial_zone' ? parent : rng.pick(this.tree.areas[unit.province]!);
    const womenShare = womenShareFor(rng, sector);
    const employer: NationalEmployer = {
      id: ++this.employerId,
      taxCode: this.taxCodes.next(),
      name: unit.name.replace(/^Công đoàn cơ sở /, ''),
      sector,
      industry: industryFor(rng, sector),
      provinceName: spec.place,
      communeName: area.kind === 'commune' ? area.name.replace(/^Công đoàn /, '') : null,
      areaUnitId: area.id,
      cdcsUnitId: unit.id,
      workers: unit.workers,
      womenWorkers: Math.round(unit.workers * womenShare),
    };
    const profile: NationalProfile = {
      unitId: unit.id,
      employerId: employer.id,
      foundedOn: unit.foundedOn,
      foundingDecision: `${rng.int(1, 450)}/QĐ-LĐLĐ`,
      chairName: personName(rng, rng.next() < 0.5 ? 'male' : 'female'),
    };
    // Members never exceed workers: the share of workers who joined depends on the sector.
    const rate = sector === 'hcsn' || sector === 'dnnn' ? 0.9 + rng.next() * 0.08 : 0.6 + rng.next() * 0.35;
    const count = Math.max(1, Math.min(unit.workers, Math.round(unit.workers * rate)));
    const batch: RegistryBatch = { employers: [employer], profiles: [profile], members: [], memberships: [], agreements: [] };
    for (let i = 0; i < count; i++) this.member(unit, spec.code, womenShare, batch);
    this.agreements(unit, employer, batch.agreements);
    return batch;
  }

  private member(unit: NationalUnit, provinceCode: string, womenShare: number, batch: RegistryBatch): void {
    const rng = this.rng;
    const id = ++this.memberId;
    const gender = rng.next() < womenShare ? 'female' : 'male';
    const birthYear = rng.int(1966, 2007);
    const birthDay = dayOf(`${birthYear}-01-01`) + rng.int(0, 364);
    const earliest = Math.max(addYearsDay(birthDay, 18), dayOf(unit.foundedOn));
    const joined = earliest >= TODAY ? TODAY : earliest + Math.floor(rng.next() * (TODAY - earliest));
    const roll = rng.next();
    let status: 'active' | 'left' = 'active';
    let leftOn: string | null = null;
    let leftReason: string | null = null;
    const since = Math.max(joined + 200, THREE_YEARS_AGO);
    const peers = this.tree.cdcsIdsByProvince[unit.province]!;
    if (roll < 0.05 && since < TODAY - 30 && peers.length > 1) {
      // Transferred in during the last three years from another CĐCS of the province.
      const moved = since + Math.floor(rng.next() * (TODAY - 30 - since));
      let from = rng.pick(peers);
      if (from === unit.id) from = peers[(peers.indexOf(from) + 1) % peers.length]!;
      batch.memberships.push({
        id: ++this.membershipId,
        memberId: id,
        unitId: from,
        validFrom: isoOfDay(joined),
        validTo: isoOfDay(moved),
        startReason: 'joined',
        endReason: 'transfer_out',
      });
      batch.memberships.push({
        id: ++this.membershipId,
        memberId: id,
        unitId: unit.id,
        validFrom: isoOfDay(moved),
        validTo: null,
        startReason: 'transfer_in',
        endReason: null,
      });
    } else if (roll < 0.1 && since < TODAY - 1) {
      const left = since + Math.floor(rng.next() * (TODAY - 1 - since));
      status = 'left';
      leftOn = isoOfDay(left);
      leftReason = rng.pick(LEFT_REASONS);
      batch.memberships.push({
        id: ++this.membershipId,
        memberId: id,
        unitId: unit.id,
        validFrom: isoOfDay(joined),
        validTo: leftOn,
        startReason: 'joined',
        endReason: 'left',
      });
    } else {
      batch.memberships.push({
        id: ++this.membershipId,
        memberId: id,
        unitId: unit.id,
        validFrom: isoOfDay(joined),
        validTo: null,
        startReason: 'joined',
        endReason: null,
      });
    }
    batch.members.push({
      id,
      fullName: personName(rng, gender),
      gender,
      birthDate: isoOfDay(birthDay),
      cccd: this.serials.next(rng.weighted(this.cccdWeights[unit.province]!), gender, birthYear),
      phone: `0${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
      ethnicity: rng.weighted(ETHNICITIES),
      cardNumber: `${provinceCode}${String(id).padStart(8, '0')}`,
      joinedOn: isoOfDay(joined),
      currentUnitId: unit.id,
      status,
      leftOn,
      leftReason,
    });
  }

  /** In force, expired and renewed: most renewed on expiry, some after a lapse, some never. */
  private agreements(unit: NationalUnit, employer: NationalEmployer, out: NationalAgreement[]): void {
    const rng = this.rng;
    if (rng.next() > { hcsn: 0.35, dnnn: 0.95, private: 0.6, fdi: 0.8 }[employer.sector]) return;
    const start = Math.max(dayOf(unit.foundedOn), dayOf('2019-01-01'));
    let effective = start + Math.floor(rng.next() * Math.max(1, dayOf('2025-06-30') - start));
    let renewsId: number | null = null;
    while (effective < TODAY) {
      const expires = addYearsDay(effective, rng.int(1, 3)) - 1;
      const quality = rng.weighted(QUALITY);
      const id = ++this.agreementId;
      out.push({
        id,
        employerId: employer.id,
        cdcsUnitId: unit.id,
        signedOn: isoOfDay(effective - rng.int(0, 20)),
        effectiveFrom: isoOfDay(effective),
        expiresOn: isoOfDay(expires),
        qualityClass: quality,
        betterThanLaw: quality === 'A' || (quality === 'B' && rng.next() < 0.6),
        renewsId,
      });
      const next = rng.next();
      if (next < 0.15) return;
      renewsId = id;
      effective = next < 0.8 ? expires + 1 : expires + rng.int(30, 300);
    }
  }

  private *employersWithoutUnion(): Generator<RegistryBatch> {
    const { scale } = this.tree;
    const total = Math.max(0, scale.employers - this.tree.cdcs.length);
    const perProvince = apportionByMembers(
      total,
      scale.provinces.map((p) => p.membersK),
    );
    let batch: NationalEmployer[] = [];
    for (let p = 0; p < perProvince.length; p++) {
      for (let i = 0; i < perProvince[p]!; i++) {
        batch.push(this.employerWithoutUnion(p));
        if (batch.length === 1000) {
          yield { employers: batch, profiles: [], members: [], memberships: [], agreements: [] };
          batch = [];
        }
      }
    }
    if (batch.length) yield { employers: batch, profiles: [], members: [], memberships: [], agreements: [] };
  }

  /** Mostly small (under 25 workers, where a CĐCS is not expected); about one in eight is larger and still has no union. */
  private employerWithoutUnion(province: number): NationalEmployer {
    const rng = this.rng;
    const area = rng.pick(this.tree.areas[province]!);
    const sector: Sector =
      area.kind === 'industrial_zone'
        ? rng.weighted([
            ['fdi', 50],
            ['private', 50],
          ])
        : 'private';
    const workers = rng.next() < 0.88 ? rng.int(1, 24) : Math.max(25, Math.round(workersFor(rng, sector, 2000) * 0.6));
    return {
      id: ++this.employerId,
      taxCode: this.taxCodes.next(),
      name: `${rng.pick(names.COMPANY_FORMS)} ${rng.pick(names.PRIVATE_INDUSTRIES)} ${rng.pick(names.BRAND_WORDS)}`,
      sector,
      industry: rng.pick(names.PRIVATE_INDUSTRIES),
      provinceName: this.tree.scale.provinces[province]!.place,
      communeName: area.kind === 'commune' ? area.name.replace(/^Công đoàn /, '') : null,
      areaUnitId: area.id,
      cdcsUnitId: null,
      workers,
      womenWorkers: Math.round(workers * (0.3 + rng.next() * 0.4)),
    };
  }
}

function apportionByMembers(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[0]! += total - parts.reduce((s, p) => s + p, 0);
  return parts;
}
