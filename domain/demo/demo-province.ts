import type { Sector, UnitKind } from '../org/org-unit.ts';
import { Random } from './random.ts';
import * as names from './vietnamese-names.ts';

/**
 * The demo province: Tây Ninh after the 1 July 2025 reform (Long An merged into it), with the
 * national confederation above it, 11 commune/ward unions, the industrial-zone union and about
 * 900 grassroots unions across the four sectors. Deterministic for a seed.
 *
 * The generator returns plain records keyed by code; loaders insert them. Later registries
 * (employers, members, agreements) hang their own generators off the same units and seed.
 */
export const REFORM_DATE = '2025-07-01';

export interface DemoUnit {
  code: string;
  name: string;
  kind: UnitKind;
  sector: Sector | null;
  parentCode: string | null;
  symbol: string | null;
  place: string | null;
  /** When the unit itself came into being (the founding decision). */
  foundedOn: string;
  /** When it took its current place in the tree. */
  placedOn: string;
}

export interface DemoProvince {
  seed: number;
  provinceCode: string;
  units: DemoUnit[];
}

const COMMUNES: readonly { code: string; name: string; cdcs: number }[] = [
  { code: 'P01', name: 'phường Tân Ninh', cdcs: 62 },
  { code: 'P02', name: 'phường Bình Minh', cdcs: 48 },
  { code: 'P03', name: 'phường Long Hoa', cdcs: 52 },
  { code: 'P04', name: 'phường Hòa Thành', cdcs: 55 },
  { code: 'P05', name: 'phường Trảng Bàng', cdcs: 58 },
  { code: 'P06', name: 'phường Gò Dầu', cdcs: 50 },
  { code: 'X07', name: 'xã Dương Minh Châu', cdcs: 54 },
  { code: 'X08', name: 'xã Tân Biên', cdcs: 46 },
  { code: 'X09', name: 'xã Tân Châu', cdcs: 49 },
  { code: 'P10', name: 'phường Long An', cdcs: 63 },
  { code: 'P11', name: 'phường Tân An', cdcs: 60 },
];

const KCN = { code: 'KCN', name: 'Công đoàn các Khu công nghiệp tỉnh Tây Ninh', cdcs: 262 };

function randomDate(rng: Random, fromYear: number, toYear: number): string {
  const y = rng.int(fromYear, toYear);
  const m = rng.int(1, 12);
  const d = rng.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Keeps names unique inside the province, as the registry will require of employers. */
class NameBook {
  private readonly used = new Set<string>();
  take(make: () => string): string {
    for (let i = 0; i < 20; i++) {
      const name = make();
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (this.used.has(`${base} ${n}`)) n++;
    this.used.add(`${base} ${n}`);
    return `${base} ${n}`;
  }
}

function enterpriseName(rng: Random, sector: Sector, place: string): string {
  if (sector === 'fdi') {
    const foreign = rng.pick(names.FDI_NAMES);
    return rng.next() < 0.5 ? `Công ty TNHH ${foreign} Vina` : `Công ty TNHH ${foreign} ${rng.pick(names.FDI_INDUSTRIES)} Việt Nam`;
  }
  if (sector === 'private') {
    return `${rng.pick(names.COMPANY_FORMS)} ${rng.pick(names.PRIVATE_INDUSTRIES)} ${rng.pick(names.BRAND_WORDS)}`;
  }
  if (sector === 'hcsn') {
    return rng.next() < 0.7
      ? `${rng.pick(names.SCHOOL_KINDS)} ${rng.pick(names.SCHOOL_NAMES)}`
      : `${rng.pick(names.PUBLIC_OFFICES)} ${place}`;
  }
  return `${rng.pick(names.STATE_ENTERPRISES)}`;
}

function grassroots(
  rng: Random,
  book: NameBook,
  parentCode: string,
  count: number,
  place: string,
  sectors: readonly (readonly [Sector, number])[],
): DemoUnit[] {
  const units: DemoUnit[] = [];
  for (let i = 1; i <= count; i++) {
    const sector = rng.weighted(sectors);
    const name = book.take(() => `Công đoàn cơ sở ${enterpriseName(rng, sector, place)}`);
    units.push({
      code: `${parentCode}-${String(i).padStart(4, '0')}`,
      name,
      kind: 'grassroots',
      sector,
      parentCode,
      symbol: 'CĐCS',
      place: null,
      foundedOn: randomDate(rng, 1995, 2025),
      placedOn: REFORM_DATE,
    });
  }
  return units;
}

export function generateDemoProvince(seed = 2025): DemoProvince {
  const rng = new Random(seed);
  const book = new NameBook();
  const province = 'TNI';
  const units: DemoUnit[] = [
    {
      code: 'TLD',
      name: 'Tổng Liên đoàn Lao động Việt Nam',
      kind: 'national',
      sector: null,
      parentCode: null,
      symbol: 'TLĐ',
      place: 'Hà Nội',
      foundedOn: '1929-07-28',
      placedOn: '1929-07-28',
    },
    {
      code: province,
      name: 'Liên đoàn Lao động tỉnh Tây Ninh',
      kind: 'province',
      sector: null,
      parentCode: 'TLD',
      symbol: 'LĐLĐ',
      place: 'Tây Ninh',
      foundedOn: REFORM_DATE,
      placedOn: REFORM_DATE,
    },
  ];

  const direct = rng.fork('direct');
  for (const [i, agency] of names.PROVINCE_AGENCIES.entries()) {
    units.push({
      code: `${province}-T${String(i + 1).padStart(3, '0')}`,
      name: book.take(() => `Công đoàn ${agency}`),
      kind: 'grassroots',
      sector: 'hcsn',
      parentCode: province,
      symbol: 'CĐCS',
      place: null,
      foundedOn: randomDate(direct, 1976, 2010),
      placedOn: REFORM_DATE,
    });
  }
  for (const [i, enterprise] of names.STATE_ENTERPRISES.entries()) {
    units.push({
      code: `${province}-N${String(i + 1).padStart(3, '0')}`,
      name: book.take(() => `Công đoàn cơ sở ${enterprise}`),
      kind: 'grassroots',
      sector: 'dnnn',
      parentCode: province,
      symbol: 'CĐCS',
      place: null,
      foundedOn: randomDate(direct, 1980, 2010),
      placedOn: REFORM_DATE,
    });
  }

  for (const commune of COMMUNES) {
    const code = `${province}-${commune.code}`;
    units.push({
      code,
      name: `Công đoàn ${commune.name}`,
      kind: 'commune',
      sector: null,
      parentCode: province,
      symbol: 'CĐ',
      place: 'Tây Ninh',
      foundedOn: REFORM_DATE,
      placedOn: REFORM_DATE,
    });
    const place = commune.name.replace(/^(phường|xã) /, '');
    units.push(
      ...grassroots(rng.fork(code), book, code, commune.cdcs, place, [
        ['hcsn', 62],
        ['dnnn', 2],
        ['private', 32],
        ['fdi', 4],
      ]),
    );
  }

  const kcnCode = `${province}-${KCN.code}`;
  units.push({
    code: kcnCode,
    name: KCN.name,
    kind: 'industrial_zone',
    sector: null,
    parentCode: province,
    symbol: 'CĐKCN',
    place: 'Tây Ninh',
    foundedOn: '2004-03-15',
    placedOn: REFORM_DATE,
  });
  units.push(
    ...grassroots(rng.fork(kcnCode), book, kcnCode, KCN.cdcs, 'Tây Ninh', [
      ['private', 35],
      ['fdi', 65],
    ]),
  );

  return { seed, provinceCode: province, units };
}
