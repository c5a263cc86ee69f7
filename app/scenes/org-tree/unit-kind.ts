/**
 * Short tags for the tree rows (the full Vietnamese labels come from the server and show in a
 * tooltip). Colours separate the levels at a glance and stay muted.
 */
export interface KindTag {
  text: string;
  color: string;
}

const KIND_TAGS: Record<string, KindTag> = {
  national: { text: 'TLĐ', color: 'red' },
  province: { text: 'Tỉnh', color: 'volcano' },
  central_sector: { text: 'Ngành TW', color: 'volcano' },
  corporation: { text: 'Tập đoàn', color: 'volcano' },
  commune: { text: 'Xã/phường', color: 'blue' },
  industrial_zone: { text: 'KCN', color: 'geekblue' },
  local_sector: { text: 'Ngành ĐP', color: 'blue' },
  district: { text: 'Huyện (cũ)', color: 'default' },
  grassroots: { text: 'CĐCS', color: 'green' },
  sub_unit: { text: 'CĐ bộ phận', color: 'cyan' },
  union_group: { text: 'Tổ CĐ', color: 'cyan' },
};

const SECTOR_TAGS: Record<string, string> = {
  hcsn: 'HCSN',
  dnnn: 'DNNN',
  private: 'Ngoài NN',
  fdi: 'FDI',
};

export function kindTag(kind: string): KindTag {
  return KIND_TAGS[kind] ?? { text: kind, color: 'default' };
}

export function sectorTag(sector: string | null): string | undefined {
  return sector ? (SECTOR_TAGS[sector] ?? sector) : undefined;
}
