import { isSector, SECTOR_LABELS, UNIT_KIND_LABELS, UNIT_KIND_LEVEL } from '../../domain/org/org-unit.ts';
import type { PlacedUnitRow } from './org.repository.ts';
import type { OrgUnitSummary, UnitRef } from './org.schema.ts';

/** Rows never leave the server as they are: this is the one place they become wire shapes. */
export function presentSummary(row: PlacedUnitRow): OrgUnitSummary {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    kind: row.kind,
    kindLabel: UNIT_KIND_LABELS[row.kind],
    level: UNIT_KIND_LEVEL[row.kind],
    sector: row.sector,
    sectorLabel: row.sector && isSector(row.sector) ? SECTOR_LABELS[row.sector] : null,
    parentId: row.parent_id === null ? null : Number(row.parent_id),
    depth: row.depth,
    childCount: Number(row.child_count),
  };
}

export function presentRef(row: PlacedUnitRow): UnitRef {
  return { id: Number(row.id), code: row.code, name: row.name, kind: row.kind };
}
