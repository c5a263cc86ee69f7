/**
 * The organisation of Công đoàn Việt Nam as the product models it (docs/domain.md §1).
 * Pure data and rules: no I/O. Codes are English (stable in the database and the API);
 * labels are what a union officer reads.
 */

export const UNIT_KINDS = [
  'national',
  'province',
  'central_sector',
  'corporation',
  'commune',
  'industrial_zone',
  'local_sector',
  'district',
  'grassroots',
  'sub_unit',
  'union_group',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  national: 'Tổng Liên đoàn Lao động Việt Nam',
  province: 'Liên đoàn Lao động tỉnh, thành phố',
  central_sector: 'Công đoàn ngành Trung ương',
  corporation: 'Công đoàn tập đoàn, tổng công ty',
  commune: 'Công đoàn xã, phường, đặc khu',
  industrial_zone: 'Công đoàn khu công nghiệp, khu kinh tế',
  local_sector: 'Công đoàn ngành địa phương',
  district: 'Liên đoàn Lao động huyện (trước 7/2025)',
  grassroots: 'Công đoàn cơ sở',
  sub_unit: 'Công đoàn bộ phận, CĐCS thành viên',
  union_group: 'Tổ công đoàn',
};

/** Level in the four-level structure (Luật Công đoàn 2024, Điều 8); 5 = inside a CĐCS. */
export const UNIT_KIND_LEVEL: Record<UnitKind, 1 | 2 | 3 | 4 | 5> = {
  national: 1,
  province: 2,
  central_sector: 2,
  corporation: 2,
  commune: 3,
  industrial_zone: 3,
  local_sector: 3,
  district: 3,
  grassroots: 4,
  sub_unit: 5,
  union_group: 5,
};

export const SECTORS = ['hcsn', 'dnnn', 'private', 'fdi'] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  hcsn: 'Hành chính sự nghiệp',
  dnnn: 'Doanh nghiệp nhà nước',
  private: 'Doanh nghiệp ngoài nhà nước',
  fdi: 'Doanh nghiệp có vốn đầu tư nước ngoài',
};

/** "Khu vực nhà nước" = HCSN + DNNN; "ngoài khu vực nhà nước" = private + FDI. */
export const STATE_SECTORS: readonly Sector[] = ['hcsn', 'dnnn'];
export const NON_STATE_SECTORS: readonly Sector[] = ['private', 'fdi'];

export function isUnitKind(value: string): value is UnitKind {
  return (UNIT_KINDS as readonly string[]).includes(value);
}

export function isSector(value: string): value is Sector {
  return (SECTORS as readonly string[]).includes(value);
}

/**
 * Which kinds may sit directly under which. Deliberately permissive where real life is
 * (a CĐCS may sit directly under a province union after the district level was dissolved,
 * or under a central sector union), strict where a mistake would corrupt roll-ups
 * (nothing sits under a union group; a province never sits under a commune).
 */
const ALLOWED_CHILDREN: Record<UnitKind, readonly UnitKind[]> = {
  national: ['province', 'central_sector', 'corporation'],
  province: ['commune', 'industrial_zone', 'local_sector', 'district', 'grassroots'],
  central_sector: ['corporation', 'local_sector', 'grassroots'],
  corporation: ['grassroots'],
  commune: ['grassroots'],
  industrial_zone: ['grassroots'],
  local_sector: ['grassroots'],
  district: ['grassroots'],
  grassroots: ['sub_unit', 'union_group'],
  sub_unit: ['union_group'],
  union_group: [],
};

export function canBeChildOf(child: UnitKind, parent: UnitKind): boolean {
  return ALLOWED_CHILDREN[parent].includes(child);
}

/** Sector is a property of grassroots-level units (the employer's sector); upper levels have none. */
export function kindHasSector(kind: UnitKind): boolean {
  return UNIT_KIND_LEVEL[kind] >= 4;
}
