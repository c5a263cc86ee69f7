import type { ColumnType, Generated } from 'kysely';
import type { Sector, UnitKind } from '../../domain/org/org-unit.ts';

/**
 * Kysely's view of the tables. Dates are ISO strings ('2025-07-01'): we register a pg type
 * parser so a DATE never turns into a JS Date shifted by the server's time zone.
 */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  sector: Sector | null;
  /** Abbreviation used in document numbers: "LĐLĐ", "CĐ". */
  symbol: string | null;
  /** Địa danh printed on documents: "Tây Ninh". */
  place: string | null;
  address: string | null;
  phone: string | null;
  email: string | null;
  valid_from: string;
  valid_to: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/**
 * Where a unit sits in the tree, and when. One row per interval: a move closes a row and opens
 * another, so the tree "as of" any date is the set of rows valid on that date. `path` is the
 * materialised path of unit ids (ltree) as it stood in that interval.
 */
export interface OrgPlacementTable {
  id: Generated<number>;
  unit_id: number;
  parent_id: number | null;
  path: string;
  depth: number;
  valid_from: string;
  valid_to: string | null;
}

export interface DB {
  org_unit: OrgUnitTable;
  org_placement: OrgPlacementTable;
}
