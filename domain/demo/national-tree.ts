import type { Sector, UnitKind } from '../org/org-unit.ts';
import { REFORM_DATE } from './demo-province.ts';
import { CENTRAL_SECTORS, COMMUNE_WORDS, CORPORATIONS, TAY_NINH_FIRST_COMMUNES, type ProvinceSpec } from './national-provinces.ts';
import type { ScaleSpec } from './national-scale.ts';
import { Random } from './random.ts';
import * as names from './vietnamese-names.ts';

/**
 * The organisation tree of a national-shaped dataset: the confederation, province unions,
 * central sector and corporation unions, commune and industrial-zone unions, and the CĐCS with
 * the size of their employer. Ids and ltree paths are assigned here (1, 2, 3… in order), so the
 * bulk loader can COPY units and placements without asking the database for ids.
 * ~135,000 units fit in memory; the registries (11 M members) are streamed from this tree.
 */
export interface NationalUnit {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  sector: Sector | null;
  parentId: number | null;
  path: string;
  depth: number;
  symbol: string;
  place: string | null;
  validFrom: string;
  /** Index in `scale.provinces` of the province the unit is in (its location, for central CĐCS). */
  province: number;
  /** CĐCS only: workers of its employer and when it was founded. */
  workers: number;
  foundedOn: string;
}

export interface NationalTree {
  seed: number;
  scale: ScaleSpec;
  units: NationalUnit[];
  /** Every CĐCS, in id order. */
  cdcs: NationalUnit[];
  /** Per province: its commune and industrial-zone unions (where employers without a union sit). */
  areas: NationalUnit[][];
  /** Per province: ids of its CĐCS (transfers move between CĐCS of one province). */
  cdcsIdsByProvince: number[][];
  provinceUnits: NationalUnit[];
}

type SectorMix = readonly (readonly [Sector, number])[];
const MIX: Record<'direct' | 'commune' | 'zone' | 'central' | 'corporation', SectorMix> = {
  direct: [
    ['hcsn', 80],
    ['dnnn', 20],
  ],
  commune: [
    ['hcsn', 55],
    ['dnnn', 2],
    ['private', 39],
    ['fdi', 4],
  ],
  zone: [
    ['private', 35],
    ['fdi', 65],
  ],
  central: [
    ['hcsn', 50],
    ['dnnn', 50],
  ],
  corporation: [['dnnn', 100]],
};

/** Log-normal workers per sector: many small public units, a long tail of very large FDI factories. */
const SIZE: Record<Sector, { median: number; sigma: number; min: number }> = {
  hcsn: { median: 20, sigma: 0.7, min: 5 },
  dnnn: { median: 130, sigma: 1.0, min: 10 },
  private: { median: 26, sigma: 1.1, min: 5 },
  fdi: { median: 275, sigma: 1.4, min: 20 },
};

export function workersFor(rng: Random, sector: Sector, max: number): number {
  const { median, sigma, min } = SIZE[sector];
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.min(max, Math.max(min, Math.round(median * Math.exp(sigma * z))));
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function dateBetween(rng: Random, fromYear: number, toYear: number): string {
  return `${rng.int(fromYear, toYear)}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
}

function enterpriseName(rng: Random, sector: Sector, place: string): string {
  if (sector === 'fdi') return `Công ty TNHH ${rng.pick(names.FDI_NAMES)} ${rng.pick(names.FDI_INDUSTRIES)} Việt Nam`;
  if (sector === 'private') return `${rng.pick(names.COMPANY_FORMS)} ${rng.pick(names.PRIVATE_INDUSTRIES)} ${rng.pick(names.BRAND_WORDS)}`;
  if (sector === 'hcsn')
    return rng.next() < 0.7
      ? `${rng.pick(names.SCHOOL_KINDS)} ${rng.pick(names.SCHOOL_NAMES)}`
      : `${rng.pick(names.PUBLIC_OFFICES)} ${place}`;
  return `Công ty ${rng.pick(['TNHH MTV', 'Cổ phần'])} ${rng.pick(names.PRIVATE_INDUSTRIES)} ${place}`;
}

/** Splits `total` into parts proportional to `weights` (largest remainders, so the sum is exact). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - parts.reduce((s, p) => s + p, 0);
  for (let k = 0; k < missing; k++) parts[order[k % order.length]![1]]!++;
  return parts;
}

class TreeBuilder {
  readonly units: NationalUnit[] = [];
  readonly cdcs: NationalUnit[] = [];

  add(
    parent: NationalUnit | null,
    u: Omit<NationalUnit, 'id' | 'parentId' | 'path' | 'depth' | 'workers' | 'foundedOn'> &
      Partial<Pick<NationalUnit, 'workers' | 'foundedOn'>>,
  ): NationalUnit {
    const id = this.units.length + 1;
    const unit: NationalUnit = {
      ...u,
      id,
      parentId: parent?.id ?? null,
      path: parent ? `${parent.path}.${id}` : String(id),
      depth: parent ? parent.depth + 1 : 0,
      workers: u.workers ?? 0,
      foundedOn: u.foundedOn ?? u.validFrom,
    };
    this.units.push(unit);
    if (unit.kind === 'grassroots') this.cdcs.push(unit);
    return unit;
  }

  grassroots(
    rng: Random,
    scale: ScaleSpec,
    parent: NationalUnit,
    code: string,
    sector: Sector,
    name: string,
    province: number,
  ): NationalUnit {
    const foundedOn = dateBetween(rng, 1990, 2025);
    return this.add(parent, {
      code,
      name: `Công đoàn cơ sở ${name}`,
      kind: 'grassroots',
      sector,
      symbol: 'CĐCS',
      place: null,
      // As in the demo province: a CĐCS founded before the reform is placed from its founding.
      validFrom: foundedOn < REFORM_DATE ? foundedOn : REFORM_DATE,
      province,
      workers: workersFor(rng, sector, scale.maxWorkers),
      foundedOn,
    });
  }
}

export function planNationalTree(scale: ScaleSpec, seed: number): NationalTree {
  const rng = new Random(seed).fork(`national-tree-${scale.name}`);
  const b = new TreeBuilder();
  const root = b.add(null, {
    code: 'TLD',
    name: 'Tổng Liên đoàn Lao động Việt Nam',
    kind: 'national',
    sector: null,
    symbol: 'TLĐ',
    place: 'Hà Nội',
    validFrom: '1929-07-28',
    province: -1,
  });
  const centralCount = (scale.centralSectors + scale.corporations) * scale.cdcsPerCentralUnion;
  const provinceWeights = scale.provinces.map(
    (p) => p.membersK / sum(scale.provinces.map((q) => q.membersK)) + p.communes / sum(scale.provinces.map((q) => q.communes)),
  );
  const perProvince = apportion(scale.cdcs - centralCount, provinceWeights);
  const areas: NationalUnit[][] = [];
  const provinceUnits: NationalUnit[] = [];
  scale.provinces.forEach((spec, index) => {
    const prng = rng.fork(spec.code);
    const province = b.add(root, {
      code: spec.code,
      name: `Liên đoàn Lao động ${spec.unionName}`,
      kind: 'province',
      sector: null,
      symbol: 'LĐLĐ',
      place: spec.place,
      validFrom: REFORM_DATE,
      province: index,
    });
    provinceUnits.push(province);
    areas.push(buildProvince(b, prng, scale, spec, index, province, perProvince[index]!));
  });
  const locationWeights = scale.provinces.map((p, i) => [i, p.membersK] as const);
  const central = [
    ...CENTRAL_SECTORS.slice(0, scale.centralSectors).map((c) => ({ ...c, kind: 'central_sector' as const, mix: MIX.central })),
    ...CORPORATIONS.slice(0, scale.corporations).map((c) => ({ ...c, kind: 'corporation' as const, mix: MIX.corporation })),
  ];
  for (const c of central) {
    const crng = rng.fork(c.code);
    const unit = b.add(root, {
      code: c.code,
      name: c.name,
      kind: c.kind,
      sector: null,
      symbol: 'CĐ',
      place: 'Hà Nội',
      validFrom: '1988-10-01',
      province: -1,
    });
    for (let i = 1; i <= scale.cdcsPerCentralUnion; i++) {
      const sector = crng.weighted(c.mix);
      const location = crng.weighted(locationWeights);
      b.grassroots(
        crng,
        scale,
        unit,
        `${c.code}-${pad(i, 4)}`,
        sector,
        enterpriseName(crng, sector, scale.provinces[location]!.place),
        location,
      );
    }
  }
  const cdcsIdsByProvince = scale.provinces.map(() => [] as number[]);
  for (const u of b.cdcs) cdcsIdsByProvince[u.province]!.push(u.id);
  return { seed, scale, units: b.units, cdcs: b.cdcs, areas, cdcsIdsByProvince, provinceUnits };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

function communeNames(rng: Random, spec: ProvinceSpec, count: number): string[] {
  const used = new Set<string>();
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    const known = spec.code === 'TNI' ? TAY_NINH_FIRST_COMMUNES[i] : undefined;
    let name = known ?? `${rng.next() < 0.35 ? 'phường' : 'xã'} ${rng.pick(COMMUNE_WORDS)}`;
    for (let n = 2; used.has(name); n++) name = `${name.replace(/ \d+$/, '')} ${n}`;
    used.add(name);
    result.push(name);
  }
  return result;
}

function buildProvince(
  b: TreeBuilder,
  rng: Random,
  scale: ScaleSpec,
  spec: ProvinceSpec,
  index: number,
  province: NationalUnit,
  cdcsCount: number,
): NationalUnit[] {
  const communes = scale.communesPerProvince ?? spec.communes;
  const direct = Math.max(2, Math.round(cdcsCount * 0.02));
  const zone = spec.industrial ? Math.round(cdcsCount * 0.12) : Math.round(cdcsCount * 0.02);
  const inCommunes = apportion(
    cdcsCount - direct - zone,
    Array.from({ length: communes }, () => 0.3 + rng.next()),
  );
  for (let i = 1; i <= direct; i++) {
    const sector = rng.weighted(MIX.direct);
    const name =
      sector === 'hcsn'
        ? `${rng.pick(names.PROVINCE_AGENCIES).replace('Tây Ninh', spec.place)} ${spec.place}`
        : enterpriseName(rng, sector, spec.place);
    b.grassroots(rng, scale, province, `${spec.code}-T${pad(i, 3)}`, sector, name, index);
  }
  const areas: NationalUnit[] = [];
  communeNames(rng, spec, communes).forEach((communeName, i) => {
    const code = `${spec.code}-${communeName.startsWith('phường') ? 'P' : 'X'}${pad(i + 1, 2)}`;
    const commune = b.add(province, {
      code,
      name: `Công đoàn ${communeName}`,
      kind: 'commune',
      sector: null,
      symbol: 'CĐ',
      place: spec.place,
      validFrom: REFORM_DATE,
      province: index,
    });
    areas.push(commune);
    const place = communeName.replace(/^(phường|xã) /, '');
    for (let k = 1; k <= inCommunes[i]!; k++) {
      const sector = rng.weighted(MIX.commune);
      b.grassroots(rng, scale, commune, `${code}-${pad(k, 4)}`, sector, enterpriseName(rng, sector, place), index);
    }
  });
  if (zone > 0) {
    const code = `${spec.code}-KCN`;
    const kcn = b.add(province, {
      code,
      name: `Công đoàn các Khu công nghiệp ${spec.unionName}`,
      kind: 'industrial_zone',
      sector: null,
      symbol: 'CĐKCN',
      place: spec.place,
      validFrom: REFORM_DATE,
      province: index,
    });
    areas.push(kcn);
    for (let k = 1; k <= zone; k++) {
      const sector = rng.weighted(MIX.zone);
      b.grassroots(rng, scale, kcn, `${code}-${pad(k, 4)}`, sector, enterpriseName(rng, sector, spec.place), index);
    }
  }
  return areas;
}
