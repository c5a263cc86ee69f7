import type { Kysely } from 'kysely';
import { commonErrors, resolveAsOf } from '../http/common.errors.ts';
import { orgErrors } from './org.errors.ts';
import type { DB } from '../db/schema.ts';
import * as repo from './org.repository.ts';
import { presentRef, presentSummary } from './org.presenter.ts';
import type { OrgSearchResult, OrgUnitDetail, OrgUnitList } from './org.schema.ts';

export { resolveAsOf } from '../http/common.errors.ts';
export const unitNotFound = commonErrors.unitNotFound;

/** The part of the tree a caller may see: their unit and everything below it. */
export interface TreeScope {
  unitId: number;
}

/** Ancestors are shown from the caller's own unit down, never above it. */
function withinScope(ancestors: repo.PlacedUnitRow[], scope: TreeScope): repo.PlacedUnitRow[] {
  const start = ancestors.findIndex((a) => Number(a.id) === scope.unitId);
  return start === -1 ? [] : ancestors.slice(start);
}

export class OrgService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The caller's own unit is the root of the tree they see. */
  async roots(scope: TreeScope, asOfInput?: string): Promise<OrgUnitList> {
    const asOf = resolveAsOf(asOfInput);
    const root = await repo.findUnit(this.db, scope.unitId, asOf);
    return { asOf, items: root ? [presentSummary(root)] : [] };
  }

  async children(id: number, asOfInput?: string): Promise<OrgUnitList> {
    const asOf = resolveAsOf(asOfInput);
    if (!(await repo.findUnit(this.db, id, asOf))) throw unitNotFound();
    return { asOf, items: (await repo.listChildren(this.db, id, asOf)).map(presentSummary) };
  }

  async ancestors(scope: TreeScope, id: number, asOfInput?: string): Promise<OrgUnitList> {
    const asOf = resolveAsOf(asOfInput);
    const unit = await repo.findUnit(this.db, id, asOf);
    if (!unit) throw unitNotFound();
    return { asOf, items: withinScope(await repo.listAncestors(this.db, unit, asOf), scope).map(presentSummary) };
  }

  async detail(scope: TreeScope, id: number, asOfInput?: string): Promise<OrgUnitDetail> {
    const asOf = resolveAsOf(asOfInput);
    const unit = await repo.findUnit(this.db, id, asOf);
    if (!unit) throw unitNotFound();
    const [ancestors, descendantsByKind] = await Promise.all([
      repo.listAncestors(this.db, unit, asOf),
      repo.countSubtreeByKind(this.db, unit.path, asOf),
    ]);
    return {
      ...presentSummary(unit),
      shortName: unit.short_name,
      symbol: unit.symbol,
      place: unit.place,
      address: unit.address,
      phone: unit.phone,
      email: unit.email,
      validFrom: unit.valid_from,
      validTo: unit.valid_to,
      asOf,
      ancestors: withinScope(ancestors, scope).map(presentRef),
      descendantsByKind,
    };
  }

  async search(scope: TreeScope, input: { q: string; asOf?: string; under?: number; limit?: number }): Promise<OrgSearchResult> {
    const asOf = resolveAsOf(input.asOf);
    const words = input.q
      .normalize('NFC')
      .trim()
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .slice(0, 10);
    if (words.join('').length < 2) throw orgErrors.searchTooShort();
    // Always searched inside a subtree: the one asked for (already checked to be in scope by
    // the route guard) or the caller's own.
    const root = await repo.findUnit(this.db, input.under ?? scope.unitId, asOf);
    if (!root) {
      if (input.under !== undefined) throw unitNotFound();
      return { asOf, items: [] };
    }
    const rows = await repo.searchUnits(this.db, { words, asOf, underPath: root.path, limit: input.limit ?? 20 });
    // One query for every hit's ancestors, not one per hit.
    const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('.').slice(0, -1).map(Number)))];
    const byId = new Map((await repo.findUnits(this.db, ancestorIds, asOf)).map((r) => [Number(r.id), r]));
    return {
      asOf,
      items: rows.map((row) => ({
        ...presentSummary(row),
        ancestors: withinScope(
          row.path
            .split('.')
            .slice(0, -1)
            .map((id) => byId.get(Number(id)))
            .filter((r): r is repo.PlacedUnitRow => !!r),
          scope,
        ).map(presentRef),
      })),
    };
  }
}
