import type { NationalTree } from '../../domain/demo/national-tree.ts';
import type { RegistryBatch } from '../../domain/demo/national-registries.ts';

/**
 * The tables a national dataset fills, their columns in COPY order with PostgreSQL types (the
 * embedded fallback casts text arrays with them), and how a generated record becomes a row.
 * Ids come from the generator, so identity columns are written explicitly.
 */
export type Value = string | number | boolean | null;

export interface TableSpec {
  table: string;
  columns: readonly (readonly [name: string, type: string])[];
  /** Has an identity `id` whose sequence must be moved past the loaded ids. */
  identity: boolean;
}

export const TABLES = {
  org_unit: {
    table: 'org_unit',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['code', 'text'],
      ['name', 'text'],
      ['kind', 'text'],
      ['sector', 'text'],
      ['symbol', 'text'],
      ['place', 'text'],
      ['valid_from', 'date'],
    ],
  },
  org_placement: {
    table: 'org_placement',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['unit_id', 'bigint'],
      ['parent_id', 'bigint'],
      ['path', 'ltree'],
      ['depth', 'integer'],
      ['valid_from', 'date'],
    ],
  },
  employer: {
    table: 'employer',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['tax_code', 'text'],
      ['name', 'text'],
      ['sector', 'text'],
      ['industry', 'text'],
      ['province_name', 'text'],
      ['commune_name', 'text'],
      ['area_unit_id', 'bigint'],
      ['cdcs_unit_id', 'bigint'],
      ['workers', 'integer'],
      ['women_workers', 'integer'],
      ['workers_counted_on', 'date'],
    ],
  },
  grassroots_profile: {
    table: 'grassroots_profile',
    identity: false,
    columns: [
      ['unit_id', 'bigint'],
      ['employer_id', 'bigint'],
      ['founding_decision', 'text'],
      ['founded_on', 'date'],
      ['chair_name', 'text'],
    ],
  },
  member: {
    table: 'member',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['full_name', 'text'],
      ['gender', 'text'],
      ['birth_date', 'date'],
      ['cccd', 'text'],
      ['phone', 'text'],
      ['ethnicity', 'text'],
      ['card_number', 'text'],
      ['joined_on', 'date'],
      ['current_unit_id', 'bigint'],
      ['status', 'text'],
      ['left_on', 'date'],
      ['left_reason', 'text'],
    ],
  },
  membership: {
    table: 'membership',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['member_id', 'bigint'],
      ['unit_id', 'bigint'],
      ['valid_from', 'date'],
      ['valid_to', 'date'],
      ['start_reason', 'text'],
      ['end_reason', 'text'],
    ],
  },
  agreement: {
    table: 'agreement',
    identity: true,
    columns: [
      ['id', 'bigint'],
      ['employer_id', 'bigint'],
      ['cdcs_unit_id', 'bigint'],
      ['kind', 'text'],
      ['signed_on', 'date'],
      ['effective_from', 'date'],
      ['expires_on', 'date'],
      ['quality_class', 'text'],
      ['better_than_law', 'boolean'],
      ['renews_id', 'bigint'],
    ],
  },
} as const satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;
/** Load order for the embedded database (one connection): parents before children, for readability of a half-done load. */
export const TABLE_ORDER: readonly TableName[] = [
  'org_unit',
  'org_placement',
  'employer',
  'grassroots_profile',
  'member',
  'membership',
  'agreement',
];

/** The day worker counts are "as of" in the generated data. */
const COUNTED_ON = '2026-06-30';

export function* treeRows(tree: NationalTree): Generator<[TableName, Value[]]> {
  for (const u of tree.units) yield ['org_unit', [u.id, u.code, u.name, u.kind, u.sector, u.symbol, u.place, u.validFrom]];
  // One placement per unit, with the unit's id: the tree is as it stands today.
  for (const u of tree.units) yield ['org_placement', [u.id, u.id, u.parentId, u.path, u.depth, u.validFrom]];
}

export function* batchRows(b: RegistryBatch): Generator<[TableName, Value[]]> {
  for (const e of b.employers) {
    yield [
      'employer',
      [
        e.id,
        e.taxCode,
        e.name,
        e.sector,
        e.industry,
        e.provinceName,
        e.communeName,
        e.areaUnitId,
        e.cdcsUnitId,
        e.workers,
        e.womenWorkers,
        COUNTED_ON,
      ],
    ];
  }
  for (const p of b.profiles) yield ['grassroots_profile', [p.unitId, p.employerId, p.foundingDecision, p.foundedOn, p.chairName]];
  for (const m of b.members) {
    yield [
      'member',
      [
        m.id,
        m.fullName,
        m.gender,
        m.birthDate,
        m.cccd,
        m.phone,
        m.ethnicity,
        m.cardNumber,
        m.joinedOn,
        m.currentUnitId,
        m.status,
        m.leftOn,
        m.leftReason,
      ],
    ];
  }
  for (const h of b.memberships) yield ['membership', [h.id, h.memberId, h.unitId, h.validFrom, h.validTo, h.startReason, h.endReason]];
  for (const a of b.agreements) {
    yield [
      'agreement',
      [
        a.id,
        a.employerId,
        a.cdcsUnitId,
        'enterprise',
        a.signedOn,
        a.effectiveFrom,
        a.expiresOn,
        a.qualityClass,
        a.betterThanLaw,
        a.renewsId,
      ],
    ];
  }
}

/** One line of COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function copyLine(values: readonly Value[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) line += '\t';
    if (v === null || v === undefined) line += '\\N';
    else if (typeof v === 'boolean') line += v ? 't' : 'f';
    else if (typeof v === 'number') line += String(v);
    else line += /[\\\t\n\r]/.test(v) ? v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : v;
  }
  return `${line}\n`;
}

/** The inverse of copyLine for one field (the embedded fallback reads the spooled files back). */
export function parseCopyField(field: string): string | null {
  if (field === '\\N') return null;
  return field.includes('\\') ? field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c) : field;
}
