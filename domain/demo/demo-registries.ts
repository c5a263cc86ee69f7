import type { Sector } from '../org/org-unit.ts';
import { composeCccd, taxCheckDigit } from '../registry/identity-codes.ts';
import type { DemoProvince, DemoUnit } from './demo-province.ts';
import { ETHNICITIES, personName } from './person-names.ts';
import { Random } from './random.ts';
import * as names from './vietnamese-names.ts';

/**
 * Registries of the demo province: an employer behind every CĐCS (and enterprises without a
 * union, which targets count too), members with joining dates, transfers and departures, and
 * collective agreements in force, expired and renewed. Deterministic for the province's seed.
 * Sizes follow the sector: public units are small, FDI factories large, with a long tail.
 */
export interface DemoEmployer {
  taxCode: string;
  name: string;
  sector: Sector;
  industry: string;
  areaCode: string;
  cdcsCode: string | null;
  workers: number;
  womenWorkers: number;
}

export interface DemoMember {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  cccd: string;
  phone: string;
  ethnicity: string;
  cardNumber: string;
  joinedOn: string;
  /** Where the member is, in order: [cdcsCode, from, to|null, startReason, endReason|null]. */
  history: [string, string, string | null, 'joined' | 'transfer_in', 'transfer_out' | 'left' | null][];
  leftOn: string | null;
  leftReason: string | null;
}

export interface DemoAgreement {
  cdcsCode: string;
  employerTaxCode: string;
  signedOn: string;
  effectiveFrom: string;
  expiresOn: string;
  endedOn: string | null;
  qualityClass: 'A' | 'B' | 'C' | 'D';
  betterThanLaw: boolean;
  /** Index in the agreements list of the one this renews. */
  renews: number | null;
}

export interface DemoRegistries {
  employers: DemoEmployer[];
  members: DemoMember[];
  agreements: DemoAgreement[];
  profiles: { cdcsCode: string; employerTaxCode: string; foundedOn: string; foundingDecision: string; chairName: string }[];
}

/** The day the demo data describes: history runs up to here. */
export const DEMO_TODAY = '2026-11-15';

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
function randomDay(rng: Random, from: string, to: string): string {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return new Date(a + Math.floor((rng.next() * (b - a)) / 86400_000) * 86400_000).toISOString().slice(0, 10);
}
const addDays = (day: string, n: number) => new Date(Date.parse(day) + n * 86400_000).toISOString().slice(0, 10);
const addYears = (day: string, n: number) => `${Number(day.slice(0, 4)) + n}${day.slice(4)}`;

function workersFor(rng: Random, sector: Sector): number {
  // Log-normal-ish: many small units, a few very large (an FDI shoe factory can have thousands).
  const base = { hcsn: 22, dnnn: 180, private: 45, fdi: 170 }[sector];
  const spread = { hcsn: 0.6, dnnn: 0.8, private: 1.0, fdi: 1.1 }[sector];
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.max(sector === 'hcsn' ? 5 : 8, Math.round(base * Math.exp(spread * z - (spread * spread) / 2)));
}

/** The share of women among a CĐCS employer's workers: most in FDI factories, fewest in private firms. */
export function womenShareFor(rng: Random, sector: Sector): number {
  return sector === 'fdi' ? 0.55 + rng.next() * 0.3 : sector === 'hcsn' ? 0.5 + rng.next() * 0.3 : 0.3 + rng.next() * 0.4;
}

/** A CĐCS employer's industry, as its sector makes likely. */
export function industryFor(rng: Random, sector: Sector): string {
  if (sector === 'hcsn') return 'Hành chính, sự nghiệp';
  return sector === 'fdi' ? rng.pick(names.FDI_INDUSTRIES) : rng.pick(names.PRIVATE_INDUSTRIES);
}

class TaxCodes {
  private n = 0;
  constructor(private readonly prefix: string) {}
  next(): string {
    for (;;) {
      const first9 = `${this.prefix}${String(++this.n).padStart(9 - this.prefix.length, '0')}`;
      const check = taxCheckDigit(first9);
      if (check !== null) return `${first9}${check}`;
    }
  }
}

export function generateDemoRegistries(province: DemoProvince): DemoRegistries {
  const rng = new Random(province.seed).fork('registries');
  const taxCodes = new TaxCodes('39');
  const cdcs = province.units.filter((u) => u.kind === 'grassroots');
  const employers: DemoEmployer[] = [];
  const members: DemoMember[] = [];
  const agreements: DemoAgreement[] = [];
  const profiles: DemoRegistries['profiles'] = [];
  let serial = 0;

  for (const unit of cdcs) {
    const sector = unit.sector!;
    const workers = workersFor(rng, sector);
    const womenShare = womenShareFor(rng, sector);
    const employer: DemoEmployer = {
      taxCode: taxCodes.next(),
      name: unit.name.replace(/^Công đoàn (cơ sở )?/, ''),
      sector,
      industry: industryFor(rng, sector),
      areaCode: unit.parentCode!,
      cdcsCode: unit.code,
      workers,
      womenWorkers: Math.round(workers * womenShare),
    };
    employers.push(employer);
    profiles.push({
      cdcsCode: unit.code,
      employerTaxCode: employer.taxCode,
      foundedOn: unit.foundedOn,
      foundingDecision: `${rng.int(1, 450)}/QĐ-LĐLĐ`,
      chairName: personName(rng, rng.next() < 0.5 ? 'male' : 'female'),
    });
    const memberCount = Math.max(1, Math.round(workers * (sector === 'hcsn' || sector === 'dnnn' ? 0.97 : 0.78 + rng.next() * 0.17)));
    for (let i = 0; i < memberCount; i++) members.push(demoMember(rng, unit, cdcs, employer, ++serial));
    addAgreements(rng, unit, employer, agreements);
  }
  // Enterprises with no union yet: what "100% of enterprises with 25+ workers have a CĐCS" is measured against.
  const areas = province.units.filter((u) => u.kind === 'commune' || u.kind === 'industrial_zone');
  for (let i = 0; i < 260; i++) {
    const area = rng.pick(areas);
    const sector: Sector =
      area.kind === 'industrial_zone'
        ? rng.weighted([
            ['fdi', 55],
            ['private', 45],
          ])
        : 'private';
    const workers = Math.max(3, Math.round(workersFor(rng, sector) * 0.5));
    employers.push({
      taxCode: taxCodes.next(),
      name: `${rng.pick(names.COMPANY_FORMS)} ${rng.pick(names.PRIVATE_INDUSTRIES)} ${rng.pick(names.BRAND_WORDS)} ${area.name.replace(/^Công đoàn (các )?/, '').replace(/^(phường|xã) /, '')}`,
      sector,
      industry: rng.pick(names.PRIVATE_INDUSTRIES),
      areaCode: area.code,
      cdcsCode: null,
      workers,
      womenWorkers: Math.round(workers * (0.3 + rng.next() * 0.4)),
    });
  }
  return { employers, members, agreements, profiles };
}

function demoMember(rng: Random, unit: DemoUnit, all: DemoUnit[], employer: DemoEmployer, serial: number): DemoMember {
  const gender: 'male' | 'female' = rng.next() < employer.womenWorkers / Math.max(1, employer.workers) ? 'female' : 'male';
  const birthYear = rng.int(1966, 2006);
  const birthDate = iso(birthYear, rng.int(1, 12), rng.int(1, 28));
  const earliest = [addYears(birthDate, 18), unit.foundedOn].sort().at(-1)!;
  const joinedOn = earliest >= DEMO_TODAY ? DEMO_TODAY : randomDay(rng, earliest, DEMO_TODAY);
  const history: DemoMember['history'] = [];
  let leftOn: string | null = null;
  let leftReason: string | null = null;
  const roll = rng.next();
  const daysIn = (Date.parse(DEMO_TODAY) - Date.parse(joinedOn)) / 86400_000;
  if (roll < 0.05 && daysIn > 400) {
    // Came from another CĐCS of the province three years ago or less.
    const from = rng.pick(all);
    const movedOn = randomDay(rng, addDays(joinedOn, 200), addDays(DEMO_TODAY, -30));
    history.push([from.code === unit.code ? all[0]!.code : from.code, joinedOn, movedOn, 'joined', 'transfer_out']);
    history.push([unit.code, movedOn, null, 'transfer_in', null]);
  } else if (roll < 0.11 && daysIn > 400) {
    leftOn = randomDay(rng, '2023-01-01' > joinedOn ? '2023-01-01' : addDays(joinedOn, 200), addDays(DEMO_TODAY, -1));
    leftReason = rng.pick(['Nghỉ việc', 'Chuyển công tác ngoài tỉnh', 'Nghỉ hưu', 'Chấm dứt hợp đồng lao động']);
    history.push([unit.code, joinedOn, leftOn, 'joined', 'left']);
  } else {
    history.push([unit.code, joinedOn, null, 'joined', null]);
  }
  return {
    fullName: personName(rng, gender),
    gender,
    birthDate,
    cccd: composeCccd(rng.next() < 0.6 ? '072' : '080', gender, birthYear, serial),
    phone: `0${rng.pick(['90', '91', '93', '94', '96', '97', '98', '86', '88', '70', '76', '77', '78', '79', '81', '83', '84', '85'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`,
    ethnicity: rng.weighted(ETHNICITIES),
    cardNumber: `TN${String(serial).padStart(7, '0')}`,
    joinedOn,
    history,
    leftOn,
    leftReason,
  };
}

function addAgreements(rng: Random, unit: DemoUnit, employer: DemoEmployer, agreements: DemoAgreement[]): void {
  const chance = { hcsn: 0.35, dnnn: 0.95, private: 0.6, fdi: 0.8 }[employer.sector];
  if (rng.next() > chance) return;
  let effectiveFrom = randomDay(rng, unit.foundedOn > '2019-01-01' ? unit.foundedOn : '2019-01-01', '2025-06-30');
  let renews: number | null = null;
  while (effectiveFrom < DEMO_TODAY) {
    const years = rng.int(1, 3);
    const signedOn = addDays(effectiveFrom, -rng.int(0, 20));
    const expiresOn = addDays(addYears(effectiveFrom, years), -1);
    const quality = rng.weighted([
      ['A', 12],
      ['B', 38],
      ['C', 35],
      ['D', 15],
    ] as const);
    agreements.push({
      cdcsCode: unit.code,
      employerTaxCode: employer.taxCode,
      signedOn,
      effectiveFrom,
      expiresOn,
      endedOn: null,
      qualityClass: quality,
      betterThanLaw: quality === 'A' || (quality === 'B' && rng.next() < 0.6),
      renews,
    });
    // Most are renewed on expiry; some lapse for a while; some are not renewed at all.
    const next = rng.next();
    if (next < 0.15) return;
    renews = agreements.length - 1;
    effectiveFrom = next < 0.8 ? addDays(expiresOn, 1) : addDays(expiresOn, rng.int(30, 300));
  }
}
